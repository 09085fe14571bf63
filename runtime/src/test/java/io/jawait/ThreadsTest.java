package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitStage;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** toThread, EventLoop.submit and EventLoopThread. */
class ThreadsTest {

    @Test
    void toThreadRunsElsewhereAndCompletesOnTheLoopThread() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicReference<Thread> completedOn = new AtomicReference<>();
            Task<String> t = Tasks.toThread(() -> {
                ranOn.set(Thread.currentThread());
                return "blocking result";
            });
            t.onComplete((v, e) -> completedOn.set(Thread.currentThread()));
            loop.runUntilDone(t);
            assertEquals("blocking result", t.resultNow());
            assertNotSame(Thread.currentThread(), ranOn.get());
            assertTrue(ranOn.get().getName().startsWith("jawait-blocking-"), ranOn.get().getName());
            assertTrue(ranOn.get().isDaemon());
            assertSame(Thread.currentThread(), completedOn.get());

            IOException boom = new IOException("disk on fire");
            Task<String> failing = Tasks.toThread(() -> {
                throw boom;
            });
            loop.runUntilDone(failing);
            assertSame(boom, failing.exceptionNow(), "the original exception, not wrapped");
        }
    }

    @Test
    void theLoopKeepsRunningWhileBlockingCodeWaits() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            CountDownLatch released = new CountDownLatch(1);
            Task<Boolean> blocked = Tasks.toThread(() -> released.await(1, TimeUnit.MINUTES));
            loop.schedule(10, released::countDown); // only the loop can release the blocked thread
            loop.runUntilDone(blocked);
            assertTrue(blocked.resultNow());
        }
    }

    @Test
    void cancellingInterruptsRunningCodeAndCompletesAtOnce() {
        try (EventLoop loop = new EventLoop()) {
            CompletableFuture<Void> started = new CompletableFuture<>();
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            Task<String> t = Tasks.toThread(() -> {
                started.complete(null);
                try {
                    Thread.sleep(60_000);
                    interrupted.complete(false);
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                }
                return "too late";
            });
            loop.runUntilDone(new AwaitStage<>(started).$start());
            assertTrue(t.cancel());
            assertTrue(t.isCancelled());
            Task<Boolean> wasInterrupted = new AwaitStage<>(interrupted).$start();
            loop.runUntilDone(wasInterrupted);
            assertTrue(wasInterrupted.resultNow());
        }
    }

    @Test
    void workCancelledBeforeItStartedNeverRuns() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try (EventLoop loop = new EventLoop()) {
            CountDownLatch hold = new CountDownLatch(1);
            Task<Boolean> occupying = Tasks.toThread(single, () -> hold.await(1, TimeUnit.MINUTES));
            AtomicBoolean ran = new AtomicBoolean();
            Task<String> queued = Tasks.toThread(single, () -> {
                ran.set(true);
                return "ran";
            });
            queued.cancel();
            hold.countDown();
            loop.runUntilDone(occupying);
            single.shutdown();
            assertTrue(single.awaitTermination(1, TimeUnit.MINUTES));
            assertFalse(ran.get());
            assertTrue(queued.isCancelled());
        }
    }

    @Test
    void virtualTimeStandsStillWhileBlockingWorkRuns() throws Exception {
        try (TestLoop loop = new TestLoop()) {
            Task<String> sleeper = new SleepThen<>("Test.sleeper", 600_000, "slept").$start();
            String r = loop.run(() -> Tasks.withTimeout(Duration.ofSeconds(1), Tasks.toThread(() -> {
                Thread.sleep(30); // real time, while a 10-minute timer is pending
                return "computed";
            })));
            assertEquals("computed", r, "the 1 s timeout did not fire: the clock waited for the thread");
            assertEquals(Duration.ZERO, loop.currentTime());
            assertEquals("slept", loop.run(() -> sleeper));
        }
    }

    @Test
    void submitStartsATaskOnTheLoopFromAnyThread() throws Exception {
        try (EventLoopThread jawait = EventLoopThread.start("jawait-test")) {
            CompletableFuture<String> f = jawait.submit(() -> {
                assertTrue(jawait.loop().inLoopThread());
                return new SleepThen<>("Test.remote", 5, "remote").$start();
            });
            assertEquals("remote", f.get(1, TimeUnit.MINUTES));

            IOException boom = new IOException("remote failure");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> jawait.submit(() -> new SleepThen<String>("Test.f", 5, null, boom).$start()).get(1, TimeUnit.MINUTES));
            assertSame(boom, e.getCause());

            CompletableFuture<Task<String>> started = new CompletableFuture<>();
            CompletableFuture<String> endless = jawait.submit(() -> {
                Task<String> t = new SleepThen<>("Test.endless", 600_000, "never").$start();
                started.complete(t);
                return t;
            });
            Task<String> inner = started.get(1, TimeUnit.MINUTES);
            assertTrue(endless.cancel(true));
            assertThrows(CancellationException.class, () -> jawait.submit(() -> inner).join(),
                    "cancelling the future cancelled the task on the loop");
            CompletableFuture<Throwable> closeFromItsOwnThread = jawait.submit(() -> {
                try {
                    jawait.close();
                    return Task.of(null);
                } catch (IllegalStateException refused) {
                    return Task.of(refused);
                }
            });
            assertTrue(closeFromItsOwnThread.get(1, TimeUnit.MINUTES) instanceof IllegalStateException);
        }
    }

    @Test
    void afterCloseSubmitIsRejectedAndJoinOnTheLoopThreadIsRefused() {
        EventLoopThread jawait = EventLoopThread.start("jawait-closed");
        jawait.close();
        jawait.close(); // idempotent
        assertThrows(RejectedExecutionException.class, () -> jawait.submit(() -> Task.of(1)));
        try (EventLoop loop = new EventLoop()) {
            Task<Void> pending = Tasks.sleep(60_000);
            IllegalStateException e = assertThrows(IllegalStateException.class, pending::join);
            assertTrue(e.getMessage().contains("would block the event loop"), e.getMessage());
        }
    }
}
