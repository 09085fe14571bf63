package io.jawait.benchmarks.sleepers;

import io.jawait.benchmarks.peers.VirtualThreads;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sleepers workload on virtual threads (JDK 21+, default scheduler): {@code n} threads that each
 * Thread.sleep(millis), started from the main thread and joined.
 */
public final class VirtualThreadSleepers {
    private VirtualThreadSleepers() {
    }

    /** Runs the workload; prints nothing. */
    public static SleeperResult run(int n, long millis) {
        long before = ProcessMetrics.liveHeapBytes();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger asleep = new AtomicInteger();
        Thread[] threads = new Thread[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            threads[i] = VirtualThreads.start(() -> {
                asleep.incrementAndGet();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.incrementAndGet();
            });
        }
        // Unlike a loop, the carriers run while we start threads: wait until all have gone to sleep.
        while (asleep.get() < n) {
            Thread.onSpinWait();
        }
        long during = ProcessMetrics.liveHeapBytes();
        int sleeping = n - finished.get();
        for (Thread t : threads) {
            VirtualThreads.join(t);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        if (finished.get() != n) {
            throw new IllegalStateException(finished.get() + " of " + n + " sleepers finished");
        }
        // Threads that already woke up hold no stack any more: divide by the ones still asleep.
        return new SleeperResult(n, wall, (double) (during - before) / Math.max(1, sleeping), ProcessMetrics.peakRssKib(),
                sleeping);
    }
}
