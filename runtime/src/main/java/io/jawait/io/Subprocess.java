package io.jawait.io;

import io.jawait.AsyncCloseable;
import io.jawait.Task;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import io.jawait.internal.StageTask;
import io.jawait.internal.io.OutputQueue;
import io.jawait.internal.io.PipeSink;
import io.jawait.internal.io.PipeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A child process whose output is read, and whose input is written, with awaitable streams
 * (asyncio's {@code create_subprocess_exec}). The JDK offers no selectable pipes for a process, so
 * each pipe in use has one small daemon thread that moves bytes between the pipe and the loop; the
 * loop itself never blocks, and the exit is awaited through {@link Process#onExit()}.
 * <pre>{@code
 * try (Subprocess sort = Subprocess.start("sort")) {
 *     await(sort.stdin().write("pear\napple\n"));
 *     sort.stdin().close();                                   // end of input for the child
 *     String sorted = new String(await(sort.stdout().readAll(1 << 20)), UTF_8);
 *     int code = await(sort.waitFor());
 * }                                                           // kills the child if it still runs
 * }</pre>
 *
 * <p>Read what the child writes (or redirect it with the {@link ProcessBuilder}): like any child
 * process, one whose pipe is full stops until it is read. Each output pipe buffers at most 32 KiB
 * ahead of its reader, and {@link #stdin()} has the back-pressure of every {@link AsyncWriter}.
 */
public final class Subprocess implements AsyncCloseable {
    private final Process process;
    private final PipeSource out;
    private final PipeSource err;
    private final AsyncReader stdout;
    private final AsyncReader stderr;
    private final PipeWriter stdin;
    /** Set before this class kills the process, since the JDK then closes the output pipes. */
    private volatile boolean destroyed;

    private Subprocess(Process process) {
        this.process = process;
        String name = "jawait-process-" + process.pid();
        this.out = new PipeSource(process.getInputStream(), name + "-stdout", () -> destroyed);
        this.err = new PipeSource(process.getErrorStream(), name + "-stderr", () -> destroyed);
        this.stdout = new AsyncReader(out) {
            @Override
            public String toString() {
                return "stdout of " + Subprocess.this;
            }
        };
        this.stderr = new AsyncReader(err) {
            @Override
            public String toString() {
                return "stderr of " + Subprocess.this;
            }
        };
        this.stdin = new PipeWriter(process, name + "-stdin");
    }

    /**
     * Starts {@code command} (program and arguments; no shell) with pipes for its standard
     * streams, on the current loop. Starting forks the process, which takes a moment but does not
     * wait for the child.
     * <pre>{@code Subprocess git = Subprocess.start("git", "status", "--short");}</pre>
     *
     * @throws IOException if the program cannot be started (e.g. not found)
     */
    public static Subprocess start(String... command) throws IOException {
        return start(new ProcessBuilder(command));
    }

    /**
     * Starts a process from {@code builder} (working directory, environment, redirections). A
     * stream redirected elsewhere reads as empty here.
     * <pre>{@code Subprocess.start(new ProcessBuilder("make").directory(dir).redirectErrorStream(true))}</pre>
     */
    public static Subprocess start(ProcessBuilder builder) throws IOException {
        Objects.requireNonNull(builder, "builder");
        LoopCore.require();
        return new Subprocess(builder.start());
    }

    /** The child's standard output. <pre>{@code String line = await(p.stdout().readLine(4096));}</pre> */
    public AsyncReader stdout() {
        return stdout;
    }

    /** The child's standard error. <pre>{@code byte[] errors = await(p.stderr().readAll(65536));}</pre> */
    public AsyncReader stderr() {
        return stderr;
    }

    /** The child's standard input; close it to send the end of input. <pre>{@code p.stdin().close();}</pre> */
    public AsyncWriter stdin() {
        return stdin;
    }

    /**
     * Completes with the exit code once the process has ended (128 + the signal number on Unix if
     * a signal ended it). Each call returns a new task, so cancelling one wait affects no other.
     * <pre>{@code int code = await(p.waitFor());}</pre>
     */
    public Task<Integer> waitFor() {
        return StageTask.of(process.onExit().thenApply(Process::exitValue));
    }

    /**
     * Asks the process to end (SIGTERM on Unix). The JDK closes its output pipes at once: output
     * not read yet is dropped and the readers see the end of the stream.
     * <pre>{@code p.terminate();}</pre>
     */
    public void terminate() {
        destroyed = true;
        process.destroy();
    }

    /** Ends the process at once (SIGKILL on Unix); output not read yet is dropped. <pre>{@code p.kill();}</pre> */
    public void kill() {
        destroyed = true;
        process.destroyForcibly();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The underlying JDK process. */
    public Process process() {
        return process;
    }

    /**
     * Closes standard input (after what was written), terminates the process if it still runs,
     * and stops the threads that read its output (unread output is dropped). Idempotent.
     * <pre>{@code p.close();}</pre>
     */
    @Override
    public void close() {
        stdin.close();
        if (process.isAlive()) {
            terminate();
        }
        out.stop();
        err.stop();
    }

    /** {@link #close()}, then completes once the process has ended. */
    @Override
    public Task<Void> closeAsync() {
        close();
        return StageTask.of(process.onExit().thenApply(p -> (Void) null));
    }

    @Override
    public String toString() {
        return "Subprocess[pid=" + process.pid() + (process.isAlive() ? "" : ", exited " + process.exitValue()) + "]";
    }

    /** Whether the threads moving the output have ended (for tests of leaks). */
    boolean pumpsStopped() {
        return out.isStopped() && err.isStopped();
    }

    /** The child's standard input as an {@link AsyncWriter}. */
    private static final class PipeWriter implements AsyncWriter {
        private final PipeSink sink;
        private final OutputQueue queue;
        private final Promise<Void> closed = new Promise<>();
        private boolean closing;

        PipeWriter(Process process, String name) {
            this.sink = new PipeSink(process.getOutputStream(), name, () -> closed.complete(null));
            // A write error means the child closed its input; the sink's thread has ended already.
            this.queue = new OutputQueue(sink, error -> { });
        }

        @Override
        public Task<Void> write(byte[] bytes) throws IOException {
            return queue.write(ByteBuffer.wrap(bytes));
        }

        @Override
        public Task<Void> write(ByteBuffer src) throws IOException {
            return queue.write(src);
        }

        @Override
        public Task<Void> drain() throws IOException {
            return queue.drain();
        }

        @Override
        public long writeBufferSize() {
            return queue.size();
        }

        @Override
        public void close() {
            if (!closing) {
                closing = true;
                queue.close(sink::shutdownOutput);   // the pipe closes after the queued bytes
            }
        }

        @Override
        public Task<Void> closeAsync() {
            close();
            return closed;
        }

        @Override
        public String toString() {
            return "stdin writer[queued=" + queue.size() + "]";
        }
    }
}
