package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.processor.javac.JavacAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that does not export javac's internals gets one error that lists the exact lines to add
 * for Maven, Gradle and IntelliJ, and the alternatives that error recommends really work. Runs javac
 * as a separate process, since this test JVM itself has the exports.
 */
class JavacAccessTest {
    /** The smallest @Async program, also used by {@link WrappedEnvironmentTest}. */
    static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            public class Hello {
                @Async
                static Task<String> hello() {
                    await(sleep(1));
                    return Task.of("hi");
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void withoutExportsCompilationFailsWithOneErrorListingTheLinesToAdd() throws Exception {
        Result r = javac(List.of());
        assertTrue(r.exit != 0, "javac must fail:\n" + r.output);
        assertEquals(1, r.output.lines().filter(l -> l.contains("error:")).count(), r.output);
        assertTrue(r.output.contains(".mvn/jvm.config"), r.output);
        for (String p : JavacAccess.PACKAGES) {
            assertTrue(r.output.contains("--add-exports=jdk.compiler/" + p + "=ALL-UNNAMED"), p + "\n" + r.output);
        }
        assertTrue(r.output.contains("<fork>true</fork>"), r.output);
        assertTrue(r.output.contains("gradle.properties"), r.output);
        assertTrue(r.output.contains("options.forkOptions.jvmArgs"), r.output);
        assertTrue(r.output.contains("Shared build process VM options"), r.output);
        assertTrue(!r.output.contains("IllegalAccessError"), r.output);
    }

    @Test
    void theGradleAndIntellijLinesHoldEveryFlagOnOneLine() {
        String text = JavacAccess.howToGrant(JavacAccess.PACKAGES);
        String gradle = line(text, "org.gradle.jvmargs=");
        String fork = line(text, "options.forkOptions.jvmArgs = listOf(");
        String intellij = text.lines().dropWhile(l -> !l.startsWith("IntelliJ")).skip(1).findFirst().orElseThrow();
        for (String p : JavacAccess.PACKAGES) {
            String flag = "--add-exports=jdk.compiler/" + p + "=ALL-UNNAMED";
            assertTrue(gradle.contains(flag), gradle);
            assertTrue(fork.contains('"' + flag + '"'), fork);
            assertTrue(intellij.contains(flag), intellij);
        }
    }

    /**
     * Gradle runs javac inside its daemon (or a forked compiler daemon), and IntelliJ inside its build
     * process: the flags arrive as options of that JVM, not as -J flags. Runs javac's main class in a
     * JVM started with exactly the flags of the message's gradle.properties line.
     */
    @Test
    void theJvmFlagsFromTheGradleLineCompileInProcess() throws Exception {
        String gradle = line(JavacAccess.howToGrant(JavacAccess.PACKAGES), "org.gradle.jvmargs=");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(gradle.substring(gradle.indexOf('=') + 1).trim().split(" ")));
        cmd.addAll(List.of("-m", "jdk.compiler/com.sun.tools.javac.Main"));
        Result r = run(cmd, List.of());
        assertEquals(0, r.exit, r.output);
        assertTrue(Files.exists(dir.resolve("out/Hello$hello$Coroutine.class")), "state machine class generated");
    }

    private static String line(String text, String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow(() -> new AssertionError(text));
    }

    @Test
    void theForkAlternativeFromTheMessageCompiles() throws Exception {
        List<String> flags = new ArrayList<>();
        for (String p : JavacAccess.PACKAGES) {
            flags.add("-J--add-exports=jdk.compiler/" + p + "=ALL-UNNAMED");
        }
        Result r = javac(flags);
        assertEquals(0, r.exit, r.output);
        assertTrue(Files.exists(dir.resolve("out/Hello$hello$Coroutine.class")), "state machine class generated");
    }

    private record Result(int exit, String output) {
    }

    private Result javac(List<String> extra) throws IOException, InterruptedException {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString()), extra);
    }

    /** Runs {@code launcher} (javac, or a JVM running javac) on Hello.java with the processor. */
    private Result run(List<String> launcher, List<String> extra) throws IOException, InterruptedException {
        Path src = dir.resolve("Hello.java");
        Files.writeString(src, SOURCE);
        String classpath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(extra);
        cmd.addAll(List.of("-implicit:none",
                "-classpath", classpath, "-processorpath", classpath,
                "-processor", AsyncProcessor.class.getName(),
                "-d", dir.resolve("out").toString(), src.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // javac ends on its own; reading to the end first keeps a full pipe from blocking it.
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("javac did not finish:\n" + output);
        }
        return new Result(p.exitValue(), output);
    }
}
