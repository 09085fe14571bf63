package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a breakpoint on a line after an await, the JDK's debugger shows the method's locals and
 * parameters by their names, as for plain Java: jdb runs a compiled {@code @Async} program, stops
 * there and prints {@code locals}. Every wait on jdb is bounded.
 */
class DebuggerLocalsTest {
    private static final long WAIT_SECONDS = 90;

    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Debugged {
                @Async
                static Task<Integer> later(int v) {
                    await(sleep(1));
                    return Task.of(v);
                }

                @Async
                static Task<String> work(String name, int count) {
                    int total = 0;
                    for (int i = 0; i < count; i++) {
                        String label = name + i;
                        int v = await(later(i + 5));
                        total += v;
                        System.out.println(label + " " + total); // @stop
                    }
                    return Task.of(name + total);
                }

                public static void main(String[] args) {
                    System.out.println(Tasks.run(() -> work("n", 3)));
                }
            }
            """;

    @Test
    void jdbShowsTheLocalsByNameOnALineAfterAnAwait(@TempDir Path dir) throws Exception {
        CompiledProgram.Batch batch = CompiledProgram.compileBatch(
                Compiler.javac().withProcessors(new AsyncProcessor()).withOptions("-g"),
                Map.of("Debugged", SOURCE), CompiledProgram.class.getClassLoader());
        assertTrue(batch.succeeded(), batch.diagnostics());
        String stateMachine = null;
        for (Map.Entry<String, byte[]> c : batch.classFiles().entrySet()) {
            Path file = dir.resolve(c.getKey().replace('.', File.separatorChar) + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, c.getValue());
            if (c.getKey().startsWith("Debugged$work$")) {
                stateMachine = c.getKey();
            }
        }
        assertTrue(stateMachine != null, "no state machine class for work in " + batch.classFiles().keySet());
        int line = lineOf("// @stop");

        Path jdb = Path.of(System.getProperty("java.home"), "bin", "jdb");
        assertTrue(Files.isExecutable(jdb), "no jdb in " + jdb.getParent());
        Process process = new ProcessBuilder(jdb.toString(), "-classpath",
                dir + File.pathSeparator + System.getProperty("java.class.path"), "Debugged")
                .redirectErrorStream(true).start();
        Output output = new Output(process.getInputStream());
        try (OutputStream in = process.getOutputStream()) {
            send(in, "stop at " + stateMachine + ":" + line);
            send(in, "run");
            int hit = output.await("Breakpoint hit", 0);
            // jdb takes commands for the stopped thread once it shows that thread's prompt.
            int prompt = output.await("main[1]", hit);
            send(in, "locals");
            int shown = output.await("Local variables:", prompt);
            // The last local of the frame, in declaration order, ends the list.
            int end = output.await("v = 5", shown);
            String locals = output.text().substring(shown, end + "v = 5".length());
            for (String expected : List.of("name = \"n\"", "count = 3", "total = 5", "i = 0", "label = \"n0\"", "v = 5")) {
                assertTrue(locals.contains(expected), "jdb's locals lack " + expected + ":\n" + locals);
            }
            assertFalse(output.text().contains("Local variable information not available"), output.text());
            send(in, "exit");
        } finally {
            process.destroyForcibly();
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static int lineOf(String marker) {
        String[] lines = SOURCE.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + marker);
    }

    private static void send(OutputStream in, String command) throws IOException {
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Everything jdb printed so far, read on a thread of its own (jdb's prompts end no line). */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();

        Output(InputStream stream) {
            Thread reader = new Thread(() -> {
                try {
                    byte[] buffer = new byte[4096];
                    for (int n; (n = stream.read(buffer)) > 0; ) {
                        synchronized (this) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            notifyAll();
                        }
                    }
                } catch (IOException closed) {
                    // the process ended
                }
            }, "jdb output");
            reader.setDaemon(true);
            reader.start();
        }

        synchronized String text() {
            return text.toString();
        }

        /** Waits until {@code expected} appears at or after {@code from}; returns where it starts. */
        synchronized int await(String expected, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            int at;
            while ((at = text.indexOf(expected, from)) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("jdb did not print " + expected + " within " + WAIT_SECONDS + " s; it printed:\n" + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return at;
        }
    }
}
