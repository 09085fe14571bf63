package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.ToolkitCoroutines.CompletionLog;
import io.jawait.sync.AsyncBarrier;
import io.jawait.sync.AsyncCondition;
import io.jawait.sync.AsyncEvent;
import io.jawait.sync.AsyncLock;
import io.jawait.sync.BarrierBrokenException;
import io.jawait.test.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AsyncLock, AsyncEvent, AsyncCondition and AsyncBarrier. */
class AsyncCoordinationTest {

    @Test
    void lockIsExclusiveAndFair() {
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            assertTrue(lock.lock().isDone());
            assertTrue(lock.isLocked());
            assertFalse(lock.tryLock());
            CompletionLog log = new CompletionLog();
            log.watch("a", lock.lock());
            Task<Void> b = log.watch("b", lock.lock());
            log.watch("c", lock.lock());
            b.cancel();
            lock.unlock();
            assertEquals(List.of("b!CancellationException", "a=null"), log.entries);
            lock.unlock();
            assertEquals(List.of("b!CancellationException", "a=null", "c=null"), log.entries);
            lock.unlock();
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void eventWakesEveryWaiterInOrderAndStaysSetUntilCleared() {
        try (EventLoop loop = new EventLoop()) {
            AsyncEvent event = new AsyncEvent();
            CompletionLog log = new CompletionLog();
            log.watch("a", event.whenSet());
            Task<Void> b = log.watch("b", event.whenSet());
            log.watch("c", event.whenSet());
            b.cancel();
            assertFalse(event.isSet());
            event.set();
            assertEquals(List.of("b!CancellationException", "a=null", "c=null"), log.entries);
            assertTrue(event.whenSet().isDone());
            event.clear();
            Task<Void> again = event.whenSet();
            assertFalse(again.isDone());
            event.set();
            assertTrue(again.isDone());
        }
    }

    @Test
    void aTaskWokenBySetThatClearsAndWaitsAgainIsNotWokenTwice() {
        try (EventLoop loop = new EventLoop()) {
            AsyncEvent event = new AsyncEvent();
            List<Task<Void>> second = new ArrayList<>();
            event.whenSet().onComplete((v, e) -> {
                event.clear();
                second.add(event.whenSet());
            });
            event.set();
            assertFalse(second.get(0).isDone());
        }
    }

    @Test
    void conditionReleasesTheLockWhileWaitingAndReacquiresBeforeResuming() {
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            assertThrows(IllegalStateException.class, cond::waitSignal, "the lock must be held");
            assertThrows(IllegalStateException.class, cond::signal);
            lock.lock();
            Task<Void> w1 = cond.waitSignal();
            assertFalse(lock.isLocked(), "waiting released the lock");
            lock.lock();
            Task<Void> w2 = cond.waitSignal();
            assertEquals(2, cond.waiting());
            lock.lock();
            cond.signal();
            assertFalse(w1.isDone(), "signalled, but the signaller still holds the lock");
            lock.unlock();
            assertTrue(w1.isDone(), "w1 now holds the lock");
            assertTrue(lock.isLocked());
            assertFalse(w2.isDone());
            cond.signalAll();
            lock.unlock();
            assertTrue(w2.isDone());
            lock.unlock();
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void aCancelledConditionWaitReacquiresTheLockBeforeTheWaiterResumes() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            lock.lock();
            TestCoroutines.Guarded waiter = new TestCoroutines.Guarded(cond::waitSignal, false, log);
            waiter.$start();
            lock.lock(); // another task holds the lock now
            assertTrue(waiter.cancel());
            loop.advanceTimeBy(java.time.Duration.ofSeconds(1));
            assertFalse(waiter.isDone(), "the waiter cannot resume before it holds the lock again");
            assertEquals(0, cond.waiting());
            lock.unlock();
            loop.loop().runUntilDone(waiter);
            assertTrue(waiter.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
            assertTrue(lock.isLocked(), "the cancelled waiter holds the lock, so its finally may unlock it");
        }
    }

    @Test
    void aWaiterCancelledAfterItWasSignalledKeepsTheSignal() {
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            lock.lock();
            Task<Void> w = cond.waitSignal();
            lock.lock();
            cond.signal();
            assertFalse(w.cancel(), "already signalled: it completes normally once it has the lock");
            lock.unlock();
            assertTrue(w.isDone());
            assertFalse(w.isCancelled());
        }
    }

    @Test
    void waitUntilCancelledAfterASignalChecksOnceMoreAndNeverWaitsForAnother() {
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            List<String> items = new ArrayList<>();
            for (boolean itemArrives : new boolean[] {false, true}) {
                lock.lock();
                Task<Void> w = cond.waitUntil(() -> !items.isEmpty());
                lock.lock(); // the signaller holds the lock
                if (itemArrives) {
                    items.add("x");
                }
                cond.signalAll();
                assertTrue(w.cancel(), "pending: the request is taken");
                lock.unlock();
                // It held a signal; asyncio's wait_for raises CancelledError once the lock is back.
                assertTrue(w.isDone(), "completed once it held the lock again, without another signal");
                assertEquals(!itemArrives, w.isCancelled(), "a predicate that holds keeps the signal");
                assertTrue(lock.isLocked());
                assertEquals(0, cond.waiting());
                lock.unlock();
            }
        }
    }

    @Test
    void waitUntilChecksThePredicateAfterEverySignal() {
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            List<String> items = new ArrayList<>();
            lock.lock();
            AwaitThen<Void> waiter = new AwaitThen<>(cond.waitUntil(() -> items.size() >= 2));
            waiter.$start();
            for (String item : List.of("a", "b")) {
                assertFalse(waiter.isDone());
                lock.lock();
                items.add(item);
                cond.signal();
                lock.unlock();
            }
            loop.runUntilDone(waiter);
            assertTrue(lock.isLocked(), "the predicate held with the lock held");
            lock.unlock();
            lock.lock();
            assertTrue(cond.waitUntil(() -> true).isDone(), "a true predicate does not wait");
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Void> failed = cond.waitUntil(() -> {
                throw boom;
            });
            assertSame(boom, failed.exceptionNow());
            assertTrue(lock.isLocked());
        }
    }

    @Test
    void barrierReleasesAllPartiesWithTheirArrivalIndexAndIsReusable() {
        try (EventLoop loop = new EventLoop()) {
            AsyncBarrier barrier = new AsyncBarrier(3);
            for (int round = 0; round < 2; round++) {
                Task<Integer> a = barrier.arriveAndWait();
                Task<Integer> b = barrier.arriveAndWait();
                assertEquals(2, barrier.waiting());
                assertFalse(a.isDone());
                Task<Integer> c = barrier.arriveAndWait();
                assertEquals(List.of(0, 1, 2), List.of(a.resultNow(), b.resultNow(), c.resultNow()));
                assertEquals(0, barrier.waiting());
            }
        }
    }

    @Test
    void aCancelledPartyWithdrawsItsArrival() {
        try (EventLoop loop = new EventLoop()) {
            AsyncBarrier barrier = new AsyncBarrier(2);
            Task<Integer> quitter = barrier.arriveAndWait();
            quitter.cancel();
            assertEquals(0, barrier.waiting());
            Task<Integer> a = barrier.arriveAndWait();
            assertFalse(a.isDone(), "the barrier still waits for two live parties");
            barrier.arriveAndWait();
            assertEquals(0, a.resultNow());
        }
    }

    @Test
    void abortBreaksTheBarrierUntilReset() {
        try (EventLoop loop = new EventLoop()) {
            AsyncBarrier barrier = new AsyncBarrier(2);
            Task<Integer> waiting = barrier.arriveAndWait();
            barrier.abort();
            assertTrue(barrier.isBroken());
            assertTrue(waiting.exceptionNow() instanceof BarrierBrokenException);
            assertTrue(barrier.arriveAndWait().exceptionNow() instanceof BarrierBrokenException);
            barrier.reset();
            Task<Integer> a = barrier.arriveAndWait();
            barrier.reset();
            assertTrue(a.exceptionNow() instanceof BarrierBrokenException, "reset fails those waiting");
            barrier.arriveAndWait();
            assertEquals(1, barrier.arriveAndWait().resultNow());
            assertThrows(IllegalArgumentException.class, () -> new AsyncBarrier(0));
        }
    }

    @Test
    void aCancelledWaitUntilReacquiresTheLockAndEndsCancelled() {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            AsyncLock lock = new AsyncLock();
            AsyncCondition cond = new AsyncCondition(lock);
            lock.lock();
            TestCoroutines.Guarded waiter = new TestCoroutines.Guarded(() -> cond.waitUntil(() -> false), false, log);
            waiter.$start();
            assertFalse(lock.isLocked());
            lock.lock();
            waiter.cancel();
            lock.unlock();
            loop.runUntilDone(waiter);
            assertTrue(waiter.isCancelled());
            assertTrue(lock.isLocked(), "held again by the cancelled waiter");
            assertEquals(List.of("caught", "finally"), log);
        }
    }
}
