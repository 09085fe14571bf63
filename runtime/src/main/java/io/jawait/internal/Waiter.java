package io.jawait.internal;

import io.jawait.Task;

/**
 * A continuation that is not a coroutine: callbacks, combinator slots, future bridges.
 * Coroutines are resumed directly instead, so they need not expose a public method.
 */
public interface Waiter {
    /** Called on the loop thread once {@code task} has completed. */
    void onDone(Task<?> task);

    /**
     * The task on whose behalf this waiter waits (a combinator waiting for its inputs), so that a
     * task dump can show who awaits whom; null for a plain callback.
     */
    default Task<?> waitingTask() {
        return this instanceof Task ? (Task<?>) this : null;
    }
}
