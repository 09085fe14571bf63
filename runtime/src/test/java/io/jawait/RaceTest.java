package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.SleepThen;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** race, any, waitFor and asCompleted, on virtual time. */
class RaceTest {

    @Test
    void raceCompletesLikeTheFirstToCompleteAndCancelsTheRest() {
        IOException boom = new IOException("fast failure");
        try (TestLoop loop = new TestLoop()) {
            Task<String> slow = new SleepThen<>("Test.slow", 300, "slow").$start();
            Task<String> fast = new SleepThen<>("Test.fast", 100, "fast").$start();
            assertEquals("fast", loop.run(() -> Tasks.race(slow, fast)));
            assertEquals(Duration.ofMillis(100), loop.currentTime());
            loop.advanceUntilIdle();
            assertTrue(slow.isCancelled());

            Task<String> failsFirst = new SleepThen<String>("Test.f", 10, null, boom).$start();
            Task<String> later = new SleepThen<>("Test.later", 20, "later").$start();
            assertSame(boom, assertThrows(IOException.class, () -> loop.run(() -> Tasks.race(failsFirst, later))));
            assertThrows(IllegalArgumentException.class, () -> Tasks.race(List.of()));
        }
    }

    @Test
    void anyTakesTheFirstSuccessAndFailsOnlyWhenAllFailed() {
        IOException a = new IOException("a");
        IOException b = new IOException("b");
        try (TestLoop loop = new TestLoop()) {
            Task<String> failsFast = new SleepThen<String>("Test.a", 10, null, a).$start();
            Task<String> succeeds = new SleepThen<>("Test.ok", 20, "ok").$start();
            Task<String> slow = new SleepThen<>("Test.slow", 30, "slow").$start();
            assertEquals("ok", loop.run(() -> Tasks.any(failsFast, succeeds, slow)));
            loop.advanceUntilIdle();
            assertTrue(slow.isCancelled());

            Task<String> cancelled = new SleepThen<>("Test.cancelled", 60_000, "never").$start();
            cancelled.cancel();
            IOException e = assertThrows(IOException.class, () -> loop.run(() -> Tasks.any(cancelled,
                    new SleepThen<String>("Test.a", 10, null, a).$start(),
                    new SleepThen<String>("Test.b", 20, null, b).$start())));
            assertSame(a, e, "the first real failure, not the cancellation");
            assertEquals(List.of(b), Arrays.asList(a.getSuppressed()));

            Task<String> onlyCancelled = new SleepThen<>("Test.c", 60_000, "never").$start();
            Task<String> anyOfCancelled = Tasks.any(onlyCancelled);
            onlyCancelled.cancel();
            loop.advanceUntilIdle();
            assertTrue(anyOfCancelled.isCancelled());
        }
    }

    @Test
    void cancellingARaceCancelsAllItsTasks() {
        try (TestLoop loop = new TestLoop()) {
            Task<Void> a = Tasks.sleep(100);
            Task<Void> b = Tasks.sleep(200);
            Task<Void> r = Tasks.race(a, b);
            assertTrue(r.cancel());
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
        }
    }

    @Test
    void waitForFirstCompletedReturnsDoneAndPendingWithoutCancelling() {
        try (TestLoop loop = new TestLoop()) {
            Task<String> a = new SleepThen<>("Test.a", 300, "a").$start();
            Task<String> b = new SleepThen<>("Test.b", 100, "b").$start();
            Task<String> c = new SleepThen<>("Test.c", 200, "c").$start();
            WaitResult<String> r = loop.run(() -> Tasks.waitFor(List.of(a, b, c), WaitMode.FIRST_COMPLETED));
            assertEquals(List.of(b), r.done());
            assertEquals(List.of(a, c), r.pending());
            assertEquals(Duration.ofMillis(100), loop.currentTime());
            WaitResult<String> all = loop.run(() -> Tasks.waitFor(r.pending(), WaitMode.ALL_COMPLETED));
            assertEquals(List.of(a, c), all.done());
            assertEquals("a", a.resultNow(), "nothing was cancelled");
        }
    }

    @Test
    void waitForFirstExceptionIgnoresCancellationAndWaitsForAllWithoutFailures() {
        IOException boom = new IOException("boom");
        try (TestLoop loop = new TestLoop()) {
            Task<String> cancelled = new SleepThen<>("Test.x", 60_000, "x").$start();
            Task<String> failing = new SleepThen<String>("Test.f", 50, null, boom).$start();
            Task<String> slow = new SleepThen<>("Test.slow", 100, "slow").$start();
            cancelled.cancel();
            WaitResult<String> r = loop.run(() -> Tasks.waitFor(List.of(cancelled, failing, slow), WaitMode.FIRST_EXCEPTION));
            assertEquals(List.of(cancelled, failing), r.done());
            assertEquals(List.of(slow), r.pending());
            assertSame(boom, failing.exceptionNow());

            Task<String> x = new SleepThen<>("Test.x", 10, "x").$start();
            Task<String> y = new SleepThen<>("Test.y", 20, "y").$start();
            WaitResult<String> none = loop.run(() -> Tasks.waitFor(List.of(x, y), WaitMode.FIRST_EXCEPTION));
            assertEquals(List.of(x, y), none.done());
        }
    }

    @Test
    void waitForWithATimeoutReturnsWhatIsDoneByThen() {
        try (TestLoop loop = new TestLoop()) {
            Task<String> a = new SleepThen<>("Test.a", 100, "a").$start();
            Task<String> b = new SleepThen<>("Test.b", 10_000, "b").$start();
            WaitResult<String> r = loop.run(() -> Tasks.waitFor(List.of(a, b), WaitMode.ALL_COMPLETED, Duration.ofSeconds(1)));
            assertEquals(List.of(a), r.done());
            assertEquals(List.of(b), r.pending());
            assertEquals(Duration.ofSeconds(1), loop.currentTime());
            assertFalse(b.isDone());
            WaitResult<Object> empty = loop.run(() -> Tasks.waitFor(List.of(), WaitMode.FIRST_COMPLETED));
            assertEquals(List.of(), empty.done());
        }
    }

    @Test
    void aFailureReturnedByWaitForThatNobodyReadsIsStillReported() {
        IOException boom = new IOException("unread");
        TestLoop loop = new TestLoop();
        Task<String> failing = new SleepThen<String>("Test.f", 10, null, boom).$start();
        loop.run(() -> Tasks.waitFor(List.of(failing), WaitMode.ALL_COMPLETED));
        loop.close();
        assertEquals(List.of(boom), loop.unhandledErrors());
    }

    @Test
    void asCompletedYieldsOutcomesInCompletionOrder() {
        IOException boom = new IOException("boom");
        try (TestLoop loop = new TestLoop()) {
            List<Task<String>> inputs = List.of(
                    new SleepThen<>("Test.c", 300, "c").$start(),
                    new SleepThen<String>("Test.f", 200, null, boom).$start(),
                    new SleepThen<>("Test.a", 100, "a").$start());
            List<Task<String>> ordered = Tasks.asCompleted(inputs);
            List<String> seen = new ArrayList<>();
            for (Task<String> next : ordered) {
                try {
                    seen.add(loop.run(() -> next) + "@" + loop.currentTime().toMillis());
                } catch (Exception e) {
                    assertSame(boom, e);
                    seen.add("failed@" + loop.currentTime().toMillis());
                }
            }
            assertEquals(List.of("a@100", "failed@200", "c@300"), seen);
            assertEquals(List.of(), Tasks.asCompleted(List.of()));
        }
    }

    @Test
    void cancellingAsCompletedResultsSkipsThem() {
        try (TestLoop loop = new TestLoop()) {
            List<Task<String>> ordered = Tasks.asCompleted(List.of(
                    new SleepThen<>("Test.a", 10, "a").$start(), new SleepThen<>("Test.b", 20, "b").$start()));
            ordered.get(0).cancel();
            assertEquals("a", loop.run(() -> ordered.get(1)));
            assertThrows(CancellationException.class, () -> ordered.get(0).join());
        }
    }
}
