package io.jawait.test;

import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.TaskSupplier;
import io.jawait.internal.SubmittedTask;
import io.jawait.test.SteppedLoop.Command;
import io.jawait.test.SteppedLoop.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Several event loops on one virtual clock, for testing code written for an
 * {@link EventLoopGroup} ({@code group.start}, {@code Tasks.startOn}, a {@code TcpServer} spread
 * over the loops, a {@code SharedQueue} between them) as deterministically as {@link TestLoop}
 * tests code on one loop. Each loop has a thread of its own, as in a real group, so what belongs
 * to one loop is refused on another as it would be in production; but the loops take turns
 * instead of running at once: the calling thread gives loop 0, then 1, ..., one iteration each
 * (what is ready, posted or due on it), round after round. The order of everything that happens is
 * therefore the same on every run. When every loop waits, the clock jumps to the earliest timer
 * of any loop, as {@link TestLoop}'s does.
 *
 * <pre>{@code
 * @Test
 * void everyLoopServesItsShare() {
 *     try (TestLoopGroup loops = new TestLoopGroup(2)) {
 *         EventLoopGroup group = loops.group();
 *         List<String> where = loops.run(() -> crawl(group, urls));   // spreads with group.start(...)
 *         assertEquals(Duration.ofSeconds(30), loops.currentTime());   // its timeouts, on virtual time
 *     }
 * }
 * }</pre>
 *
 * <p><b>What it does not test:</b> since only one loop runs at a time, it cannot show a data race
 * between loops: test thread-safety on a real {@link EventLoopGroup}, on real time and without
 * timing assertions. <b>Time and other threads</b> are as in {@link TestLoop}: work started with
 * {@code toThread} holds the clock; futures and sockets completed by other threads are awaited in
 * real time, and when every loop waits with no timer pending, {@link #run} waits up to
 * {@link #setStallTimeout the stall timeout} for them and then fails with
 * {@link IllegalStateException} showing every loop's tasks, instead of hanging.
 *
 * <p>Drive it from one thread that runs no loop of the group (the test's): {@link #run}, the
 * {@code advance} methods, {@link #dumpTasks()} and {@link #close()} take the turns, and so do the
 * {@code EventLoopGroup}'s own blocking calls on {@link #group()}: {@code group().run(...)} works
 * as {@link #run} does (on the group's next loop), and {@code dumpTasks()} of the group or of a
 * loop takes each dump in a turn. Code running on one of the loops cannot have another loop's
 * dump taken (that loop runs only after the current turn): it gets a line saying so. A thread
 * that blocks on a loop's future itself ({@code loop(0).submit(...).join()}) waits for turns
 * nobody takes: use {@link #run} instead.
 */
public final class TestLoopGroup implements AutoCloseable {
    private final String name;
    private final SteppedLoop.Clock clock = new SteppedLoop.Clock();
    private final List<SteppedLoop> loops;
    private final EventLoopGroup group;
    private final UnhandledErrors unhandled = new UnhandledErrors("the test loop group");
    private volatile long stallTimeoutNanos = 5_000_000_000L;
    /** Held by the thread taking the turns: one driver at a time. */
    private final Object driving = new Object();
    private boolean closed;

    /**
     * Starts {@code loops} loops on threads named {@code test-group-0}, {@code test-group-1}, ...;
     * the clock reads 0.
     * <pre>{@code try (TestLoopGroup loops = new TestLoopGroup(2)) { ... }}</pre>
     *
     * @throws IllegalArgumentException if {@code loops} is less than 1
     */
    public TestLoopGroup(int loops) {
        this("test-group", loops);
    }

    /**
     * Starts {@code loops} loops on threads named {@code <name>-0}, {@code <name>-1}, ...; the
     * clock reads 0.
     * <pre>{@code try (TestLoopGroup loops = new TestLoopGroup("kv", 3)) { ... }   // threads kv-0 .. kv-2}</pre>
     *
     * @throws IllegalArgumentException if {@code loops} is less than 1
     */
    public TestLoopGroup(String name, int loops) {
        this.name = Objects.requireNonNull(name, "name");
        if (loops < 1) {
            throw new IllegalArgumentException("a test loop group needs at least one loop, got " + loops);
        }
        List<SteppedLoop> started = new ArrayList<>(loops);
        try {
            for (int i = 0; i < loops; i++) {
                SteppedLoop loop = new SteppedLoop(name + "-" + i, this, clock, unhandled::add);
                loop.start();
                started.add(loop);
            }
        } catch (RuntimeException | Error e) {
            for (SteppedLoop loop : started) {   // nothing ran on them yet: each closes in one turn
                loop.turn(Command.CLOSE);
                loop.join();
            }
            throw e;
        }
        this.loops = List.copyOf(started);
        EventLoop[] own = new EventLoop[loops];
        for (int i = 0; i < loops; i++) {
            own[i] = started.get(i).loop();
        }
        this.group = EventLoopGroup.of(own);
    }

    /**
     * The loops as an {@link EventLoopGroup}, to hand to the code under test. Closing it leaves
     * the loops open: close this object instead.
     * <pre>{@code String r = loops.run(() -> serve(loops.group()));}</pre>
     */
    public EventLoopGroup group() {
        return group;
    }

    /** The loop at {@code index}. <pre>{@code EventLoop owner = loops.loop(0);}</pre> */
    public EventLoop loop(int index) {
        return group.loop(index);
    }

    /** How many loops there are. <pre>{@code assertEquals(2, loops.size());}</pre> */
    public int size() {
        return loops.size();
    }

    // ---- running --------------------------------------------------------------------------------

    /**
     * Starts {@code main} on loop 0 and gives the loops turns until its task completes; returns
     * the value or rethrows the exception unwrapped (checked ones too). Other tasks may keep
     * running.
     * <pre>{@code int n = loops.run(() -> countPages(loops.group(), site));}</pre>
     *
     * An interrupt of the calling thread (JUnit's {@code @Timeout}) cancels the task and ends
     * the run once its cleanup ran, as {@code Tasks.run} does.
     *
     * @throws X what {@code main} declares (thrown by it, or the task's failure)
     * @throws IllegalStateException if the task can never complete (see the class comment), or
     *     if called from one of the group's loops
     * @throws java.util.concurrent.CancellationException if the calling thread was interrupted and
     *     the task ended cancelled; its cause is an {@link InterruptedException}
     */
    public <T, X extends Exception> T run(TaskSupplier<T, X> main) throws X {
        Objects.requireNonNull(main, "main");
        checkDriver("run");
        SubmittedTask<T> outcome = SubmittedTask.submit(loops.get(0).core(), main);
        synchronized (driving) {
            turns(outcome::isDone, Long.MAX_VALUE, true, "the task of run(...)", outcome::cancelForInterrupt);
        }
        return outcome.joinCancellingOnInterrupt();
    }

    /**
     * Runs everything that is ready and every timer due within {@code delay}, on every loop,
     * moving the clock from timer to timer, and leaves the clock {@code delay} later than it was.
     * <pre>{@code loops.advanceTimeBy(Duration.ofSeconds(3));}</pre>
     */
    public void advanceTimeBy(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("cannot go back in time: " + delay);
        }
        checkDriver("advanceTimeBy");
        synchronized (driving) {
            long now = clock.now.get();
            long nanos = delay.toNanos();
            turns(() -> false, nanos > Long.MAX_VALUE - 1 - now ? Long.MAX_VALUE - 1 : now + nanos, false, null, null);
        }
    }

    /**
     * Runs until no loop has anything ready or a timer pending, jumping the clock as needed; does
     * not wait for other threads.
     * <pre>{@code loops.advanceUntilIdle(); assertTrue(task.isDone());}</pre>
     *
     * @throws IllegalStateException caused by an {@link InterruptedException} if the calling
     *     thread is interrupted (JUnit's {@code @Timeout}) before the loops idle, with their task
     *     dumps; the other {@code advance} methods and {@link #runCurrent()} end that way too
     */
    public void advanceUntilIdle() {
        checkDriver("advanceUntilIdle");
        synchronized (driving) {
            turns(() -> false, Long.MAX_VALUE, false, null, null);
        }
    }

    /**
     * Runs what is ready now on every loop, and timers due now, without moving the clock.
     * <pre>{@code loops.runCurrent();}</pre>
     */
    public void runCurrent() {
        checkDriver("runCurrent");
        synchronized (driving) {
            turns(() -> false, clock.now.get(), false, null, null);
        }
    }

    /** Virtual time since the group was created. <pre>{@code assertEquals(Duration.ofHours(1), loops.currentTime());}</pre> */
    public Duration currentTime() {
        return Duration.ofNanos(clock.now.get());
    }

    /**
     * How long {@link #run} waits in real time for other threads when no loop can make progress,
     * before it fails (default 5 s).
     * <pre>{@code loops.setStallTimeout(Duration.ofMillis(100));}</pre>
     */
    public void setStallTimeout(Duration timeout) {
        stallTimeoutNanos = timeout.toNanos();
    }

    /**
     * Gives the loops turns, round after round, until {@code done} (checked after each turn), or
     * until a round finds nothing to run and no timer due by {@code untilNanos}; then, if
     * {@code waitOutside}, waits in real time for other threads up to the stall timeout. With an
     * {@code onInterrupt}, an interrupt of the calling thread runs it once (it cancels the task
     * waited for, whose cleanup then takes more turns) and is set again on return; without one,
     * an interrupt ends the turns with an exception showing the tasks, since loops that never
     * idle would otherwise keep an {@code advance} call going forever.
     */
    private void turns(BooleanSupplier done, long untilNanos, boolean waitOutside, String what, Runnable onInterrupt) {
        boolean interrupted = false;
        try {
            long stallStart = 0;
            boolean stalling = false;
            while (true) {
                if (Thread.interrupted()) {
                    if (onInterrupt == null) {
                        throw InterruptedAdvance.of("the loops", dumpTasks());
                    }
                    if (!interrupted) {
                        interrupted = true;
                        onInterrupt.run();
                    }
                }
                boolean work = false;
                boolean timers = false;
                long next = Long.MAX_VALUE;
                boolean open = false;
                for (SteppedLoop loop : loops) {
                    if (loop.finished()) {
                        continue;
                    }
                    Report r = loop.turn(closed ? Command.CLOSE : Command.STEP);
                    if (done.getAsBoolean()) {
                        return;
                    }
                    open |= !r.finished();
                    work |= r.work();
                    if (r.timers()) {
                        timers = true;
                        next = Math.min(next, r.nextDeadline());
                    }
                }
                if (work && open) {
                    stalling = false;
                    continue;
                }
                if (timers && next <= untilNanos) {
                    clock.advanceTo(next);
                    stalling = false;
                    continue;
                }
                if (!waitOutside || !open) {
                    break;
                }
                if (clock.holds.get() == 0) {   // work started with toThread is waited for without limit
                    if (!stalling) {
                        stalling = true;
                        stallStart = System.nanoTime();
                    } else if (System.nanoTime() - stallStart >= stallTimeoutNanos) {
                        throw new IllegalStateException(what + " made no progress: every task of the " + loops.size()
                                + " loops waits, no timer is pending, and nothing came from outside the loops (a thread,"
                                + " a future, a socket) within the stall timeout.\n" + dumpTasks());
                    }
                }
                pause(onInterrupt != null);
            }
            if (untilNanos != Long.MAX_VALUE) {
                clock.advanceTo(untilNanos);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Between rounds that wait for other threads: a short real-time sleep instead of spinning. An
     * interrupt is left for the next round to see if it can handle it, else it ends the turns.
     */
    private static void pause(boolean interruptible) {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!interruptible) {
                throw new IllegalStateException("interrupted while waiting for other threads", e);
            }
        }
    }

    // ---- dumps and errors -----------------------------------------------------------------------

    /**
     * Every loop's task dump, one after the other, each taken on its loop's thread in a turn.
     * <pre>{@code
     * System.err.println(loops.dumpTasks());
     * // TestLoopGroup[test-group, loops=2, time=PT0S]
     * // EventLoop[thread=test-group-0, ready=0, timers=0, live=1]
     * //   Task[Crawler.main, pending] awaiting Task[Crawler.fetch on test-group-1, pending]
     * // EventLoop[thread=test-group-1, ready=0, timers=1, live=1]
     * //   Task[Crawler.fetch, pending] awaiting Task[sleep, pending]
     * }</pre>
     *
     * @throws IllegalStateException if called from one of the group's loops
     */
    public String dumpTasks() {
        checkDriver("dumpTasks");
        synchronized (driving) {
            StringBuilder out = new StringBuilder(toString());
            for (SteppedLoop loop : loops) {
                out.append('\n').append(loop.dumpTasks());
            }
            return out.toString();
        }
    }

    /** {@code group().run(...)}: the calling thread takes the turns until the task completes, as {@link #run} does. */
    void stepFromOutside(BooleanSupplier done, Runnable onInterrupt) {
        checkDriver("group().run");
        synchronized (driving) {
            turns(done, Long.MAX_VALUE, true, "the task of group().run(...)", onInterrupt);
        }
    }

    /**
     * {@code dumpTasks()} of one of the loops (or of {@code group()}) from a thread outside it:
     * taken in a turn of its own. Another loop of the group cannot have it taken, since its own
     * turn is running: it gets a line saying so instead of waiting for a turn that cannot come.
     */
    String dumpFromOutside(SteppedLoop loop) {
        for (SteppedLoop other : loops) {
            if (other.thread() == Thread.currentThread()) {
                return loop.loop() + ": not dumped from thread '" + other.thread().getName() + "': the loops of "
                        + this + " take turns, and this one runs only after that thread's turn; dump from the test's"
                        + " thread (TestLoopGroup.dumpTasks())";
            }
        }
        synchronized (driving) {
            return loop.dumpTasks();
        }
    }

    /**
     * Failures nobody observed and exceptions thrown by callbacks so far, on every loop, in the
     * order they were reported (a copy). Unobserved failures are found when their task is garbage
     * collected or, at the latest, on close.
     * <pre>{@code loops.close(); assertEquals(List.of(), loops.unhandledErrors());}</pre>
     */
    public List<Throwable> unhandledErrors() {
        return unhandled.list();
    }

    /**
     * Throws an AssertionError if any error went unhandled (see {@link #unhandledErrors()}).
     * <pre>{@code loops.close(); loops.assertNoUnhandledErrors();}</pre>
     */
    public void assertNoUnhandledErrors() {
        unhandled.assertNone();
    }

    // ---- closing --------------------------------------------------------------------------------

    /**
     * Closes every loop as {@link EventLoop#close()} does (cancels what still runs and lets it
     * finish, on virtual time), in turns like everything else, then ends their threads; reports
     * unobserved failures to {@link #unhandledErrors()}. Idempotent.
     * <pre>{@code loops.close();}</pre>
     *
     * @throws IllegalStateException if called from one of the group's loops, or if the loops'
     *     tasks still wait for other threads after the stall timeout
     */
    @Override
    public void close() {
        checkDriver("close");
        synchronized (driving) {
            closed = true;
            // An interrupt must not leave loops half closed: it is set again once they are.
            turns(() -> loops.stream().allMatch(SteppedLoop::finished), Long.MAX_VALUE, true, "closing the loops", () -> { });
            loops.forEach(SteppedLoop::join);
        }
    }

    private void checkDriver(String what) {
        for (SteppedLoop loop : loops) {
            if (loop.thread() == Thread.currentThread()) {
                throw new IllegalStateException("TestLoopGroup." + what + "() cannot be called from its own loop thread '"
                        + loop.thread().getName() + "': the thread that drives the loops (the test's) must call it");
            }
        }
    }

    /** For example {@code TestLoopGroup[test-group, loops=2, time=PT1H]}. */
    @Override
    public String toString() {
        return "TestLoopGroup[" + name + ", loops=" + loops.size() + ", time=" + currentTime() + "]";
    }
}
