package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitStage;
import io.jawait.TestCoroutines.SleepThen;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskApiTest {

    @Test
    void factoriesProduceCompletedTasks() {
        assertEquals(42, Task.of(42).resultNow());
        assertNull(Task.done().resultNow());
        assertSame(Task.done(), Task.done());
        IOException boom = new IOException("boom");
        Task<String> failed = Task.failed(boom);
        assertTrue(failed.isDone() && failed.isFailed() && !failed.isCancelled());
        assertSame(boom, failed.exceptionNow());
        assertTrue(Task.failed(new CancellationException()).isCancelled());
        assertThrows(NullPointerException.class, () -> Task.failed(null));
    }

    @Test
    void resultNowAndExceptionNowMirrorFuture() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> pending = new SleepThen<>("Test.sleeper", 60_000, "x").$start();
            IllegalStateException e = assertThrows(IllegalStateException.class, pending::resultNow);
            assertEquals("Task[Test.sleeper, pending] has not completed yet; await it inside an @Async method,"
                    + " or use join() from a thread that does not run an event loop", e.getMessage());
            assertThrows(IllegalStateException.class, pending::exceptionNow);

            IOException boom = new IOException("boom");
            Task<String> failed = Task.failed(boom);
            IllegalStateException r = assertThrows(IllegalStateException.class, failed::resultNow);
            assertSame(boom, r.getCause());
            assertThrows(IllegalStateException.class, () -> Task.of(1).exceptionNow());
            pending.cancel();
            loop.runUntilDone(pending);
            assertThrows(IllegalStateException.class, pending::resultNow);
            assertThrows(IllegalStateException.class, pending::exceptionNow);
        }
    }

    @Test
    void toStringShowsNameAndState() {
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> t = new SleepThen<>("Fetcher.fetch", 1, 42).$start();
            assertEquals("Task[Fetcher.fetch, pending]", t.toString());
            loop.runUntilDone(t);
            assertEquals("Task[Fetcher.fetch, done: 42]", t.toString());
            Task<Integer> f = new SleepThen<Integer>("Fetcher.fetch", 1, null, new IOException("boom")).$start();
            loop.runUntilDone(f);
            assertEquals("Task[Fetcher.fetch, failed: java.io.IOException: boom]", f.toString());
            f.exceptionNow();
            Task<Void> s = Tasks.sleep(60_000);
            s.cancel();
            assertEquals("Task[sleep, cancelled]", s.toString());
            assertEquals("Task[done: 42]", Task.of(42).toString());
            assertEquals("Fetcher.fetch", t.taskName());
            assertNull(Task.of(1).taskName());
        }
    }

    @Test
    void toCompletableFutureCarriesTheOriginalOutcome() throws Exception {
        IOException boom = new IOException("boom");
        try (EventLoop loop = new EventLoop()) {
            Task<String> ok = new SleepThen<>("Test.ok", 1, "ok").$start();
            CompletableFuture<String> okFuture = ok.toCompletableFuture();
            assertFalse(okFuture.isDone());
            loop.runUntilDone(ok);
            assertEquals("ok", okFuture.get());

            CompletableFuture<String> failedFuture = Task.<String>failed(boom).toCompletableFuture();
            CompletionException ce = assertThrows(CompletionException.class, failedFuture::join);
            assertSame(boom, ce.getCause());

            Task<Void> sleep = Tasks.sleep(60_000);
            CompletableFuture<Void> sleepFuture = sleep.toCompletableFuture();
            sleep.cancel();
            assertTrue(sleepFuture.isCancelled());

            Task<Void> other = Tasks.sleep(60_000);
            assertTrue(other.toCompletableFuture().cancel(false));
            assertTrue(other.isCancelled(), "cancelling the future cancels the task");
        }
    }

    @Test
    void onCompleteRunsOnTheLoopThreadWithValueOrError() {
        try (EventLoop loop = new EventLoop()) {
            List<String> calls = new ArrayList<>();
            Task<String> ok = new SleepThen<>("Test.ok", 1, "v").$start();
            assertSame(ok, ok.onComplete((v, e) -> calls.add(v + "/" + e + "/" + Thread.currentThread().getName())));
            Task<String> bad = new SleepThen<String>("Test.bad", 2, null, new IOException("x")).$start();
            bad.onComplete((v, e) -> calls.add(v + "/" + e));
            loop.runUntilDone(Tasks.gatherSettled(ok, bad));
            Task.of("now").onComplete((v, e) -> calls.add("immediately " + v));
            String loopThread = Thread.currentThread().getName();
            assertEquals(List.of("v/null/" + loopThread, "null/java.io.IOException: x", "immediately now"), calls);
        }
    }

    @Test
    void onCompleteFromAnotherThreadStillRunsOnTheLoopThread() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Task<String> t = new SleepThen<>("Test.t", 50, "v").$start();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            CountDownLatch registered = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                t.onComplete((v, e) -> ranOn.set(Thread.currentThread()));
                registered.countDown();
            });
            other.start();
            assertTrue(registered.await(10, TimeUnit.SECONDS));
            loop.runUntilDone(t);
            loop.runUntilDone(Tasks.sleep(1));
            assertSame(Thread.currentThread(), ranOn.get());
        }
    }

    @Test
    void joinBlocksAnotherThreadAndIsRefusedOnTheLoopThread() throws Exception {
        IOException boom = new IOException("boom");
        try (EventLoop loop = new EventLoop()) {
            Task<String> t = new SleepThen<>("Test.t", 30, "joined").$start();
            Task<String> f = new SleepThen<String>("Test.f", 30, null, boom).$start();
            IllegalStateException refused = assertThrows(IllegalStateException.class, t::join);
            assertTrue(refused.getMessage().startsWith("join() would block the event loop"), refused.getMessage());
            AtomicReference<Object> joined = new AtomicReference<>();
            AtomicReference<Throwable> joinedError = new AtomicReference<>();
            Thread other = new Thread(() -> {
                joined.set(t.join());
                try {
                    f.join();
                } catch (Throwable e) {
                    joinedError.set(e);
                }
            });
            other.start();
            loop.runUntilDone(Tasks.gatherSettled(t, f));
            while (other.isAlive()) { // its requests may still be in the inbox
                loop.runUntilDone(Tasks.sleep(1));
            }
            assertEquals("joined", joined.get());
            assertSame(boom, joinedError.get());
            assertEquals("joined", t.join(), "join on a complete task is fine on the loop thread");
        }
    }

    @Test
    void workPostedFromOtherThreadsRunsOnTheLoopThread() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            CompletableFuture<String> done = new CompletableFuture<>();
            Task<String> waiter = new AwaitStage<>(done).$start();
            List<Thread> ranOn = new ArrayList<>();
            List<Thread> posters = new ArrayList<>();
            int[] counter = {0};
            for (int p = 0; p < 4; p++) {
                Thread poster = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        loop.execute(() -> {
                            counter[0]++; // no lock needed: always the loop thread
                            if (ranOn.isEmpty() || ranOn.get(ranOn.size() - 1) != Thread.currentThread()) {
                                ranOn.add(Thread.currentThread());
                            }
                            if (counter[0] == 4000) {
                                done.complete("all " + counter[0]);
                            }
                        });
                    }
                });
                posters.add(poster);
                poster.start();
            }
            loop.runUntilDone(waiter);
            for (Thread poster : posters) {
                poster.join();
            }
            assertEquals("all 4000", waiter.resultNow());
            assertEquals(List.of(Thread.currentThread()), ranOn);
            assertTrue(loop.inLoopThread());
            assertSame(loop, EventLoop.current());
        }
    }

    @Test
    void aClosedLoopRejectsWork() {
        EventLoop loop = new EventLoop();
        loop.close();
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        assertNull(EventLoop.currentOrNull());
    }

    @Test
    void loopMethodsAreRefusedFromOtherThreadsAndWhileRunning() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    loop.runUntilDone(Task.of(1));
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            other.start();
            other.join();
            assertTrue(error.get() instanceof IllegalStateException);
            Task<Void> t = loop.schedule(1, () -> loop.runUntilDone(Task.of(1)));
            loop.runUntilDone(t);
            assertTrue(t.exceptionNow() instanceof IllegalStateException);
        }
    }
}
