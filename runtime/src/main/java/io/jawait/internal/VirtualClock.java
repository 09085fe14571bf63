package io.jawait.internal;

import java.util.function.LongSupplier;

/**
 * The clock of a virtual-time loop (a {@code TestLoop}): it stands still while tasks run and
 * jumps straight to the next timer's deadline once every task waits, so tests of long timeouts run
 * in no time and always in the same order. A loop created with this clock behaves that way.
 */
public final class VirtualClock implements LongSupplier {
    private volatile long now;
    /** How long a stalled loop waits in real time for other threads before giving up. */
    volatile long stallTimeoutNanos = 5_000_000_000L;

    @Override
    public long getAsLong() {
        return now;
    }

    /** Moves the clock forward to {@code nanos}; never backwards. Loop thread only. */
    void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    /** Sets how long a loop with nothing left to run waits for other threads before failing. */
    public void setStallTimeoutNanos(long nanos) {
        stallTimeoutNanos = nanos;
    }
}
