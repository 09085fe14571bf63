package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.Guarded;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An interrupt of the thread running a loop cancels the task the run waits for, lets its cleanup
 * run, and ends the run with a CancellationException caused by an InterruptedException, the
 * interrupt status set again (as Ctrl-C ends asyncio.run and an interrupt Kotlin's runBlocking).
 * Each run happens on a thread of its own, which the test interrupts once the main task waits.
 */
@Timeout(60)
class InterruptTest {
    private static final long HOUR = 3_600_000;

    /** What a run on its own thread did: its value or exception, and its interrupt status after. */
    private static final class Outcome {
        volatile Object value;
        volatile Throwable thrown;
        volatile boolean interruptedAfter;
        volatile boolean loopUnbound;
    }

    /**
     * Runs {@code body} on a new thread; once {@code waiting} is counted down (by the main task's
     * first step), interrupts that thread and waits for it to end.
     */
    private static Outcome runAndInterrupt(CountDownLatch waiting, Supplier<Object> body) throws InterruptedException {
        Outcome outcome = new Outcome();
        Thread runner = new Thread(() -> {
            try {
                outcome.value = body.get();
            } catch (Throwable e) {
                outcome.thrown = e;
            }
            outcome.interruptedAfter = Thread.currentThread().isInterrupted();
            outcome.loopUnbound = EventLoop.currentOrNull() == null;
        }, "interrupted-run");
        runner.start();
        waiting.await();
        runner.interrupt();
        runner.join();
        return outcome;
    }

    private static void assertEndedByTheInterrupt(Outcome outcome) {
        CancellationException e = assertInstanceOf(CancellationException.class, outcome.thrown);
        assertInstanceOf(InterruptedException.class, e.getCause(), "the cause tells an interrupt from a cancel()");
        assertTrue(e.getMessage().contains("'interrupted-run' was interrupted"), e.getMessage());
        assertTrue(outcome.interruptedAfter, "the interrupt status is set again for the caller");
    }

    @Test
    void anInterruptEndsARunWaitingForATimerAnHourAway() throws InterruptedException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        Outcome outcome = runAndInterrupt(waiting, () -> Tasks.run(() -> new Guarded(() -> {
            waiting.countDown();
            return Tasks.sleep(HOUR);
        }, false, log).$start()));
        assertEndedByTheInterrupt(outcome);
        assertEquals(List.of("caught", "finally"), log, "the main task's cleanup ran before run returned");
        assertTrue(outcome.loopUnbound, "the loop was closed");
    }

    @Test
    void anInterruptEndsARunWaitingForASocketReadAndCancelsTheRead() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Task<?>> read = new AtomicReference<>();
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = runAndInterrupt(waiting, () -> {
                try (EventLoop loop = new EventLoop()) {
                    Task<TcpStream> connect = connect(peer.getLocalPort());
                    loop.runUntilDone(connect);
                    TcpStream stream = connect.join();
                    Guarded main = new Guarded(() -> {
                        try {
                            read.set(stream.readLine(100));   // the peer never writes
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        waiting.countDown();
                        return read.get();
                    }, false, log);
                    main.$start();
                    loop.runUntilDone(main);
                    return main.join();
                }
            });
            try (Socket accepted = peer.accept()) {
                assertEndedByTheInterrupt(outcome);
                assertEquals(List.of("caught", "finally"), log);
                assertTrue(read.get().isCancelled(), "the read the task awaited was cancelled first");
            }
        }
    }

    private static Task<TcpStream> connect(int port) {
        try {
            return TcpStream.connect("127.0.0.1", port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTaskThatCatchesTheCancellationCompletesWithItsValue() throws InterruptedException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        Outcome outcome = runAndInterrupt(waiting, () -> Tasks.run(() -> new Guarded(() -> {
            waiting.countDown();
            return Tasks.sleep(HOUR);
        }, true, log).$start()));
        assertNull(outcome.thrown);
        assertEquals("cleaned up", outcome.value, "as asyncio.run returns a main task's value that survived Ctrl-C");
        assertTrue(outcome.interruptedAfter);
    }

    @Test
    void aThreadInterruptedBeforeTheRunCancelsTheMainTaskAtItsFirstWait() throws InterruptedException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Outcome outcome = new Outcome();
        Thread runner = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                outcome.value = Tasks.run(() -> new Guarded(() -> Tasks.sleep(HOUR), false, log).$start());
            } catch (Throwable e) {
                outcome.thrown = e;
            }
            outcome.interruptedAfter = Thread.currentThread().isInterrupted();
        }, "interrupted-run");
        runner.start();
        runner.join();
        assertEndedByTheInterrupt(outcome);
        assertEquals(List.of("caught", "finally"), log);
    }

    @Test
    void anInterruptEndsAGroupRunAfterTheTasksCleanupRan() throws InterruptedException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        try (EventLoopGroup group = new EventLoopGroup(1)) {
            Outcome outcome = runAndInterrupt(waiting, () -> group.run(() -> new Guarded(() -> {
                waiting.countDown();
                return Tasks.sleep(HOUR);
            }, false, log).$start()));
            assertEndedByTheInterrupt(outcome);
            assertEquals(List.of("caught", "finally"), log, "run waited for the cleanup");
            assertEquals(7, group.run(() -> Task.of(7)), "the group's loops go on");
        }
    }

    @Test
    void anInterruptOfALoopThreadOfAGroupDoesNotStopItsLoop() {
        try (EventLoopGroup group = new EventLoopGroup(1)) {
            group.run(() -> {
                Thread.currentThread().interrupt();   // e.g. code on the loop that restores a caught interrupt
                return Tasks.sleep(1);
            });
            assertEquals("still serving", group.run(() -> new SleepThen<>("Test.main", 1, "still serving").$start()));
            assertFalse(group.loop(0).dumpTasks().contains("closed"), group.loop(0).dumpTasks());
        }
    }
}
