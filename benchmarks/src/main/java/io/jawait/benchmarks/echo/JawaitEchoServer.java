package io.jawait.benchmarks.echo;

import static io.jawait.Tasks.await;

import io.jawait.Async;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.benchmarks.ServerOnLoop;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The jawait echo server, one {@code @Async} handler per connection: on one event-loop thread
 * ({@code Tasks.run}), or on an {@link EventLoopGroup} whose first loop accepts and whose loops all
 * serve connections.
 */
final class JawaitEchoServer implements EchoServer {
    private final ServerOnLoop server;
    private final EventLoopGroup group;
    private final CompletableFuture<Void> served;

    /** One loop on a thread of its own. */
    JawaitEchoServer(int work) throws Exception {
        group = null;
        served = null;
        server = ServerOnLoop.onOwnThread("jawait-echo", () -> start(null, work));
    }

    /** A group of {@code loops} loops. */
    JawaitEchoServer(int loops, int work) throws Exception {
        group = new EventLoopGroup("jawait-echo", loops);
        server = new ServerOnLoop();
        served = group.loop(0).submit(() -> server.serve(() -> start(group, work)));
        served.whenComplete((v, e) -> {
            if (e != null) {
                server.failed(e);
            }
        });
        server.port();
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

    private static TcpServer start(EventLoopGroup loops, int work) throws IOException {
        TcpServer.Options options = TcpServer.options().backlog(1024);
        return TcpServer.start(new InetSocketAddress("127.0.0.1", 0), loops == null ? options : options.loops(loops),
                stream -> echo(stream, work));
    }

    @Override
    public int port() {
        try {
            return server.port();
        } catch (Exception e) {
            throw new IllegalStateException("the echo server did not start", e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (group != null) {
            served.get(10, TimeUnit.SECONDS);
            group.close();
        }
    }
}
