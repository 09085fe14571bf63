package io.jawait.internal;

import io.jawait.Task;

/**
 * {@code Tasks.shield}: completes like the inner task, but cancelling it leaves the inner task
 * running (asyncio's {@code shield}). Once cancelled it stops watching, so a later failure of the
 * inner task is reported like any unobserved failure unless someone else awaits it.
 */
public final class ShieldTask<T> extends Promise<T> implements Waiter {
    private final Task<T> inner;

    private ShieldTask(Task<T> inner) {
        this.inner = inner;
    }

    /** A shield around {@code inner}; an already complete task is returned as is. */
    public static <T> Task<T> start(Task<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        ShieldTask<T> shield = new ShieldTask<>(inner);
        shield.watch(inner, shield);
        return shield;
    }

    @Override
    public void onDone(Task<?> task) {
        completeFrom(task);
    }

    @Override
    protected boolean onCancel() {
        super.onCancel();
        if (TASKS.loop(inner) == loop()) {
            TASKS.removeWaiter(inner, this);
        }
        return true;
    }

    @Override
    public String taskName() {
        return "shield";
    }
}
