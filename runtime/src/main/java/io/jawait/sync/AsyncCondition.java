package io.jawait.sync;

import io.jawait.Task;
import io.jawait.internal.Handoff;
import io.jawait.internal.HandoffNode;
import io.jawait.internal.Promise;
import io.jawait.internal.WaitQueue;
import io.jawait.internal.Waiter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A condition variable bound to an {@link AsyncLock}, like asyncio's {@code Condition} and
 * {@link java.util.concurrent.locks.Condition}: a task holding the lock waits for a signal, which
 * releases the lock while it waits and re-acquires it before the wait completes.
 *
 * <pre>{@code
 * AsyncLock lock = new AsyncLock();
 * AsyncCondition nonEmpty = new AsyncCondition(lock);
 *
 * @Async Task<String> takeFirst() {
 *     await(lock.lock());
 *     try {
 *         await(nonEmpty.waitUntil(() -> !items.isEmpty()));
 *         return Task.of(items.remove(0));
 *     } finally {
 *         lock.unlock();
 *     }
 * }
 * // a producer, holding the lock:  items.add(x); nonEmpty.signal();
 * }</pre>
 *
 * <p>The names differ from asyncio's {@code wait}/{@code notify} because {@link Object} owns those.
 * <b>Cancellation-safe:</b> a wait that is cancelled still re-acquires the lock before it
 * completes, so the waiter's {@code finally { lock.unlock(); }} stays correct; a waiter cancelled
 * after it was signalled keeps the signal (it completes normally, and the cancellation is delivered
 * at its next await), so no signal is lost; a {@link #waitUntil} keeps it only if its predicate then
 * holds, and otherwise ends cancelled (lock held) rather than wait for another signal, as asyncio's
 * {@code wait_for} does. Signals wake waiters in FIFO order. Not thread-safe.
 */
public final class AsyncCondition extends LoopBound {
    private final AsyncLock lock;
    private final WaitQueue<SignalWait> waiters = new WaitQueue<>();

    /** A condition with its own lock. <pre>{@code AsyncCondition c = new AsyncCondition();}</pre> */
    public AsyncCondition() {
        this(new AsyncLock());
    }

    /** A condition of {@code lock}. <pre>{@code AsyncCondition notFull = new AsyncCondition(lock);}</pre> */
    public AsyncCondition(AsyncLock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** The lock this condition belongs to. <pre>{@code await(cond.lock().lock());}</pre> */
    public AsyncLock lock() {
        return lock;
    }

    /**
     * Releases the lock, waits for a {@link #signal()}, and re-acquires the lock; the task
     * completes once the lock is held again. Like every condition wait it may see the state
     * unchanged (another task may get the lock first), so prefer {@link #waitUntil}.
     * <pre>{@code while (items.isEmpty()) await(nonEmpty.waitSignal());}</pre>
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public Task<Void> waitSignal() {
        loop();
        requireLocked("waitSignal");
        SignalWait w = new SignalWait(this);
        waiters.add(w); // before unlocking: the new lock holder may signal at once
        lock.unlock();
        return w;
    }

    /**
     * Waits (releasing the lock meanwhile, holding it when it completes) until {@code predicate}
     * is true; it is checked now and after every signal, with the lock held. Fails with what the
     * predicate throws (the lock then held). Cancelled, it completes once the lock is held again:
     * cancelled, or normally if it had been signalled and the predicate is now true.
     * <pre>{@code await(nonEmpty.waitUntil(() -> !items.isEmpty()));}</pre>
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public Task<Void> waitUntil(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        loop();
        requireLocked("waitUntil");
        PredicateWait w = new PredicateWait(this, predicate);
        w.check();
        return w;
    }

    /**
     * Wakes the longest-waiting task, if any; it resumes once it has re-acquired the lock.
     * <pre>{@code items.add(x); nonEmpty.signal();}</pre>
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void signal() {
        loop();
        requireLocked("signal");
        SignalWait w = waiters.poll();
        if (w != null) {
            w.reacquire();
        }
    }

    /**
     * Wakes every waiting task, in the order they started waiting.
     * <pre>{@code closed = true; changed.signalAll();}</pre>
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void signalAll() {
        loop();
        requireLocked("signalAll");
        SignalWait w;
        while ((w = waiters.poll()) != null) {
            w.reacquire();
        }
    }

    /** Tasks waiting for a signal. <pre>{@code int n = cond.waiting();}</pre> */
    public int waiting() {
        return waiters.size();
    }

    private void requireLocked(String what) {
        if (!lock.isLocked()) {
            throw new IllegalStateException("AsyncCondition." + what + "() requires its lock to be held; await(lock.lock()) first");
        }
    }

    /** For example {@code AsyncCondition[waiting=2, AsyncLock[locked, waiting=0]]}. */
    @Override
    public String toString() {
        return "AsyncCondition[waiting=" + waiters.size() + ", " + lock + "]";
    }

    /**
     * One waitSignal: first in the condition's queue, then (signalled or cancelled) re-acquiring
     * the lock. It completes only when the lock is held again.
     */
    private static final class SignalWait extends HandoffNode<Void> implements Waiter {
        private final AsyncCondition condition;
        private boolean reacquiring;
        private boolean cancelled;

        SignalWait(AsyncCondition condition) {
            super("AsyncCondition.waitSignal");
            this.condition = condition;
        }

        void reacquire() {
            reacquiring = true;
            watch(condition.lock.lock(), this);
        }

        /** The lock is held again. */
        @Override
        public void onDone(Task<?> acquired) {
            if (cancelled) {
                fail(new CancellationException("AsyncCondition.waitSignal was cancelled"));
            } else {
                complete(null);
            }
        }

        @Override
        protected boolean onCancel() {
            if (reacquiring) {
                return false; // signalled already: it completes normally, keeping the signal
            }
            condition.waiters.remove(this);
            cancelled = true;
            reacquire();
            return true;
        }
    }

    /**
     * waitUntil: checks the predicate, waits for a signal, checks again... Cancelled after a
     * signal (its wait re-acquiring the lock), it checks the predicate once more with the lock
     * held and ends: the signal is kept if the predicate is true, otherwise it fails cancelled
     * rather than wait for another signal.
     */
    private static final class PredicateWait extends Promise<Void> implements Waiter, Handoff {
        private final AsyncCondition condition;
        private final BooleanSupplier predicate;
        private Task<Void> current;
        private boolean cancelRequested;

        PredicateWait(AsyncCondition condition, BooleanSupplier predicate) {
            this.condition = condition;
            this.predicate = predicate;
        }

        void check() {
            boolean ok;
            try {
                ok = predicate.getAsBoolean();
            } catch (Throwable e) {
                fail(e);
                return;
            }
            if (ok) {
                complete(null);
            } else if (cancelRequested) {
                fail(new CancellationException("AsyncCondition.waitUntil was cancelled"));
            } else {
                current = condition.waitSignal();
                watch(current, this);
            }
        }

        @Override
        public void onDone(Task<?> signalled) {
            if (signalled.isCancelled()) {
                completeFrom(signalled);
            } else {
                check();
            }
        }

        @Override
        protected boolean onCancel() {
            if (!current.cancel()) {
                // Signalled already, re-acquiring the lock: check once more once it is held.
                cancelRequested = true;
            }
            return true;
        }

        @Override
        public String taskName() {
            return "AsyncCondition.waitUntil";
        }
    }
}
