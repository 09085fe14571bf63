package io.jawait.examples.http;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.withTimeout;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.sync.AsyncSemaphore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A concurrent HTTP fetcher: {@code @Async} code awaits the JDK's {@link HttpClient#sendAsync}
 * (any {@code CompletionStage} can be awaited, and the method resumes on its loop thread), with an
 * {@link AsyncSemaphore} keeping at most {@code limit} requests in flight. It fetches from a local
 * server it starts itself on 127.0.0.1.
 */
public final class HttpFetcher {
    private HttpFetcher() {
    }

    /** GETs {@code uri}; fails with IOException unless the status is 200. */
    @Async
    static Task<String> fetch(HttpClient http, URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return Task.of(response.body());
    }

    /** Fetches every URI, at most {@code limit} at a time; the bodies come back in argument order. */
    @Async
    static Task<List<String>> fetchAll(HttpClient http, List<URI> uris, int limit) throws IOException {
        AsyncSemaphore permits = new AsyncSemaphore(limit);
        List<Task<String>> pages = new ArrayList<>();
        for (URI uri : uris) {
            pages.add(fetchWithPermit(permits, http, uri));
        }
        return Task.of(await(gather(pages)));
    }

    /** Waits for a permit, fetches, and gives the permit back whatever happens. */
    @Async
    static Task<String> fetchWithPermit(AsyncSemaphore permits, HttpClient http, URI uri) throws IOException {
        await(permits.acquire());
        try {
            return Task.of(await(fetch(http, uri)));
        } finally {
            permits.release();
        }
    }

    static HttpClient client() {
        // HTTP/1.1: the JDK server speaks no HTTP/2, so skip the upgrade attempt.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Async
    static Task<List<String>> demo(LocalHttpServer server, int pages, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        HttpClient http = client();
        List<URI> uris = new ArrayList<>();
        for (int i = 1; i <= pages; i++) {
            uris.add(server.uri("/page/" + i));
        }
        long started = System.nanoTime();
        List<String> bodies = await(fetchAll(http, uris, limit));
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.add(bodies.size() + " pages, first '" + bodies.get(0) + "', last '" + bodies.get(bodies.size() - 1)
                + "'; at most " + server.maxInFlight() + " in flight at the server (limit " + limit + ")");
        System.out.println("  (" + pages + " requests of " + server.delayMillis() + " ms each took " + millis
                + " ms with " + limit + " at a time)");
        try {
            await(fetch(http, server.uri("/status/503")));
        } catch (IOException e) {
            out.add("error: " + e.getMessage().replace(server.uri("").toString(), "http://127.0.0.1:<port>"));
        }
        try {
            await(withTimeout(Duration.ofMillis(200), fetch(http, server.uri("/slow"))));
        } catch (TimeoutException e) {
            out.add("timeout: /slow gave up after 200 ms");
        }
        return Task.of(out);
    }

    public static void main(String[] args) throws IOException {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (LocalHttpServer server = new LocalHttpServer(50)) {
            List<String> lines = Tasks.run(() -> {
                try {
                    return demo(server, pages, limit);
                } catch (IOException e) {
                    return Task.failed(e);
                }
            });
            lines.forEach(line -> System.out.println("  " + line));
        }
    }
}
