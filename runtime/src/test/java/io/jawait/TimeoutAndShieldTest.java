package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.Describe;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.ToolkitCoroutines.SlowCleanup;
import io.jawait.sync.AsyncCondition;
import io.jawait.sync.AsyncLock;
import io.jawait.sync.AsyncSemaphore;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** withTimeout, withTimeoutOrNull and shield on virtual time, above all their cancellation rules. */
class TimeoutAndShieldTest {

    @Test
    void withTimeoutOrNullGivesNullAfterTheInnerTaskFinishedCancelling() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            SlowCleanup inner = new SlowCleanup(Tasks.sleep(60_000), 100, log);
            inner.$start();
            assertNull(loop.run(() -> Tasks.withTimeoutOrNull(Duration.ofSeconds(1), inner)));
            assertEquals(Duration.ofMillis(1100), loop.currentTime(), "it waited for the inner cleanup");
            assertEquals(List.of("cleaned up"), log);
            assertEquals("fast", loop.run(() -> Tasks.withTimeoutOrNull(1000, new SleepThen<>("Test.fast", 10, "fast").$start())));
        }
    }

    @Test
    void anOuterCancellationDuringTheInnerCleanupIsNotTurnedIntoATimeout() throws Exception {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            SlowCleanup inner = new SlowCleanup(Tasks.sleep(60_000), 100, log);
            inner.$start();
            Describe owner = new Describe(Tasks.withTimeout(Duration.ofMillis(10), inner));
            owner.$start();
            loop.advanceTimeBy(Duration.ofMillis(50)); // timed out, inner still cleaning up
            assertTrue(owner.cancel());
            loop.advanceUntilIdle();
            assertInstanceOf(CancellationException.class, owner.caught, "cancellation wins: " + owner.caught);
            assertTrue(inner.isCancelled());
            assertEquals(List.of(), log, "the outer cancellation reached the inner task's cleanup too");
        }
    }

    @Test
    void aTimedOutConditionWaitCancelledByItsOwnerStaysACancellation() throws Exception {
        // The asyncio wait_for bug, in its hardest form: the timeout has fired, the inner wait is
        // still re-acquiring its lock, and then the owner is cancelled.
        try (TestLoop loop = new TestLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            lock.lock();
            Describe owner = new Describe(Tasks.withTimeout(Duration.ofMillis(10), cond.waitSignal()));
            owner.$start();
            lock.lock(); // someone else holds the lock when the timeout fires
            loop.advanceTimeBy(Duration.ofMillis(20));
            assertFalse(owner.isDone(), "the timed-out wait first re-acquires the lock");
            assertTrue(owner.cancel());
            lock.unlock();
            loop.advanceUntilIdle();
            assertInstanceOf(CancellationException.class, owner.caught, "not a TimeoutException: " + owner.caught);
            assertInstanceOf(TimeoutException.class, owner.caught.getCause());
            assertTrue(lock.isLocked(), "the owner holds the lock again, so its finally can unlock");
        }
    }

    @Test
    void acquireWithATimeoutEitherGetsThePermitOrLeavesNothingBehind() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            sem.acquire();
            assertThrows(TimeoutException.class, () -> loop.run(() -> Tasks.withTimeout(100, sem.acquire())));
            assertEquals(0, sem.waiting(), "the timed-out request left the queue");
            loop.loop().schedule(50, sem::release);
            loop.run(() -> Tasks.withTimeout(100, sem.acquire()));
            assertEquals(0, sem.availablePermits(), "granted in time: the caller holds the permit");
            assertEquals(Duration.ofMillis(150), loop.currentTime());
        }
    }

    @Test
    void aShieldedTaskRunsOnWhenItsAwaiterIsCancelled() {
        try (TestLoop loop = new TestLoop()) {
            Task<String> save = new SleepThen<>("Test.save", 100, "saved").$start();
            Task<String> shielded = Tasks.shield(save);
            AwaitThen<String> owner = new AwaitThen<>(shielded);
            owner.$start();
            loop.advanceTimeBy(Duration.ofMillis(10));
            owner.cancel();
            loop.advanceUntilIdle();
            assertTrue(owner.isCancelled());
            assertTrue(shielded.isCancelled());
            assertEquals("saved", save.resultNow(), "the shielded task finished");
            assertSame(save, Tasks.shield(save), "a complete task needs no shield");
        }
    }

    @Test
    void aShieldedTaskThatFailsAfterItsAwaiterLeftIsReported() {
        IOException boom = new IOException("failed after the awaiter left");
        TestLoop loop = new TestLoop();
        Task<String> shielded = Tasks.shield(new SleepThen<String>("Test.save", 100, null, boom).$start());
        shielded.cancel();
        loop.advanceUntilIdle();
        loop.close();
        assertEquals(List.of(boom), loop.unhandledErrors());
    }
}
