package io.jawait.examples.tutorial;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.List;

/**
 * Tutorial part 2, "async and await": the same simulated requests awaited one after the other,
 * then concurrently with {@code gather} (about 0.5 s instead of 1.2 s).
 */
public final class FetchData {
    private FetchData() {
    }

    /** What a simulated HTTP request returns. */
    record Response(String url, String data) {
    }

    /** Simulates an HTTP request: prints, waits {@code delayMillis} without blocking, answers. */
    @Async
    static Task<Response> fetchData(String url, long delayMillis) {
        System.out.println(" Fetching " + url + "...");
        await(sleep(delayMillis)); // simulated network latency
        return Task.of(new Response(url, "response from " + url));
    }

    @Async
    static Task<Void> main() {
        System.out.println("Sequential:");
        long start = System.nanoTime();
        Response r1 = await(fetchData("api/users", 500));
        Response r2 = await(fetchData("api/posts", 500));
        System.out.println(" Got: " + r1.url() + ", " + r2.url());
        System.out.printf(" took %.2fs%n", SyncVsAsync.seconds(start));

        System.out.println("Concurrent:");
        start = System.nanoTime();
        List<Response> all = await(gather(
                fetchData("api/users", 500),
                fetchData("api/posts", 300),
                fetchData("api/comments", 400)));
        System.out.println(" Got: " + all.get(0).url() + ", " + all.get(1).url() + ", " + all.get(2).url());
        System.out.printf(" took %.2fs%n", SyncVsAsync.seconds(start));
        return Task.done();
    }

    public static void main(String[] args) {
        Tasks.run(FetchData::main);
    }
}
