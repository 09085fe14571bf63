package io.jawait.net;

import io.jawait.Task;
import io.jawait.internal.LoopConfinement;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import io.jawait.internal.io.OutputQueue;
import io.jawait.internal.io.SocketChannelIo;
import io.jawait.io.AsyncReader;
import io.jawait.io.AsyncWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A TCP connection on the event loop: awaitable reads (inherited from {@link AsyncReader}) and
 * writes with back-pressure ({@link AsyncWriter}), driven by the loop's own selector; no extra
 * threads. Obtained from {@link #connect} or handed to a {@link TcpServer}'s handler.
 * <pre>{@code
 * @Async
 * static Task<String> ask(String question) throws IOException {
 *     TcpStream stream = await(withTimeout(Duration.ofSeconds(5), TcpStream.connect("127.0.0.1", 7000)));
 *     try {
 *         await(stream.write(question + "\n"));
 *         return Task.of(await(withTimeout(Duration.ofSeconds(5), stream.readLine(1024))));
 *     } finally {
 *         stream.close();
 *     }
 * }
 * }</pre>
 *
 * <p>Timeouts: wrap {@code connect} or any read in {@link io.jawait.Tasks#withTimeout}; a
 * cancelled connect closes its socket and a cancelled read leaves the stream usable.
 *
 * <p>Closing: {@link #close()} flushes what is still queued and then closes the socket (giving up
 * and closing anyway after 30 seconds); {@link #abort()} closes at once and drops it. Either way a
 * pending read fails with {@link AsynchronousCloseException} and later operations with
 * {@link ClosedChannelException} or {@link IllegalStateException}. An I/O error (a peer reset, for
 * example) closes the stream as well; the read or write that met it fails with it, and so does
 * every later one. {@link #shutdownOutput()} half-closes: the peer reads the
 * end of the stream while this side can still read.
 *
 * <p>TCP_NODELAY is on (as in asyncio and Netty). A stream belongs to the loop it was created on
 * and is used from that loop's thread; {@link #close()} and {@link #abort()} may be called from
 * any thread.
 */
public final class TcpStream extends AsyncReader implements AsyncWriter {
    /** How long {@link #close()} keeps trying to flush queued output before it closes anyway. */
    static final long CLOSE_FLUSH_MILLIS = 30_000;

    private final LoopCore loop;
    private final SocketChannel channel;
    private final OutputQueue out;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private boolean closeRequested;
    private boolean closed;
    private Promise<Void> closedTask;
    private Task<Void> flushDeadline;
    /** The socket error that ended the connection (a peer reset, a broken pipe...), or null. */
    private IOException lostTo;

    private TcpStream(LoopCore loop, SocketChannel channel, SocketChannelIo io) throws IOException {
        super(io);
        this.loop = loop;
        this.channel = channel;
        this.out = new OutputQueue(io, this::writeFailed);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
    }

    /** Wraps a connected channel (accepted by a server): makes it non-blocking and registers it with the current loop. */
    static TcpStream register(SocketChannel channel) throws IOException {
        LoopCore loop = LoopCore.require();
        configure(channel);
        return new TcpStream(loop, channel, SocketChannelIo.register(loop, channel));
    }

    /** Wraps a channel whose connect just finished, keeping its selector registration. */
    static TcpStream adopt(SocketChannel channel, SelectionKey key) throws IOException {
        return new TcpStream(LoopCore.require(), channel, SocketChannelIo.adopt(channel, key));
    }

    static void configure(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    // ---- connecting -----------------------------------------------------------------------------

    /**
     * Connects to {@code host:port}. IP literals and {@code localhost} are resolved at once; other
     * names are looked up off the loop (the JDK resolver blocks), then the connect itself runs on
     * the loop's selector. Fails with {@link java.net.ConnectException} naming the address, or
     * {@link java.net.UnknownHostException}.
     * <pre>{@code TcpStream s = await(TcpStream.connect("127.0.0.1", 8080));}</pre>
     */
    public static Task<TcpStream> connect(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        return Connect.start(host, port);
    }

    /**
     * Connects to {@code address} (resolved off the loop if it is unresolved).
     * <pre>{@code TcpStream s = await(TcpStream.connect(server.address()));}</pre>
     */
    public static Task<TcpStream> connect(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        return Connect.start(address);
    }

    // ---- writing --------------------------------------------------------------------------------

    @Override
    public Task<Void> write(byte[] bytes) throws IOException {
        return write(ByteBuffer.wrap(bytes));
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}. <pre>{@code await(stream.write(buf, 0, n));}</pre> */
    public Task<Void> write(byte[] bytes, int offset, int length) throws IOException {
        return write(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public Task<Void> write(ByteBuffer src) throws IOException {
        checkLoop();
        return out.write(src);
    }

    @Override
    public Task<Void> drain() throws IOException {
        checkLoop();
        return out.drain();
    }

    @Override
    public long writeBufferSize() {
        return out.size();
    }

    /**
     * Sets the high- and low-water marks of the write queue (defaults 64 KiB and 16 KiB).
     * <pre>{@code stream.setWriteBufferLimits(1 << 20, 256 << 10);}</pre>
     */
    public void setWriteBufferLimits(int highWater, int lowWater) {
        checkLoop();
        out.setLimits(highWater, lowWater);
    }

    /**
     * Half-closes: flushes what is queued, then sends the end of the stream to the peer; reading
     * goes on. The task completes after the half-close; later writes fail.
     * <pre>{@code await(stream.shutdownOutput()); String reply = await(stream.readLine(1024));}</pre>
     */
    public Task<Void> shutdownOutput() throws IOException {
        checkLoop();
        return out.shutdownOutput();
    }

    // ---- closing --------------------------------------------------------------------------------

    /**
     * Closes gracefully: reading stops at once (a pending read fails with
     * {@link AsynchronousCloseException}), queued output is flushed, then the socket is closed.
     * Idempotent; may be called from any thread.
     * <pre>{@code try { ... } finally { stream.close(); }}</pre>
     */
    @Override
    public void close() {
        if (!loop.inLoopThread()) {
            loop.tryExecute(this::close);
            return;
        }
        if (closeRequested) {
            return;
        }
        closeRequested = true;
        closeInput(new AsynchronousCloseException(), new ClosedChannelException());
        if (out.close(this::closeChannel)) {
            flushDeadline = loop.schedule(TimeUnit.MILLISECONDS.toNanos(CLOSE_FLUSH_MILLIS), this::abort);
        }
    }

    @Override
    public Task<Void> closeAsync() {
        checkLoop();
        close();
        if (closed) {
            return Task.done();
        }
        if (closedTask == null) {
            closedTask = new Promise<>();
        }
        return closedTask;
    }

    /**
     * Closes at once, dropping queued output; pending reads and writes fail with
     * {@link AsynchronousCloseException}. Idempotent; may be called from any thread.
     * <pre>{@code stream.abort();}</pre>
     */
    public void abort() {
        if (!loop.inLoopThread()) {
            loop.tryExecute(this::abort);
            return;
        }
        abortWith(new AsynchronousCloseException());
    }

    private void abortWith(IOException cause) {
        closeRequested = true;
        closeInput(cause, cause instanceof AsynchronousCloseException ? new ClosedChannelException() : cause);
        out.abort(cause);
        closeChannel();
    }

    private void writeFailed(IOException error) {
        lost(error);
    }

    @Override
    protected void readFailed(IOException error) {
        lost(error);
    }

    private void lost(IOException error) {
        if (lostTo == null) {
            lostTo = error;
        }
        abortWith(error);
    }

    /**
     * Whether {@code e} is (or was caused by) the socket error that ended this connection: the
     * peer went away, which a server treats as normal operation rather than a handler's bug.
     */
    boolean endedBy(Throwable e) {
        IOException lost = lostTo;
        for (Throwable t = e; lost != null && t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == lost) {
                return true;
            }
        }
        return false;
    }

    private void closeChannel() {
        if (flushDeadline != null) {
            flushDeadline.cancel();
            flushDeadline = null;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the socket is gone either way
        }
        closed = true;
        if (closedTask != null) {
            closedTask.complete(null);
        }
    }

    /** False once {@link #close()} or {@link #abort()} was called or an I/O error closed the stream. */
    public boolean isOpen() {
        return !closeRequested;
    }

    /**
     * Sets a socket option such as {@code SO_KEEPALIVE}, {@code SO_SNDBUF} or {@code SO_LINGER}.
     * <pre>{@code stream.setOption(StandardSocketOptions.SO_KEEPALIVE, true);}</pre>
     *
     * @throws IOException if the socket rejects it, or is closed
     */
    public <T> TcpStream setOption(SocketOption<T> option, T value) throws IOException {
        checkLoop();
        channel.setOption(option, value);
        return this;
    }

    // ---- description ----------------------------------------------------------------------------

    /** This end's address. <pre>{@code stream.localAddress().getPort()}</pre> */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The peer's address. <pre>{@code log("client " + stream.remoteAddress());}</pre> */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** For example {@code TcpStream[/127.0.0.1:41234 -> /127.0.0.1:7000]}. */
    @Override
    public String toString() {
        return "TcpStream[" + localAddress + " -> " + remoteAddress + (closeRequested ? ", closed" : "") + "]";
    }

    private void checkLoop() {
        LoopConfinement.check(loop, this);
    }
}
