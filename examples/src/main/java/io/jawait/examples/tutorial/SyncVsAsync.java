package io.jawait.examples.tutorial;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.List;

/**
 * Tutorial part 1, "The waiting problem": three one-second waits take three seconds when each
 * blocks the thread, and one second when they wait together on the event loop.
 */
public final class SyncVsAsync {
    private SyncVsAsync() {
    }

    static String syncTask(String name, long delayMillis) throws InterruptedException {
        Thread.sleep(delayMillis);
        return name + " done";
    }

    @Async
    static Task<String> asyncTask(String name, long delayMillis) {
        await(sleep(delayMillis)); // a non-blocking wait: the loop runs the other tasks meanwhile
        return Task.of(name + " done");
    }

    @Async
    static Task<List<String>> main() {
        long start = System.nanoTime();
        List<String> results = await(gather(
                asyncTask("A", 1000),
                asyncTask("B", 1000),
                asyncTask("C", 1000)));
        System.out.printf("Async: %.2fs%n", seconds(start));
        System.out.println(results);
        return Task.of(results);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        syncTask("A", 1000);
        syncTask("B", 1000);
        syncTask("C", 1000);
        System.out.printf("Sync: %.2fs%n", seconds(start));

        Tasks.run(SyncVsAsync::main);
    }
}
