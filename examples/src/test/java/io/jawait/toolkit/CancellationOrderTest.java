package io.jawait.toolkit;

import static io.jawait.Tasks.any;
import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.race;
import static io.jawait.Tasks.shield;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.toThread;
import static io.jawait.Tasks.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.TaskSupplier;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a task cleans up innermost first, as in asyncio, kotlinx.coroutines and C#: the
 * awaited task is cancelled, and its awaiter resumes only once that task's catch/finally ran.
 */
@Timeout(30)
class CancellationOrderTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Async
    Task<String> leaf(String name) {
        try {
            await(sleep(HOUR));
            return Task.of(name);
        } finally {
            log.add(name + " finally");
        }
    }

    @Async
    Task<String> mid() {
        try {
            return Task.of(await(leaf("leaf")) + "+mid");
        } finally {
            log.add("mid finally");
        }
    }

    @Async
    <T> Task<T> top(TaskSupplier<T, ?> inner) throws Exception {
        try {
            return Task.of(await(inner.get()));
        } finally {
            log.add("top finally");
        }
    }

    /** Starts {@code top}, lets it suspend, cancels it and runs the loop until nothing is left. */
    private <T> Task<T> cancelOnceSuspended(TestLoop loop, TaskSupplier<T, ?> start) throws Exception {
        Task<T> top = start.get();
        loop.runCurrent();
        assertFalse(top.isDone());
        log.add("cancel");
        assertTrue(top.cancel());
        log.add("cancel returned");
        loop.advanceUntilIdle();
        assertTrue(top.isDone());
        return top;
    }

    @Test
    void aChainOfAwaitsIsCleanedUpFromTheInnermostTask() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<?> top = cancelOnceSuspended(loop, () -> top(this::mid));
            assertTrue(top.isCancelled());
        }
        assertEquals(List.of("cancel", "cancel returned", "leaf finally", "mid finally", "top finally"), log);
    }

    @Test
    void anAwaiterOfGatherResumesAfterEveryChildFinished() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<?> top = cancelOnceSuspended(loop, () -> top(() -> gather(leaf("a"), leaf("b"))));
            assertTrue(top.isCancelled());
        }
        assertEquals(List.of("cancel", "cancel returned", "a finally", "b finally", "top finally"), log);
    }

    @Test
    void anAwaiterOfWithTimeoutResumesAfterTheInnerTaskFinished() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<?> top = cancelOnceSuspended(loop, () -> top(() -> withTimeout(Duration.ofHours(2), mid())));
            assertTrue(top.isCancelled());
        }
        assertEquals(List.of("cancel", "cancel returned", "leaf finally", "mid finally", "top finally"), log);
    }

    @Test
    void anAwaiterOfRaceOrAnyResumesAfterEveryContenderFinished() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            assertTrue(cancelOnceSuspended(loop, () -> top(() -> race(leaf("a"), leaf("b")))).isCancelled());
            assertTrue(cancelOnceSuspended(loop, () -> top(() -> any(leaf("c"), leaf("d")))).isCancelled());
        }
        assertEquals(List.of("cancel", "cancel returned", "a finally", "b finally", "top finally",
                "cancel", "cancel returned", "c finally", "d finally", "top finally"), log);
    }

    @Async
    Task<String> failSoon(String message) {
        await(sleep(Duration.ofMillis(10)));
        throw new IllegalStateException(message);
    }

    @Async
    Task<String> winSoon(String name) {
        await(sleep(Duration.ofMillis(10)));
        return Task.of(name);
    }

    /** Awaits {@code inner} and logs how it ended, so the log shows what ran before the awaiter resumed. */
    @Async
    <T> Task<T> logOutcome(TaskSupplier<T, ?> inner) throws Exception {
        try {
            T value = await(inner.get());
            log.add("resumed with " + value);
            return Task.of(value);
        } catch (IllegalStateException e) {
            log.add("resumed with " + e.getMessage());
            throw e;
        }
    }

    @Test
    void aFailedGatherResumesItsAwaiterAfterTheCancelledChildrenFinished() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<String> a = leaf("a");
            Task<String> b = leaf("b");
            Task<List<String>> top = logOutcome(() -> gather(a, failSoon("boom"), b));
            loop.advanceUntilIdle();
            assertEquals("boom", top.exceptionNow().getMessage());
            assertTrue(a.isCancelled() && b.isCancelled());
        }
        assertEquals(List.of("a finally", "b finally", "resumed with boom"), log);
    }

    @Test
    void raceAndAnyResumeTheirAwaiterWithTheWinnerAfterTheLosersFinished() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            assertEquals("w1", loop.run(() -> logOutcome(() -> race(leaf("a"), winSoon("w1"), leaf("b")))));
            assertEquals("w2", loop.run(() -> logOutcome(() -> any(failSoon("lost"), leaf("c"), winSoon("w2")))));
        }
        assertEquals(List.of("a finally", "b finally", "resumed with w1", "c finally", "resumed with w2"), log);
    }

    @Test
    void shieldIsTheExceptionTheAwaiterResumesAtOnceAndTheInnerTaskRunsOn() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<String> inner = leaf("shielded");
            Task<?> top = cancelOnceSuspended(loop, () -> top(() -> shield(inner)));
            assertTrue(top.isCancelled());
            assertEquals("shielded", inner.resultNow(), "the shielded task ran to its end");
        }
        assertEquals(List.of("cancel", "cancel returned", "top finally", "shielded finally"), log);
    }

    @Test
    void toThreadInterruptsTheWorkerBeforeTheAwaiterResumes() throws Exception {
        Executor recordingInterrupts = work -> new Thread(work, "worker") {
            @Override
            public void interrupt() {
                log.add("worker interrupted");
                super.interrupt();
            }
        }.start();
        CountDownLatch started = new CountDownLatch(1);
        try (TestLoop loop = new TestLoop()) {
            Task<?> top = top(() -> toThread(recordingInterrupts, () -> {
                started.countDown();
                Thread.sleep(HOUR.toMillis());
                return "slept";
            }));
            assertTrue(started.await(20, TimeUnit.SECONDS));
            log.add("cancel");
            assertTrue(top.cancel());
            log.add("cancel returned");
            loop.run(() -> sleep(1));
            assertTrue(top.isCancelled());
        }
        assertEquals(List.of("cancel", "worker interrupted", "cancel returned", "top finally"), log);
    }

    @Async
    Task<String> swallower() {
        try {
            await(sleep(HOUR));
        } catch (CancellationException e) {
            log.add("swallowed");
        }
        return Task.of("kept going");
    }

    @Async
    Task<String> carriesOn() {
        try {
            String value = await(swallower());
            log.add("got " + value);
            await(sleep(HOUR));
            log.add("not reached: cancelled at the next await");
            return Task.of(value);
        } finally {
            log.add("top finally");
        }
    }

    @Test
    void aCancelledAwaiterGetsTheValueOfATaskThatSwallowedTheCancellationThenIsCancelledAtItsNextAwait() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<?> top = cancelOnceSuspended(loop, this::carriesOn);
            assertTrue(top.isCancelled());
        }
        assertEquals(List.of("cancel", "cancel returned", "swallowed", "got kept going", "top finally"), log);
    }

    @Async
    Task<String> failsWhileCleaningUp() {
        try {
            await(sleep(HOUR));
        } finally {
            cleanUpAndFail();
        }
        return Task.of("unreachable");
    }

    private void cleanUpAndFail() {
        log.add("cleanup fails");
        throw new UncheckedIOException(new IOException("cleanup failed"));
    }

    @Async
    Task<String> reportsWhatItGot() {
        try {
            return Task.of(await(failsWhileCleaningUp()));
        } catch (CancellationException e) {
            log.add("cancelled, cause " + e.getCause());
            throw e;
        }
    }

    @Test
    void aFailureDuringTheInnerCleanupIsTheCauseOfTheAwaitersCancellation() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<?> top = cancelOnceSuspended(loop, this::reportsWhatItGot);
            assertTrue(top.isCancelled());
            loop.assertNoUnhandledErrors();
        }
        assertEquals(List.of("cancel", "cancel returned", "cleanup fails", "cancelled, cause java.io.UncheckedIOException: java.io.IOException: cleanup failed"), log);
    }
}
