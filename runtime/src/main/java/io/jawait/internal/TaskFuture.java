package io.jawait.internal;

import io.jawait.Task;
import java.util.concurrent.CompletableFuture;

/**
 * The future returned by {@code Task.toCompletableFuture()}: completed with the task's original
 * outcome, and cancelling it cancels the task.
 */
public final class TaskFuture<T> extends CompletableFuture<T> implements Waiter {
    private static final TaskAccess TASKS = TaskAccess.get();
    private final Task<T> task;

    public TaskFuture(Task<T> task) {
        this.task = task;
    }

    @Override
    public void onDone(Task<?> done) {
        settle();
    }

    /** Copies the completed task's outcome into this future (any thread). */
    @SuppressWarnings("unchecked")
    public void settle() {
        int state = TASKS.state(task);
        Object result = TASKS.rawResult(task);
        TASKS.observe(task);
        if (state == TaskAccess.SUCCEEDED) {
            complete((T) result);
        } else {
            completeExceptionally((Throwable) result);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            task.cancel();
        }
        return cancelled;
    }
}
