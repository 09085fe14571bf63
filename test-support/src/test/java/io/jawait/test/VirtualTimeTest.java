package io.jawait.test;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;
import static io.jawait.test.Scenarios.failLater;
import static io.jawait.test.Scenarios.sleepThen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.sync.AsyncEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Async
    static <T> Task<T> awaitThen(Task<T> task) {
        return Task.of(await(task));
    }

    @Async
    static Task<String> afterSet(AsyncEvent event) {
        await(event.whenSet());
        return Task.of("from a thread");
    }

    @Async
    static <T> Task<T> awaitStage(CompletionStage<T> stage) {
        return Task.of(await(stage));
    }

    @Async
    static Task<Void> guarded(List<String> log) {
        try {
            await(sleep(HOUR));
        } catch (CancellationException e) {
            log.add("caught");
            throw e;
        } finally {
            log.add("finally");
        }
        return Task.done();
    }

    @Test
    void anHourLongSleepTakesNoRealTime() {
        try (TestLoop loop = new TestLoop()) {
            long start = System.nanoTime();
            String r = loop.run(() -> sleepThen(HOUR, "woke"));
            assertEquals("woke", r);
            assertEquals(Duration.ofHours(1), loop.currentTime());
            assertEquals(Duration.ofHours(1).toNanos(), loop.loop().now());
            assertTrue(System.nanoTime() - start < Duration.ofMinutes(1).toNanos(), "virtual, not real, time passed");
        }
    }

    @Test
    void timersFireInDeadlineOrderAtTheirExactTime() {
        try (TestLoop loop = new TestLoop()) {
            List<String> fired = new ArrayList<>();
            for (long ms : new long[] {300, 100, 200, 100}) {
                loop.loop().schedule(ms, () -> fired.add(ms + "@" + loop.currentTime().toMillis()));
            }
            loop.advanceUntilIdle();
            assertEquals(List.of("100@100", "100@100", "200@200", "300@300"), fired);
            assertEquals(Duration.ofMillis(300), loop.currentTime());
        }
    }

    @Test
    void aTimeoutOfAnHourFiresAfterExactlyAnHour() {
        try (TestLoop loop = new TestLoop()) {
            assertThrows(TimeoutException.class,
                    () -> loop.run(() -> Tasks.withTimeout(Duration.ofHours(1), sleepThen(2 * HOUR, "late"))));
            assertEquals(Duration.ofHours(1), loop.currentTime());
        }
    }

    @Test
    void advanceTimeByRunsOnlyWhatIsDueAndMovesTheClockExactly() {
        try (TestLoop loop = new TestLoop()) {
            List<Long> fired = new ArrayList<>();
            for (long s = 1; s <= 3; s++) {
                long at = s;
                loop.loop().schedule(Duration.ofSeconds(s), () -> fired.add(at));
            }
            loop.advanceTimeBy(Duration.ofMillis(2500));
            assertEquals(List.of(1L, 2L), fired);
            assertEquals(Duration.ofMillis(2500), loop.currentTime());
            loop.runCurrent();
            assertEquals(Duration.ofMillis(2500), loop.currentTime(), "runCurrent never moves the clock");
            loop.advanceTimeBy(Duration.ofMillis(500));
            assertEquals(List.of(1L, 2L, 3L), fired, "a timer due exactly at the new time fires");
            assertThrows(IllegalArgumentException.class, () -> loop.advanceTimeBy(Duration.ofMillis(-1)));
        }
    }

    @Test
    void runCurrentRunsReadyWorkWithoutAdvancing() {
        try (TestLoop loop = new TestLoop()) {
            List<String> log = new ArrayList<>();
            loop.loop().execute(() -> log.add("posted"));
            Task<Void> sleep = Tasks.sleep(10);
            loop.runCurrent();
            assertEquals(List.of("posted"), log);
            assertFalse(sleep.isDone());
            assertEquals(Duration.ZERO, loop.currentTime());
        }
    }

    @Test
    void aTaskThatCanNeverCompleteFailsInsteadOfHanging() {
        try (TestLoop loop = new TestLoop()) {
            loop.setStallTimeout(Duration.ofMillis(20));
            Task<Void> never = new AsyncEvent().whenSet();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(() -> awaitThen(never)));
            assertTrue(e.getMessage().contains("can never complete"), e.getMessage());
        }
    }

    @Test
    void aRunAwaitingAFutureNobodyCompletesEndsAfterTheStallTimeout() {
        try (TestLoop loop = new TestLoop()) {
            loop.setStallTimeout(Duration.ofMillis(20));
            CompletableFuture<String> never = new CompletableFuture<>();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.run(() -> awaitStage(never)));
            assertTrue(e.getMessage().contains("brought nothing within the stall timeout"), e.getMessage());
        }
    }

    @Test
    void aStalledLoopStillAcceptsWorkFromOtherThreads() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            AsyncEvent event = new AsyncEvent();
            Thread helper = new Thread(() -> loop.loop().execute(event::set));
            Task<String> waiter = afterSet(event);
            helper.start();
            loop.loop().runUntilDone(waiter);
            helper.join();
            assertEquals("from a thread", waiter.resultNow());
        }
    }

    @Test
    void anAwaitedFutureIsWaitedForInRealTimeWhenNoTimerIsPending() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            CompletableFuture<String> future = new CompletableFuture<>();
            Thread completer = new Thread(() -> future.complete("done"));
            Task<String> t = awaitStage(future);
            completer.start();
            assertEquals("done", loop.run(() -> t));
            completer.join();
            assertEquals(Duration.ZERO, loop.currentTime());
        }
    }

    @Test
    void runTestRunsAScenarioAndFailsOnUnobservedErrors() {
        assertEquals("ok", TestLoop.runTest(() -> sleepThen(10_000, "ok")));
        IllegalStateException lost = new IllegalStateException("nobody awaited me");
        AssertionError e = assertThrows(AssertionError.class, () -> TestLoop.runTest(() -> {
            failLater(5, lost);
            return sleepThen(10, "main");
        }));
        assertSame(lost, e.getCause());
        assertTrue(e.getMessage().contains("Scenarios.failLater"), e.getMessage());
        assertThrows(IOException.class, () -> TestLoop.runTest(() -> Task.failed(new IOException("thrown"))));
    }

    @Test
    void closingCancelsLeftoversOnVirtualTime() {
        List<String> log = new ArrayList<>();
        TestLoop loop = new TestLoop();
        Task<Void> g = guarded(log);
        loop.close();
        assertTrue(g.isCancelled());
        assertEquals(List.of("caught", "finally"), log);
        assertEquals(List.of(), loop.unhandledErrors());
    }
}
