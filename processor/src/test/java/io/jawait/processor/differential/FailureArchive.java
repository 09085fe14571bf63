package io.jawait.processor.differential;

import io.jawait.processor.differential.DifferentialRunner.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes failing programs to a folder so they can be read and rerun: {@code <Class>.java} (a
 * program with a {@code main} that prints its log), {@code <Class>.txt} (the verdict: both logs,
 * their first difference, or the processor's diagnostics) and, when shrunk,
 * {@code min/<Class>.java} and {@code min/<Class>.txt}. {@code Harness.java} is the class every
 * program extends, and {@code reference/} holds the reference runtime's sources; TESTING.md shows
 * the javac commands that rebuild both versions of a program.
 */
final class FailureArchive {
    private final Path folder;

    FailureArchive(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    void write(Verdict verdict) {
        write(folder, verdict);
    }

    void writeReduced(Verdict reduced) {
        write(folder.resolve("min"), reduced);
    }

    private void write(Path dir, Verdict v) {
        try {
            Files.createDirectories(dir);
            writeReferenceRuntime();
            String name = v.program().className();
            Files.writeString(dir.resolve(name + ".java"), v.program().source());
            Files.writeString(dir.resolve(name + ".txt"), describe(v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeReferenceRuntime() throws IOException {
        Files.writeString(folder.resolve(ProgramHarness.CLASS_NAME + ".java"), ProgramHarness.source());
        for (Map.Entry<String, String> e : ReferenceRuntime.sources().entrySet()) {
            Path file = folder.resolve("reference").resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
    }

    /** What went wrong, for a report or an assertion message. */
    static String describe(Verdict v) {
        StringBuilder sb = new StringBuilder();
        sb.append(v.outcome()).append(": program ").append(v.program().className()).append(" (seed ")
                .append(v.program().seed()).append(", ").append(v.program().tree().statementCount())
                .append(" statements)\n");
        switch (v.outcome()) {
            case MISMATCH -> {
                sb.append(firstDifference(v.expected(), v.actual()));
                sb.append("\n--- reference (blocking await) log ---\n").append(v.expected());
                sb.append("\n--- processed log ---\n").append(v.actual()).append('\n');
            }
            case PROCESSOR_FAILURE, INVALID_PROGRAM -> sb.append(v.actual());
            case SAME -> sb.append("same log:\n").append(v.expected()).append('\n');
        }
        return sb.toString();
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                return "first difference at log line " + (i + 1) + ": expected [" + el + "] but was [" + al + "]";
            }
        }
        return "no difference";
    }
}
