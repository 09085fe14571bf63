package io.jawait.test;

import static io.jawait.Tasks.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What JUnit's {@code @Timeout} does to a test blocked in a run: it interrupts the test's thread. A
 * TestLoop waiting in real time for a future nobody completes (its stall timeout far away) must
 * then cancel the task, run its cleanup and end the run.
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

    @Test
    void anInterruptEndsATestLoopRunWaitingForAFutureNobodyCompletes() throws InterruptedException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread test = new Thread(() -> {
            try (TestLoop loop = new TestLoop()) {
                loop.setStallTimeout(Duration.ofHours(1));
                loop.run(() -> awaitForever(new CompletableFuture<>(), waiting, log));
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
        assertEquals(List.of("finally"), log);
        assertTrue(interruptedAfter.get());
    }
}
