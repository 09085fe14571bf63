package io.jawait.benchmarks.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Python peers ship as resources; python3 needs them as files. */
final class PythonScripts {
    private PythonScripts() {
    }

    static Path extract(String name, Path dir) {
        try (InputStream in = PythonScripts.class.getResourceAsStream("/io/jawait/benchmarks/python/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Path file = Files.createDirectories(dir).resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
