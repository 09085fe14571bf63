package io.jawait.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A StackOverflowError never leaves the runtime broken: after one, failures, their async stack
 * traces, cancellation and timers work as before, as plain Java goes on after catching one. Each
 * scenario runs {@link StackOverflowProgram} in a fresh JVM (default stack and heap, no options):
 * what is checked is what the process's first overflow leaves behind.
 */
@Timeout(120)
class StackOverflowTest {

    @ParameterizedTest
    @ValueSource(strings = {"deep-async-recursion", "runtime-used-on-a-full-stack", "async-calls-through-plain-frames",
            "escapes-an-async-method", "in-a-callback", "runtime-at-every-level"})
    void theProgramGoesOnWorkingAfterAStackOverflow(String scenario) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StackOverflowProgram.class.getName(), scenario).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the program did not end");
        List<String> lines = output.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("ok ("), output);
        assertEquals(0, child.exitValue(), output);
    }
}
