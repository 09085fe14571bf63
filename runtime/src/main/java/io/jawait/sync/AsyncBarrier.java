package io.jawait.sync;

import io.jawait.Task;
import io.jawait.internal.WaitNode;
import io.jawait.internal.WaitQueue;

/**
 * A cyclic barrier for tasks of one event loop, like asyncio's {@code Barrier} and
 * {@link java.util.concurrent.CyclicBarrier}: each of {@code parties} tasks calls
 * {@link #arriveAndWait()}, and all of them resume once the last one has arrived. Then the barrier
 * is ready for the next round.
 *
 * <pre>{@code
 * AsyncBarrier start = new AsyncBarrier(3);
 *
 * @Async Task<Void> runner(String name) {
 *     await(prepare(name));
 *     int order = await(start.arriveAndWait());    // 0 for the first to arrive, 2 for the last
 *     await(race(name));
 *     return Task.done();
 * }
 * }</pre>
 *
 * <p>A waiting task that is cancelled withdraws its arrival (the barrier keeps waiting for a full
 * set of parties, as in asyncio) instead of breaking the barrier. {@link #abort()} breaks it:
 * waiting and arriving tasks fail with {@link BarrierBrokenException} until {@link #reset()}.
 * Not thread-safe.
 */
public final class AsyncBarrier extends LoopBound {
    private final int parties;
    private WaitQueue<Arrival> waiting = new WaitQueue<>();
    private boolean broken;

    /**
     * A barrier for {@code parties} tasks.
     * <pre>{@code AsyncBarrier b = new AsyncBarrier(4);}</pre>
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public AsyncBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1: " + parties);
        }
        this.parties = parties;
    }

    /**
     * Arrives and returns a task that completes, with this party's arrival index (0 for the first
     * arrival, {@code parties - 1} for the last), once all parties have arrived.
     * <pre>{@code int i = await(barrier.arriveAndWait());}</pre>
     *
     * <p>The task fails with {@link BarrierBrokenException} if the barrier is broken or gets
     * broken (aborted or reset) while waiting.
     */
    public Task<Integer> arriveAndWait() {
        loop();
        if (broken) {
            return Task.failed(new BarrierBrokenException("the barrier is broken; reset() it first"));
        }
        int index = waiting.size();
        if (index < parties - 1) {
            Arrival a = new Arrival();
            waiting.add(a);
            return a;
        }
        WaitQueue<Arrival> tripped = waiting;
        waiting = new WaitQueue<>();
        for (int i = 0; !tripped.isEmpty(); i++) {
            tripped.poll().complete(i);
        }
        return Task.of(index);
    }

    /**
     * Breaks the barrier: every waiting task fails with {@link BarrierBrokenException}, and so do
     * later arrivals until {@link #reset()}.
     * <pre>{@code barrier.abort();}</pre>
     */
    public void abort() {
        loop();
        broken = true;
        failWaiting("the barrier was aborted");
    }

    /**
     * Returns the barrier to its initial state; tasks waiting now fail with
     * {@link BarrierBrokenException}.
     * <pre>{@code barrier.reset();}</pre>
     */
    public void reset() {
        loop();
        failWaiting("the barrier was reset");
        broken = false;
    }

    private void failWaiting(String why) {
        WaitQueue<Arrival> failed = waiting;
        waiting = new WaitQueue<>();
        while (!failed.isEmpty()) {
            failed.poll().fail(new BarrierBrokenException(why));
        }
    }

    /** The number of parties. <pre>{@code int n = barrier.parties();}</pre> */
    public int parties() {
        return parties;
    }

    /** Tasks waiting now. <pre>{@code int n = barrier.waiting();}</pre> */
    public int waiting() {
        return waiting.size();
    }

    /** Whether the barrier is broken. <pre>{@code if (barrier.isBroken()) barrier.reset();}</pre> */
    public boolean isBroken() {
        return broken;
    }

    /** For example {@code AsyncBarrier[parties=3, waiting=1]}. */
    @Override
    public String toString() {
        return "AsyncBarrier[parties=" + parties + ", waiting=" + waiting.size() + (broken ? ", broken" : "") + "]";
    }

    private static final class Arrival extends WaitNode<Integer> {
        @Override
        public String taskName() {
            return "AsyncBarrier.arriveAndWait";
        }
    }
}
