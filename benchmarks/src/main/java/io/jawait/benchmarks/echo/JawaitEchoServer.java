package io.jawait.benchmarks.echo;

import static io.jawait.Tasks.await;

import io.jawait.Async;
import io.jawait.EventLoopGroup;
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
import java.util.concurrent.TimeUnit;

/**
 * The jawait echo server, one {@code @Async} handler per connection: on one event-loop thread
 * ({@code Tasks.run}), or on an {@link EventLoopGroup} whose first loop accepts and whose loops all
 * serve connections.
 */
final class JawaitEchoServer implements EchoServer {
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final Thread thread;
    private final EventLoopGroup group;
    private final CompletableFuture<Void> served;

    /** One loop on a thread of its own. */
    JawaitEchoServer(int work) throws Exception {
        group = null;
        served = null;
        thread = new Thread(() -> {
            try {
                Tasks.run(() -> serve(null, work));
            } catch (Throwable e) {
                port.completeExceptionally(e);
            }
        }, "jawait-echo");
        thread.start();
        port.get();
    }

    /** A group of {@code loops} loops. */
    JawaitEchoServer(int loops, int work) throws Exception {
        thread = null;
        group = new EventLoopGroup("jawait-echo", loops);
        served = group.loop(0).submit(() -> serve(group, work));
        served.whenComplete((v, e) -> {
            if (e != null) {
                port.completeExceptionally(e);
            }
        });
        port.get();
    }

    /** Echoes until the client closes or resets the connection (the load generator resets them at the end). */
    @Async
    static Task<Void> echo(TcpStream client, int work) {
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
            while (await(client.read(buffer.clear())) >= 0) {
                RequestWork.spend(work);
                await(client.write(buffer.flip()));
            }
        } catch (IOException e) {
            // the client went away
        }
        return Task.done();
    }

    @Async
    Task<Void> serve(EventLoopGroup loops, int work) {
        TcpServer server;
        try {
            TcpServer.Options options = TcpServer.options().backlog(1024);
            server = TcpServer.start(new InetSocketAddress("127.0.0.1", 0), loops == null ? options : options.loops(loops),
                    stream -> echo(stream, work));
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
    public void close() throws Exception {
        stop.complete(null);
        if (thread != null) {
            thread.join(10_000);
        } else {
            served.get(10, TimeUnit.SECONDS);
            group.close();
        }
    }
}
