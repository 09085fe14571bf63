package io.jawait.benchmarks.peers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The virtual-thread peers: plain blocking code on virtual threads. The micro-benchmarks run them
 * with one carrier thread ({@code -Djdk.virtualThreadScheduler.parallelism=1}), the closest match
 * to a single event loop. JDK 21+ only.
 */
public final class VirtualThreadWorkloads {
    private VirtualThreadWorkloads() {
    }

    /** Two virtual threads calling {@code Thread.yield()} {@code n} times each; returns the yield count. */
    public static int pingPong(int n) {
        AtomicInteger yields = new AtomicInteger();
        Runnable body = () -> {
            int mine = 0;
            for (int i = 0; i < n; i++) {
                Thread.yield();
                mine++;
            }
            yields.addAndGet(mine);
        };
        Thread a = VirtualThreads.start(body);
        Thread b = VirtualThreads.start(body);
        VirtualThreads.join(a);
        VirtualThreads.join(b);
        return yields.get();
    }

    /** A virtual thread that recurses {@code depth} calls deep and blocks on a pending leaf; returns depth + 1. */
    public static int chain(int depth) {
        CompletableFuture<Integer> leaf = new CompletableFuture<>();
        int[] out = new int[1];
        Thread t = VirtualThreads.start(() -> out[0] = level(depth, leaf));
        while (t.getState() != Thread.State.WAITING) { // the whole stack is parked on the leaf
            Thread.onSpinWait();
        }
        leaf.complete(0);
        VirtualThreads.join(t);
        return out[0];
    }

    private static int level(int depth, CompletableFuture<Integer> leaf) {
        int v = depth == 0 ? leaf.join() : level(depth - 1, leaf);
        return v + 1;
    }

    /** {@code n} virtual threads that each yield once, then all joined; returns the sum of their indexes. */
    public static long gather(int n) {
        AtomicLong sum = new AtomicLong();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            threads[i] = VirtualThreads.start(() -> {
                Thread.yield();
                sum.addAndGet(index);
            });
        }
        for (Thread t : threads) {
            VirtualThreads.join(t);
        }
        return sum.get();
    }
}
