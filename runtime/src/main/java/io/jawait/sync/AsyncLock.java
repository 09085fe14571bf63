package io.jawait.sync;

import io.jawait.Task;
import io.jawait.TaskSupplier;

/**
 * A mutual-exclusion lock for tasks of one event loop, like asyncio's {@code Lock} and kotlinx's
 * {@code Mutex} (named so that it does not clash with {@link java.util.concurrent.locks.Lock}).
 * Tasks of one loop never run in parallel, but they interleave at every await: the lock keeps a
 * sequence of awaits atomic with respect to the loop's other tasks.
 *
 * <pre>{@code
 * AsyncLock lock = new AsyncLock();
 *
 * @Async
 * Task<Void> transfer(Account from, Account to, long amount) {
 *     await(lock.lock());
 *     try {
 *         long balance = await(from.balance());
 *         await(from.set(balance - amount));
 *         await(to.add(amount));
 *     } finally {
 *         lock.unlock();
 *     }
 *     return Task.done();
 * }
 * // or: await(lock.withLock(() -> transferUnlocked(from, to, amount)));
 * }</pre>
 *
 * <p>Not reentrant, and not owned: any code on the loop may unlock it (as in asyncio and
 * kotlinx). Fair (FIFO) and cancellation-safe in the same way as {@link AsyncSemaphore}: a
 * cancelled waiter never ends up holding the lock unknowingly. Not thread-safe.
 */
public final class AsyncLock {
    final Permits permits = new Permits(1, "AsyncLock.lock", "AsyncLock.withLock");

    /** An unlocked lock. <pre>{@code AsyncLock lock = new AsyncLock();}</pre> */
    public AsyncLock() {
    }

    /**
     * A task that completes once this lock is held by the caller: at once if it is free.
     * Cancelling the task while it waits withdraws the request.
     * <pre>{@code await(lock.lock()); try { ... } finally { lock.unlock(); }}</pre>
     */
    public Task<Void> lock() {
        return permits.acquire();
    }

    /** Takes the lock if it is free right now; never suspends. <pre>{@code if (lock.tryLock()) ...}</pre> */
    public boolean tryLock() {
        return permits.tryAcquire();
    }

    /**
     * Releases the lock, handing it to the oldest waiter if there is one.
     * <pre>{@code lock.unlock();}</pre>
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void unlock() {
        if (!permits.release()) {
            throw new IllegalStateException("AsyncLock.unlock() of a lock that is not locked");
        }
    }

    /**
     * Locks, starts {@code body}, and unlocks once the body's task has completed; the returned
     * task completes like the body's (after the unlock).
     * <pre>{@code await(lock.withLock(() -> updateBoth(a, b)));}</pre>
     *
     * @throws X never when called: what {@code body} declares, which the returned task may fail with
     */
    public <T, X extends Exception> Task<T> withLock(TaskSupplier<T, X> body) throws X {
        return permits.with(body);
    }

    /** Whether some task holds the lock. <pre>{@code assert lock.isLocked();}</pre> */
    public boolean isLocked() {
        permits.loop();
        return permits.available() == 0;
    }

    /** For example {@code AsyncLock[locked, waiting=2]}. */
    @Override
    public String toString() {
        return "AsyncLock[" + (permits.available() == 0 ? "locked" : "unlocked") + ", waiting=" + permits.waiting() + "]";
    }
}
