package io.jawait.io;

import io.jawait.internal.io.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** A ByteSource fed by the test: chunks arrive when the test says so, like packets on a socket. */
final class ScriptedSource implements ByteSource {
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private boolean ended;
    private IOException error;
    private Runnable waiting;
    int reads;

    /** A reader over this source. */
    AsyncReader reader() {
        return new AsyncReader(this) {
        };
    }

    /** Makes bytes available and wakes a waiting reader (as a selector would). */
    void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    void feed(byte[] bytes) {
        chunks.add(ByteBuffer.wrap(bytes));
        wake();
    }

    void end() {
        ended = true;
        wake();
    }

    void failWith(IOException e) {
        error = e;
        wake();
    }

    boolean isWaiting() {
        return waiting != null;
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
        reads++;
        if (error != null) {
            throw error;
        }
        ByteBuffer chunk = chunks.peek();
        if (chunk == null) {
            return ended ? -1 : 0;
        }
        int n = Math.min(chunk.remaining(), dst.remaining());
        ByteBuffer slice = chunk.duplicate();
        slice.limit(slice.position() + n);
        dst.put(slice);
        chunk.position(chunk.position() + n);
        if (!chunk.hasRemaining()) {
            chunks.poll();
        }
        return n;
    }

    /** Level-triggered, like a selector: calls back at once if there is something to read. */
    @Override
    public void awaitReadable(Runnable onReadable) {
        if (!chunks.isEmpty() || ended || error != null) {
            onReadable.run();
        } else {
            waiting = onReadable;
        }
    }

    @Override
    public void cancelAwaitReadable() {
        waiting = null;
    }
}
