package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.ToolkitCoroutines.CompletionLog;
import io.jawait.ToolkitCoroutines.TwoAwaits;
import io.jawait.internal.Promise;
import io.jawait.sync.AsyncLock;
import io.jawait.sync.AsyncSemaphore;
import io.jawait.test.TestLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AsyncSemaphoreTest {

    @Test
    void permitsAreGrantedInRequestOrder() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(2);
            assertTrue(sem.acquire().isDone());
            assertTrue(sem.tryAcquire());
            assertFalse(sem.tryAcquire());
            CompletionLog log = new CompletionLog();
            log.watch("a", sem.acquire());
            log.watch("b", sem.acquire());
            log.watch("c", sem.acquire());
            assertEquals(3, sem.waiting());
            sem.release();
            assertEquals(List.of("a=null"), log.entries);
            assertFalse(sem.tryAcquire(), "a release goes to the oldest waiter, not to a barging tryAcquire");
            sem.release();
            sem.release();
            assertEquals(List.of("a=null", "b=null", "c=null"), log.entries);
            assertEquals(0, sem.availablePermits());
        }
    }

    @Test
    void releasingMoreThanAcquiredIsRefused() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
            assertTrue(e.getMessage().contains("without a matching acquire"), e.getMessage());
            AsyncLock lock = new AsyncLock();
            assertThrows(IllegalStateException.class, lock::unlock);
            assertThrows(IllegalArgumentException.class, () -> new AsyncSemaphore(-1));
        }
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndGetsNoPermit() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            sem.acquire();
            CompletionLog log = new CompletionLog();
            Task<Void> a = log.watch("a", sem.acquire());
            log.watch("b", sem.acquire());
            assertTrue(a.cancel());
            assertEquals(1, sem.waiting());
            sem.release();
            assertEquals(List.of("a!CancellationException", "b=null"), log.entries);
            sem.release();
            assertEquals(1, sem.availablePermits(), "the cancelled waiter did not keep a permit");
        }
    }

    @Test
    void cancellingATaskSuspendedInAcquireWithdrawsItsRequest() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            sem.acquire();
            AwaitThen<Void> waiter = new AwaitThen<>(sem.acquire());
            waiter.$start();
            assertTrue(waiter.cancel());
            assertFalse(waiter.isDone(), "its catch/finally blocks run from the ready queue, not inside cancel()");
            loop.runUntilDone(waiter);
            assertTrue(waiter.isCancelled());
            assertEquals(0, sem.waiting());
            sem.release();
            assertEquals(1, sem.availablePermits());
        }
    }

    @Test
    void aPermitGrantedBeforeTheCancellationIsDeliveredAndTheCancellationComesAtTheNextAwait() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            sem.acquire();
            List<String> log = new ArrayList<>();
            Promise<String> never = new Promise<>();
            TwoAwaits waiter = new TwoAwaits(sem::acquire, () -> never, log);
            waiter.$start();
            // The grant resumes the waiter through the ready queue; cancel it before it runs.
            ToolkitCoroutines.whereResumptionsQueue(() -> {
                sem.release();
                assertTrue(waiter.cancel());
            });
            loop.runUntilDone(waiter);
            assertEquals(List.of("first: null", "caught CancellationException"), log);
            assertTrue(waiter.isCancelled());
            assertTrue(never.isCancelled(), "the second await was cancelled");
            assertEquals(0, sem.availablePermits(), "the waiter got the permit (and must release it)");
        }
    }

    @Test
    void aGrantedPermitIsKeptByAMethodThatReturnsBeforeAnotherAwait() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            sem.acquire();
            AwaitThen<Void> waiter = new AwaitThen<>(sem.acquire()); // returns right after the grant
            waiter.$start();
            ToolkitCoroutines.whereResumptionsQueue(() -> {
                sem.release();
                assertTrue(waiter.cancel());
            });
            loop.runUntilDone(waiter);
            assertFalse(waiter.isCancelled(), "the cancellation re-armed after the grant had no await left to take effect at");
            assertEquals(0, sem.availablePermits(), "the waiter's caller got the permit (and must release it)");
        }
    }

    @Test
    void aCancellationRequestedWhileRunningDoesNotDropAnImmediateGrant() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            List<String> log = new ArrayList<>();
            AtomicReference<TwoAwaits> self = new AtomicReference<>();
            Promise<String> never = new Promise<>();
            TwoAwaits t = new TwoAwaits(() -> {
                self.get().cancel(); // cancel() while the coroutine itself runs
                return sem.acquire();
            }, () -> never, log);
            self.set(t);
            t.$start();
            loop.runUntilDone(t);
            assertEquals(List.of("first: null", "caught CancellationException"), log);
            assertEquals(0, sem.availablePermits(), "the permit went to the task instead of vanishing");
        }
    }

    @Test
    void aCancellationRequestedWhileRunningWithdrawsAPendingAcquire() {
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            sem.acquire();
            List<String> log = new ArrayList<>();
            AtomicReference<TwoAwaits> self = new AtomicReference<>();
            TwoAwaits t = new TwoAwaits(() -> {
                self.get().cancel();
                return sem.acquire();
            }, Promise::new, log);
            self.set(t);
            t.$start();
            loop.runUntilDone(t);
            assertEquals(List.of("caught CancellationException"), log);
            assertEquals(0, sem.waiting());
            sem.release();
            assertEquals(1, sem.availablePermits());
        }
    }

    @Test
    void withPermitReleasesAfterTheBodyAndLimitsConcurrency() {
        try (TestLoop loop = new TestLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(2);
            int[] running = {0};
            int[] peak = {0};
            List<Task<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                all.add(sem.withPermit(() -> {
                    running[0]++;
                    peak[0] = Math.max(peak[0], running[0]);
                    Task<Integer> body = new TestCoroutines.SleepThen<>("Test.job", 5, n).$start();
                    body.onComplete((v, e) -> running[0]--);
                    return body;
                }));
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5), loop.run(() -> Tasks.gather(all)));
            assertEquals(java.time.Duration.ofMillis(15), loop.currentTime(), "6 jobs, 2 at a time, 5 ms each");
            assertEquals(2, peak[0]);
            assertEquals(2, sem.availablePermits());
        }
    }

    @Test
    void cancellingWithPermitCancelsTheBodyAndReleasesAfterItFinished() {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            AsyncSemaphore sem = new AsyncSemaphore(1);
            TestCoroutines.Guarded[] body = new TestCoroutines.Guarded[1];
            Task<String> scoped = sem.withPermit(() -> {
                body[0] = new TestCoroutines.Guarded(() -> Tasks.sleep(60_000), false, log);
                return body[0].$start();
            });
            Task<String> queued = sem.withPermit(() -> Task.of("second"));
            assertEquals(0, sem.availablePermits());
            assertTrue(scoped.cancel());
            loop.runUntilDone(scoped);
            assertTrue(scoped.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
            assertTrue(body[0].isCancelled());
            loop.runUntilDone(queued);
            assertEquals("second", queued.resultNow());
            assertEquals(1, sem.availablePermits());

            sem.acquire();
            Task<String> waiting = sem.withPermit(() -> Task.of("never runs"));
            assertTrue(waiting.cancel());
            assertTrue(waiting.isCancelled());
            sem.release();
            assertEquals(1, sem.availablePermits());
        }
    }

    @Test
    void aFailingBodyStillReleases() {
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            IllegalStateException boom = new IllegalStateException("boom");
            Task<String> failed = lock.withLock(() -> Task.failed(boom));
            assertTrue(failed.isFailed());
            assertEquals(boom, failed.exceptionNow());
            Task<String> thrown = lock.withLock(() -> {
                throw boom;
            });
            assertEquals(boom, thrown.exceptionNow());
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void primitivesBelongToTheLoopThatFirstUsesThem() throws Exception {
        AsyncSemaphore sem = new AsyncSemaphore(1); // created outside any loop: fine
        IllegalStateException noLoop = assertThrows(IllegalStateException.class, sem::acquire);
        assertTrue(noLoop.getMessage().contains("No jawait event loop"), noLoop.getMessage());
        try (EventLoop loop = new EventLoop()) {
            sem.acquire();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try (EventLoop second = new EventLoop()) {
                    sem.release();
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            other.start();
            other.join();
            assertTrue(error.get() instanceof IllegalStateException, String.valueOf(error.get()));
            assertTrue(error.get().getMessage().contains("belongs to the event loop of thread"), error.get().getMessage());
        }
        try (EventLoop next = new EventLoop()) {
            assertFalse(sem.tryAcquire(), "once its loop is closed, a new loop may use it, with its count");
            sem.release();
            assertTrue(sem.tryAcquire());
        }
    }
}
