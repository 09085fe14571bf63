package io.jawait.benchmarks.peers;

import java.util.concurrent.CompletableFuture;

/**
 * The CompletableFuture baselines: the same work as the jawait workloads written by hand with
 * callbacks ({@code thenApply}, the floor for a compiled state machine) and with
 * {@code thenCompose}, the way code built from future-returning methods chains them.
 */
public final class FutureWorkloads {
    private FutureWorkloads() {
    }

    /** Reads an already-completed future {@code n} times. */
    public static int awaitCompleted(CompletableFuture<Integer> done, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += done.join();
        }
        return sum;
    }

    /** Two callback chains handing control to each other through a run queue, {@code n} hops each. */
    public static int pingPong(QueueExecutor queue, int n) {
        int[] hops = new int[1];
        Runnable[] step = new Runnable[2];
        int[] left = {n, n};
        for (int k = 0; k < 2; k++) {
            int me = k;
            step[k] = () -> {
                hops[0]++;
                if (--left[me] > 0) {
                    CompletableFuture.runAsync(step[me], queue);
                }
            };
            CompletableFuture.runAsync(step[k], queue);
        }
        queue.drain();
        return hops[0];
    }

    /** {@code depth + 1} levels of {@code thenApply} callbacks over a pending leaf; returns the sum. */
    public static int chainCallbacks(int depth) {
        CompletableFuture<Integer> leaf = new CompletableFuture<>();
        CompletableFuture<Integer> top = callbacks(depth, leaf);
        leaf.complete(0);
        return top.join();
    }

    private static CompletableFuture<Integer> callbacks(int depth, CompletableFuture<Integer> leaf) {
        CompletableFuture<Integer> below = depth == 0 ? leaf : callbacks(depth - 1, leaf);
        return below.thenApply(v -> v + 1);
    }

    /** The same chain where each level returns a future and the caller composes it. */
    public static int chainCompose(int depth) {
        CompletableFuture<Integer> leaf = new CompletableFuture<>();
        CompletableFuture<Integer> top = compose(depth, leaf);
        leaf.complete(0);
        return top.join();
    }

    private static CompletableFuture<Integer> compose(int depth, CompletableFuture<Integer> leaf) {
        CompletableFuture<Integer> below = depth == 0 ? leaf : compose(depth - 1, leaf);
        return below.thenCompose(v -> CompletableFuture.completedFuture(v + 1));
    }

    /** {@code n} children that each hop through the run queue once, joined with allOf; returns the sum. */
    public static long gather(QueueExecutor queue, int n) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] children = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            children[i] = CompletableFuture.supplyAsync(() -> index, queue);
        }
        CompletableFuture<Long> all = CompletableFuture.allOf(children).thenApply(ignored -> {
            long sum = 0;
            for (CompletableFuture<Integer> c : children) {
                sum += c.join();
            }
            return sum;
        });
        queue.drain();
        return all.join();
    }
}
