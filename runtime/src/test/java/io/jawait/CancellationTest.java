package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.Describe;
import io.jawait.TestCoroutines.Guarded;
import io.jawait.TestCoroutines.SelfCancel;
import io.jawait.TestCoroutines.SleepThen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void cancellingASleepingCoroutineRunsCatchAndFinallyAtTheAwait() {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Guarded g = new Guarded(() -> Tasks.sleep(60_000), false, log);
            g.$start();
            Task<?> sleep = g.inner;
            assertFalse(g.isDone());
            assertTrue(g.cancel());
            assertTrue(sleep.isCancelled(), "the cancel propagates to the awaited task");
            assertTrue(g.cancel(), "a second request while the first is pending: still pending, true as in asyncio");
            loop.runUntilDone(g);
            assertTrue(g.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
            assertFalse(g.cancel(), "cancel() on a complete task returns false");
        }
    }

    @Test
    void aCoroutineThatCatchesTheCancellationCompletesNormally() {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Guarded g = new Guarded(() -> Tasks.sleep(60_000), true, log);
            g.$start();
            assertTrue(g.cancel());
            loop.runUntilDone(g);
            assertFalse(g.isCancelled());
            assertEquals("cleaned up", g.resultNow());
            assertEquals(List.of("caught", "finally"), log);
        }
    }

    @Test
    void awaitersOfACancelledTaskGetCancellationException() {
        try (EventLoop loop = new EventLoop()) {
            Guarded g = new Guarded(() -> Tasks.sleep(60_000), false, new ArrayList<>());
            g.$start();
            Describe d = new Describe(g);
            d.$start();
            g.cancel();
            loop.runUntilDone(d);
            assertTrue(d.caught instanceof CancellationException, String.valueOf(d.caught));
            assertFalse(d.isCancelled(), "the awaiter caught it");

            Describe late = new Describe(g);
            late.$start();
            assertTrue(late.caught instanceof CancellationException, "awaiting an already cancelled task throws");
        }
    }

    @Test
    void cancellationPropagatesDownAChainOfAwaits() {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Guarded inner = new Guarded(() -> Tasks.sleep(60_000), false, log);
            inner.$start();
            AwaitThen<String> middle = new AwaitThen<>(inner);
            middle.$start();
            AwaitThen<String> outer = new AwaitThen<>(middle);
            outer.$start();
            assertTrue(outer.cancel());
            loop.runUntilDone(outer);
            loop.runUntilDone(inner);
            assertTrue(outer.isCancelled());
            assertTrue(middle.isCancelled());
            assertTrue(inner.isCancelled());
            assertTrue(inner.inner.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
        }
    }

    @Test
    void cancelFromTheCoroutineItselfIsDeliveredAtItsNextAwait() {
        try (EventLoop loop = new EventLoop()) {
            SelfCancel s = new SelfCancel(Task.of("ready"));
            s.$start();
            assertTrue(s.isCancelled());
        }
    }

    @Test
    void cancelFromAnotherThreadIsMarshalledToTheLoop() throws Exception {
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            Guarded g = new Guarded(() -> Tasks.sleep(60_000), false, log);
            g.$start();
            Thread canceller = new Thread(() -> assertTrue(g.cancel()), "canceller");
            canceller.start();
            loop.runUntilDone(g);
            canceller.join();
            assertTrue(g.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
        }
    }

    @Test
    void cancellingACoroutineAwaitingAFutureDetachesButLeavesTheFuture() {
        try (EventLoop loop = new EventLoop()) {
            CompletableFuture<String> future = new CompletableFuture<>();
            Guarded g = new Guarded(() -> new TestCoroutines.AwaitStage<>(future).$start(), false, new ArrayList<>());
            g.$start();
            g.cancel();
            loop.runUntilDone(g);
            assertTrue(g.isCancelled());
            assertFalse(future.isDone());
        }
    }

    @Test
    void cancellingAResumeAlreadyQueuedStillThrowsAtTheAwait() {
        // Past the direct-resumption depth (50) resumptions wait in the ready queue; cancel one there.
        // Each link has a second waiter, so its completion resumes the next link one level deeper
        // (a link that is its caller's only waiter would be resumed in a loop, at the same depth).
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> top = new SleepThen<>("Test.leaf", 1, 1).$start();
            List<Task<Integer>> chain = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                top = new AwaitThen<>(top).$start();
                top.onComplete((v, e) -> { });
                chain.add(top);
            }
            int[] queued = {-1};
            chain.get(0).onComplete((v, e) -> {
                for (int i = 0; i < chain.size() && queued[0] < 0; i++) {
                    if (!chain.get(i).isDone()) {
                        queued[0] = i;
                    }
                }
                assertTrue(chain.get(queued[0]).cancel());
            });
            loop.runUntilDone(top);
            assertTrue(queued[0] >= 40 && queued[0] <= 55, "first queued link " + queued[0]);
            assertEquals(1, chain.get(queued[0] - 1).resultNow());
            for (int i = queued[0]; i < 60; i++) {
                assertTrue(chain.get(i).isCancelled(), "link " + i);
            }
        }
    }

    /**
     * A gather cancels its children by calling their cancel(), so a chain of gathers nested in one
     * another cancels by nested calls: past a bounded nesting the rest runs in a loop, within the
     * same cancel() call. On a fresh thread with the default stack size.
     */
    @Test
    void cancellingAHundredThousandNestedGathersTakesBoundedStack() throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try (EventLoop loop = new EventLoop()) {
                Task<Void> sleep = Tasks.sleep(60_000);
                List<Task<?>> chain = new ArrayList<>();
                Task<?> outer = sleep;
                for (int i = 0; i < 100_000; i++) {
                    outer = Tasks.gather(outer);
                    chain.add(outer);
                }
                assertTrue(outer.cancel());
                assertTrue(sleep.isCancelled(), "the innermost task was reached within the cancel() call");
                loop.runUntilDone(outer);
                for (Task<?> g : chain) {
                    assertTrue(g.isCancelled());
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "default-stack", 0);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @Test
    void aCancelWhileTheMethodRunsEndsItCancelledEvenIfItReturnsWithoutAnotherAwait() {
        try (EventLoop loop = new EventLoop()) {
            CancelsItselfThenReturns t = new CancelsItselfThenReturns();
            t.$start();
            assertTrue(t.cancelReturned);
            assertTrue(t.isCancelled(), "asyncio and kotlinx: a task cancelled while it runs that returns ends cancelled");
            assertThrows(IllegalStateException.class, t::resultNow);
        }
    }

    /** {@code cancel()} of its own task, then {@code return Task.of("value")} with no await between. */
    static final class CancelsItselfThenReturns extends io.jawait.internal.Coroutine<String> {
        boolean cancelReturned;

        @Override
        public String taskName() {
            return "Test.cancelsItselfThenReturns";
        }

        @Override
        protected void $step() {
            cancelReturned = cancel();
            $complete("value");
        }
    }
}
