package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitStage;
import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.internal.Promise;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void anHourLongSleepTakesNoRealTime() {
        try (TestLoop loop = new TestLoop()) {
            long start = System.nanoTime();
            String r = loop.run(() -> new SleepThen<>("Test.slow", HOUR, "woke").$start());
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
                    () -> loop.run(() -> Tasks.withTimeout(Duration.ofHours(1), new SleepThen<>("Test.slow", 2 * HOUR, "late").$start())));
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
            Promise<String> never = new Promise<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(() -> new AwaitThen<>(never).$start()));
            assertTrue(e.getMessage().contains("can never complete"), e.getMessage());
        }
    }

    @Test
    void aRunAwaitingAFutureNobodyCompletesEndsAfterTheStallTimeout() {
        try (TestLoop loop = new TestLoop()) {
            loop.setStallTimeout(Duration.ofMillis(20));
            CompletableFuture<String> never = new CompletableFuture<>();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.run(() -> new AwaitStage<>(never).$start()));
            assertTrue(e.getMessage().contains("brought nothing within the stall timeout"), e.getMessage());
        }
    }

    @Test
    void aStalledLoopStillAcceptsWorkFromOtherThreads() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Promise<String> promise = new Promise<>();
            Thread helper = new Thread(() -> loop.loop().execute(() -> promise.complete("from a thread")));
            Task<String> waiter = new AwaitThen<>(promise).$start();
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
            Task<String> t = new AwaitStage<>(future).$start();
            completer.start();
            assertEquals("done", loop.run(() -> t));
            completer.join();
            assertEquals(Duration.ZERO, loop.currentTime());
        }
    }

    @Test
    void runTestRunsAScenarioAndFailsOnUnobservedErrors() {
        assertEquals("ok", TestLoop.runTest(() -> new SleepThen<>("Test.ok", 10_000, "ok").$start()));
        IOException lost = new IOException("nobody awaited me");
        AssertionError e = assertThrows(AssertionError.class, () -> TestLoop.runTest(() -> {
            new SleepThen<String>("Test.forgotten", 5, null, lost).$start();
            return new SleepThen<>("Test.main", 10, "main").$start();
        }));
        assertSame(lost, e.getCause());
        assertTrue(e.getMessage().contains("Test.forgotten"), e.getMessage());
        assertThrows(IOException.class, () -> TestLoop.runTest(() -> Task.failed(new IOException("thrown"))));
    }

    @Test
    void closingCancelsLeftoversOnVirtualTime() {
        List<String> log = new ArrayList<>();
        TestLoop loop = new TestLoop();
        TestCoroutines.Guarded g = new TestCoroutines.Guarded(() -> Tasks.sleep(HOUR), false, log);
        g.$start();
        loop.close();
        assertTrue(g.isCancelled());
        assertEquals(List.of("caught", "finally"), log);
        assertEquals(List.of(), loop.unhandledErrors());
    }
}
