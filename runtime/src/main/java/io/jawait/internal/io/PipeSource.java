package io.jawait.internal.io;

import io.jawait.internal.LoopCore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * A blocking {@link InputStream} (a child process's output) as a {@link ByteSource}: the JDK has
 * no selectable pipe for a process, so one daemon thread reads the stream into a small bounded
 * queue of chunks and wakes the loop; when the loop leaves the queue full, the thread waits and
 * the child blocks on its full pipe, as it would with any slow reader.
 */
public final class PipeSource implements ByteSource {
    private static final int CHUNK = 8 * 1024;
    private static final int CHUNKS = 4;
    /** Queued after the last chunk: end of stream (or, with {@link #error} set, a failed read). */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final LoopCore loop;
    private final ArrayBlockingQueue<ByteBuffer> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Runnable wake = this::wake;
    private final Thread pump;
    private volatile IOException error;
    private ByteBuffer current;
    private boolean eof;
    private Runnable waiting;

    /**
     * Starts the thread that reads {@code in}; {@code name} names it. Call on the loop thread.
     *
     * @param destroyed whether the owner killed the process: the JDK then closes its pipes, and a
     *     read that fails because of that is the end of the output, not an error
     */
    public PipeSource(InputStream in, String name, BooleanSupplier destroyed) {
        this.loop = LoopCore.require();
        this.pump = new Thread(() -> pump(in, destroyed), name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream in, BooleanSupplier destroyed) {
        try (in) {
            while (true) {
                byte[] bytes = new byte[CHUNK];
                int n;
                try {
                    n = in.read(bytes);
                } catch (IOException e) {
                    if (!destroyed.getAsBoolean()) {
                        error = e;
                    }
                    n = -1;
                }
                chunks.put(n < 0 ? END : ByteBuffer.wrap(bytes, 0, n));
                if (!loop.tryExecute(wake) || n < 0) {
                    return;
                }
            }
        } catch (InterruptedException | IOException stopped) {
            // stop(): nobody will read the rest
        }
    }

    private void wake() {
        Runnable r = waiting;
        waiting = null;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (true) {
            ByteBuffer c = current;
            if (c != null && c.hasRemaining()) {
                int n = Math.min(c.remaining(), dst.remaining());
                ByteBuffer slice = c.slice();
                slice.limit(n);
                dst.put(slice);
                c.position(c.position() + n);
                return n;
            }
            if (eof) {
                return -1;
            }
            ByteBuffer next = chunks.poll();
            if (next == null) {
                return 0;
            }
            if (next == END) {
                eof = true;
                IOException e = error;
                if (e != null) {
                    throw e;
                }
                return -1;
            }
            current = next;
        }
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        if (eof || !chunks.isEmpty() || (current != null && current.hasRemaining())) {
            onReadable.run();
        } else {
            waiting = onReadable;
        }
    }

    @Override
    public void cancelAwaitReadable() {
        waiting = null;
    }

    /** Stops the thread if it waits for the loop to take chunks (the rest of the output is dropped). */
    public void stop() {
        pump.interrupt();
    }

    /** Whether the reading thread has ended (for tests of leaks). */
    public boolean isStopped() {
        return !pump.isAlive();
    }
}
