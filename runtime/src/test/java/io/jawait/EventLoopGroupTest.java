package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.Describe;
import io.jawait.TestCoroutines.Guarded;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.internal.Promise;
import io.jawait.sync.AsyncEvent;
import io.jawait.sync.AsyncQueue;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventLoopGroup, startOn, and awaiting tasks of other loops. */
@Timeout(60)
class EventLoopGroupTest {

    /** Runs {@code body} on {@code loop} and waits for its task's value (the test thread runs no loop). */
    private static <T> T on(EventLoop loop, TaskSupplier<T, ?> body) {
        try {
            return loop.submit(body).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError("failed on " + loop, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static Task<String> threadName() {
        return Task.of(Thread.currentThread().getName());
    }

    @Test
    void eachLoopRunsOnAThreadOfItsOwnNamedAfterTheGroup() {
        try (EventLoopGroup group = new EventLoopGroup("g", 3)) {
            assertEquals(3, group.size());
            assertEquals("EventLoopGroup[g, loops=3]", group.toString());
            for (int i = 0; i < 3; i++) {
                assertEquals("g-" + i, on(group.loop(i), EventLoopGroupTest::threadName));
            }
            List<String> turns = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                turns.add(on(group.next(), EventLoopGroupTest::threadName));
            }
            assertEquals(List.of("g-0", "g-1", "g-2", "g-0", "g-1", "g-2"), turns, "round robin");
        }
        try (EventLoopGroup byDefault = new EventLoopGroup()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), byDefault.size());
        }
        assertThrows(IllegalArgumentException.class, () -> new EventLoopGroup(0));
    }

    @Test
    void runReturnsTheValueOrThrowsTheOriginalExceptionAndRefusesToBlockALoop() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            assertEquals("slept", group.run(() -> new SleepThen<>("Test.sleep", 5, "slept").$start()));
            IOException boom = new IOException("boom");
            IOException thrown = assertThrows(IOException.class,
                    () -> group.run(() -> new SleepThen<String>("Test.fail", 5, null, boom).$start()));
            assertSame(boom, thrown);
            try (EventLoop mine = new EventLoop()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.run(() -> Task.of(1)));
                assertTrue(e.getMessage().contains("would block the event loop of thread '" + Thread.currentThread().getName()),
                        e.getMessage());
            }
        }
    }

    @Test
    void startOnRunsTheBodyOnTheOtherLoopAndResumesTheCallerOnItsOwn() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            List<String> seen = on(group.loop(0), () -> {
                Task<String> remote = Tasks.startOn(group.loop(1), () -> {
                    String ranOn = Thread.currentThread().getName();
                    return new SleepThen<>("Test.remote", 5, ranOn).$start();
                });
                AwaitThen<String> caller = new AwaitThen<>(remote);
                caller.$start();
                Promise<List<String>> both = new Promise<>();
                caller.onComplete((v, e) -> both.complete(List.of(v, caller.resumedOn.getName(), remote.taskName())));
                return both;
            });
            assertEquals(List.of("g-1", "g-0", "Test.remote on g-1"), seen);
            String here = on(group.loop(0), () -> Tasks.startOn(group.loop(0), EventLoopGroupTest::threadName));
            assertEquals("g-0", here, "on the caller's own loop the body simply runs");
        }
    }

    @Test
    void aFailureOfTheOtherLoopsTaskArrivesAsIsAndAnUnobservedOneIsReportedOnceWhereItWasDropped() {
        List<String> reports = Collections.synchronizedList(new ArrayList<>());
        IOException boom = new IOException("remote boom");
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            group.setUnhandledErrorHandler((name, e) -> reports.add(Thread.currentThread().getName() + " " + name + " " + e.getMessage()));
            Describe[] caller = new Describe[1];
            String described = on(group.loop(0), () -> {
                caller[0] = new Describe(Tasks.startOn(group.loop(1), () -> new SleepThen<String>("Test.fail", 5, null, boom).$start()));
                return caller[0].$start();
            });
            assertEquals("IOException: remote boom", described);
            assertSame(boom, caller[0].caught, "the original exception object");
            CompletableFuture<Task<String>> dropped = new CompletableFuture<>();
            on(group.loop(0), () -> {
                dropped.complete(Tasks.startOn(group.loop(1), () -> new SleepThen<String>("Test.dropped", 5, null, boom).$start()));
                return Task.done();
            });
            Task<String> handle = dropped.join();
            assertThrows(IOException.class, handle::join);
        }
        assertEquals(List.of(), reports, "joined from the test thread: observed, so never reported");

        reports.clear();
        try (EventLoopGroup group = new EventLoopGroup("h", 2)) {
            group.setUnhandledErrorHandler((name, e) -> reports.add(Thread.currentThread().getName() + " " + name + " " + e.getMessage()));
            CompletableFuture<Task<String>> dropped = new CompletableFuture<>();
            on(group.loop(0), () -> {
                dropped.complete(Tasks.startOn(group.loop(1), () -> new SleepThen<String>("Test.dropped", 5, null, boom).$start()));
                return Task.done();
            });
            Task<String> handle = dropped.join();
            while (!handle.isDone()) {
                Thread.onSpinWait();
            }
        }
        assertEquals(List.of("h-0 Test.dropped on h-1 remote boom"), reports,
                "reported once, on the loop that dropped it, by the time that loop closed");
    }

    @Test
    void cancellingTheCallerCancelsTheTaskItAwaitsOnTheOtherLoop() throws Exception {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            // Awaiting a task that another loop started.
            Task<String> remote = on(group.loop(1), () -> Task.of(new Guarded(() -> Tasks.sleep(600_000), false, log).$start()));
            Task<String> caller = on(group.loop(0), () -> Task.of(new AwaitThen<>(remote).$start()));
            caller.cancel();
            assertThrows(CancellationException.class, remote::join);
            assertThrows(CancellationException.class, caller::join);
            assertEquals(List.of("caught", "finally"), log);

            // The task of startOn.
            log.clear();
            CountDownLatch running = new CountDownLatch(1);
            Task<String> started = on(group.loop(0), () -> Task.of(Tasks.startOn(group.loop(1), () -> {
                running.countDown();
                return new Guarded(() -> Tasks.sleep(600_000), false, log).$start();
            })));
            assertTrue(running.await(1, TimeUnit.MINUTES));
            assertTrue(started.cancel());
            assertThrows(CancellationException.class, started::join);
            assertEquals(List.of("caught", "finally"), log, "it completed once the other task had finished");
        }
    }

    @Test
    void aTaskCancelledFromAnotherLoopUnwindsOnItsOwnLoop() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            List<String> log = Collections.synchronizedList(new ArrayList<>() {
                @Override
                public boolean add(String entry) {
                    return super.add(entry + " on " + Thread.currentThread().getName());
                }
            });
            Task<String> remote = on(group.loop(1), () -> Task.of(new Guarded(() -> Tasks.sleep(600_000), false, log).$start()));
            assertEquals(true, on(group.loop(0), () -> Task.of(remote.cancel())), "pending when asked");
            assertThrows(CancellationException.class, remote::join);
            assertEquals(List.of("caught on g-1", "finally on g-1"), log, "its catch and finally ran on its own loop");
            assertEquals(false, on(group.loop(0), () -> Task.of(remote.cancel())), "already complete");
        }
    }

    @Test
    void taskLocalValuesTravelWithTheBodyAndStayOnItsTaskOnly() {
        TaskLocal<String> requestId = new TaskLocal<>("requestId", "-");
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            String seen = on(group.loop(0), () -> requestId.with("r-42",
                    () -> Tasks.startOn(group.loop(1), () -> Task.of(requestId.get()))));
            assertEquals("r-42", seen);
            assertEquals("-", on(group.loop(1), () -> Task.of(requestId.get())), "the other loop's own values are unchanged");
        }
    }

    @Test
    void aPrimitiveOfOneLoopIsRefusedOnAnotherWithBothLoopsNamed() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            AsyncQueue<String> queue = new AsyncQueue<>();
            assertEquals(true, on(group.loop(0), () -> Task.of(queue.offer("x"))));
            String message = on(group.loop(1), () -> {
                try {
                    queue.poll();
                    return Task.of("no error");
                } catch (IllegalStateException e) {
                    return Task.of(e.getMessage());
                }
            });
            assertTrue(message.startsWith("AsyncQueue belongs to the event loop of thread 'g-0' and cannot be used from the"
                    + " event loop of thread 'g-1'"), message);
            assertTrue(message.contains("Tasks.startOn"), message);
            assertEquals("x", on(group.loop(0), () -> Task.of(queue.poll())), "the queue was left intact");
        }
    }

    @Test
    void loopsRacingForAFreshPrimitiveLeaveExactlyOneOwner() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
                AsyncEvent event = new AsyncEvent();
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<String>> outcomes = new ArrayList<>();
                for (EventLoop loop : group.loops()) {
                    outcomes.add(loop.submit(() -> {
                        ready.countDown();
                        try {
                            go.await();
                            event.clear();
                            return Task.of("owner");
                        } catch (IllegalStateException e) {
                            return Task.of("refused");
                        } catch (InterruptedException e) {
                            return Task.failed(e);
                        }
                    }));
                }
                assertTrue(ready.await(1, TimeUnit.MINUTES));
                go.countDown();
                Set<String> seen = new HashSet<>();
                for (CompletableFuture<String> outcome : outcomes) {
                    seen.add(outcome.get(1, TimeUnit.MINUTES));
                }
                assertEquals(Set.of("owner", "refused"), seen);
            }
        }
    }

    @Test
    void theDumpListsEveryLoopAndWhatCrossLoopAwaitsWaitFor() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            Task<String> b = on(group.loop(1), () -> Task.of(new SleepThen<>("Test.b", 600_000, "b").$start()));
            on(group.loop(0), () -> Task.of(new AwaitThen<>(b).$start()));
            String[] lines = group.dumpTasks().split("\n");
            assertEquals("EventLoopGroup[g, loops=2]", lines[0]);
            assertTrue(lines[1].startsWith("EventLoop[thread=g-0"), lines[1]);
            assertTrue(lines[2].startsWith("Test.awaitThen awaiting, age "), lines[2]);
            assertEquals("└─ Task[Test.b on g-1, pending]", lines[3]);
            assertTrue(lines[4].startsWith("EventLoop[thread=g-1"), lines[4]);
            assertTrue(lines[5].startsWith("Test.b awaiting, age "), lines[5]);
            assertTrue(lines[6].startsWith("└─ Task[sleep"), lines[6]);
        }
    }

    @Test
    void closingCancelsWhatRunsOnEveryLoopAndCannotBeDoneFromInside() {
        EventLoopGroup group = new EventLoopGroup("g", 2);
        List<List<String>> logs = new ArrayList<>();
        for (EventLoop loop : group.loops()) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            logs.add(log);
            on(loop, () -> Task.of(new Guarded(() -> Tasks.sleep(600_000), false, log).$start()));
        }
        String inside = on(group.loop(1), () -> {
            try {
                group.close();
                return Task.of("closed");
            } catch (IllegalStateException e) {
                return Task.of(e.getMessage());
            }
        });
        assertTrue(inside.contains("cannot be called from its own loop thread 'g-1'"), inside);
        group.close();
        assertEquals(List.of(List.of("caught", "finally"), List.of("caught", "finally")), logs);
        for (EventLoop loop : group.loops()) {
            assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        }
        try (EventLoop mine = new EventLoop()) {
            Task<String> late = Tasks.startOn(group.loop(0), () -> Task.of("never runs"));
            assertTrue(late.isCancelled(), "closing would have cancelled it");
            CancellationException e = assertThrows(CancellationException.class, late::join);
            assertEquals("task on g-0 was cancelled: that event loop is closed", e.getMessage());
        }
        group.close();   // idempotent
    }

    @Test
    void theUnhandledErrorHandlerServesEveryLoop() throws Exception {
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        CountDownLatch reported = new CountDownLatch(2);
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            group.setUnhandledErrorHandler((name, e) -> {
                threads.add(Thread.currentThread().getName() + ": " + e.getMessage());
                reported.countDown();
            });
            for (EventLoop loop : group.loops()) {
                loop.execute(() -> {
                    throw new IllegalStateException("callback failed");
                });
            }
            assertTrue(reported.await(1, TimeUnit.MINUTES));
        }
        assertEquals(Set.of("g-0: callback failed", "g-1: callback failed"), threads);
    }

    @Test
    void aGroupOfExistingLoopsLeavesThemOpen() {
        try (EventLoopThread thread = EventLoopThread.start("own")) {
            EventLoopGroup group = EventLoopGroup.of(thread.loop());
            assertEquals("own", group.run(EventLoopGroupTest::threadName));
            group.close();
            assertEquals("own", on(thread.loop(), EventLoopGroupTest::threadName));
            assertThrows(IllegalArgumentException.class, () -> EventLoopGroup.of(thread.loop(), thread.loop()));
            assertThrows(IllegalArgumentException.class, () -> EventLoopGroup.of());
        }
    }

    @Test
    void onATestLoopTheGroupIsTheTestLoopOnVirtualTime() {
        try (TestLoop loop = new TestLoop()) {
            EventLoopGroup group = loop.group();
            assertEquals(1, group.size());
            Thread test = Thread.currentThread();
            String r = loop.run(() -> group.start(() -> {
                assertSame(test, Thread.currentThread());
                return new SleepThen<>("Test.hour", 3_600_000, "an hour later").$start();
            }));
            assertEquals("an hour later", r);
            assertEquals(Duration.ofHours(1), loop.currentTime());
        }
    }
}
