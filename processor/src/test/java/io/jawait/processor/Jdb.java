package io.jawait.processor;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's command-line debugger driven by a test: one program compiled with the processor and
 * {@code -g}, run under jdb; the test sends commands and waits for what jdb prints. Every wait is
 * bounded. Close it to end jdb and the program.
 */
final class Jdb implements AutoCloseable {
    private static final long WAIT_SECONDS = 90;

    private final Process process;
    private final OutputStream in;
    private final Output output;

    private Jdb(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        this.output = new Output(process.getInputStream());
    }

    /**
     * Compiles {@code source} (top-level class {@code mainClass}) into {@code dir} and starts jdb on
     * it, stopped before the program runs (send breakpoints, then {@code run}).
     */
    static Jdb start(Path dir, String mainClass, String source) throws IOException {
        compile(dir, mainClass, source, true);
        Path jdb = Path.of(System.getProperty("java.home"), "bin", "jdb");
        assertTrue(Files.isExecutable(jdb), "no jdb in " + jdb.getParent());
        return new Jdb(new ProcessBuilder(jdb.toString(), "-classpath", classPath(dir), mainClass)
                .redirectErrorStream(true).start());
    }

    /**
     * Compiles {@code source} with {@code -g} into {@code dir}, with the processor or, when not
     * {@code async}, as plain Java; the class path to run it is {@link #classPath}.
     */
    static void compile(Path dir, String mainClass, String source, boolean async) throws IOException {
        Compiler javac = async ? Compiler.javac().withProcessors(new AsyncProcessor()) : Compiler.javac();
        CompiledProgram.Batch batch = CompiledProgram.compileBatch(javac.withOptions("-g"),
                Map.of(mainClass, source), CompiledProgram.class.getClassLoader());
        assertTrue(batch.succeeded(), batch.diagnostics());
        for (Map.Entry<String, byte[]> c : batch.classFiles().entrySet()) {
            Path file = dir.resolve(c.getKey().replace('.', File.separatorChar) + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, c.getValue());
        }
    }

    /** The class path of a program compiled into {@code dir}: it and the test's own (the runtime). */
    static String classPath(Path dir) {
        return dir + File.pathSeparator + System.getProperty("java.class.path");
    }

    void send(String command) throws IOException {
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Everything jdb printed so far. */
    String text() {
        return output.text();
    }

    /** Waits until {@code expected} appears at or after {@code from}; returns where it starts. */
    int await(String expected, int from) throws InterruptedException {
        return output.await(expected, from);
    }

    /**
     * Waits for the prompt of the stopped thread after {@code from} (jdb takes commands for that
     * thread once it shows it); returns where it starts.
     */
    int awaitPrompt(int from) throws InterruptedException {
        return output.await("main[1]", from);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            send("exit");
            in.close();
        } catch (IOException ended) {
            // jdb is gone already
        }
        process.destroyForcibly();
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The line of {@code source} that contains {@code marker}, from 1. */
    static int lineOf(String source, String marker) {
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + marker);
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
