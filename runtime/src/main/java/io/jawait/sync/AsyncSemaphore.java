package io.jawait.sync;

import io.jawait.Task;
import io.jawait.TaskSupplier;

/**
 * A counting semaphore for tasks of one event loop, like asyncio's {@code BoundedSemaphore} and
 * kotlinx's {@code Semaphore}: {@link #acquire()} suspends the awaiting task, never the thread.
 *
 * <pre>{@code
 * AsyncSemaphore limit = new AsyncSemaphore(4);          // at most 4 downloads at a time
 *
 * @Async
 * Task<String> download(String url) {
 *     return limit.withPermit(() -> fetch(url));          // acquire, run, release
 * }
 * // or by hand:
 * await(limit.acquire());
 * try { ... } finally { limit.release(); }
 * }</pre>
 *
 * <p><b>Fair.</b> Waiters get permits in the order they asked; a release hands its permit straight
 * to the oldest waiter, so nobody can barge in. <b>Cancellation-safe.</b> A waiter cancelled
 * before it got a permit leaves the queue and holds nothing; a waiter cancelled after its permit
 * was granted (but before it resumed) still receives it (its cancellation is delivered at its next
 * await), so a permit is never lost. <b>Bounded.</b> Releasing more permits than the semaphore was
 * created with throws, which catches double releases (asyncio's plain {@code Semaphore} would
 * silently grow). Not thread-safe: use it from the loop that first uses it.
 */
public final class AsyncSemaphore {
    private final Permits permits;

    /**
     * A semaphore with {@code permits} free permits, its maximum.
     * <pre>{@code AsyncSemaphore limit = new AsyncSemaphore(10);}</pre>
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public AsyncSemaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = new Permits(permits, "AsyncSemaphore.acquire", "AsyncSemaphore.withPermit");
    }

    /**
     * A task that completes once a permit is taken: at once if one is free and nobody waits.
     * Cancelling the task while it waits withdraws the request.
     * <pre>{@code await(limit.acquire()); try { ... } finally { limit.release(); }}</pre>
     */
    public Task<Void> acquire() {
        return permits.acquire();
    }

    /**
     * Takes a permit if one is free right now (and nobody waits); never suspends.
     * <pre>{@code if (limit.tryAcquire()) { try { ... } finally { limit.release(); } }}</pre>
     */
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    /**
     * Returns a permit, handing it to the oldest waiter if there is one.
     * <pre>{@code limit.release();}</pre>
     *
     * @throws IllegalStateException if every permit is already free (more releases than acquires)
     */
    public void release() {
        if (!permits.release()) {
            throw new IllegalStateException("AsyncSemaphore.release() without a matching acquire: all "
                    + permits.available() + " permits are already free");
        }
    }

    /**
     * Acquires a permit, then starts {@code body} and releases the permit once the body's task
     * completes; the returned task completes like the body's. Cancelling it withdraws the request
     * or cancels the body; it completes only after the permit has been returned.
     * <pre>{@code String page = await(limit.withPermit(() -> fetch(url)));}</pre>
     *
     * @throws X never when called: what {@code body} declares, which the returned task may fail with
     */
    public <T, X extends Exception> Task<T> withPermit(TaskSupplier<T, X> body) throws X {
        return permits.with(body);
    }

    /** Permits free right now. <pre>{@code int free = limit.availablePermits();}</pre> */
    public int availablePermits() {
        permits.loop();
        return permits.available();
    }

    /** Tasks waiting for a permit. <pre>{@code int queued = limit.waiting();}</pre> */
    public int waiting() {
        permits.loop();
        return permits.waiting();
    }

    /** For example {@code AsyncSemaphore[available=0, waiting=3]}. */
    @Override
    public String toString() {
        return "AsyncSemaphore[available=" + permits.available() + ", waiting=" + permits.waiting() + "]";
    }
}
