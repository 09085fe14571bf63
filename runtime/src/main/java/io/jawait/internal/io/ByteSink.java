package io.jawait.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where an {@link OutputQueue} puts its bytes: a socket, or a pipe drained by a thread. Every
 * method is called on the loop thread and never blocks.
 */
public interface ByteSink {
    /** Writes what can be written now from {@code srcs}; returns the count, possibly 0. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Calls {@code onWritable} once, on the loop thread, when {@link #write} may accept bytes again. */
    void awaitWritable(Runnable onWritable);

    /** Signals end of output to the peer (a TCP half-close, or closing a pipe); called once, after the last write. */
    void shutdownOutput() throws IOException;
}
