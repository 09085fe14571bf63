package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Tasks.yieldNow()} and {@code sleep(0)} are yields through the ready queue: fair to ready work
 * and to timers, cancellable.
 */
class YieldTest {
    @Test
    void twoCoroutinesAwaitingYieldNowTakeTurns() {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            Task<Integer> a = new TestCoroutines.Yielder("a", 3, log).$start();
            Task<Integer> b = new TestCoroutines.Yielder("b", 3, log).$start();
            loop.runUntilDone(a);
            loop.runUntilDone(b);
            assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
            assertEquals(3, a.resultNow());
            assertEquals(3, b.resultNow());
        }
    }

    @Test
    void awaitingYieldNowResumesAfterTheWorkThatWasReadyBeforeIt() {
        try (EventLoop loop = new EventLoop()) {
            List<String> order = new ArrayList<>();
            loop.execute(() -> order.add("ready before"));
            Task<Void> awaiter = new TestCoroutines.AwaitThen<>(Tasks.yieldNow()).$start();
            awaiter.onComplete((v, e) -> order.add("resumed with " + v));
            loop.execute(() -> order.add("ready after"));
            assertFalse(awaiter.isDone(), "awaiting yieldNow() suspends although its task is complete");
            loop.runUntilDone(awaiter);
            loop.runUntilDone(Tasks.sleep(0));
            assertEquals(List.of("ready before", "resumed with null", "ready after"), order);
        }
    }

    @Test
    void outsideAnAwaitYieldNowIsASharedCompletedTask() {
        Task<Void> y = Tasks.yieldNow();
        assertSame(y, Tasks.yieldNow());
        assertTrue(y.isDone());
        assertNull(y.resultNow());
        assertFalse(y.cancel());
        assertFalse(y.isCancelled());
        assertEquals("yield", y.taskName());
        assertNull(Tasks.run(Tasks::yieldNow));
        try (EventLoop loop = new EventLoop()) {
            assertTrue(Tasks.gather(Tasks.yieldNow(), Tasks.yieldNow()).isDone());
        }
    }

    @Test
    void aCoroutineCancelledWhileItsYieldIsQueuedGetsCancellationAtTheAwait() {
        try (EventLoop loop = new EventLoop()) {
            List<String> log = new ArrayList<>();
            Task<String> guarded = new TestCoroutines.Guarded(Tasks::yieldNow, false, log).$start();
            assertTrue(guarded.cancel());
            assertEquals(List.of(), log, "the cancellation is delivered from the ready queue, not inside cancel()");
            loop.runUntilDone(guarded);
            assertEquals(List.of("caught", "finally"), log);
            assertTrue(guarded.isCancelled());
            assertTrue(Tasks.yieldNow().isDone() && !Tasks.yieldNow().isCancelled(), "the shared task is untouched");
        }
    }

    @Test
    void aCancellationRequestedWhileRunningIsThrownAtTheNextYield() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> self = new TestCoroutines.SelfCancel(Tasks.yieldNow()).$start();
            assertTrue(self.isCancelled());
            assertThrows(CancellationException.class, self::join);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCoroutineYieldingForeverDoesNotStarveTimers() {
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> forever = new TestCoroutines.Yielder("y", Integer.MAX_VALUE, null).$start();
            loop.schedule(1, forever::cancel);
            loop.runUntilDone(forever);
            assertTrue(forever.isCancelled());
        }
    }

    @Test
    void closingTheLoopCancelsACoroutineWhoseYieldIsQueued() {
        Task<Integer> yielder;
        try (EventLoop loop = new EventLoop()) {
            yielder = new TestCoroutines.Yielder("y", Integer.MAX_VALUE, null).$start();
        }
        assertTrue(yielder.isCancelled());
    }

    @Test
    void awaitingYieldNowAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        try (EventLoop loop = new EventLoop()) {
            loop.runUntilDone(new TestCoroutines.Yielder("warm-up", 1000, null).$start());
            int yields = 100_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            Task<Integer> a = new TestCoroutines.Yielder("a", yields, null).$start();
            loop.runUntilDone(a);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // A task per yield would be at least 16 bytes each (sleep(0)'s is 48): 1.6 MB here.
            assertTrue(allocated < yields, allocated + " bytes allocated for " + yields + " yields");
        }
    }
    @Test
    void sleepZeroCompletesAfterTheWorkThatWasReadyBeforeIt() {
        try (EventLoop loop = new EventLoop()) {
            List<String> order = new ArrayList<>();
            loop.execute(() -> order.add("ready before"));
            Task<Void> yield = Tasks.sleep(0).onComplete((v, e) -> order.add("yield"));
            loop.execute(() -> order.add("ready after"));
            assertFalse(yield.isDone());
            loop.runUntilDone(yield);
            loop.runUntilDone(Tasks.sleep(0));
            assertEquals(List.of("ready before", "yield", "ready after"), order);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void yieldingForeverDoesNotStarveTimers() {
        try (EventLoop loop = new EventLoop()) {
            boolean[] stop = {false};
            int[] yields = {0};
            Runnable[] again = new Runnable[1];
            again[0] = () -> {
                if (!stop[0]) {
                    yields[0]++;
                    Tasks.sleep(0).onComplete((v, e) -> again[0].run());
                }
            };
            again[0].run();
            Task<Void> timer = loop.schedule(1, () -> stop[0] = true);
            loop.runUntilDone(timer);
            assertTrue(stop[0]);
            assertTrue(yields[0] > 0);
        }
    }

    @Test
    void aCancelledYieldStaysCancelled() {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> yield = Tasks.sleep(0);
            assertTrue(yield.cancel());
            loop.runUntilDone(Tasks.sleep(0)); // the cancelled yield's turn has passed meanwhile
            assertTrue(yield.isCancelled());
        }
    }
}
