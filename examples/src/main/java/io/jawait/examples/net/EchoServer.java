package io.jawait.examples.net;

import static io.jawait.Tasks.await;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP echo server: every byte a client sends comes back. One {@code @Async} handler per
 * connection, all on one event-loop thread.
 *
 * <p>Run it in the foreground ({@code java ... io.jawait.examples.net.EchoServer 7007}), or start it
 * from other code (benchmarks, tests) on a thread of its own:
 * <pre>{@code
 * try (EchoServer server = EchoServer.start(0)) {      // 0: any free port
 *     connectTo(server.port());
 * }                                                      // stops accepting, closes every connection
 * }</pre>
 */
public final class EchoServer implements AutoCloseable {
    private final Thread thread;
    private final int port;
    private final CompletableFuture<Void> stop;

    private EchoServer(Thread thread, int port, CompletableFuture<Void> stop) {
        this.thread = thread;
        this.port = port;
        this.stop = stop;
    }

    /** Echoes until the client closes its side. */
    @Async
    public static Task<Void> echo(TcpStream client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        while (await(client.read(buffer.clear())) >= 0) {
            await(client.write(buffer.flip()));   // write takes the bytes at once: the buffer is free again
        }
        return Task.done();
    }

    /** Serves on 127.0.0.1:{@code port} until {@code stop} completes, then shuts down. */
    @Async
    static Task<Void> serve(int port, CompletableFuture<Integer> bound, CompletableFuture<Void> stop) {
        TcpServer server;
        try {
            server = TcpServer.start(new InetSocketAddress("127.0.0.1", port), EchoServer::echo);
        } catch (IOException e) {
            bound.completeExceptionally(e);
            return Task.done();
        }
        bound.complete(server.port());
        await(stop);
        await(server.shutdown(Duration.ofSeconds(1)));
        return Task.done();
    }

    /**
     * Starts a server on 127.0.0.1:{@code port} (0 for any free port) on a new thread running its
     * own event loop; returns once it listens.
     *
     * @throws IOException if the port cannot be bound
     */
    public static EchoServer start(int port) throws IOException {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Tasks.run(() -> serve(port, bound, stop));
            } catch (Throwable e) {
                bound.completeExceptionally(e);
            }
        }, "echo-server");
        thread.setDaemon(true);
        thread.start();
        try {
            return new EchoServer(thread, bound.join(), stop);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Stops accepting, gives connections a second to finish, closes them and ends the loop thread. */
    @Override
    public void close() {
        stop.complete(null);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code java ... io.jawait.examples.net.EchoServer [port]}: serves until the process is stopped. */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7007;
        EchoServer server = start(port);
        System.out.println("echo server on 127.0.0.1:" + server.port() + " (Ctrl-C stops it)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        try {
            server.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
