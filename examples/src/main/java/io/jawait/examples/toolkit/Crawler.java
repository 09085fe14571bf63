package io.jawait.examples.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.sync.AsyncSemaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A crawler-style fan-out: every page found is fetched concurrently, but an {@link AsyncSemaphore}
 * keeps at most three simulated downloads in flight.
 */
public final class Crawler {
    private static final Map<String, List<String>> LINKS = Map.of(
            "/", List.of("/a", "/b", "/c", "/d"),
            "/a", List.of("/a/1", "/a/2"),
            "/b", List.of("/b/1"),
            "/c", List.of(),
            "/d", List.of("/d/1", "/d/2", "/d/3"));

    private final AsyncSemaphore limit = new AsyncSemaphore(3);
    private int inFlight;
    private int peak;

    /** A simulated download: holds one of the three permits for 50 ms. */
    @Async
    Task<List<String>> download(String page) {
        await(limit.acquire());
        try {
            inFlight++;
            peak = Math.max(peak, inFlight);
            System.out.println("  fetching " + page + " (" + inFlight + " in flight)");
            await(sleep(50));
            return Task.of(LINKS.getOrDefault(page, List.of()));
        } finally {
            inFlight--;
            limit.release();
        }
    }

    /** Downloads a page, then crawls every page it links to, all at once. */
    @Async
    Task<Integer> crawl(String page) {
        List<String> links = await(download(page));
        List<Task<Integer>> children = new ArrayList<>();
        for (String link : links) {
            children.add(crawl(link));
        }
        int pages = 1;
        for (int n : await(gather(children))) {
            pages += n;
        }
        return Task.of(pages);
    }

    @Async
    static Task<Void> main() {
        Crawler crawler = new Crawler();
        int pages = await(crawler.crawl("/"));
        System.out.println("crawled " + pages + " pages, at most " + crawler.peak + " downloads at a time");
        return Task.done();
    }

    public static void main(String[] args) {
        Tasks.run(Crawler::main);
    }
}
