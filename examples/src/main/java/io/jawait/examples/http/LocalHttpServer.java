package io.jawait.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1 for the fetcher example and its tests (the JDK's own
 * {@code com.sun.net.httpserver}, on a thread pool of its own). {@code /page/N} answers
 * {@code page N} after {@code delayMillis}; {@code /status/CODE} answers with that status;
 * {@code /slow} takes 10 s. It records how many requests were in flight at most.
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final long delayMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    public LocalHttpServer(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        this.threads = Executors.newFixedThreadPool(32, task -> {
            Thread t = new Thread(task, "local-http-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/page/", exchange -> answer(exchange, 200, "page "
                + exchange.getRequestURI().getPath().substring("/page/".length()), delayMillis));
        server.createContext("/status/", exchange -> answer(exchange,
                Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length())), "status", 0));
        server.createContext("/slow", exchange -> answer(exchange, 200, "finally", 10_000));
        server.start();
    }

    private void answer(HttpExchange exchange, int status, String body, long delay) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.decrementAndGet();
            exchange.close();
            return;
        }
        // Counted before the client can see the answer: a client that starts its next request as
        // soon as this one ends must find it already counted as served and no longer in flight.
        served.incrementAndGet();
        inFlight.decrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } finally {
            exchange.close();
        }
    }

    /** {@code http://127.0.0.1:port/path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The most requests that were being answered at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int served() {
        return served.get();
    }

    public long delayMillis() {
        return delayMillis;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
