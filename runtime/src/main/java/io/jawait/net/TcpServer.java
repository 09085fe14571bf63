package io.jawait.net;

import io.jawait.AsyncCloseable;
import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.internal.LoopConfinement;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on the event loop that runs a handler, typically an {@code @Async} method, for
 * each accepted connection (asyncio's {@code start_server}). Accepting happens on the loop's own
 * selector; no extra threads. With {@link Options#loops} the connections are spread over the
 * loops of an {@link EventLoopGroup}, so one server uses every core.
 * <pre>{@code
 * @Async
 * static Task<Void> echo(TcpStream client) {
 *     String line;
 *     while ((line = await(client.readLine(1024))) != null) {
 *         await(client.write(line + "\n"));
 *     }
 *     return Task.done();
 * }
 *
 * TcpServer server = TcpServer.start(new InetSocketAddress("127.0.0.1", 7000), Echo::echo);
 * ...
 * await(server.shutdown(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>When a handler's task completes, its stream is closed (queued output is flushed first), so
 * handlers need not close it. A handler that fails (throws at once, or its task fails) gets its
 * exception reported to the loop's unhandled-error handler ({@link
 * io.jawait.EventLoop#setUnhandledErrorHandler}) and its connection closed; the server goes on.
 * Except when the handler failed because the client went away: a handler that fails with the
 * socket error that ended its connection (a reset, a broken pipe; also as the cause of what it
 * threw) is not reported, since clients vanishing is normal operation for a server (asyncio's
 * transports only log such errors in debug mode). The handler's read or write still failed with
 * it, so its code can react; it is logged to {@code System.Logger} {@code io.jawait.net.TcpServer}
 * at level {@code DEBUG}.
 *
 * <p>With {@link Options#maxConnections} set, the server stops accepting while that many handlers
 * run; further clients wait in the kernel's backlog until one finishes.
 *
 * <p>The server belongs to the loop that started it, which accepts and keeps its books; with a
 * group, each connection's stream and handler belong to the loop that serves it. Closing the
 * accepting loop closes the listening socket; handlers on other loops of the group run on until
 * they end or their loop closes.
 *
 * <p>Stopping: {@link #shutdown(Duration)} stops accepting, lets running handlers finish for up to
 * the grace period, then cancels the rest; {@link #close()} stops accepting and cancels the
 * handlers at once. Either way every connection's socket is closed. Closing the loop (the end of
 * {@link io.jawait.Tasks#run}) closes a server that is still open.
 */
public final class TcpServer implements AsyncCloseable {
    private static final System.Logger LOGGER = System.getLogger(TcpServer.class.getName());
    /** How many connections one readiness event accepts before other work gets a turn. */
    private static final int ACCEPT_BATCH = 64;
    /** Pause after a failed accept (e.g. out of file descriptors) instead of spinning. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    /**
     * Serves one connection. The returned task's completion ends the connection. With
     * {@link Options#loops}, handlers are called on several loops at once: what they share must be
     * thread-safe.
     */
    @FunctionalInterface
    public interface Handler {
        /** Called on the loop thread that serves the connection. <pre>{@code stream -> serve(stream)}</pre> */
        Task<?> handle(TcpStream stream) throws Exception;
    }

    /**
     * Server settings, for {@link TcpServer#start(InetSocketAddress, Options, Handler)}.
     * <pre>{@code TcpServer.options().maxConnections(1000).backlog(512)}</pre>
     */
    public static final class Options {
        private int maxConnections = Integer.MAX_VALUE;
        private int backlog = 1024;
        private EventLoopGroup loops;

        private Options() {
        }

        /**
         * Serves the connections on the loops of {@code group}: each accepted connection goes to
         * the loop serving the fewest of this server's connections (the next in turn among
         * equals), which runs its handler and owns its stream. Accepting stays on the loop that
         * starts the server, which may be one of the group's or not. Default: the starting loop
         * serves every connection.
         * <pre>{@code TcpServer.start(address, TcpServer.options().loops(group), Echo::echo)}</pre>
         */
        public Options loops(EventLoopGroup group) {
            this.loops = Objects.requireNonNull(group, "group");
            return this;
        }

        /** Connections served at the same time; more wait in the kernel's backlog. Default: no limit. */
        public Options maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be positive, got " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /** Length of the kernel's queue of connections not yet accepted (capped by the OS). Default 1024. */
        public Options backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be positive, got " + backlog);
            }
            this.backlog = backlog;
            return this;
        }
    }

    private final LoopCore loop;
    private final ServerSocketChannel listener;
    private final SelectionKey key;
    private final InetSocketAddress address;
    private final Handler handler;
    private final int maxConnections;
    /** Where connections are served; null: on this loop. */
    private final ConnectionSpreader spreader;
    private final Set<Connection> connections = new LinkedHashSet<>();
    private boolean accepting = true;
    private Task<Void> acceptRetry;
    private Promise<Void> stopped;
    private Task<Void> graceTimer;

    private TcpServer(LoopCore loop, ServerSocketChannel listener, Options options, Handler handler) throws IOException {
        this.loop = loop;
        this.listener = listener;
        this.handler = handler;
        this.maxConnections = options.maxConnections;
        this.spreader = options.loops == null ? null : new ConnectionSpreader(options.loops.loops());
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.key = loop.register(listener, SelectionKey.OP_ACCEPT, this::acceptReady);
    }

    /** Settings to pass to {@link #start(InetSocketAddress, Options, Handler)}. <pre>{@code TcpServer.options().maxConnections(100)}</pre> */
    public static Options options() {
        return new Options();
    }

    /**
     * Listens on {@code host:port} (port 0 picks a free port; see {@link #port()}) on the current loop.
     * <pre>{@code TcpServer server = TcpServer.start("127.0.0.1", 0, this::serve);}</pre>
     *
     * @throws IOException if the address cannot be bound (e.g. it is in use)
     */
    public static TcpServer start(String host, int port, Handler handler) throws IOException {
        return start(new InetSocketAddress(host, port), options(), handler);
    }

    /** Listens on {@code address}. <pre>{@code TcpServer.start(new InetSocketAddress("127.0.0.1", 7000), Echo::serve)}</pre> */
    public static TcpServer start(InetSocketAddress address, Handler handler) throws IOException {
        return start(address, options(), handler);
    }

    /**
     * Listens on {@code address} with {@code options}.
     * <pre>{@code TcpServer.start(address, TcpServer.options().maxConnections(100), Kv::serve)}</pre>
     */
    public static TcpServer start(InetSocketAddress address, Options options, Handler handler) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        LoopCore loop = LoopCore.require();
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.configureBlocking(false);
            listener.bind(address, options.backlog);
            return new TcpServer(loop, listener, options, handler);
        } catch (IOException | RuntimeException e) {
            listener.close();
            if (e instanceof IOException) {
                IOException described = new IOException("cannot listen on " + address + ": " + e.getMessage());
                described.initCause(e);
                throw described;
            }
            throw e;
        }
    }

    // ---- accepting ------------------------------------------------------------------------------

    private void acceptReady() {
        for (int i = 0; i < ACCEPT_BATCH && accepting && connections.size() < maxConnections; i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                loop.reportUnhandled("TcpServer " + address + " accept", e);
                pauseAccepting();
                return;
            }
            if (channel == null) {
                break;
            }
            dispatch(channel);
        }
        updateInterest();
    }

    /** Hands an accepted connection to the loop that will serve it: this one, or one of the group's. */
    private void dispatch(SocketChannel channel) {
        int index = spreader == null ? -1 : spreader.choose();
        Connection connection = new Connection(index);
        connections.add(connection);
        EventLoop server = index < 0 ? null : spreader.loop(index);
        if (server == null || server.inLoopThread()) {
            connection.serve(channel);
            return;
        }
        try {
            server.execute(() -> connection.serve(channel));
        } catch (RejectedExecutionException closed) {
            closeQuietly(channel);
            loop.reportUnhandled("TcpServer " + address + " accept", closed);
            ended(connection);
        }
    }

    /** A connection's handler has finished, on whichever loop served it (this loop's thread). */
    private void ended(Connection connection) {
        connections.remove(connection);
        if (connection.index >= 0) {
            spreader.ended(connection.index);
        }
        updateInterest();
        if (stopped != null && connections.isEmpty()) {
            if (graceTimer != null) {
                graceTimer.cancel();
            }
            stopped.complete(null);
        }
    }

    private void pauseAccepting() {
        if (acceptRetry == null || acceptRetry.isDone()) {
            key.interestOps(0);
            acceptRetry = loop.schedule(TimeUnit.MILLISECONDS.toNanos(ACCEPT_RETRY_MILLIS), this::resumeAccepting);
        }
    }

    private void resumeAccepting() {
        acceptRetry = null;
        updateInterest();
    }

    private void updateInterest() {
        if (!key.isValid() || acceptRetry != null) {
            return;
        }
        int wanted = accepting && connections.size() < maxConnections ? SelectionKey.OP_ACCEPT : 0;
        if (key.interestOps() != wanted) {
            key.interestOps(wanted);
        }
    }

    // ---- stopping -------------------------------------------------------------------------------

    /**
     * Stops accepting at once (the listening socket is closed), waits up to {@code grace} for the
     * running handlers to finish, then cancels those still running and aborts their connections.
     * The task completes when every handler has finished. Idempotent.
     * <pre>{@code await(server.shutdown(Duration.ofSeconds(10)));}</pre>
     */
    public Task<Void> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        checkLoop();
        stopAccepting();
        if (stopped == null) {
            stopped = new Promise<>();
            if (connections.isEmpty()) {
                stopped.complete(null);
            } else {
                graceTimer = loop.schedule(grace.isNegative() ? 0 : toNanos(grace), this::cancelHandlers);
            }
        }
        return stopped;
    }

    /**
     * Stops accepting and cancels every running handler, aborting its connection. Handlers'
     * {@code finally} blocks still run, on the loop. Idempotent; may be called from any thread.
     * <pre>{@code server.close();}</pre>
     */
    @Override
    public void close() {
        if (!loop.inLoopThread()) {
            loop.tryExecute(this::close);
            return;
        }
        stopAccepting();
        cancelHandlers();
    }

    /**
     * {@link #close()}, then a task that completes once every handler has finished (their
     * {@code finally} blocks ran). A try-with-resources statement in an {@code @Async} method
     * awaits it.
     * <pre>{@code try (TcpServer server = TcpServer.start(address, this::serve)) { ... }}</pre>
     */
    @Override
    public Task<Void> closeAsync() {
        Task<Void> finished = shutdown(Duration.ZERO);
        cancelHandlers();
        return finished;
    }

    private void stopAccepting() {
        if (!accepting) {
            return;
        }
        accepting = false;
        if (acceptRetry != null) {
            acceptRetry.cancel();
            acceptRetry = null;
        }
        key.cancel();
        try {
            listener.close();
        } catch (IOException e) {
            loop.reportUnhandled("TcpServer " + address + " close", e);
        }
    }

    private void cancelHandlers() {
        for (Connection connection : new ArrayList<>(connections)) {
            EventLoop server = connection.index < 0 ? null : spreader.loop(connection.index);
            if (server == null || server.inLoopThread()) {
                connection.cancel();
            } else {
                // Posted after the connection's serve(), so it finds the handler started.
                try {
                    server.execute(connection::cancel);
                } catch (RejectedExecutionException closed) {
                    // that loop has closed, cancelling its handlers itself
                }
            }
        }
    }

    // ---- state ----------------------------------------------------------------------------------

    /** The address the server listens on. <pre>{@code TcpStream.connect(server.address())}</pre> */
    public InetSocketAddress address() {
        return address;
    }

    /** The port the server listens on (useful after binding port 0). <pre>{@code int port = server.port();}</pre> */
    public int port() {
        return address.getPort();
    }

    /** Connections whose handler is still running. <pre>{@code server.connectionCount()}</pre> */
    public int connectionCount() {
        return connections.size();
    }

    /** True until {@link #shutdown} or {@link #close()} stopped accepting. <pre>{@code server.isAccepting()}</pre> */
    public boolean isAccepting() {
        return accepting;
    }

    /** For example {@code TcpServer[/127.0.0.1:7000, connections=3]}. */
    @Override
    public String toString() {
        return "TcpServer[" + address + ", connections=" + connections.size() + (accepting ? "" : ", stopped") + "]";
    }

    private void checkLoop() {
        LoopConfinement.check(loop, this);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the peer may already be gone
        }
    }

    private static long toNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * One accepted connection. The server's books ({@link #connections}) are kept on the server's
     * loop; the stream and the handler's task belong to the loop that serves the connection, and
     * only that loop's thread touches them.
     */
    private final class Connection {
        /** The serving loop's index in the spreader; -1 for the server's own loop. */
        final int index;
        private TcpStream stream;
        private Task<?> task;

        Connection(int index) {
            this.index = index;
        }

        /** On the serving loop: wraps the channel and starts the handler. */
        void serve(SocketChannel channel) {
            LoopCore here = LoopCore.require();
            try {
                stream = TcpStream.register(channel);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                here.reportUnhandled("TcpServer " + address + " accept", e);
                end();
                return;
            }
            Task<?> started;
            try {
                started = Objects.requireNonNull(handler.handle(stream), "the TcpServer handler returned null instead of a Task");
            } catch (Throwable e) {
                finished(null, e);
                return;
            }
            task = started;
            started.onComplete((value, error) -> finished(started, error));
        }

        /** On the serving loop: the handler has finished. */
        private void finished(Task<?> handlerTask, Throwable error) {
            if (error != null && !(error instanceof CancellationException)) {
                String name = "TcpServer handler " + (handlerTask != null && handlerTask.taskName() != null
                        ? handlerTask.taskName() + " " : "") + "for " + stream.remoteAddress();
                if (stream.endedBy(error)) {
                    // The client vanished (reset, broken pipe): normal operation for a server, as in asyncio.
                    LOGGER.log(System.Logger.Level.DEBUG, () -> name + ": connection lost", error);
                } else {
                    LoopCore.require().reportUnhandled(name, error);
                }
            }
            stream.close();
            end();
        }

        /** On the serving loop: tells the server's loop (if it is still open) that this connection ended. */
        private void end() {
            if (loop.inLoopThread()) {
                ended(this);
            } else {
                loop.tryExecute(() -> ended(this));
            }
        }

        /** On the serving loop: cancels the handler and aborts the connection. */
        void cancel() {
            if (task != null) {
                task.cancel();
            }
            if (stream != null) {
                stream.abort();
            }
        }
    }
}
