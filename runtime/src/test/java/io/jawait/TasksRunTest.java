package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.Guarded;
import io.jawait.TestCoroutines.SleepThen;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TasksRunTest {

    @Test
    void returnsTheValueOfTheMainTask() {
        assertEquals("slept", Tasks.run(() -> new SleepThen<>("Test.main", 5, "slept").$start()));
        assertEquals(42, Tasks.run(() -> Task.of(42)));
        assertNull(Tasks.run(Task::done));
        assertNull(EventLoop.currentOrNull(), "the loop is unbound afterwards");
    }

    @Test
    void rethrowsACheckedExceptionUnwrapped() {
        IOException boom = new IOException("boom");
        IOException thrown = assertThrows(IOException.class,
                () -> Tasks.run(() -> new SleepThen<String>("Test.main", 5, null, boom).$start()));
        assertSame(boom, thrown);
        assertSame(boom, assertThrows(IOException.class, () -> Tasks.run(() -> Task.failed(boom))));
    }

    @Test
    void runDeclaresWhatTheStartingCallDeclares() throws IOException {
        // Compiles only because run(...) throws the IOException that startThrowing declares.
        assertEquals("slept", Tasks.run(() -> startThrowing(null)));
        IOException early = new IOException("thrown by the call itself");
        assertSame(early, assertThrows(IOException.class, () -> Tasks.run(() -> startThrowing(early))));
        IOException late = new IOException("the task's own");
        assertSame(late, assertThrows(IOException.class,
                () -> Tasks.run(() -> new SleepThen<String>("Test.main", 5, null, late).$start())));
        assertNull(EventLoop.currentOrNull(), "the loop is unbound afterwards");
    }

    /** Stands for an @Async method with a throws clause. */
    private static Task<String> startThrowing(IOException e) throws IOException {
        if (e != null) {
            throw e;
        }
        return new SleepThen<>("Test.main", 5, "slept").$start();
    }

    @Test
    void aThreeWayGatherOf300msSleepsTakesAbout300ms() {
        long start = System.nanoTime();
        List<Void> result = Tasks.run(() -> Tasks.gather(Tasks.sleep(300), Tasks.sleep(300), Tasks.sleep(300)));
        long elapsed = System.nanoTime() - start;
        assertEquals(3, result.size());
        assertTrue(elapsed >= Duration.ofMillis(300).toNanos());
        assertTrue(elapsed < Duration.ofMillis(1500).toNanos(), "took " + elapsed / 1_000_000 + " ms");
    }

    @Test
    void cancelsAndFinishesTasksStillRunningWhenTheMainTaskEnds() {
        List<String> log = new ArrayList<>();
        AtomicReference<Guarded> background = new AtomicReference<>();
        AtomicReference<Task<Void>> orphanSleep = new AtomicReference<>();
        long start = System.nanoTime();
        String result = Tasks.run(() -> {
            Guarded g = new Guarded(() -> Tasks.sleep(60_000), false, log);
            g.$start();
            background.set(g);
            orphanSleep.set(Tasks.sleep(60_000));
            return new SleepThen<>("Test.main", 1, "main done").$start();
        });
        assertEquals("main done", result);
        assertTrue(background.get().isCancelled());
        assertTrue(orphanSleep.get().isCancelled());
        assertEquals(List.of("caught", "finally"), log);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void refusesToNest() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tasks.run(() -> Task.of(Tasks.run(() -> Task.of(1)))));
        assertTrue(e.getMessage().startsWith("Tasks.run(...) cannot be nested"), e.getMessage());
        assertNull(EventLoop.currentOrNull());
        assertThrows(IllegalStateException.class, () -> {
            try (EventLoop loop = new EventLoop()) {
                new EventLoop();
            }
        });
    }

    @Test
    void aSupplierThatThrowsStillClosesTheLoop() {
        assertThrows(IllegalArgumentException.class, () -> Tasks.run(() -> {
            throw new IllegalArgumentException("no main");
        }));
        assertNull(EventLoop.currentOrNull());
        assertThrows(NullPointerException.class, () -> Tasks.run(() -> null));
    }

    @Test
    void theAwaitMarkersThrowWhenNotRewritten() {
        IllegalStateException a = assertThrows(IllegalStateException.class, () -> Tasks.await(Task.of(1)));
        assertTrue(a.getMessage().contains("can only be used inside an @Async method compiled with the jawait"),
                a.getMessage());
        assertTrue(a.getMessage().contains("Tasks.run("), a.getMessage());
        assertThrows(IllegalStateException.class, () -> Task.of(1).await());
        assertThrows(IllegalStateException.class,
                () -> Tasks.await(java.util.concurrent.CompletableFuture.completedFuture(1)));
    }
}
