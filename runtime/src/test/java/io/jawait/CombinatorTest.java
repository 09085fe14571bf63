package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.Guarded;
import io.jawait.TestCoroutines.SleepThen;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CombinatorTest {

    @Test
    void gatherReturnsValuesInArgumentOrder() {
        try (EventLoop loop = new EventLoop()) {
            Task<List<String>> all = Tasks.gather(
                    new SleepThen<>("Test.slow", 40, "slow").$start(),
                    Task.of("ready"),
                    new SleepThen<>("Test.fast", 5, "fast").$start(),
                    new SleepThen<String>("Test.nothing", 1, null).$start());
            loop.runUntilDone(all);
            assertEquals(Arrays.asList("slow", "ready", "fast", null), all.resultNow());
            assertThrows(UnsupportedOperationException.class, () -> all.resultNow().add("x"));
        }
    }

    @Test
    void gatherOfNothingOrOfCompletedTasksIsCompleteAtOnce() {
        try (EventLoop loop = new EventLoop()) {
            assertEquals(List.of(), Tasks.<String>gather().resultNow());
            assertEquals(List.of(1, 2), Tasks.gather(List.of(Task.of(1), Task.of(2))).resultNow());
        }
    }

    @Test
    void gatherFailsWithTheFirstFailureAndCancelsTheOthers() {
        IOException boom = new IOException("boom");
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Guarded slow = new Guarded(() -> Tasks.sleep(60_000), false, log);
            slow.$start();
            Task<String> failing = new SleepThen<String>("Test.failing", 5, null, boom).$start();
            Task<String> ok = new SleepThen<>("Test.ok", 1, "ok").$start();
            Task<List<String>> all = Tasks.gather(ok, slow, failing);
            loop.runUntilDone(all);
            assertSame(boom, all.exceptionNow());
            loop.runUntilDone(slow);
            assertTrue(slow.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
            assertEquals("ok", ok.resultNow());
        }
    }

    @Test
    void cancellingAGatherCancelsItsChildren() {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> a = Tasks.sleep(60_000);
            Task<String> b = new SleepThen<>("Test.b", 60_000, "b").$start();
            Task<List<Object>> all = Tasks.gather(a, b);
            assertTrue(all.cancel());
            assertTrue(a.isCancelled());
            assertFalse(all.isDone(), "the gather completes once every child has finished");
            loop.runUntilDone(all);
            assertTrue(b.isCancelled());
            assertTrue(all.isCancelled());
        }
    }

    @Test
    void gatherSettledReturnsEveryOutcome() throws Exception {
        IOException boom = new IOException("boom");
        try (EventLoop loop = new EventLoop()) {
            Task<Void> cancelled = Tasks.sleep(60_000);
            Task<List<Outcome<String>>> all = Tasks.gatherSettled(
                    new SleepThen<>("Test.a", 10, "a").$start(),
                    new SleepThen<String>("Test.failing", 1, null, boom).$start(),
                    Tasks.withTimeout(1, new SleepThen<>("Test.slow", 60_000, "late").$start()));
            loop.runUntilDone(all);
            List<Outcome<String>> outcomes = all.resultNow();
            assertEquals(3, outcomes.size());
            assertTrue(outcomes.get(0).isSuccess());
            assertEquals("a", outcomes.get(0).value());
            assertTrue(outcomes.get(1).isFailure());
            assertSame(boom, outcomes.get(1).error());
            assertThrows(IllegalStateException.class, () -> outcomes.get(1).value());
            assertThrows(IllegalStateException.class, () -> outcomes.get(0).error());
            assertTrue(outcomes.get(2).error() instanceof TimeoutException);
            assertFalse(outcomes.get(2).isCancelled());

            Task<List<Outcome<Object>>> withCancel = Tasks.gatherSettled(List.of(cancelled, Task.of("x")));
            cancelled.cancel();
            loop.runUntilDone(withCancel);
            assertTrue(withCancel.resultNow().get(0).isCancelled());
            assertEquals(Outcome.success("x"), withCancel.resultNow().get(1));
        }
    }

    @Test
    void timeoutFailsWithTimeoutExceptionAfterCancellingTheInnerTask() throws Exception {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Guarded inner = new Guarded(() -> Tasks.sleep(60_000), false, log);
            inner.$start();
            Task<String> limited = Tasks.withTimeout(Duration.ofMillis(20), inner);
            loop.runUntilDone(limited);
            assertTrue(limited.exceptionNow() instanceof TimeoutException, String.valueOf(limited));
            assertTrue(limited.exceptionNow().getMessage().contains("Test.guarded timed out after 20 ms"),
                    limited.exceptionNow().getMessage());
            assertTrue(inner.isCancelled(), "the inner task has finished cancelling when the timeout fails");
            assertEquals(List.of("caught", "finally"), log);
        }
    }

    @Test
    void timeoutCompletesLikeTheInnerTaskWhenItIsFastEnough() throws Exception {
        IOException boom = new IOException("boom");
        try (EventLoop loop = new EventLoop()) {
            Task<String> fast = Tasks.withTimeout(10_000, new SleepThen<>("Test.fast", 5, "fast").$start());
            Task<String> failing = Tasks.withTimeout(10_000, new SleepThen<String>("Test.f", 5, null, boom).$start());
            loop.runUntilDone(Tasks.gatherSettled(fast, failing));
            assertEquals("fast", fast.resultNow());
            assertSame(boom, failing.exceptionNow());
            Task<String> done = Task.of("done");
            assertSame(done, Tasks.withTimeout(1, done));
        }
    }

    @Test
    void cancellingATimeoutCancelsTheInnerTask() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> inner = Tasks.sleep(60_000);
            Task<Void> limited = Tasks.withTimeout(60_000, inner);
            assertTrue(limited.cancel());
            assertTrue(inner.isCancelled());
            assertTrue(limited.isCancelled());
            assertThrows(IllegalStateException.class, limited::exceptionNow);
        }
    }
}
