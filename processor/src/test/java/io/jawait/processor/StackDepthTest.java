package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Awaiting completed tasks in a long loop and completing long chains of waiting tasks must not grow
 * the stack.
 */
class StackDepthTest {

    private static final long ONE_MIB = 1024 * 1024;

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
        assertEquals(expected, (Long) onThreadWithStack(ONE_MIB,
                () -> p.run(Mode.COMPLETED, "millionAwaitsOfCompletedTasks")));
        assertEquals(1_000_000L, (Long) onThreadWithStack(ONE_MIB,
                () -> p.run(Mode.COMPLETED, "millionInstanceAwaitsInTryFinally")));
        assertEquals(500_000L, (Long) onThreadWithStack(ONE_MIB,
                () -> p.run(Mode.COMPLETED, "millionAwaitsOfAsyncCallsThatCompleteAtOnce")));
    }

    @Test
    void completingAChainOfTenThousandWaitingTasksDoesNotOverflowTheStack() throws Throwable {
        var p = program();
        assertEquals(10_000, (Integer) onThreadWithStack(ONE_MIB,
                () -> p.run(Mode.COMPLETED, "chainOfWaitingTasks", 10_000)));
    }

    /**
     * Starting 10_000 nested calls is as deep as any synchronous recursion of that depth (each call
     * runs until the innermost suspends), so this runs on a large stack; it checks the results of
     * the nested awaits and nested {@code return task;} once the innermost call completes.
     */
    @Test
    void tenThousandNestedAsyncCallsWhoseInnermostSuspends() throws Throwable {
        var p = program();
        assertEquals(10_000, (Integer) onThreadWithStack(256 * ONE_MIB,
                () -> p.run(Mode.COMPLETED, "nested", 10_000)));
        assertEquals(0, (Integer) onThreadWithStack(256 * ONE_MIB,
                () -> p.run(Mode.COMPLETED, "nestedReturningTasks", 10_000)));
    }
}
