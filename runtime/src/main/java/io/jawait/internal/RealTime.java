package io.jawait.internal;

import java.util.function.LongSupplier;

/** A loop's time read from a clock that moves by itself ({@code System.nanoTime()} by default). */
final class RealTime implements LoopTime {
    private final LongSupplier clock;

    RealTime(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public long getAsLong() {
        return clock.getAsLong();
    }

    @Override
    public long idle(LoopCore loop, long untilTimerNanos) {
        return untilTimerNanos;
    }
}
