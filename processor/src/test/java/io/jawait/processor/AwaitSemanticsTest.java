package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.processor.DualModeProgram.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What await and an @Async method mean at run time: both await forms, awaiting CompletionStages
 * completed on other threads, {@code return someTask;}, synchronous start until the first suspension,
 * cancellation at an await point, and calling an @Async method with no running loop.
 */
class AwaitSemanticsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void staticAndInstanceAwaitFormsAndGather(Mode mode) {
        var p = compile("AwaitForms", """
                @Async
                static Task<String> run() {
                    int a = await(get(1));
                    int b = get(2).await();
                    int c = get(await(get(3))).await();
                    List<Integer> all = await(gather(get(4), get(5)));
                    Task<Integer> t = get(6);
                    int d = t.await() + await(t);
                    return Task.of(a + "," + b + "," + c + "," + all + "," + d);
                }
                """);
        assertEquals("1,2,3,[4, 5],12", p.run(mode, "run"));
    }

    @Test
    void completionStageCompletedOnAnotherThreadResumesOnTheLoopThread() {
        var p = compile("Stages", """
                @Async
                static Task<List<Object>> run() {
                    Thread before = Thread.currentThread();
                    CompletableFuture<Thread> cf = CompletableFuture.supplyAsync(Thread::currentThread,
                            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
                    Thread completer = await(cf);
                    Thread afterFirst = Thread.currentThread();
                    CompletionStage<String> minimal = CompletableFuture.supplyAsync(() -> "m",
                            CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS)).minimalCompletionStage();
                    String m = await(minimal);
                    String c = await(CompletableFuture.completedFuture("c"));
                    return Task.of(List.of(before, completer, afterFirst, Thread.currentThread(), m + c));
                }
                """);
        List<?> r = p.run(Mode.SUSPENDING, "run");
        Thread loop = Thread.currentThread();
        assertSame(loop, r.get(0), "Tasks.run runs the loop on the calling thread");
        assertNotSame(loop, r.get(1), "the future was completed on another thread");
        assertSame(loop, r.get(2), "resumed after await(CompletionStage) on the loop thread");
        assertSame(loop, r.get(3), "resumed after await(minimalCompletionStage) on the loop thread");
        assertEquals("mc", r.get(4));
    }

    @Test
    void failedCompletionStagesThrowTheOriginalExceptionNotACompletionException() {
        var p = compile("FailedStages", """
                @Async
                static Task<String> run(RuntimeException e) {
                    List<String> log = new ArrayList<>();
                    CompletableFuture<String> later = new CompletableFuture<>();
                    CompletableFuture.runAsync(() -> later.completeExceptionally(e),
                            CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
                    try {
                        await(later);
                    } catch (RuntimeException caught) {
                        log.add("later:" + (caught == e));
                    }
                    try {
                        await(CompletableFuture.supplyAsync(() -> { throw e; }));
                    } catch (RuntimeException caught) {
                        log.add("supplyAsync:" + (caught == e));
                    }
                    try {
                        await(CompletableFuture.completedFuture(1).thenApply(x -> { throw e; }));
                    } catch (RuntimeException caught) {
                        log.add("thenApply:" + (caught == e));
                    }
                    return Task.of(String.join(" ", log));
                }

                @Async
                static Task<String> propagate(RuntimeException e) {
                    return Task.of(await(CompletableFuture.<String>failedFuture(e)));
                }
                """);
        IllegalStateException e = new IllegalStateException("stage");
        assertEquals("later:true supplyAsync:true thenApply:true", p.run(Mode.SUSPENDING, "run", e));
        assertSame(e, assertThrows(IllegalStateException.class, () -> p.run(Mode.SUSPENDING, "propagate", e)));
    }

    @Test
    void aStagesOwnExecutionOrCompletionExceptionIsNotUnwrapped() {
        var p = compile("OwnWrappers", """
                @Async
                static Task<String> run(Exception cause) {
                    List<String> log = new ArrayList<>();
                    ExecutionException ee = new ExecutionException("own", cause);
                    CompletionException ce = new CompletionException("own", cause);
                    List<CompletionStage<String>> stages = List.of(
                            CompletableFuture.failedFuture(ee),
                            CompletableFuture.failedFuture(ce),
                            CompletableFuture.supplyAsync(() -> { throw ce; }),
                            CompletableFuture.completedFuture(1).thenApply(x -> { throw ce; }),
                            CompletableFuture.<String>failedFuture(ee).thenApply(x -> x),
                            CompletableFuture.<String>failedFuture(ce).thenApply(x -> x),
                            CompletableFuture.<String>failedFuture(cause).thenApply(x -> x));
                    for (CompletionStage<String> stage : stages) {
                        try {
                            await(stage);
                        } catch (Exception caught) {
                            log.add(caught == ee ? "ee" : caught == ce ? "ce" : caught == cause ? "cause" : caught.toString());
                        }
                    }
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("ee ce ce ce ee ce cause", p.run(Mode.SUSPENDING, "run", new java.io.IOException("io")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void returningATaskCompletesWithThatTasksOutcome(Mode mode) {
        var p = compile("ReturnTask", """
                @Async
                static Task<Integer> slow(int v) {
                    await(sleep(5));
                    return Task.of(v);
                }

                @Async
                static Task<Integer> slowFail(RuntimeException e) {
                    await(sleep(5));
                    throw e;
                }

                @Async
                static Task<Integer> delegatePending() {
                    int a = await(get(1));
                    return slow(41 + a);
                }

                @Async
                static Task<Integer> delegateWithoutAwait(int v) {
                    return slow(v);
                }

                @Async
                static Task<Integer> delegateFailed(RuntimeException e) {
                    await(get(0));
                    return Task.failed(e);
                }

                @Async
                static Task<Integer> delegatePendingFailure(RuntimeException e) {
                    await(get(0));
                    return slowFail(e);
                }

                @Async
                static Task<Integer> delegateModeDependent(RuntimeException e) {
                    return fail(e);
                }
                """);
        assertEquals(42, (Integer) p.run(mode, "delegatePending"));
        assertEquals(7, (Integer) p.run(mode, "delegateWithoutAwait", 7));
        for (String method : List.of("delegateFailed", "delegatePendingFailure", "delegateModeDependent")) {
            IllegalStateException e = new IllegalStateException(method);
            assertSame(e, assertThrows(IllegalStateException.class, () -> p.run(mode, method, e)), method);
        }
    }

    @Test
    void anAsyncMethodRunsSynchronouslyUntilItsFirstRealSuspension() {
        var p = compile("SyncStart", """
                @Async
                static Task<String> child(List<String> log) {
                    log.add("child start");
                    int v = await(Task.of(1));
                    log.add("child still synchronous " + v);
                    await(sleep(1));
                    log.add("child resumed");
                    return Task.of("c");
                }

                @Async
                static Task<Integer> immediate() {
                    return Task.of(await(Task.of(5)) + 1);
                }

                @Async
                static Task<String> parent() {
                    List<String> log = new ArrayList<>();
                    log.add("before");
                    Task<String> t = child(log);
                    log.add("after call done=" + t.isDone());
                    String r = await(t);
                    log.add("got " + r + " done=" + t.isDone());
                    Task<Integer> i = immediate();
                    log.add("immediate done=" + i.isDone() + " " + i.resultNow());
                    return Task.of(String.join(", ", log));
                }
                """);
        assertEquals("before, child start, child still synchronous 1, after call done=false, child resumed, "
                + "got c done=true, immediate done=true 6", p.run(Mode.SUSPENDING, "parent"));
    }

    @Test
    void cancellingASuspendedTaskThrowsCancellationExceptionAtItsAwaitAndRunsCatchAndFinally() {
        var p = compile("Cancellation", """
                @Async
                static Task<String> victim(List<String> log) {
                    try {
                        log.add("start");
                        await(sleep(10_000));
                        log.add("not reached");
                    } catch (CancellationException e) {
                        log.add("cancelled");
                        throw e;
                    } finally {
                        log.add("finally");
                    }
                    return Task.of("x");
                }

                @Async
                static Task<String> canceller() {
                    List<String> log = new ArrayList<>();
                    Task<String> t = victim(log);
                    await(sleep(1));
                    t.cancel();
                    try {
                        await(t);
                        log.add("no exception");
                    } catch (CancellationException e) {
                        log.add("caught");
                    }
                    log.add("cancelled=" + t.isCancelled());
                    return Task.of(String.join(" ", log));
                }
                """);
        String result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> p.<String>run(Mode.SUSPENDING, "canceller"));
        assertEquals("start cancelled finally caught cancelled=true", result);
    }

    /**
     * Found by the cancellation oracle (seed 2000031): a close that failed while the cancellation
     * left a method (suppressed on it), or a cleanup failure (the cause), was dropped by the await
     * one level up, which threw a CancellationException of its own without them.
     */
    @Test
    void aCancellationKeepsItsCauseAndSuppressedFailuresOnItsWayOutThroughAwaits() {
        var p = compile("CancelCarries", """
                @Async
                static Task<String> closeFails() {
                    try {
                        await(sleep(10_000));
                    } catch (CancellationException e) {
                        e.addSuppressed(new IllegalStateException("close failed"));
                        throw e;
                    }
                    return Task.of("not reached");
                }

                @Async
                static Task<String> cleanupFails() {
                    try {
                        await(sleep(10_000));
                    } finally {
                        if (true) {
                            throw new IllegalArgumentException("cleanup failed");
                        }
                    }
                    return Task.of("not reached");
                }

                @Async
                static Task<String> middle(boolean close) {
                    return Task.of(await(close ? closeFails() : cleanupFails()));
                }

                @Async
                static Task<String> top(boolean close) {
                    try {
                        return Task.of(await(middle(close)));
                    } catch (CancellationException e) {
                        return Task.of("cause " + e.getCause() + " suppressed " + Arrays.toString(e.getSuppressed()));
                    }
                }

                @Async
                static Task<String> canceller(boolean close) {
                    Task<String> t = top(close);
                    await(sleep(1));
                    t.cancel();
                    return Task.of(await(t));
                }
                """);
        assertEquals("cause null suppressed [java.lang.IllegalStateException: close failed]",
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.<String>run(Mode.SUSPENDING, "canceller", true)));
        assertEquals("cause java.lang.IllegalArgumentException: cleanup failed suppressed []",
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.<String>run(Mode.SUSPENDING, "canceller", false)));
    }

    /**
     * Found by the cancellation oracle's first run (D2000245): a method with a cancellation pending
     * that awaited a task which had already failed threw a CancellationException without that
     * failure, which the loop then reported as never retrieved; now the failure is its cause, as when
     * the task fails after the cancellation ("What a cancelled await gets").
     */
    @Test
    void aCancellationMeetingAnAlreadyFailedTaskCarriesThatFailure() {
        var p = compile("CancelAfterFailure", """
                static final List<String> REPORTS = new ArrayList<>();
                static final List<Task<String>> SELF = new ArrayList<>();

                static Object reports() {
                    return REPORTS.toString();
                }

                @Async
                static Task<String> failing() {
                    throw new IllegalStateException("boom");
                }

                @Async
                static Task<String> waiter(Task<String> f) {
                    await(sleep(0));
                    // Cancelled while it runs: the cancellation takes effect at its next await.
                    SELF.get(0).cancel();
                    try {
                        return Task.of(await(f));
                    } catch (CancellationException e) {
                        return Task.of("cancelled, cause " + e.getCause());
                    }
                }

                @Async
                static Task<String> canceller() {
                    EventLoop.current().setUnhandledErrorHandler((what, e) -> REPORTS.add(what));
                    Task<String> f = failing();
                    SELF.add(waiter(f));
                    return Task.of(await(SELF.get(0)));
                }
                """);
        assertEquals("cancelled, cause java.lang.IllegalStateException: boom",
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.<String>run(Mode.SUSPENDING, "canceller")));
        assertEquals("[]", p.compiled().call("reports"), "nothing reported as never retrieved");
    }

    @Test
    void callingAnAsyncMethodWithNoRunningLoopThrowsIllegalStateException() {
        var p = compile("NoLoop", """
                @Async
                static Task<Integer> run() {
                    return Task.of(await(get(1)));
                }

                @Async
                Task<Integer> instance() {
                    return Task.of(1);
                }

                static Object callInstance() {
                    return new NoLoop().instance();
                }
                """);
        var e = assertThrows(IllegalStateException.class, () -> p.compiled().call("run"));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the message says how to start a loop");
        assertThrows(IllegalStateException.class, () -> p.compiled().call("callInstance"));
        assertEquals(1, (Integer) p.run(Mode.SUSPENDING, "run"));
        assertThrows(IllegalStateException.class, () -> p.compiled().call("run"), "no loop after Tasks.run returned");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancellationAtEachAwaitRunsWhatAnExceptionThrownByThatAwaitWouldRun(Mode mode) {
        // For each k, the k-th gate either really waits and the task is cancelled from outside, or
        // simply fails with a CancellationException, as a blocking await would throw one: the catch,
        // finally, closing and later awaits in clean-up must be the same either way.
        var p = compile("CancelEverywhere", """
                static int calls;
                static int cancelAt;
                static boolean simulate;
                static Task<?> victim;

                @Async
                static Task<Integer> gate(int v) {
                    if (++calls == cancelAt) {
                        if (simulate) {
                            throw new CancellationException("simulated");
                        }
                        spawn(cancelVictimSoon());
                        await(sleep(100_000));
                    }
                    return Task.of(await(get(v)));
                }

                @Async
                static Task<Void> cancelVictimSoon() {
                    await(sleep(0));
                    victim.cancel();
                    return Task.done();
                }

                static final class Conn implements AsyncCloseable {
                    final List<String> log; final String name;
                    Conn(List<String> log, String name) { this.log = log; this.name = name; log.add("open " + name); }
                    @Override @Async public Task<Void> closeAsync() {
                        log.add("close " + name + " " + await(gate(1)));
                        return Task.done();
                    }
                }

                @Async
                static Task<Integer> leaf(List<String> log, int n) {
                    try {
                        return Task.of(await(gate(n)) + await(gate(1)));
                    } finally {
                        log.add("leaf finally " + n);
                    }
                }

                @Async
                static Task<String> body(List<String> log) {
                    int total = 0;
                    try {
                        for (int i = 0; i < 3; i++) {
                            try (Conn c = new Conn(log, "c" + await(gate(i)))) {
                                total += await(leaf(log, i));
                            } finally {
                                log.add("finally " + i + " " + await(gate(i)));
                            }
                        }
                        String s = switch (await(gate(total % 3))) {
                            case 0 -> "zero" + await(gate(0));
                            default -> "other";
                        };
                        log.add(s);
                    } catch (CancellationException e) {
                        log.add("caught at " + total + ", then " + await(gate(7)));
                        throw e;
                    }
                    return Task.of("total " + total);
                }

                @Async
                static Task<String> drive(int k, boolean simulated) {
                    calls = 0;
                    cancelAt = k;
                    simulate = simulated;
                    List<String> log = new ArrayList<>();
                    victim = body(log);
                    try {
                        log.add("returned " + await(victim));
                    } catch (CancellationException e) {
                        log.add("cancelled");
                    }
                    return Task.of(String.join(", ", log));
                }
                """);
        int cancelled = 0;
        for (int k = 1; k <= 24; k++) {
            String simulated = p.run(mode, "drive", k, true);
            assertEquals(simulated, p.run(mode, "drive", k, false), "cancelled at await " + k);
            cancelled += simulated.endsWith("cancelled") ? 1 : 0;
        }
        assertEquals(17, cancelled, "awaits where the cancellation escapes the body");
        assertTrue(p.<String>run(mode, "drive", 0, false).endsWith("returned total 6"));
    }
}
