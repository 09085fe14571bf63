package io.jawait.benchmarks.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic project of {@code classes × methodsPerClass} {@code @Async} methods, each with
 * the statement forms real code has around awaits (a loop, an if, a try/catch, several awaits and
 * locals that live across them), for the compile-time benchmark. The same sources compile without
 * the processor too (await is then an ordinary method call).
 */
public final class GeneratedProject {
    private GeneratedProject() {
    }

    /** Writes the sources under {@code dir}/gen and returns their paths. */
    public static List<Path> write(Path dir, int classes, int methodsPerClass) {
        List<Path> files = new ArrayList<>();
        try {
            Path pkg = Files.createDirectories(dir.resolve("gen"));
            for (int c = 0; c < classes; c++) {
                Path file = pkg.resolve("Service" + c + ".java");
                Files.writeString(file, source(c, methodsPerClass));
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String source(int c, int methods) {
        StringBuilder s = new StringBuilder();
        s.append("package gen;\n\n")
                .append("import static io.jawait.Tasks.await;\n")
                .append("import static io.jawait.Tasks.sleep;\n\n")
                .append("import io.jawait.Async;\n")
                .append("import io.jawait.Task;\n")
                .append("import java.util.ArrayList;\n")
                .append("import java.util.List;\n\n")
                .append("public class Service").append(c).append(" {\n")
                .append("    private final List<String> log = new ArrayList<>();\n\n")
                .append("    @Async\n")
                .append("    Task<Integer> op0(int x) {\n")
                .append("        await(sleep(0));\n")
                .append("        return Task.of(x);\n")
                .append("    }\n");
        for (int m = 1; m < methods; m++) {
            s.append('\n')
                    .append("    @Async\n")
                    .append("    Task<Integer> op").append(m).append("(int x) {\n")
                    .append("        int total = 0;\n")
                    .append("        String label = \"op").append(m).append(":\" + x;\n")
                    .append("        for (int i = 0; i < x % 4; i++) {\n")
                    .append("            total += await(op").append(m - 1).append("(i));\n")
                    .append("            log.add(label + i);\n")
                    .append("        }\n")
                    .append("        if (total > ").append(m).append(") {\n")
                    .append("            await(sleep(1));\n")
                    .append("        } else {\n")
                    .append("            total -= x;\n")
                    .append("        }\n")
                    .append("        try {\n")
                    .append("            total += await(op0(total));\n")
                    .append("        } catch (IllegalStateException e) {\n")
                    .append("            log.add(e.getMessage());\n")
                    .append("            total = -1;\n")
                    .append("        }\n")
                    .append("        return Task.of(total + label.length());\n")
                    .append("    }\n");
        }
        return s.append("}\n").toString();
    }
}
