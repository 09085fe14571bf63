package io.jawait.internal;

import io.jawait.Task;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a loop runs next: the ready queue, the inbox other threads post to, and the resumption of
 * continuations when a task completes (asyncio's {@code _ready} and {@code call_soon_threadsafe}).
 * Loop thread only, except {@link #postFromAnotherThread}.
 *
 * <p>Every action the loop runs, from the ready queue or resumed directly, goes through
 * {@link #runItem}: the one place where a step of the loop starts and ends.
 */
final class Scheduler {
    /** Completions resume their continuations directly up to this nesting depth, then trampoline. */
    private static final int MAX_DIRECT_DEPTH = 50;
    /** Cancellations running inside one another past which the next one is deferred (see {@link #cancel}). */
    private static final int MAX_NESTED_CANCELS = 64;

    private final ReadyQueue ready = new ReadyQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** False only while the loop may be blocked in a poll, so producers wake it only then. */
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private final UnobservedFailures failures;
    private final CoroutineLedger ledger;
    private IoPoller poller;
    private int depth;
    /**
     * Actions run so far. The loop monitor reads it from its own thread, without synchronization:
     * it only needs to see, eventually, that the number moved.
     */
    private int actionsRun;
    private int nestedCancels;
    private final ArrayDeque<Promise<?>> deferredCancels = new ArrayDeque<>();

    Scheduler(UnobservedFailures failures, CoroutineLedger ledger) {
        this.failures = failures;
        this.ledger = ledger;
    }

    /** The poller to wake when another thread posts work while the loop waits in it. */
    void wakes(IoPoller poller) {
        this.poller = poller;
    }

    /** Queues an action (coroutine, waiter or Runnable) with its argument. */
    void post(Object action, Object argument) {
        ready.add(action, argument);
    }

    /** Queues {@code action} from a thread other than the loop's, waking the loop if it waits. */
    void postFromAnotherThread(Runnable action) {
        inbox.offer(action);
        if (!awake.get() && !awake.getAndSet(true)) {
            poller.wakeup();
        }
    }

    /** Takes back a post that has not been moved to the ready queue yet; true if it was there. */
    boolean withdraw(Runnable action) {
        return inbox.remove(action);
    }

    /** Moves what other threads posted to the ready queue. */
    void transferInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            ready.add(r, null);
        }
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** True if anything is ready or posted. */
    boolean hasWork() {
        return !ready.isEmpty() || !inbox.isEmpty();
    }

    int readyCount() {
        return ready.size();
    }

    /** Changes whenever an action starts (see {@link #actionsRun}); any thread. */
    int progress() {
        return actionsRun;
    }

    /** False while the loop waits in its poller; any thread. */
    boolean isAwake() {
        return awake.get();
    }

    /** Waits in the poller, unless other threads already posted work (then it only polls). */
    void waitInPoller(long timeoutNanos) {
        if (timeoutNanos == 0) {
            poller.poll(0);
            return;
        }
        awake.set(false);
        try {
            poller.poll(inbox.isEmpty() ? timeoutNanos : 0);
        } finally {
            awake.set(true);
        }
    }

    /** Resumes the continuations of a task that just completed. */
    void dispatchAll(Object waiters, Task<?> source) {
        if (waiters instanceof WaiterList) {
            WaiterList list = (WaiterList) waiters;
            for (int i = 0, n = list.size(); i < n; i++) {
                dispatch(list.get(i), source);
            }
        } else {
            dispatch(waiters, source);
        }
    }

    /**
     * Direct resumption keeps the common case fast; past a small nesting depth the continuation
     * goes through the ready queue instead, so a long chain of tasks completing one another does
     * not overflow the stack.
     */
    private void dispatch(Object waiter, Task<?> source) {
        if (depth < MAX_DIRECT_DEPTH) {
            runItem(waiter, source);
        } else {
            if (waiter instanceof Coroutine) {
                ((Coroutine<?>) waiter).markQueued();
            }
            ready.add(waiter, source);
        }
    }

    /**
     * Runs what is ready now; work queued meanwhile waits for the next round. Each item starts with
     * a full fairness budget of awaits that complete at once (see Coroutine#$await).
     */
    void runReady() {
        for (int n = ready.size(); n > 0; n--) {
            Object action = ready.take();
            ledger.awaitBudget = Coroutine.AWAIT_BUDGET;
            runItem(action, ready.takenArgument());
        }
    }

    /**
     * Runs the cancellation of a pending promise (loop thread). Cancelling propagates by nested
     * calls: a combinator cancels its inputs, a coroutine the task it awaits. Past
     * {@link #MAX_NESTED_CANCELS} of them the next one is deferred, and the outermost call runs
     * the deferred ones in a loop before it returns: a chain of any depth through gathers,
     * timeouts and races is cancelled with bounded stack, still within the cancel() that started
     * it. Meanwhile what those cancellations complete resumes its waiters from the ready queue,
     * so no awaiter's cleanup runs inside that cancel().
     */
    boolean cancel(Promise<?> promise) {
        if (nestedCancels >= MAX_NESTED_CANCELS) {
            deferredCancels.add(promise);
            return true;
        }
        nestedCancels++;
        try {
            return promise.onCancel();
        } finally {
            if (--nestedCancels == 0 && !deferredCancels.isEmpty()) {
                runDeferredCancels();
            }
        }
    }

    private void runDeferredCancels() {
        int directDepth = depth;
        depth = MAX_DIRECT_DEPTH;
        nestedCancels = 1;
        try {
            Promise<?> next;
            while ((next = deferredCancels.poll()) != null) {
                try {
                    next.cancel();
                } catch (Throwable e) {
                    failures.report("cancellation of " + next, e);
                }
            }
        } finally {
            nestedCancels = 0;
            depth = directDepth;
        }
    }

    private void runItem(Object action, Object argument) {
        depth++;
        actionsRun++;
        try {
            if (action instanceof Coroutine) {
                ((Coroutine<?>) action).resume();
            } else if (action instanceof Waiter) {
                ((Waiter) action).onDone((Task<?>) argument);
            } else {
                ((Runnable) action).run();
            }
        } catch (Throwable e) {
            failures.report("callback " + action.getClass().getName(), e);
        } finally {
            depth--;
        }
    }
}
