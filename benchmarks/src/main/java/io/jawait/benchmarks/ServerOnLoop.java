package io.jawait.benchmarks;

import static io.jawait.Tasks.await;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The life of a benchmark's jawait {@link TcpServer}: {@link #serve} starts it on the loop it runs
 * on, publishes its port and keeps it until {@link #stop()}, then shuts it down with a one-second
 * grace period. The echo and the fairness benchmarks' servers differ only in their handlers.
 */
public final class ServerOnLoop {
    /** Starts the server on the current loop. */
    @FunctionalInterface
    public interface Start {
        TcpServer start() throws IOException;
    }

    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private Thread thread;

    /** A server whose {@link #serve} the caller runs on a loop of its choice. */
    public ServerOnLoop() {
    }

    /** Serves on a loop of its own, on a new thread named {@code threadName}; returns once the server listens. */
    public static ServerOnLoop onOwnThread(String threadName, Start start) throws Exception {
        ServerOnLoop server = new ServerOnLoop();
        server.thread = new Thread(() -> {
            try {
                Tasks.run(() -> server.serve(start));
            } catch (Throwable e) {
                server.failed(e);
            }
        }, threadName);
        server.thread.start();
        server.port.get();
        return server;
    }

    /** Starts the server, publishes its port, and shuts it down once {@link #stop()} is called. */
    @Async
    public Task<Void> serve(Start start) {
        TcpServer server;
        try {
            server = start.start();
        } catch (IOException e) {
            port.completeExceptionally(e);
            return Task.done();
        }
        port.complete(server.port());
        await(stop);
        await(server.shutdown(Duration.ofSeconds(1)));
        return Task.done();
    }

    /** The server could not start, or its loop failed: whoever waits for the port gets {@code e}. */
    public void failed(Throwable e) {
        port.completeExceptionally(e);
    }

    /** Waits until the server listens; returns its port. */
    public int port() throws Exception {
        return port.get();
    }

    /** Asks the server to shut down and, if it has a thread of its own, waits for it (up to 10 s). */
    public void stop() throws InterruptedException {
        stop.complete(null);
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
