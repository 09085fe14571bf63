package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Awaiting completed tasks in a long loop, completing long chains of waiting tasks, async recursion
 * and cancelling deep chains must not grow the stack: everything here runs on a fresh thread with
 * the default stack size, as a user's program would.
 */
@Timeout(300)
class StackDepthTest {

    /** A Thread's stack size argument that means the JVM's default. */
    private static final long DEFAULT_STACK = 0;

    private static DualModeProgram program() {
        return DualModeProgram.compile("Depth", """
                @Async
                static Task<Long> millionAwaitsOfCompletedTasks() {
                    long sum = 0;
                    for (int i = 0; i < 1_000_000; i++) sum += await(Task.of(i));
                    return Task.of(sum);
                }

                @Async
                static Task<Long> millionInstanceAwaitsInTryFinally() {
                    long sum = 0;
                    int i = 0;
                    Task<Integer> one = Task.of(1);
                    while (i < 1_000_000) {
                        try {
                            sum += one.await();
                        } finally {
                            i++;
                        }
                    }
                    return Task.of(sum);
                }

                @Async
                static Task<Integer> immediate(int i) {
                    return Task.of(await(Task.of(i)) % 2);
                }

                @Async
                static Task<Long> millionAwaitsOfAsyncCallsThatCompleteAtOnce() {
                    long sum = 0;
                    for (int i = 0; i < 1_000_000; i++) sum += await(immediate(i));
                    return Task.of(sum);
                }

                @Async
                static Task<Integer> leaf() {
                    await(sleep(1));
                    return Task.of(0);
                }

                @Async
                static Task<Integer> link(Task<Integer> inner) {
                    return Task.of(await(inner) + 1);
                }

                /** Each link starts, awaits the (pending) previous one and suspends: only completion is deep. */
                @Async
                static Task<Integer> chainOfWaitingTasks(int n) {
                    Task<Integer> t = leaf();
                    for (int i = 0; i < n; i++) t = link(t);
                    return Task.of(await(t));
                }

                @Async
                static Task<Integer> nested(int n) {
                    if (n == 0) {
                        await(sleep(1));
                        return Task.of(0);
                    }
                    return Task.of(await(nested(n - 1)) + 1);
                }

                /** The same recursion without await: how deep plain Java gets on this stack. */
                static int deepestPlain;

                static int plainNested(int n) {
                    deepestPlain = n;
                    return plainNested(n + 1) + 1;
                }

                static int plainDepth() {
                    try {
                        plainNested(0);
                    } catch (StackOverflowError expected) {
                        // the depth it reached is the measure
                    }
                    return deepestPlain;
                }

                /** Async recursion whose innermost call completes at once: nothing ever suspends by itself. */
                @Async
                static Task<Integer> nestedCompleting(int n) {
                    if (n == 0) {
                        return Task.of(0);
                    }
                    return Task.of(await(nestedCompleting(n - 1)) + 1);
                }

                static List<Integer> finallyOrder = new ArrayList<>();
                static boolean leafReached;

                /** {@code inner} seen through one of the combinators, or as is ("await"). */
                static Task<Integer> through(String combinator, Task<Integer> inner) throws Exception {
                    switch (combinator) {
                        case "gather": return first(gather(List.of(inner)));
                        case "withTimeout": return withTimeout(java.time.Duration.ofHours(1), inner);
                        case "race": return race(inner);
                        case "any": return any(inner);
                        default: return inner;
                    }
                }

                @Async
                static Task<Integer> first(Task<List<Integer>> all) {
                    return Task.of(await(all).get(0));
                }

                /**
                 * An n-deep chain whose levels log their finally blocks, each awaiting the next through
                 * {@code combinator}; the leaf sleeps for {@code leafMillis}.
                 */
                @Async
                static Task<Integer> combinedLevel(String combinator, int n, long leafMillis) throws Exception {
                    try {
                        if (n == 0) {
                            leafReached = true;
                            await(sleep(leafMillis));
                            return Task.of(0);
                        }
                        return Task.of(await(through(combinator, combinedLevel(combinator, n - 1, leafMillis))) + 1);
                    } finally {
                        finallyOrder.add(n);
                    }
                }

                /** Starts an n-deep chain (see combinedLevel) and returns it once its leaf has suspended. */
                @Async
                static Task<Task<Integer>> deepChainWaitingAtItsLeaf(String combinator, int n) throws Exception {
                    finallyOrder = new ArrayList<>();
                    leafReached = false;
                    Task<Integer> top = combinedLevel(combinator, n, 600_000);
                    while (!leafReached) {
                        await(yieldNow());
                    }
                    return Task.of(top);
                }

                /** Cancels the top of an n-deep chain once its leaf suspended; returns the order its finally blocks ran in. */
                @Async
                static Task<List<Integer>> cancelDeepChain(String combinator, int n) throws Exception {
                    Task<Integer> top = await(deepChainWaitingAtItsLeaf(combinator, n));
                    top.cancel();
                    try {
                        await(top);
                    } catch (CancellationException expected) {
                        // the whole chain was cancelled
                    }
                    return Task.of(finallyOrder);
                }

                /** A timeout on the whole chain expires: the awaiter gets its TimeoutException once every level's finally ran. */
                @Async
                static Task<List<Integer>> timeOutDeepChain(String combinator, int n) throws Exception {
                    Task<Integer> chain = await(deepChainWaitingAtItsLeaf(combinator, n));
                    try {
                        await(withTimeout(java.time.Duration.ofMillis(1), chain));
                    } catch (TimeoutException expected) {
                        finallyOrder.add(-1);
                    }
                    return Task.of(finallyOrder);
                }

                /** An n-deep chain of {@code return callee(...);}: each level completes like the next one. */
                @Async
                static Task<Integer> forwardingLevel(int n) {
                    if (n == 0) {
                        leafReached = true;
                        try {
                            await(sleep(600_000));
                        } finally {
                            finallyOrder.add(0);
                        }
                        return Task.of(0);
                    }
                    return forwardingLevel(n - 1);
                }

                /** Cancels the top of an n-deep forwarding chain; returns the leaf's finally log if the top ended cancelled. */
                @Async
                static Task<List<Integer>> cancelDeepForwardingChain(int n) {
                    finallyOrder = new ArrayList<>();
                    leafReached = false;
                    Task<Integer> top = forwardingLevel(n);
                    while (!leafReached) {
                        await(yieldNow());
                    }
                    top.cancel();
                    try {
                        await(top);
                    } catch (CancellationException expected) {
                        // the leaf was cancelled, and every level completes like it
                    }
                    return Task.of(top.isCancelled() ? finallyOrder : null);
                }

                @Async
                static Task<Integer> completeDeepChain(String combinator, int n) throws Exception {
                    return Task.of(await(combinedLevel(combinator, n, 1)));
                }

                @Async
                static Task<Integer> waitForEvent(io.jawait.sync.AsyncEvent event) {
                    await(event.whenSet());
                    return Task.of(1);
                }

                @Async
                static Task<Integer> manyWaitersOnOneEvent(int n) {
                    io.jawait.sync.AsyncEvent event = new io.jawait.sync.AsyncEvent();
                    List<Task<Integer>> waiters = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        waiters.add(waitForEvent(event));
                    }
                    await(yieldNow());
                    event.set();
                    int sum = 0;
                    for (int one : await(gather(waiters))) {
                        sum += one;
                    }
                    return Task.of(sum);
                }

                @Async
                static Task<Integer> nestedReturningTasks(int n) {
                    if (n == 0) {
                        await(sleep(1));
                        return Task.of(0);
                    }
                    return nestedReturningTasks(n - 1);
                }
                """);
    }

    /** Runs on a fresh thread with the given stack size so the result does not depend on the test thread. */
    private static <T> T onThreadWithStack(long stackSize, Supplier<T> body) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(body.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "stack-depth-test", stackSize);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    @Test
    void millionAwaitsOfCompletedTasksInALoop() throws Throwable {
        var p = program();
        long expected = 999_999L * 1_000_000L / 2;
        assertEquals(expected, (Long) onThreadWithStack(DEFAULT_STACK,
                () -> p.run(Mode.COMPLETED, "millionAwaitsOfCompletedTasks")));
        assertEquals(1_000_000L, (Long) onThreadWithStack(DEFAULT_STACK,
                () -> p.run(Mode.COMPLETED, "millionInstanceAwaitsInTryFinally")));
        assertEquals(500_000L, (Long) onThreadWithStack(DEFAULT_STACK,
                () -> p.run(Mode.COMPLETED, "millionAwaitsOfAsyncCallsThatCompleteAtOnce")));
    }

    @Test
    void completingAChainOfAHundredThousandWaitingTasksDoesNotOverflowTheStack() throws Throwable {
        var p = program();
        assertEquals(100_000, (Integer) onThreadWithStack(DEFAULT_STACK,
                () -> p.run(Mode.COMPLETED, "chainOfWaitingTasks", 100_000)));
    }

    /**
     * The oracle: how deep plain recursion of the same shape gets on a fresh thread with the
     * default stack. Async recursion must get at least as deep (it takes heap past a bounded
     * number of nested calls), whether its innermost call suspends or completes at once, and
     * through nested {@code return task;} too.
     */
    @Test
    void asyncRecursionGetsAtLeastAsDeepAsPlainRecursionOnTheDefaultStack() throws Throwable {
        var p = program();
        int plain = 0;
        for (int i = 0; i < 3; i++) { // the JIT makes later runs deeper: take the deepest
            plain = Math.max(plain, (Integer) onThreadWithStack(DEFAULT_STACK, () -> p.call("plainDepth")));
        }
        int depth = Math.max(plain, 10_000);
        assertEquals(depth, (Integer) onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "nested", depth)),
                "plain recursion reached " + plain);
        assertEquals(depth, (Integer) onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "nestedCompleting", depth)),
                "plain recursion reached " + plain);
        assertEquals(0, (Integer) onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "nestedReturningTasks", depth)),
                "plain recursion reached " + plain);
    }

    @Test
    void cancellingAHundredThousandDeepChainRunsEveryFinallyInnermostFirst() throws Throwable {
        var p = program();
        assertInnermostFirst(onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "cancelDeepChain", "await", 100_000)), 100_001);
    }

    /**
     * Cancelling propagates through gather, withTimeout, race and any by nested calls (a combinator
     * cancels its input, a coroutine what it awaits): past a bounded nesting the rest is cancelled
     * in a loop, so a chain through them cancels like a chain of plain awaits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gather", "withTimeout", "race", "any"})
    void cancellingAHundredThousandDeepChainThroughACombinatorRunsEveryFinallyInnermostFirst(String combinator) throws Throwable {
        var p = program();
        assertInnermostFirst(onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "cancelDeepChain", combinator, 100_000)), 100_001);
        List<Integer> timedOut = onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "timeOutDeepChain", combinator, 100_000));
        assertInnermostFirst(timedOut.subList(0, timedOut.size() - 1), 100_001);
        assertEquals(-1, timedOut.get(timedOut.size() - 1), "the TimeoutException came after every finally");
        assertEquals(100_000, (Integer) onThreadWithStack(DEFAULT_STACK,
                () -> p.run(Mode.COMPLETED, "completeDeepChain", combinator, 100_000)));
    }

    /** Cancelling a level that returned the next level's task cancels that task: followed in a loop, not by recursion. */
    @Test
    void cancellingAHundredThousandDeepChainOfReturnedTasksReachesItsLeaf() throws Throwable {
        var p = program();
        assertEquals(List.of(0), onThreadWithStack(DEFAULT_STACK, () -> p.run(Mode.COMPLETED, "cancelDeepForwardingChain", 100_000)));
    }

    private static void assertInnermostFirst(List<Integer> order, int levels) {
        assertEquals(levels, order.size());
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                assertEquals(i, order.get(i), "finally blocks out of order at position " + i);
            }
        }
    }

    @Test
    void aHundredThousandWaitersOnOneEventAllResume() throws Throwable {
        var p = program();
        assertEquals(100_000, (Integer) onThreadWithStack(DEFAULT_STACK,
                () -> p.run(Mode.COMPLETED, "manyWaitersOnOneEvent", 100_000)));
    }
}
