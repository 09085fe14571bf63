package io.jawait.net;

import io.jawait.AsyncCloseable;
import io.jawait.Task;
import io.jawait.internal.LoopConfinement;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A UDP socket on the event loop's selector (asyncio's datagram endpoints, as awaitable calls).
 * <pre>{@code
 * UdpSocket server = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
 * UdpSocket.Datagram request = await(server.receive(1500));
 * await(server.send(request.data(), request.sender()));   // echo it back
 * }</pre>
 *
 * <p>One {@link #receive} at a time; a datagram longer than its {@code maxSize} is truncated (as
 * with {@link DatagramChannel}). {@link #send} hands the datagram to the OS at once when it can,
 * otherwise queues it (copied) and completes once it is sent, so awaiting sends paces the sender.
 * UDP itself may drop, duplicate or reorder datagrams. Timeouts: wrap a receive in
 * {@link io.jawait.Tasks#withTimeout}; a cancelled receive leaves the socket usable. Closing fails
 * a pending receive and queued sends with {@link AsynchronousCloseException}.
 */
public final class UdpSocket implements AsyncCloseable {
    /** A datagram received: its bytes and who sent it. */
    public record Datagram(byte[] data, InetSocketAddress sender) {
        @Override
        public String toString() {
            return "Datagram[" + data.length + " bytes from " + sender + "]";
        }
    }

    private final LoopCore loop;
    private final DatagramChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress localAddress;
    private final ArrayDeque<Send> sends = new ArrayDeque<>();
    private Receive receiving;

    private UdpSocket(LoopCore loop, DatagramChannel channel) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.key = loop.register(channel, 0, this::ready);
    }

    /**
     * Binds a socket to {@code address} (port 0 picks a free port) on the current loop.
     * <pre>{@code UdpSocket s = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));}</pre>
     *
     * @throws IOException if the address cannot be bound
     */
    public static UdpSocket bind(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        LoopCore loop = LoopCore.require();
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(address);
            return new UdpSocket(loop, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Receives one datagram of at most {@code maxSize} bytes (longer ones are truncated).
     * <pre>{@code Datagram d = await(withTimeout(1000, socket.receive(1500)));}</pre>
     *
     * @throws IllegalStateException if another receive is pending
     */
    public Task<Datagram> receive(int maxSize) throws IOException {
        checkLoop();
        if (maxSize < 0) {
            throw new IllegalArgumentException("negative maximum size: " + maxSize);
        }
        if (receiving != null) {
            throw new IllegalStateException("another receive is still pending on " + this
                    + "; await each receive before starting the next");
        }
        if (!channel.isOpen()) {
            return Task.failed(new ClosedChannelException());
        }
        Receive r = new Receive(maxSize);
        receiving = r;
        tryReceive();
        return r;
    }

    /**
     * Sends {@code data} to {@code target}; completes once the OS took it (at once, usually).
     * <pre>{@code await(socket.send("ping".getBytes(UTF_8), server));}</pre>
     */
    public Task<Void> send(byte[] data, InetSocketAddress target) throws IOException {
        checkLoop();
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(target, "target");
        if (!channel.isOpen()) {
            return Task.failed(new ClosedChannelException());
        }
        if (sends.isEmpty()) {
            try {
                if (channel.send(ByteBuffer.wrap(data), target) > 0 || data.length == 0) {
                    return Task.done();
                }
            } catch (IOException e) {
                return Task.failed(e);
            }
        }
        Send s = new Send(Arrays.copyOf(data, data.length), target);
        sends.add(s);
        interest(SelectionKey.OP_WRITE, true);
        return s;
    }

    private void ready() {
        if (!key.isValid()) {
            return;
        }
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_READ) != 0) {
            tryReceive();
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            flushSends();
        }
    }

    private void tryReceive() {
        Receive r = receiving;
        if (r == null) {
            interest(SelectionKey.OP_READ, false);
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(r.maxSize);
        SocketAddress sender;
        try {
            sender = channel.receive(buffer);
        } catch (IOException e) {
            receiving = null;
            r.fail(e);
            return;
        }
        if (sender == null) {
            interest(SelectionKey.OP_READ, true);
            return;
        }
        receiving = null;
        r.complete(new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), (InetSocketAddress) sender));
    }

    private void flushSends() {
        while (!sends.isEmpty()) {
            Send s = sends.peek();   // a cancelled send is still sent: only its wait was dropped
            try {
                if (channel.send(ByteBuffer.wrap(s.data), s.target) == 0) {
                    return;
                }
            } catch (IOException e) {
                sends.poll();
                s.fail(e);
                continue;
            }
            sends.poll();
            s.complete(null);
        }
        interest(SelectionKey.OP_WRITE, false);
    }

    private void interest(int op, boolean on) {
        if (key.isValid()) {
            int ops = key.interestOps();
            int wanted = on ? ops | op : ops & ~op;
            if (wanted != ops) {
                key.interestOps(wanted);
            }
        }
    }

    /** The address the socket is bound to. <pre>{@code int port = socket.localAddress().getPort();}</pre> */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Closes the socket; a pending receive and unsent datagrams fail with
     * {@link AsynchronousCloseException}. Idempotent; may be called from any thread.
     */
    @Override
    public void close() {
        if (!loop.inLoopThread()) {
            loop.tryExecute(this::close);
            return;
        }
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the socket is gone either way
        }
        Receive r = receiving;
        receiving = null;
        if (r != null) {
            r.fail(new AsynchronousCloseException());
        }
        while (!sends.isEmpty()) {
            sends.poll().fail(new AsynchronousCloseException());
        }
    }

    /** {@link #close()}; completes at once. */
    @Override
    public Task<Void> closeAsync() {
        close();
        return Task.done();
    }

    @Override
    public String toString() {
        return "UdpSocket[" + localAddress + (channel.isOpen() ? "" : ", closed") + "]";
    }

    private void checkLoop() {
        LoopConfinement.check(loop, this);
    }

    /** A pending receive; cancelling it lets the next receive start. */
    private final class Receive extends Promise<Datagram> {
        final int maxSize;

        Receive(int maxSize) {
            this.maxSize = maxSize;
        }

        @Override
        protected boolean onCancel() {
            if (receiving == this) {
                receiving = null;   // before the cancellation resumes anyone who may receive again
            }
            return super.onCancel();
        }

        @Override
        public String taskName() {
            return "receive";
        }
    }

    /** A datagram waiting for the OS to take it. */
    private static final class Send extends Promise<Void> {
        final byte[] data;
        final InetSocketAddress target;

        Send(byte[] data, InetSocketAddress target) {
            this.data = data;
            this.target = target;
        }

        @Override
        public String taskName() {
            return "send";
        }
    }
}
