package io.jawait.benchmarks.sleepers;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.ArrayList;
import java.util.List;

/** The sleepers workload in jawait: {@code n} @Async calls that each await sleep(millis), gathered. */
public final class JawaitSleepers {
    private JawaitSleepers() {
    }

    @Async
    static Task<Void> sleeper(long millis) {
        await(sleep(millis));
        return Task.done();
    }

    @Async
    static Task<Integer> all(int n, long millis, long[] heap) {
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(sleeper(millis));
        }
        Task<List<Void>> everyone = gather(tasks);
        // Still on the loop thread, so no timer can have fired: every task is asleep right now.
        heap[1] = ProcessMetrics.liveHeapBytes();
        return Task.of(await(everyone).size());
    }

    /** Runs the workload; prints nothing. */
    public static SleeperResult run(int n, long millis) {
        long[] heap = {ProcessMetrics.liveHeapBytes(), 0};
        long start = System.nanoTime();
        int done = Tasks.run(() -> all(n, millis, heap));
        long wall = (System.nanoTime() - start) / 1_000_000;
        if (done != n) {
            throw new IllegalStateException(done + " of " + n + " sleepers finished");
        }
        return new SleeperResult(n, wall, (double) (heap[1] - heap[0]) / n, ProcessMetrics.peakRssKib(), n);
    }
}
