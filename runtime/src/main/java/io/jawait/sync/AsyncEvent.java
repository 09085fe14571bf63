package io.jawait.sync;

import io.jawait.Task;
import io.jawait.internal.WaitNode;
import io.jawait.internal.WaitQueue;

/**
 * A flag that tasks can wait for, like asyncio's {@code Event}: {@link #set()} wakes every task
 * waiting in {@link #whenSet()}, and later waits complete at once until {@link #clear()}.
 *
 * <pre>{@code
 * AsyncEvent ready = new AsyncEvent();
 *
 * @Async Task<Void> worker() { await(ready.whenSet()); ...; return Task.done(); }
 * // elsewhere on the loop:
 * ready.set();
 * }</pre>
 *
 * <p>Waiters are woken in the order they started waiting; a cancelled wait simply leaves the
 * queue. Not thread-safe: from another thread use {@code loop.execute(event::set)}.
 */
public final class AsyncEvent extends LoopBound {
    private WaitQueue<Wait> waiters = new WaitQueue<>();
    private boolean set;

    /** An event that is not set. <pre>{@code AsyncEvent done = new AsyncEvent();}</pre> */
    public AsyncEvent() {
    }

    /**
     * A task that completes once the event is set: at once if it is set now.
     * <pre>{@code await(ready.whenSet());}</pre>
     */
    public Task<Void> whenSet() {
        loop();
        if (set) {
            return Task.done();
        }
        Wait w = new Wait();
        waiters.add(w);
        return w;
    }

    /** Sets the event and wakes every waiting task, oldest first. <pre>{@code ready.set();}</pre> */
    public void set() {
        loop();
        if (set) {
            return;
        }
        set = true;
        // Woken tasks run right away and may clear() and wait again: they go to a fresh queue.
        WaitQueue<Wait> woken = waiters;
        waiters = new WaitQueue<>();
        Wait w;
        while ((w = woken.poll()) != null) {
            w.complete(null);
        }
    }

    /** Resets the event so that {@link #whenSet()} waits again. <pre>{@code ready.clear();}</pre> */
    public void clear() {
        loop();
        set = false;
    }

    /** Whether the event is set. <pre>{@code if (ready.isSet()) ...}</pre> */
    public boolean isSet() {
        return set;
    }

    /** For example {@code AsyncEvent[set]} or {@code AsyncEvent[not set, waiting=2]}. */
    @Override
    public String toString() {
        return set ? "AsyncEvent[set]" : "AsyncEvent[not set, waiting=" + waiters.size() + "]";
    }

    private static final class Wait extends WaitNode<Void> {
        @Override
        public String taskName() {
            return "AsyncEvent.whenSet";
        }
    }
}
