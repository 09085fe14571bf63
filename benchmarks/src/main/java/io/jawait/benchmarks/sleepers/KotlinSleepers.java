package io.jawait.benchmarks.sleepers;

import io.jawait.benchmarks.kotlin.KotlinWorkloads;

/** The sleepers workload in Kotlin: {@code n} coroutines launched in runBlocking that each delay(millis). */
public final class KotlinSleepers {
    private KotlinSleepers() {
    }

    /** Runs the workload; prints nothing. */
    public static SleeperResult run(int n, long millis) {
        long before = ProcessMetrics.liveHeapBytes();
        long[] during = new long[1];
        long start = System.nanoTime();
        // Runs on the loop thread while every coroutine is suspended in delay: none can have resumed.
        int done = KotlinWorkloads.sleepers(n, millis, () -> during[0] = ProcessMetrics.liveHeapBytes());
        long wall = (System.nanoTime() - start) / 1_000_000;
        if (done != n) {
            throw new IllegalStateException(done + " of " + n + " sleepers finished");
        }
        return new SleeperResult(n, wall, (double) (during[0] - before) / n, ProcessMetrics.peakRssKib(), n);
    }
}
