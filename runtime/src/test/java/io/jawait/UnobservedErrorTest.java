package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.Describe;
import io.jawait.TestCoroutines.SleepThen;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnobservedErrorTest {

    private static EventLoop loopReportingTo(List<String> reports) {
        EventLoop loop = new EventLoop();
        loop.setUnhandledErrorHandler((name, e) -> reports.add(name + ": " + e));
        return loop;
    }

    @Test
    void aFailureNobodyAwaitsIsReportedWhenTheLoopCloses() {
        List<String> reports = new ArrayList<>();
        Task<String> failing;
        try (EventLoop loop = loopReportingTo(reports)) {
            failing = new SleepThen<String>("Test.failing", 1, null, new IOException("boom")).$start();
            loop.runUntilDone(failing);
            assertTrue(failing.isFailed());
            assertTrue(reports.isEmpty(), "the task is still reachable and may yet be awaited");
        }
        assertEquals(List.of("Test.failing: java.io.IOException: boom"), reports);
    }

    @Test
    void aFailureAwaitedLaterIsNotReported() {
        List<String> reports = new ArrayList<>();
        IOException boom = new IOException("boom");
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<String> failing = new SleepThen<String>("Test.failing", 1, null, boom).$start();
            loop.runUntilDone(failing);
            loop.runUntilDone(Tasks.sleep(5));
            Describe late = new Describe(failing);
            late.$start();
            assertSame(boom, late.caught);
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void anyObservationSilencesTheReport() {
        List<String> reports = new ArrayList<>();
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<String> a = Task.failed(new IOException("a"));
            Task<String> b = Task.failed(new IOException("b"));
            Task<String> c = Task.failed(new IOException("c"));
            Task<String> d = Task.failed(new IOException("d"));
            Task<String> e = Task.failed(new IOException("e"));
            Task.failed(new IOException("dropped"));
            Task<String> cancelled = Task.failed(new java.util.concurrent.CancellationException());
            a.exceptionNow();
            try {
                b.resultNow();
            } catch (IllegalStateException expected) {
                // observed
            }
            c.onComplete((v, x) -> { });
            d.toCompletableFuture();
            Tasks.gatherSettled(e);
            assertTrue(cancelled.isCancelled());
        }
        assertEquals(List.of("anonymous task: java.io.IOException: dropped"), reports);
    }

    @Test
    void aFailureObservedFromAnotherThreadIsNotReported() throws Exception {
        List<String> reports = new ArrayList<>();
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<String> failing = new SleepThen<String>("Test.failing", 1, null, new IOException("boom")).$start();
            loop.runUntilDone(failing);
            Thread other = new Thread(failing::exceptionNow);
            other.start();
            other.join();
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void aGatherObservesItsChildrenAndIsReportedItselfIfNobodyAwaitsIt() {
        List<String> reports = new ArrayList<>();
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<List<String>> all = Tasks.gather(
                    new SleepThen<String>("Test.f1", 1, null, new IOException("one")).$start(),
                    new SleepThen<String>("Test.f2", 2, null, new IOException("two")).$start());
            loop.runUntilDone(all);
            loop.runUntilDone(Tasks.sleep(5));
        }
        assertEquals(List.of("gather: java.io.IOException: one"), reports);
    }

    @Test
    void aGatherThatFailsEarlyStillObservesLaterFailedChildren() {
        List<String> reports = new ArrayList<>();
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<List<Object>> all = Tasks.gather(Task.failed(new IOException("a")), Task.failed(new IOException("b")));
            assertEquals("a", all.exceptionNow().getMessage());
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void exceptionsFromCallbacksAreReportedAndTheLoopGoesOn() {
        List<String> reports = new ArrayList<>();
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<String> t = new SleepThen<>("Test.t", 1, "v").$start();
            t.onComplete((v, e) -> {
                throw new IllegalStateException("callback bug");
            });
            loop.execute(() -> {
                throw new IllegalArgumentException("runnable bug");
            });
            loop.runUntilDone(t);
            loop.runUntilDone(Tasks.sleep(1));
        }
        assertEquals(2, reports.size(), reports.toString());
        assertTrue(reports.stream().anyMatch(r -> r.contains("callback bug")), reports.toString());
        assertTrue(reports.stream().anyMatch(r -> r.contains("runnable bug")), reports.toString());
    }

    @Test
    void aCollectedUnobservedFailureIsReportedExactlyOnce() throws Exception {
        List<String> reports = new ArrayList<>();
        try (EventLoop loop = loopReportingTo(reports)) {
            Task<String> failing = new SleepThen<String>("Test.gc", 1, null, new IOException("gc")).$start();
            loop.runUntilDone(failing);
            failing = null;
            for (int i = 0; i < 20 && reports.isEmpty(); i++) {
                System.gc();
                loop.runUntilDone(Tasks.sleep(5));
            }
        }
        // Reported either when collected or when the loop closed, but once.
        assertEquals(List.of("Test.gc: java.io.IOException: gc"), reports);
    }
}
