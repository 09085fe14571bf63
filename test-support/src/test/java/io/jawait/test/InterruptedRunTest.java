package io.jawait.test;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.TaskSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What JUnit's {@code @Timeout} does to a test blocked in a run: it interrupts the test's thread. A
 * TestLoop waiting in real time for a future nobody completes (its stall timeout far away) must
 * then cancel the task, run its cleanup and end the run; an advance of loops that never idle ends
 * with an exception instead of spinning on.
 */
@Timeout(60)
class InterruptedRunTest {

    @Async
    static Task<String> awaitForever(CompletableFuture<String> never, CountDownLatch waiting, List<String> log) {
        try {
            waiting.countDown();
            return Task.of(await(never));
        } finally {
            log.add("finally");
        }
    }

    /** Runs {@code body} as a test's thread would, interrupts it once the task waits, as @Timeout does. */
    private static void assertAnInterruptEndsTheRun(CountDownLatch waiting, List<String> log, Runnable body)
            throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread test = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        }, "a-test");
        test.start();
        waiting.await();
        test.interrupt();   // what @Timeout does
        test.join();
        CancellationException e = assertInstanceOf(CancellationException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertEquals(List.of("finally"), log, "the cleanup ran before the run ended");
        assertTrue(interruptedAfter.get(), "the interrupt status is set again");
    }

    @Test
    void anInterruptEndsATestLoopRunWaitingForAFutureNobodyCompletes() throws InterruptedException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        assertAnInterruptEndsTheRun(waiting, log, () -> {
            try (TestLoop loop = new TestLoop()) {
                loop.setStallTimeout(Duration.ofHours(1));
                loop.run(() -> awaitForever(new CompletableFuture<>(), waiting, log));
            }
        });
    }

    @Test
    void anInterruptEndsATestLoopGroupRunAndItsGroupsRun() throws InterruptedException {
        for (boolean viaGroup : new boolean[] {false, true}) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch waiting = new CountDownLatch(1);
            assertAnInterruptEndsTheRun(waiting, log, () -> {
                try (TestLoopGroup loops = new TestLoopGroup(2)) {
                    loops.setStallTimeout(Duration.ofHours(1));
                    if (viaGroup) {
                        loops.group().run(() -> awaitForever(new CompletableFuture<>(), waiting, log));
                    } else {
                        loops.run(() -> awaitForever(new CompletableFuture<>(), waiting, log));
                    }
                }
            });
        }
    }

    @Async
    static Task<Void> spinForever(CountDownLatch spinning, AtomicInteger rounds) {
        while (true) {
            rounds.incrementAndGet();
            spinning.countDown();
            await(yieldNow());
        }
    }

    /**
     * Runs {@code advance} on a thread of its own (it starts a task that never lets its loop idle
     * and then advances), interrupts it as {@code @Timeout} does, and checks that the advance
     * ended with the interrupt as cause and the spinning task in its message, and that the loops
     * still closed afterwards (which cancels the task).
     */
    private static void assertAnInterruptEndsTheAdvance(Consumer<TaskSupplier<Void, RuntimeException>> advance) throws InterruptedException {
        CountDownLatch spinning = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread test = new Thread(() -> {
            try {
                advance.accept(() -> spinForever(spinning, rounds));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "a-test");
        test.start();
        spinning.await();
        test.interrupt();
        test.join();
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertTrue(e.getMessage().contains("spinForever"), e.getMessage());
        assertEquals(0, e.getSuppressed().length, "the loops closed after the interrupt");
        assertTrue(rounds.get() > 0);
    }

    @Test
    void anInterruptEndsAdvanceUntilIdleOfALoopThatNeverIdles() throws InterruptedException {
        assertAnInterruptEndsTheAdvance(start -> {
            try (TestLoop loop = new TestLoop()) {
                start.get();
                loop.advanceUntilIdle();
            }
        });
    }

    @Test
    void anInterruptEndsTheAdvancesOfLoopsThatNeverIdle() throws InterruptedException {
        for (int which = 0; which < 3; which++) {
            int call = which;
            assertAnInterruptEndsTheAdvance(start -> {
                try (TestLoopGroup loops = new TestLoopGroup(2)) {
                    loops.loop(1).submit(start);
                    switch (call) {
                        case 0 -> loops.advanceUntilIdle();
                        case 1 -> loops.advanceTimeBy(Duration.ofHours(1));
                        default -> {
                            while (true) {
                                loops.runCurrent();
                            }
                        }
                    }
                }
            });
        }
    }
}
