package io.jawait.test;

import io.jawait.internal.LoopCore;
import io.jawait.internal.LoopTime;

/**
 * The time of a {@link TestLoop}: it stands still while tasks run and, once every task waits,
 * jumps straight to the next timer's deadline, so tests of long timeouts run in no time and always
 * in the same order. Time stands still while work started with {@code toThread} runs on other
 * threads (its result is awaited in real time, without limit). Otherwise, with no timer pending,
 * the loop waits in real time for what other threads may post and for the futures or sockets it
 * awaits, and reports a stall if nothing came within the stall timeout.
 */
final class VirtualTime implements LoopTime {
    private volatile long now;
    /** How long a stalled loop waits in real time for other threads before giving up. */
    private volatile long stallTimeoutNanos = 5_000_000_000L;
    /** Work running on other threads whose duration must not count (toThread). */
    private int holds;
    /** The loop waited in real time with nothing to run; it stalled if nothing came. */
    private boolean stallCheck;
    /** When that wait started ({@link System#nanoTime()}): a wait cut short is not a stall. */
    private long stallWaitStart;

    @Override
    public long getAsLong() {
        return now;
    }

    @Override
    public long idle(LoopCore loop, long untilTimerNanos) {
        loop.pollNow();
        if (loop.hasReady()) {
            return 0;
        }
        if (holds > 0) {
            return -1;
        }
        if (loop.hasTimers()) {
            advanceTo(loop.nextTimerDeadline());
            return 0;
        }
        // A future nobody completes or a socket that stays silent ends the run like having
        // nothing to wait for, rather than hanging the test.
        stallCheck = true;
        stallWaitStart = System.nanoTime();
        return Math.max(1, stallTimeoutNanos);
    }

    @Override
    public boolean stalled(LoopCore loop) {
        if (!stallCheck) {
            return false;
        }
        stallCheck = false;
        return !loop.hasReady() && !loop.hasTimers() && System.nanoTime() - stallWaitStart >= stallTimeoutNanos;
    }

    @Override
    public void hold() {
        holds++;
    }

    @Override
    public void release() {
        holds--;
    }

    /** Moves the clock forward to {@code nanos}; never backwards. Loop thread only. */
    void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    /**
     * Runs what is ready and every timer due up to {@code untilNanos} (jumping the clock from
     * timer to timer), then leaves the clock at {@code untilNanos} (or where it is, for
     * {@code Long.MAX_VALUE}). Does not wait for other threads. Tasks that never let the loop
     * idle (a loop of {@code yieldNow()}) would keep it here forever: an interrupt of the thread
     * (JUnit's {@code @Timeout}) ends it with an exception showing the tasks.
     */
    void advance(LoopCore loop, long untilNanos) {
        loop.drive("advanceVirtualTime", () -> {
            while (true) {
                if (Thread.interrupted()) {
                    throw InterruptedAdvance.of("the loop", loop.dumpTasks());
                }
                if (loop.runNow()) {
                    continue;
                }
                if (loop.hasTimers() && loop.nextTimerDeadline() <= untilNanos) {
                    advanceTo(loop.nextTimerDeadline());
                    continue;
                }
                break;
            }
            if (untilNanos != Long.MAX_VALUE) {
                advanceTo(untilNanos);
            }
        });
    }

    void setStallTimeoutNanos(long nanos) {
        stallTimeoutNanos = nanos;
    }
}
