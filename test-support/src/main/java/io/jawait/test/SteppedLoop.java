package io.jawait.test;

import io.jawait.EventLoop;
import io.jawait.internal.LoopCore;
import io.jawait.internal.LoopTime;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * One loop of a {@link TestLoopGroup}: an event loop on a thread of its own that runs only during
 * its turns. The group's driver hands it a turn and waits until the turn ends, so exactly one of
 * the group's threads runs at any moment and every interleaving of the loops is decided by the
 * order of the turns, not by the OS scheduler. The handover through semaphores also orders each
 * turn's memory effects before the next one's. Its time is the group's virtual clock.
 */
final class SteppedLoop implements LoopTime, Runnable {
    /** What a turn does. */
    enum Command { STEP, DUMP, CLOSE }

    /**
     * How a turn went: whether it ran anything, the loop's next timer, and whether the loop has
     * finished closing (its thread then ends).
     */
    record Report(boolean work, boolean timers, long nextDeadline, boolean finished) {
    }

    /** The clock and the work on other threads that holds it, shared by the loops of one group. */
    static final class Clock {
        final AtomicLong now = new AtomicLong();
        final AtomicInteger holds = new AtomicInteger();

        void advanceTo(long nanos) {
            now.accumulateAndGet(nanos, Math::max);
        }
    }

    private final Clock clock;
    private final TestLoopGroup group;
    private final BiConsumer<String, Throwable> unhandled;
    private final Thread thread;
    private final Semaphore turn = new Semaphore(0);
    private final Semaphore turnEnded = new Semaphore(0);
    private EventLoop loop;
    private LoopCore core;

    // Written by one side before a semaphore release and read by the other after the acquire.
    private Command command;
    private Report report;
    private String dump;
    private Throwable failure;
    private boolean closing;
    private boolean turnWork;
    private boolean finished;

    SteppedLoop(String threadName, TestLoopGroup group, Clock clock, BiConsumer<String, Throwable> unhandled) {
        this.clock = clock;
        this.group = group;
        this.unhandled = unhandled;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);   // a group nobody closed must not keep the test JVM alive
    }

    /** Starts the thread and waits until its loop exists. */
    void start() {
        thread.start();
        turnEnded.acquireUninterruptibly();
        rethrowFailure();
    }

    EventLoop loop() {
        return loop;
    }

    LoopCore core() {
        return core;
    }

    Thread thread() {
        return thread;
    }

    boolean finished() {
        return finished;
    }

    /** Gives the loop one turn and waits until it ends; driver only. */
    Report turn(Command what) {
        if (finished) {
            return new Report(false, false, 0, true);
        }
        command = what;
        turn.release();
        turnEnded.acquireUninterruptibly();
        rethrowFailure();
        return report;
    }

    /** The loop's task dump, taken on its thread in a turn of its own; driver only. */
    String dumpTasks() {
        if (finished) {
            return loop + ": closed";
        }
        turn(Command.DUMP);
        return dump;
    }

    /** Waits for the thread to end, once the loop has finished closing. */
    void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            loop = new EventLoop(this);
            core = LoopCore.currentOrNull();
            loop.setUnhandledErrorHandler(unhandled);
        } catch (Throwable e) {
            failure = e;
            finished = true;
            turnEnded.release();
            return;
        }
        turnEnded.release();
        while (!finished) {
            turn.acquireUninterruptibly();
            try {
                switch (command) {
                    case STEP -> report = step();
                    case DUMP -> report = dump();
                    case CLOSE -> report = close();
                    default -> throw new AssertionError(command);
                }
            } catch (Throwable e) {
                failure = e;
                report = new Report(false, false, 0, finished);
            }
            turnEnded.release();
        }
    }

    /** One iteration of the loop, if it has anything to run now: what is ready, posted or due. */
    private Report step() {
        core.pollNow();
        boolean work = hasWorkNow();
        if (work) {
            core.drive("TestLoopGroup step", () -> core.runNow());
        }
        return report(work);
    }

    private Report dump() {
        dump = core.dumpTasks();
        return report(false);
    }

    /**
     * Closes the loop as {@link EventLoop#close()} does; the close spans turns, since whenever
     * nothing is ready it waits ({@link #idle}) for the others to run, e.g. the loop of a task its
     * cancelled tasks await.
     */
    private Report close() {
        closing = true;
        turnWork = true;
        loop.close();
        finished = true;
        return report(true);
    }

    private boolean hasWorkNow() {
        return core.hasReady() || core.hasTimers() && core.nextTimerDeadline() <= clock.now.get();
    }

    private Report report(boolean work) {
        boolean timers = !finished && core.hasTimers();
        return new Report(work, timers, timers ? core.nextTimerDeadline() : 0, finished);
    }

    // ---- the loop's time ------------------------------------------------------------------------

    @Override
    public long getAsLong() {
        return clock.now.get();
    }

    /**
     * Steps never wait (they run {@code runNow}); only a close asks to wait, and then it ends its
     * turn and resumes in its next one, to find what the others posted meanwhile.
     */
    @Override
    public long idle(LoopCore ignored, long untilTimerNanos) {
        core.pollNow();
        if (!closing || core.hasReady()) {
            return 0;
        }
        report = report(turnWork);
        while (true) {
            turnEnded.release();
            turn.acquireUninterruptibly();
            if (command != Command.DUMP) {
                break;
            }
            report = dump();
        }
        core.pollNow();
        turnWork = hasWorkNow();
        return 0;
    }

    /** {@code group().run(...)} waits for its task: the waiting thread takes the turns meanwhile. */
    @Override
    public boolean stepFromOutside(BooleanSupplier done, Runnable onInterrupt) {
        group.stepFromOutside(done, onInterrupt);
        return true;
    }

    /** {@code dumpTasks()} of this loop from another thread: taken in a turn, as the group's own dump. */
    @Override
    public String dumpFromOutside() {
        return group.dumpFromOutside(this);
    }

    @Override
    public void hold() {
        clock.holds.incrementAndGet();
    }

    @Override
    public void release() {
        clock.holds.decrementAndGet();
    }

    private void rethrowFailure() {
        Throwable e = failure;
        if (e == null) {
            return;
        }
        failure = null;
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        throw new IllegalStateException("the loop of thread '" + thread.getName() + "' failed", e);
    }
}
