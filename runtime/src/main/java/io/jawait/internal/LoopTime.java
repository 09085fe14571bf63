package io.jawait.internal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A loop's clock and what the loop does when it has nothing to run. The real clock lets the loop
 * wait in its poller until the next timer is due; a virtual clock (a {@code TestLoop}'s) instead
 * jumps to that timer at once. A loop takes its time from the clock its {@code EventLoop} is
 * created with: a LongSupplier that is a LoopTime drives the loop, any other is read as a real
 * clock ({@link RealTime}).
 */
public interface LoopTime extends LongSupplier {
    /**
     * The loop has nothing ready and would wait {@code untilTimerNanos} (negative: no timer is
     * pending) for its poller and other threads. Returns how long it may wait: 0 not at all,
     * negative until woken.
     */
    long idle(LoopCore loop, long untilTimerNanos);

    /** After a wait {@link #idle} allowed: true if the loop can never make progress again. */
    default boolean stalled(LoopCore loop) {
        return false;
    }

    /** Work whose duration must not count (it runs on another thread) started. */
    default void hold() {
    }

    /** Work counted by {@link #hold()} ended. */
    default void release() {
    }

    /**
     * A thread outside the loop is about to block until {@code done} (a group's {@code run}). A
     * loop that runs only when another thread steps it (a {@code TestLoopGroup}'s) is stepped by
     * that thread until then, and this returns true; false for a loop that runs by itself. An
     * interrupt of the stepping thread meanwhile runs {@code onInterrupt} (which cancels what is
     * waited for) and is set again on return.
     */
    default boolean stepFromOutside(BooleanSupplier done, Runnable onInterrupt) {
        return false;
    }

    /**
     * The loop's task dump for a thread outside it, taken in a step when the loop runs only when
     * stepped; null for a loop that runs by itself (the dump is posted to it).
     */
    default String dumpFromOutside() {
        return null;
    }
}
