package io.jawait.internal.io;

import io.jawait.internal.LoopCore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected non-blocking {@link SocketChannel} seen as a {@link ByteSource} and a
 * {@link ByteSink}, driven by the loop's selector: this object is its selection key's attachment
 * and runs (from the ready queue) each time the key is selected.
 *
 * <p>Interest in reading is dropped lazily, when the channel is reported readable while nobody
 * waits, instead of after every read: a stream that is read in a loop keeps its interest and
 * costs no interest update per read.
 */
public final class SocketChannelIo implements ByteSource, ByteSink, Runnable {
    private final SocketChannel channel;
    private SelectionKey key;
    private Runnable onReadable;
    private Runnable onWritable;

    private SocketChannelIo(SocketChannel channel) {
        this.channel = channel;
    }

    /** Registers a connected non-blocking channel with the current loop's selector. */
    public static SocketChannelIo register(LoopCore loop, SocketChannel channel) throws ClosedChannelException {
        SocketChannelIo io = new SocketChannelIo(channel);
        io.key = loop.register(channel, 0, io);
        return io;
    }

    /** Takes over {@code key}, the channel's existing registration (e.g. after a connect). */
    public static SocketChannelIo adopt(SocketChannel channel, SelectionKey key) {
        SocketChannelIo io = new SocketChannelIo(channel);
        io.key = key;
        key.interestOps(0);
        key.attach(io);
        return io;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return length == 1 ? channel.write(srcs[offset]) : channel.write(srcs, offset, length);
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void awaitReadable(Runnable callback) {
        onReadable = callback;
        interest(SelectionKey.OP_READ, true);
    }

    @Override
    public void cancelAwaitReadable() {
        onReadable = null;
    }

    @Override
    public void awaitWritable(Runnable callback) {
        onWritable = callback;
        interest(SelectionKey.OP_WRITE, true);
    }

    /** The key was selected. */
    @Override
    public void run() {
        if (!key.isValid()) {
            return;
        }
        int ready;
        try {
            ready = key.readyOps();
        } catch (CancelledKeyException closedMeanwhile) {
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            Runnable callback = onWritable;
            onWritable = null;
            interest(SelectionKey.OP_WRITE, false);
            if (callback != null) {
                callback.run();
            }
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            Runnable callback = onReadable;
            onReadable = null;
            if (callback != null) {
                callback.run();
            } else {
                interest(SelectionKey.OP_READ, false);
            }
        }
    }

    private void interest(int op, boolean on) {
        if (!key.isValid()) {
            return;
        }
        int ops = key.interestOps();
        int wanted = on ? ops | op : ops & ~op;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
    }
}
