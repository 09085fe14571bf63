package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.TestCoroutines.AwaitStage;
import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.Describe;
import io.jawait.TestCoroutines.Forward;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.TestCoroutines.SumAwaits;
import io.jawait.TestCoroutines.Throwing;
import io.jawait.internal.Promise;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CoroutineContractTest {

    @Test
    void constructingACoroutineWithoutALoopExplainsHowToStartOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new AwaitThen<>(Task.of(1)));
        String expected = "No jawait event loop is running on thread '" + Thread.currentThread().getName()
                + "'. Start one with Tasks.run(() -> yourAsyncMethod())";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Tasks.sleep(1));
        assertThrows(IllegalStateException.class, EventLoop::current);
        assertEquals(null, EventLoop.currentOrNull());
    }

    @Test
    void awaitingACompletedTaskDoesNotSuspend() {
        try (EventLoop loop = new EventLoop()) {
            AwaitThen<String> c = new AwaitThen<>(Task.of("ready"));
            assertSame(c, c.$start());
            assertTrue(c.isDone(), "completed synchronously inside $start");
            assertEquals("ready", c.resultNow());
            assertSame(Thread.currentThread(), c.resumedOn);
        }
    }

    @Test
    void aMillionAwaitsOfACompletedTaskRunSynchronously() {
        try (EventLoop loop = new EventLoop()) {
            SumAwaits c = new SumAwaits(Task.of(1), 1_000_000);
            c.$start();
            assertTrue(c.isDone());
            assertEquals(1_000_000L, c.resultNow());
            assertEquals(0, c.suspensions);
        }
    }

    @Test
    void awaitingACompletedTaskAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> done = Task.of(1);
            new SumAwaits(done, 200_000).$start(); // warm up
            long tid = Thread.currentThread().getId();
            SumAwaits c = new SumAwaits(done, 1_000_000);
            long before = threads.getThreadAllocatedBytes(tid);
            c.$start();
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertEquals(1_000_000L, c.resultNow());
            // A single allocation per await would be >= 16 MB; allow for noise from the MXBean itself.
            assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes for 1M awaits");
        }
    }

    @Test
    void suspendsOnAPendingTaskAndResumesWhenItCompletes() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> sleeper = new SleepThen<>("Test.sleeper", 20, "slept").$start();
            AwaitThen<String> c = new AwaitThen<>(sleeper);
            c.$start();
            assertFalse(c.isDone());
            loop.runUntilDone(c);
            assertEquals("slept", c.resultNow());
        }
    }

    @Test
    void aChainOf100kNestedCoroutinesCompletesWithoutStackOverflow() {
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> leaf = new SleepThen<>("Test.leaf", 1, 7).$start();
            Task<Integer> top = leaf;
            for (int i = 0; i < 100_000; i++) {
                top = new AwaitThen<>(top).$start();
            }
            assertFalse(top.isDone());
            loop.runUntilDone(top);
            assertEquals(7, top.resultNow());
        }
    }

    @Test
    void callersThatAreTheOnlyWaiterResumeRightAwayInALoopNotDeeperOnTheStack() {
        try (EventLoop loop = new EventLoop()) {
            Promise<Integer> leaf = new Promise<>();
            Task<Integer> top = leaf;
            for (int i = 0; i < 100_000; i++) {
                top = new AwaitThen<>(top).$start();
            }
            assertFalse(top.isDone());
            leaf.complete(7); // 100k resumptions inside this call: any recursion would overflow the stack
            assertTrue(top.isDone(), "the whole chain resumed within complete(), none went to the ready queue");
            assertEquals(7, top.resultNow());
        }
    }

    @Test
    void aFailureTravelsUpA100kChainAsTheOriginalException() {
        IOException boom = new IOException("boom");
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> top = new SleepThen<Integer>("Test.leaf", 1, null, boom).$start();
            for (int i = 0; i < 100_000; i++) {
                top = new AwaitThen<>(top).$start();
            }
            loop.runUntilDone(top);
            assertSame(boom, top.exceptionNow());
        }
    }

    @Test
    void aCompletableFutureCompletedOnAnotherThreadResumesOnTheLoopThread() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            CompletableFuture<String> future = new CompletableFuture<>();
            AwaitStage<String> c = new AwaitStage<>(future);
            c.$start();
            Thread other = new Thread(() -> future.complete("from elsewhere"), "completer");
            other.start();
            loop.runUntilDone(c);
            other.join();
            assertEquals("from elsewhere", c.resultNow());
            assertSame(Thread.currentThread(), c.resumedOn);
        }
    }

    @Test
    void awaitingAStageRethrowsItsOwnExceptionWithoutCompletableFuturesWrapper() {
        IOException boom = new IOException("boom");
        try (EventLoop loop = new EventLoop()) {
            CompletableFuture<String> failedDependent = CompletableFuture.<String>failedFuture(boom).thenApply(s -> s);
            Describe d = new Describe(new AwaitStage<>(failedDependent).$start());
            d.$start();
            loop.runUntilDone(d);
            assertSame(boom, d.caught);

            CompletableFuture<String> pending = new CompletableFuture<>();
            Describe d2 = new Describe(new AwaitStage<>(pending.thenApply(s -> s)).$start());
            d2.$start();
            // The stage's own wrappers are its failure; only the ones CompletableFuture adds go.
            CompletionException own = new CompletionException(new ExecutionException(boom));
            new Thread(() -> pending.completeExceptionally(own)).start();
            loop.runUntilDone(d2);
            assertSame(own, d2.caught);
        }
    }

    @Test
    void returningAPendingTaskCompletesWithItsOutcome() {
        try (EventLoop loop = new EventLoop()) {
            Forward<String> f = new Forward<>(() -> new SleepThen<>("Test.later", 5, "later").$start());
            f.$start();
            assertFalse(f.isDone());
            loop.runUntilDone(f);
            assertEquals("later", f.resultNow());

            Forward<String> g = new Forward<>(() -> Task.of("now"));
            g.$start();
            assertEquals("now", g.resultNow());

            Forward<String> n = new Forward<>(() -> null);
            n.$start();
            assertTrue(n.exceptionNow() instanceof NullPointerException);
        }
    }

    @Test
    void anExceptionEscapingStepFailsTheTaskButNotTheLoop() {
        try (EventLoop loop = new EventLoop()) {
            Throwing t = new Throwing();
            t.$start();
            Task<String> after = new SleepThen<>("Test.after", 5, "loop still runs").$start();
            loop.runUntilDone(t);
            assertEquals("escaped from $step", t.exceptionNow().getMessage());
            loop.runUntilDone(after);
            assertEquals("loop still runs", after.resultNow());
        }
    }

    @Test
    void severalWaitersOnOneTaskAllResumeInRegistrationOrder() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> shared = new SleepThen<>("Test.shared", 5, "x").$start();
            List<String> order = new ArrayList<>();
            List<Task<String>> waiters = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                Task<String> w = new AwaitThen<>(shared).$start();
                w.onComplete((v, e) -> order.add(n + v));
                waiters.add(w);
            }
            loop.runUntilDone(Tasks.gather(waiters));
            assertEquals(List.of("0x", "1x", "2x", "3x", "4x"), order);
        }
    }
}
