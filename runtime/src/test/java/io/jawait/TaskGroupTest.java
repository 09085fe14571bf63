package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.Guarded;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupTest {

    @Test
    void joinWaitsForEveryChild() {
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<String> a = group.spawn(new SleepThen<>("Test.a", 30, "a").$start());
            Task<String> b = group.spawn("b", new SleepThen<>("Test.b", 10, "b").$start());
            assertEquals("b", b.taskName());
            assertEquals("Test.a", a.taskName());
            assertEquals(2, group.size());
            loop.run(group::join);
            assertEquals(Duration.ofMillis(30), loop.currentTime());
            assertEquals(List.of("a", "b"), List.of(a.resultNow(), b.resultNow()));
            assertTrue(group.join().isDone(), "nothing left to wait for");
            group.close();
            assertThrows(IllegalStateException.class, () -> group.spawn(Task.of(1)));
        }
    }

    @Test
    void joinAlsoWaitsForChildrenSpawnedBeforeItCompletes() {
        // As asyncio's TaskGroup and Kotlin's coroutineScope wait for children started while they wait.
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            group.spawn(new SleepThen<>("Test.a", 10, "a").$start());
            Task<Void> joined = group.join();
            Task<String> later = group.spawn(new SleepThen<>("Test.later", 30, "later").$start());
            loop.run(() -> joined);
            assertEquals(Duration.ofMillis(30), loop.currentTime());
            assertEquals("later", later.resultNow());
        }
    }

    @Test
    void theFirstFailureCancelsTheSiblingsAndJoinFailsWithItAfterTheyFinished() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Guarded slow = new Guarded(() -> Tasks.sleep(60_000), false, log);
            group.spawn(slow.$start());
            Task<String> failing = group.spawn(new SleepThen<String>("Test.first", 10, null, first).$start());
            // A sibling whose cancellation handler fails too.
            Task<String> failsOnCancel = group.spawn(new ToolkitCoroutines.FailOnCancel(Tasks.sleep(60_000), second).$start());
            Throwable e = assertThrows(IOException.class, () -> loop.run(group::join));
            assertSame(first, e);
            assertTrue(slow.isCancelled(), "joined only after the cancelled sibling finished");
            assertEquals(List.of("caught", "finally"), log);
            assertEquals(List.of(second), Arrays.asList(first.getSuppressed()), "other failures are suppressed");
            assertTrue(group.isCancelled());
            assertTrue(failing.isFailed());
            assertSame(second, failsOnCancel.exceptionNow());
            Task<Integer> late = group.spawn(new SleepThen<>("Test.late", 10, 1).$start());
            loop.advanceUntilIdle();
            assertTrue(late.isCancelled(), "children spawned into a failed group are cancelled at once");
            group.close();
            assertEquals(List.of(), loop.unhandledErrors(), "join delivered every failure");
        }
    }

    @Test
    void cancellationOfAChildIsNotAFailure() {
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<Void> a = group.spawn(Tasks.sleep(100));
            Task<String> b = group.spawn(new SleepThen<>("Test.b", 200, "b").$start());
            a.cancel();
            loop.run(group::join);
            assertTrue(a.isCancelled());
            assertEquals("b", b.resultNow());
            assertFalse(group.isCancelled());
        }
    }

    @Test
    void aSupervisorLetsChildrenFailIndependently() {
        IOException boom = new IOException("boom");
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = TaskGroup.supervisor();
            Task<String> failing = group.spawn(new SleepThen<String>("Test.failing", 10, null, boom).$start());
            Task<String> ok = group.spawn(new SleepThen<>("Test.ok", 50, "ok").$start());
            loop.run(group::join);
            assertEquals("ok", ok.resultNow());
            assertSame(boom, failing.exceptionNow());
            group.close();
            Task<String> ignored = group.spawn(Task.of("x")); // closed
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("closed"));
        }
    }

    @Test
    void aSupervisorChildFailureNobodyLooksAtIsReported() {
        IOException boom = new IOException("unseen");
        TestLoop loop = new TestLoop();
        TaskGroup group = TaskGroup.supervisor();
        group.spawn(new SleepThen<String>("Test.failing", 10, null, boom).$start());
        loop.run(group::join);
        group.close();
        loop.close();
        assertEquals(List.of(boom), loop.unhandledErrors());
    }

    @Test
    void cancellingTheJoinCancelsTheGroupAndCompletesAfterTheChildrenFinished() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Guarded child = new Guarded(() -> Tasks.sleep(60_000), false, log);
            group.spawn(child.$start());
            AwaitThen<Void> owner = new AwaitThen<>(group.join());
            owner.$start();
            owner.cancel();
            loop.loop().runUntilDone(owner);
            assertTrue(owner.isCancelled());
            assertTrue(group.isCancelled());
            loop.advanceUntilIdle();
            assertTrue(child.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
        }
    }

    @Test
    void closeBeforeJoinCancelsWhatStillRunsAndReportsUndeliveredFailures() {
        IOException boom = new IOException("never joined");
        TestLoop loop = new TestLoop();
        TaskGroup group = new TaskGroup();
        Task<String> running = group.spawn(new SleepThen<>("Test.slow", 60_000, "late").$start());
        group.spawn(new SleepThen<String>("Test.fails", 10, null, boom).$start());
        loop.advanceTimeBy(Duration.ofMillis(10));
        assertTrue(group.isCancelled(), "the failure cancelled the group");
        group.close();
        loop.advanceUntilIdle();
        assertTrue(running.isCancelled());
        loop.close();
        assertEquals(List.of(boom), loop.unhandledErrors(), "reported once, by the group");

        TestLoop second = new TestLoop();
        TaskGroup early = new TaskGroup();
        Task<String> child = early.spawn(new SleepThen<>("Test.child", 60_000, "never").$start());
        early.close(); // the block was left without join()
        second.advanceUntilIdle();
        assertTrue(child.isCancelled());
        second.close();
        assertEquals(List.of(), second.unhandledErrors());
    }

    @Test
    void cancelStopsTheRestAndJoinCompletesNormally() {
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<String> a = group.spawn(new SleepThen<>("Test.a", 60_000, "a").$start());
            group.cancel();
            loop.run(group::join);
            assertTrue(a.isCancelled());
        }
    }

    @Test
    void spawnKeepsTheTaskNamesItAndReportsAFailureNobodyAwaitsAtOnce() {
        IOException boom = new IOException("background failure");
        try (TestLoop loop = new TestLoop()) {
            Task<String> bg = Tasks.spawn("refresher", new SleepThen<String>("Test.refresh", 10, null, boom).$start());
            assertEquals("refresher", bg.taskName());
            assertEquals("Task[refresher, pending]", bg.toString());
            loop.advanceTimeBy(Duration.ofMillis(10));
            assertEquals(List.of(boom), loop.unhandledErrors(), "reported when it failed, not at GC or close");
            assertSame(boom, bg.exceptionNow());

            Task<String> awaited = Tasks.spawn(new SleepThen<String>("Test.awaited", 10, null, new IOException("seen")).$start());
            AwaitThen<String> owner = new AwaitThen<>(awaited);
            owner.$start();
            loop.advanceUntilIdle();
            assertTrue(owner.isFailed());
            assertEquals(1, loop.unhandledErrors().size(), "an awaited failure is the awaiter's");

            Task<Void> cancelled = Tasks.spawn(Tasks.sleep(60_000));
            cancelled.cancel();
            loop.advanceUntilIdle();
            assertTrue(cancelled.isCancelled());
            assertEquals(1, loop.unhandledErrors().size(), "cancellation is not an error");
        }
    }

    @Test
    void closeAsyncAfterJoinHasNothingToDo() {
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            group.spawn(Tasks.sleep(10));
            loop.run(group::join);
            Task<Void> close = group.closeAsync();
            assertTrue(close.isDone());
            assertFalse(close.isFailed());
            assertTrue(group.closeAsync().isDone(), "idempotent");
        }
    }

    @Test
    void aBlockLeftByAnExceptionCancelsTheChildrenAndWaitsForTheirCleanupWithoutAddingAnError() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<String> child = group.spawn(new ToolkitCoroutines.SlowCleanup(Tasks.sleep(60_000), 100, log).$start());
            loop.run(() -> group.closeAsync(new IllegalArgumentException("the block failed")));
            assertEquals(Duration.ofMillis(100), loop.currentTime(), "the block is left after the child's cleanup");
            assertEquals(List.of("cleaned up"), log);
            assertTrue(child.isCancelled());
            assertTrue(group.isCancelled());
            assertThrows(IllegalStateException.class, () -> group.spawn(Task.of(1)), "closed once the children finished");
        }
    }

    @Test
    void aBlockLeftNormallyWaitsForTheChildrenLikeAnImplicitJoin() {
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<String> a = group.spawn(new SleepThen<>("Test.a", 30, "a").$start());
            Task<Void> close = group.closeAsync();
            assertFalse(close.isDone());
            // A child may still add a sibling while the close waits (as in asyncio).
            Task<String> b = group.spawn(new SleepThen<>("Test.b", 50, "b").$start());
            loop.run(() -> close);
            assertEquals(Duration.ofMillis(50), loop.currentTime(), "left once every child had finished");
            assertEquals(List.of("a", "b"), List.of(a.resultNow(), b.resultNow()));
            assertFalse(group.isCancelled(), "nothing was cancelled");
            assertThrows(IllegalStateException.class, () -> group.spawn(Task.of(1)));
        }
    }

    @Test
    void aChildFailureDuringTheImplicitJoinIsTheCloseFailureAndCancelsTheOthers() {
        IOException boom = new IOException("boom");
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<String> slow = group.spawn(new SleepThen<>("Test.slow", 60_000, "slow").$start());
            group.spawn(new SleepThen<String>("Test.fails", 10, null, boom).$start());
            assertSame(boom, assertThrows(IOException.class, () -> loop.run(group::closeAsync)));
            assertEquals(Duration.ofMillis(10), loop.currentTime());
            assertTrue(slow.isCancelled());
            assertEquals(List.of(), loop.unhandledErrors(), "delivered by the close");
        }
    }

    @Test
    void theBlockExceptionIsNotGivenItsOwnFailureAgain() {
        IOException boom = new IOException("boom");
        try (TestLoop loop = new TestLoop()) {
            // The block awaited the failing child itself and is leaving with its exception.
            TaskGroup group = new TaskGroup();
            group.spawn(new SleepThen<String>("Test.fails", 10, null, boom).$start());
            loop.advanceTimeBy(Duration.ofMillis(10));
            loop.run(() -> group.closeAsync(boom));
            assertEquals(0, boom.getSuppressed().length);

            // Or wrapped it: the wrapper carries it as its cause.
            TaskGroup other = new TaskGroup();
            IOException inner = new IOException("inner");
            other.spawn(new SleepThen<String>("Test.fails", 10, null, inner).$start());
            loop.advanceTimeBy(Duration.ofMillis(10));
            loop.run(() -> other.closeAsync(new java.io.UncheckedIOException(inner)));
            assertEquals(List.of(), loop.unhandledErrors());
        }
    }

    @Test
    void cancellingTheCloseCancelsTheGroup() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Guarded child = new Guarded(() -> Tasks.sleep(60_000), false, log);
            group.spawn(child.$start());
            AwaitThen<Void> owner = new AwaitThen<>(group.closeAsync());
            owner.$start();
            owner.cancel();
            loop.advanceUntilIdle();
            assertTrue(owner.isCancelled());
            assertTrue(child.isCancelled());
            assertEquals(List.of("caught", "finally"), log);
            assertEquals(Duration.ZERO, loop.currentTime(), "did not wait for the child's sleep");
        }
    }

    @Test
    void closeAsyncOfACancelledGroupJustWaits() {
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            Task<String> child = group.spawn(new SleepThen<>("Test.child", 60_000, "x").$start());
            group.cancel();
            loop.run(group::closeAsync);
            assertTrue(child.isCancelled());
        }
    }

    @Test
    void closeAsyncDeliversAFailureThatNoJoinDelivered() {
        IOException boom = new IOException("boom");
        IllegalStateException cleanup = new IllegalStateException("cleanup failed");
        try (TestLoop loop = new TestLoop()) {
            TaskGroup group = new TaskGroup();
            group.spawn(new ToolkitCoroutines.FailOnCancel(Tasks.sleep(60_000), cleanup).$start());
            group.spawn(new SleepThen<String>("Test.fails", 10, null, boom).$start());
            loop.advanceTimeBy(Duration.ofMillis(10));
            assertSame(boom, assertThrows(IOException.class, () -> loop.run(group::closeAsync)));
            assertEquals(List.of(cleanup), Arrays.asList(boom.getSuppressed()));
            assertEquals(List.of(), loop.unhandledErrors(), "delivered by closeAsync, so not reported");

            TaskGroup other = new TaskGroup();
            IllegalStateException late = new IllegalStateException("failed while being cancelled");
            other.spawn(new ToolkitCoroutines.FailOnCancel(Tasks.sleep(60_000), late).$start());
            assertSame(late, assertThrows(IllegalStateException.class,
                    () -> loop.run(() -> other.closeAsync(new IllegalArgumentException("block failed")))),
                    "a child failing in its cleanup is the close's failure, added to the block's exception");
        }
    }
}
