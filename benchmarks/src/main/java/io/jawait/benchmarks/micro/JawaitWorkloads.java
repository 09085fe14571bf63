package io.jawait.benchmarks.micro;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.yieldNow;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.internal.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The jawait side of the micro-benchmarks, as a user would write it. Every method must be called
 * on a thread whose {@link EventLoop} is current; each returns a figure the smoke tests check, so
 * that a broken transform cannot produce a fast but wrong benchmark.
 */
public final class JawaitWorkloads {
    private JawaitWorkloads() {
    }

    /** Awaits an already-completed task {@code n} times: the await itself must not allocate. */
    @Async
    static Task<Integer> awaitCompleted(Task<Integer> done, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(done);
        }
        return Task.of(sum);
    }

    /** Sum of {@code n} awaits of {@code done} (value 1 gives n); completes without suspending. */
    public static int awaitCompletedOnce(Task<Integer> done, int n) {
        return awaitCompleted(done, n).resultNow();
    }

    /** Suspends {@code n} times through the loop with jawait's yield (Kotlin's {@code yield()}, asyncio's {@code await sleep(0)}). */
    @Async
    static Task<Integer> yielder(int n) {
        int yields = 0;
        for (int i = 0; i < n; i++) {
            await(yieldNow());
            yields++;
        }
        return Task.of(yields);
    }

    /** Two tasks yielding to each other {@code n} times each; returns the total number of yields. */
    public static int pingPong(EventLoop loop, int n) {
        Task<Integer> a = yielder(n);
        Task<Integer> b = yielder(n);
        loop.runUntilDone(a);
        loop.runUntilDone(b);
        return a.resultNow() + b.resultNow();
    }

    /** {@code depth} nested @Async calls; the innermost awaits {@code leaf}; each adds one. */
    @Async
    static Task<Integer> chain(int depth, Task<Integer> leaf) {
        int v;
        if (depth == 0) {
            v = await(leaf);
        } else {
            v = await(chain(depth - 1, leaf));
        }
        return Task.of(v + 1);
    }

    /** Builds a suspended chain of {@code depth + 1} calls over a pending leaf, completes the leaf, returns the sum. */
    public static int chainOnce(EventLoop loop, int depth) {
        Promise<Integer> leaf = new Promise<>();
        Task<Integer> top = chain(depth, leaf);
        leaf.complete(0);
        loop.runUntilDone(top);
        return top.resultNow();
    }

    /** One child of the gather: suspends once through the loop (a yield), then returns its index. */
    @Async
    static Task<Integer> child(int index) {
        await(yieldNow());
        return Task.of(index);
    }

    /** Gathers {@code n} children that each suspend once; returns the sum of their values. */
    @Async
    static Task<Long> gatherChildren(int n) {
        List<Task<Integer>> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(child(i));
        }
        long sum = 0;
        for (int v : await(gather(children))) {
            sum += v;
        }
        return Task.of(sum);
    }

    /** Runs one gather of {@code n} to completion on the loop; returns the sum 0 + 1 + ... + (n-1). */
    public static long gatherOnce(EventLoop loop, int n) {
        Task<Long> all = gatherChildren(n);
        loop.runUntilDone(all);
        return all.resultNow();
    }
}
