package io.jawait.sync;

import io.jawait.Task;
import io.jawait.internal.LoopCore;
import io.jawait.internal.RemoteHandoff;
import java.util.ArrayDeque;

/**
 * A flag that tasks of any loop can wait for, and any thread can set: the cross-loop counterpart of
 * {@link AsyncEvent} (asyncio's {@code Event}, a resettable {@code CountDownLatch(1)} whose wait
 * suspends instead of blocking). {@link #set()} wakes every task waiting in {@link #whenSet()},
 * each on its own loop, and later waits complete at once until {@link #clear()}.
 *
 * <pre>{@code
 * SharedEvent ready = new SharedEvent();             // shared by the loops of a group
 *
 * @Async Task<Void> worker() {                        // on every loop: group.start(this::worker)
 *     await(ready.whenSet());                         // resumes on this worker's own loop
 *     ...
 * }
 * // on any loop, or any thread:
 * ready.set();
 * }</pre>
 *
 * <p>Waiters are woken in the order they started waiting, whatever their loops; a cancelled wait
 * leaves the queue, and one already woken when it is cancelled still completes normally. A waiter
 * whose loop has closed is skipped. Each operation takes a lock and a waiter woken by another loop
 * resumes through its loop's inbox, so within one loop prefer {@link AsyncEvent}. A waiting
 * {@code whenSet()} counts, like a {@code CompletableFuture}, as awaiting something outside its
 * loop (see {@link SharedQueue}).
 */
public final class SharedEvent {
    private final Object lock = new Object();
    private final ArrayDeque<Wait> waiters = new ArrayDeque<>();
    private boolean set;

    /** An event that is not set. <pre>{@code SharedEvent stop = new SharedEvent();}</pre> */
    public SharedEvent() {
    }

    /**
     * A task of the current loop that completes once the event is set: at once if it is set now.
     * <pre>{@code await(ready.whenSet());}</pre>
     *
     * @throws IllegalStateException if no loop runs on this thread
     */
    public Task<Void> whenSet() {
        LoopCore.require();
        synchronized (lock) {
            if (set) {
                return Task.done();
            }
            Wait w = new Wait(this);
            waiters.add(w);
            return w;
        }
    }

    /**
     * Sets the event and wakes every waiting task, oldest first, each on its own loop. Any thread.
     * <pre>{@code ready.set();}</pre>
     */
    public void set() {
        ArrayDeque<Wait> woken;
        synchronized (lock) {
            if (set) {
                return;
            }
            set = true;
            woken = new ArrayDeque<>(waiters);
            waiters.clear();
        }
        for (Wait w : woken) {
            w.deliver(null, null);   // false if its loop has closed: nobody is left to wake
        }
    }

    /**
     * Resets the event so that {@link #whenSet()} waits again; tasks already woken stay woken.
     * Any thread. <pre>{@code ready.clear();}</pre>
     */
    public void clear() {
        synchronized (lock) {
            set = false;
        }
    }

    /** Whether the event is set. Any thread. <pre>{@code if (ready.isSet()) ...}</pre> */
    public boolean isSet() {
        synchronized (lock) {
            return set;
        }
    }

    /** For example {@code SharedEvent[set]} or {@code SharedEvent[not set, waiting=2]}. */
    @Override
    public String toString() {
        synchronized (lock) {
            return set ? "SharedEvent[set]" : "SharedEvent[not set, waiting=" + waiters.size() + "]";
        }
    }

    private static final class Wait extends RemoteHandoff<Void> {
        private final SharedEvent event;

        Wait(SharedEvent event) {
            super("SharedEvent.whenSet");
            this.event = event;
        }

        @Override
        protected boolean withdraw() {
            synchronized (event.lock) {
                return event.waiters.remove(this);
            }
        }
    }
}
