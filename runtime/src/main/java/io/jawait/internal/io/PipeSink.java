package io.jawait.internal.io;

import io.jawait.internal.LoopCore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A blocking {@link OutputStream} (a child process's input) as a {@link ByteSink}: one daemon
 * thread, started on the first write, writes the chunks handed to it; the sink takes at most
 * {@value #IN_FLIGHT} bytes ahead of that thread, so an {@link OutputQueue} above it feels the
 * child's pace as back-pressure.
 */
public final class PipeSink implements ByteSink {
    private static final int IN_FLIGHT = 64 * 1024;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final LoopCore loop;
    private final OutputStream out;
    private final String name;
    private final LinkedBlockingQueue<ByteBuffer> chunks = new LinkedBlockingQueue<>();
    private final Runnable wake = this::wake;
    private final Runnable onClosed;
    private Thread writer;
    /** Bytes handed to the thread and not written yet; only the loop thread adds, the writer subtracts on the loop. */
    private long inFlight;
    private volatile IOException error;
    private Runnable waiting;

    /** @param onClosed runs on the loop once the stream is closed (after the last byte, or a failure) */
    public PipeSink(OutputStream out, String name, Runnable onClosed) {
        this.loop = LoopCore.require();
        this.out = out;
        this.name = name;
        this.onClosed = onClosed;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        IOException e = error;
        if (e != null) {
            throw e;
        }
        long taken = 0;
        for (int i = offset; i < offset + length && inFlight < IN_FLIGHT; i++) {
            ByteBuffer src = srcs[i];
            int n = (int) Math.min(src.remaining(), IN_FLIGHT - inFlight);
            if (n == 0) {
                continue;
            }
            byte[] copy = new byte[n];
            src.get(copy);
            inFlight += n;
            taken += n;
            hand(ByteBuffer.wrap(copy));
        }
        return taken;
    }

    @Override
    public void awaitWritable(Runnable onWritable) {
        if (inFlight < IN_FLIGHT || error != null) {
            onWritable.run();
        } else {
            waiting = onWritable;
        }
    }

    /** Closes the stream after the bytes already handed over. */
    @Override
    public void shutdownOutput() {
        hand(END);
    }

    private void hand(ByteBuffer chunk) {
        if (writer == null) {
            writer = new Thread(this::drain, name);
            writer.setDaemon(true);
            writer.start();
        }
        chunks.add(chunk);
    }

    private void drain() {
        try (out) {
            while (true) {
                ByteBuffer chunk = chunks.take();
                if (chunk == END) {
                    break;
                }
                int n = chunk.remaining();
                try {
                    out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
                    out.flush();
                } catch (IOException e) {
                    error = e;
                    break;
                }
                loop.tryExecute(() -> written(n));
            }
        } catch (InterruptedException | IOException ignored) {
            // closing a pipe whose reader is gone: nothing to do
        } finally {
            loop.tryExecute(() -> {
                wake();
                onClosed.run();
            });
        }
    }

    private void written(int n) {
        inFlight -= n;
        wake();
    }

    private void wake() {
        Runnable r = waiting;
        waiting = null;
        if (r != null) {
            r.run();
        }
    }

    /** Closes the stream without writing what is still queued (the process is being killed). */
    public void abort() {
        chunks.clear();
        hand(END);
    }
}
