package io.jawait.examples.http;

import static io.jawait.Tasks.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.TaskSupplier;
import io.jawait.Tasks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class HttpFetcherTest {

    private static <T> T run(TaskSupplier<T, ?> body) throws Exception {
        return Tasks.run(() -> Tasks.withTimeout(60_000, body.get()));
    }

    @Test
    void fetchesEveryPageInOrderWithAtMostLimitInFlight() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(20)) {
            List<URI> uris = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                uris.add(server.uri("/page/" + i));
                expected.add("page " + i);
            }
            List<String> bodies = run(() -> HttpFetcher.fetchAll(HttpFetcher.client(), uris, 3));
            assertEquals(expected, bodies);
            assertEquals(30, server.served());
            assertTrue(server.maxInFlight() <= 3, "in flight at once: " + server.maxInFlight());
            assertTrue(server.maxInFlight() >= 1);
        }
    }

    @Async
    static Task<String> resumesOnTheLoopThread(HttpClient http, URI uri) throws IOException {
        Thread loop = Thread.currentThread();
        String body = await(HttpFetcher.fetch(http, uri));
        return Task.of(body + (Thread.currentThread() == loop ? " on the loop thread" : " on " + Thread.currentThread()));
    }

    @Test
    void awaitingSendAsyncResumesOnTheLoopThread() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(0)) {
            assertEquals("page 7 on the loop thread",
                    run(() -> resumesOnTheLoopThread(HttpFetcher.client(), server.uri("/page/7"))));
        }
    }

    @Test
    void theDemoReportsErrorsAndTimeouts() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(10)) {
            List<String> lines = run(() -> HttpFetcher.demo(server, 12, 4));
            assertEquals(List.of(
                    "12 pages, first 'page 1', last 'page 12'; at most " + server.maxInFlight()
                            + " in flight at the server (limit 4)",
                    "error: GET http://127.0.0.1:<port>/status/503 answered 503",
                    "timeout: /slow gave up after 200 ms"), lines);
            assertTrue(server.maxInFlight() <= 4, "in flight at once: " + server.maxInFlight());
        }
    }

    @Test
    void aFailedRequestFailsTheGatherWithItsOwnException() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer(0)) {
            List<URI> uris = List.of(server.uri("/page/1"), server.uri("/status/404"), server.uri("/page/3"));
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> run(() -> HttpFetcher.fetchAll(HttpFetcher.client(), uris, 2)));
            assertTrue(e.getMessage().endsWith("/status/404 answered 404"), e.getMessage());
        }
    }
}
