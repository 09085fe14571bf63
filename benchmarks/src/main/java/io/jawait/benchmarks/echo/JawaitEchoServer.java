package io.jawait.benchmarks.echo;

import static io.jawait.Tasks.await;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The jawait echo server: one event-loop thread, one {@code @Async} handler per connection. */
final class JawaitEchoServer implements EchoServer {
    private final Thread thread;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();

    JawaitEchoServer() throws Exception {
        thread = new Thread(() -> {
            try {
                Tasks.run(this::serve);
            } catch (Throwable e) {
                port.completeExceptionally(e);
            }
        }, "jawait-echo");
        thread.start();
        port.get();
    }

    /** Echoes until the client closes or resets the connection (the load generator resets them at the end). */
    @Async
    static Task<Void> echo(TcpStream client) {
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
            while (await(client.read(buffer.clear())) >= 0) {
                await(client.write(buffer.flip()));
            }
        } catch (IOException e) {
            // the client went away
        }
        return Task.done();
    }

    @Async
    Task<Void> serve() {
        TcpServer server;
        try {
            server = TcpServer.start(new InetSocketAddress("127.0.0.1", 0), TcpServer.options().backlog(1024),
                    JawaitEchoServer::echo);
        } catch (IOException e) {
            port.completeExceptionally(e);
            return Task.done();
        }
        port.complete(server.port());
        await(stop);
        await(server.shutdown(Duration.ofSeconds(1)));
        return Task.done();
    }

    @Override
    public int port() {
        return port.join();
    }

    @Override
    public void close() throws InterruptedException {
        stop.complete(null);
        thread.join(10_000);
    }
}
