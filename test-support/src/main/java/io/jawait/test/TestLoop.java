package io.jawait.test;

import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.TaskSupplier;
import io.jawait.internal.LoopCore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An event loop on virtual time, for tests (kotlinx-coroutines-test's {@code runTest} and
 * {@code TestCoroutineScheduler}; asyncio has none). Its clock starts at zero and stands still
 * while tasks run; whenever every task waits, it jumps straight to the next timer. A test of an
 * hour-long timeout therefore runs in milliseconds, and timers always fire in the same order.
 *
 * <pre>{@code
 * @Test
 * void slowServiceTimesOut() {
 *     try (TestLoop loop = new TestLoop()) {
 *         Throwable e = assertThrows(TimeoutException.class,
 *                 () -> loop.run(() -> withTimeout(Duration.ofHours(1), slowService())));
 *         assertEquals(Duration.ofHours(1), loop.currentTime());
 *     }
 * }
 * // or in one line: String r = TestLoop.runTest(() -> myAsyncScenario());
 * // or with JUnit: @ExtendWith(TestLoopExtension.class) and a TestLoop test-method parameter
 * }</pre>
 *
 * <p><b>Time and other threads.</b> The clock does not move while work started with
 * {@code Tasks.toThread} runs on its threads: its result is awaited in real time. Other futures
 * and sockets do not hold the clock: if a timer is pending, time jumps to it even while such a
 * future is outstanding (as in kotlinx), so give real I/O a real loop. <b>Stalls.</b> When every
 * task waits and no timer is pending, {@link #run} waits up to {@link #setStallTimeout the stall
 * timeout} (5 s of real time) for other threads to post work or complete an awaited future, and
 * for awaited sockets to become ready; if nothing comes, it fails with
 * {@link IllegalStateException} instead of hanging (a future nobody completes ends the run too).
 * Only work started with {@code toThread} is waited for without limit.
 * <b>Errors.</b> Failures nobody observed, and exceptions thrown by callbacks, are collected
 * ({@link #unhandledErrors()}) instead of logged; {@link #runTest} fails if there are any.
 *
 * <p>Like {@link EventLoop}, a test loop is bound to the thread that creates it.
 */
public final class TestLoop implements AutoCloseable {
    /** The open test loop of each thread, so that {@link #runTest} can use the one a test already has. */
    private static final ThreadLocal<TestLoop> CURRENT = new ThreadLocal<>();

    private final VirtualTime clock = new VirtualTime();
    private final EventLoop loop;
    private final LoopCore core;
    private final EventLoopGroup group;
    private final UnhandledErrors unhandled = new UnhandledErrors("the test loop");

    /**
     * Creates a virtual-time loop bound to (and current on) the calling thread; its clock reads 0.
     * <pre>{@code try (TestLoop loop = new TestLoop()) { ... }}</pre>
     *
     * @throws IllegalStateException if the thread already has a loop (with TestLoopExtension, the
     *     test's own: take it as a {@code TestLoop} parameter instead)
     */
    public TestLoop() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("thread '" + Thread.currentThread().getName() + "' already has an open"
                    + " TestLoop, and a thread runs one loop at a time. In a test run by TestLoopExtension, take"
                    + " the test's loop as a TestLoop parameter (or call TestLoop.runTest) instead of creating one");
        }
        this.loop = new EventLoop(clock);
        this.core = LoopCore.currentOrNull();
        this.group = EventLoopGroup.of(loop);
        loop.setUnhandledErrorHandler(unhandled::add);
        CURRENT.set(this);
    }

    /**
     * Runs a fresh test loop until the task {@code main} returns completes, then closes it, like
     * {@code Tasks.run} on virtual time; returns the task's value or rethrows its exception.
     * <pre>{@code assertEquals("done", TestLoop.runTest(() -> scenario()));}</pre>
     *
     * <p>If the thread already has an open test loop, as every test run by
     * {@link TestLoopExtension} does, {@code main} runs on that one instead, which stays open (on
     * its clock, with the tasks the test already started): the extension closes it after the test.
     *
     * @throws X what {@code main} declares (thrown by it, or the task's failure)
     * @throws AssertionError if failures went unobserved or callbacks threw (the first is the
     *     cause, the others are suppressed)
     * @throws IllegalStateException if the task can never complete (see the class comment), or if
     *     called from code running on the loop (inside an {@code @Async} method, await instead)
     */
    public static <T, X extends Exception> T runTest(TaskSupplier<T, X> main) throws X {
        TestLoop open = CURRENT.get();
        if (open != null) {
            T value = open.run(main);
            open.assertNoUnhandledErrors();
            return value;
        }
        T value;
        TestLoop test = new TestLoop();
        try {
            value = test.run(main);
        } finally {
            test.close();
        }
        test.assertNoUnhandledErrors();
        return value;
    }

    /**
     * Starts {@code main} on this loop and runs the loop until its task completes; returns the
     * value or rethrows the exception unwrapped (checked ones too). Other tasks may keep running.
     * <pre>{@code int n = loop.run(() -> countPages(site));}</pre>
     *
     * An interrupt of the thread (JUnit's {@code @Timeout}) cancels the task and ends the run
     * once its cleanup ran, as {@code Tasks.run} does.
     *
     * @throws X what {@code main} declares (thrown by it, or the task's failure)
     * @throws IllegalStateException if the task can never complete (see the class comment)
     * @throws java.util.concurrent.CancellationException if the thread was interrupted and the
     *     task ended cancelled; its cause is an {@link InterruptedException}
     */
    public <T, X extends Exception> T run(TaskSupplier<T, X> main) throws X {
        Objects.requireNonNull(main, "main");
        Task<T> task = Objects.requireNonNull(main.get(), "the supplier returned null instead of a Task");
        loop.runUntilDone(task);
        return task.join();
    }

    /**
     * Runs everything that is ready and every timer due within {@code delay}, moving the clock
     * from timer to timer, and leaves the clock {@code delay} later than it was.
     * <pre>{@code Task<Void> t = ticker(); loop.advanceTimeBy(Duration.ofSeconds(3)); assertEquals(3, ticks);}</pre>
     */
    public void advanceTimeBy(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("cannot go back in time: " + delay);
        }
        long now = clock.getAsLong();
        long nanos = delay.toNanos();
        clock.advance(core, nanos > Long.MAX_VALUE - 1 - now ? Long.MAX_VALUE - 1 : now + nanos);
    }

    /**
     * Runs until nothing is ready and no timer is pending, jumping the clock as needed; does not
     * wait for other threads.
     * <pre>{@code loop.advanceUntilIdle(); assertTrue(task.isDone());}</pre>
     *
     * @throws IllegalStateException caused by an {@link InterruptedException} if the thread is
     *     interrupted (JUnit's {@code @Timeout}) before the loop idles, with its task dump; this
     *     and the other {@code advance} methods and {@link #runCurrent()} end that way
     */
    public void advanceUntilIdle() {
        clock.advance(core, Long.MAX_VALUE);
    }

    /**
     * Runs what is ready now, and timers due now, without moving the clock.
     * <pre>{@code Task<?> t = start(); loop.runCurrent(); assertFalse(t.isDone());}</pre>
     */
    public void runCurrent() {
        clock.advance(core, clock.getAsLong());
    }

    /** Virtual time since the loop was created. <pre>{@code assertEquals(Duration.ofHours(1), loop.currentTime());}</pre> */
    public Duration currentTime() {
        return Duration.ofNanos(clock.getAsLong());
    }

    /**
     * How long {@link #run} waits in real time for other threads when nothing on the loop can
     * make progress, before it fails (default 5 s).
     * <pre>{@code loop.setStallTimeout(Duration.ofMillis(100));}</pre>
     */
    public void setStallTimeout(Duration timeout) {
        clock.setStallTimeoutNanos(timeout.toNanos());
    }

    /**
     * This loop as an {@link EventLoopGroup} of one, to test code written for a group on virtual
     * time: what the group would spread over several loops ({@code group.start}, a
     * {@code TcpServer} with {@code options().loops(group)}) all runs here, in one deterministic
     * order. For several loops on one virtual clock, each on its own thread as in production,
     * use a {@link TestLoopGroup}. Closing the group leaves this loop open.
     * <pre>{@code String r = loop.run(() -> crawlOn(loop.group(), urls));}</pre>
     */
    public EventLoopGroup group() {
        return group;
    }

    /** The underlying loop, e.g. to {@code execute} or {@code schedule} on it. <pre>{@code loop.loop().execute(r);}</pre> */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Failures nobody observed and exceptions thrown by callbacks so far (a copy). Unobserved
     * failures are found when their task is garbage collected or, at the latest, on close.
     * <pre>{@code loop.close(); assertEquals(List.of(), loop.unhandledErrors());}</pre>
     */
    public List<Throwable> unhandledErrors() {
        return unhandled.list();
    }

    /**
     * Throws an AssertionError if any error went unhandled (see {@link #unhandledErrors()}).
     * <pre>{@code loop.close(); loop.assertNoUnhandledErrors();}</pre>
     */
    public void assertNoUnhandledErrors() {
        unhandled.assertNone();
    }

    /**
     * Closes the loop like {@link EventLoop#close()}: cancels what still runs and lets it finish
     * (on virtual time), then reports unobserved failures to {@link #unhandledErrors()}.
     * <pre>{@code loop.close();}</pre>
     */
    @Override
    public void close() {
        try {
            loop.close();
        } finally {
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }

    /** For example {@code TestLoop[time=PT1H, EventLoop[thread=main, ready=0, timers=0, live=0]]}. */
    @Override
    public String toString() {
        return "TestLoop[time=" + currentTime() + ", " + loop + "]";
    }
}
