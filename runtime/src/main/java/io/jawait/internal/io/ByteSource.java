package io.jawait.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where an {@link io.jawait.io.AsyncReader} gets its bytes: a socket, or a pipe pumped by a
 * thread. Every method is called on the loop thread and never blocks.
 */
public interface ByteSource {
    /** Reads what is available now into {@code dst}: the count, 0 if nothing is available yet, -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Calls {@code onReadable} once, on the loop thread, when {@link #read} may return something
     * other than 0: level-triggered, so possibly at once if something is already there.
     */
    void awaitReadable(Runnable onReadable);

    /** Forgets a pending {@link #awaitReadable} (the read that wanted it was cancelled). */
    void cancelAwaitReadable();
}
