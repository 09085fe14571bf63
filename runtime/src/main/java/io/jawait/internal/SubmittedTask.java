package io.jawait.internal;

import io.jawait.Task;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import io.jawait.TaskSupplier;

/**
 * {@code EventLoop.submit}: a future, usable from any thread, for a task started on a loop. The
 * body runs on the loop thread; the future completes with the task's value or original exception
 * (cancelled if the task was). Cancelling the future cancels the task, or keeps the body from
 * starting if it has not started yet.
 */
public final class SubmittedTask<T> extends CompletableFuture<T> implements Runnable {
    private final LoopCore loop;
    private TaskSupplier<T, ?> body;
    /** Written on the loop thread, read by cancel() on any thread. */
    private volatile Task<T> task;

    private SubmittedTask(LoopCore loop, TaskSupplier<T, ?> body) {
        this.loop = loop;
        this.body = body;
    }

    /** Posts {@code body} to {@code loop}; throws RejectedExecutionException if the loop is closed. */
    public static <T> CompletableFuture<T> submit(LoopCore loop, TaskSupplier<T, ?> body) {
        SubmittedTask<T> future = new SubmittedTask<>(loop, Objects.requireNonNull(body, "body"));
        loop.execute(future);
        return future;
    }

    /** On the loop thread: starts the body unless the future was cancelled meanwhile. */
    @Override
    public void run() {
        TaskSupplier<T, ?> b = body;
        body = null;
        if (isDone()) {
            return;
        }
        Task<T> t;
        try {
            t = Objects.requireNonNull(b.get(), "the submitted supplier returned null instead of a Task");
        } catch (Throwable e) {
            completeExceptionally(e);
            return;
        }
        task = t;
        t.onComplete((value, error) -> {
            if (error == null) {
                complete(value);
            } else {
                completeExceptionally(error);
            }
        });
        if (isCancelled()) {
            t.cancel();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Task<T> t = task;
        if (cancelled && t != null) {
            t.cancel();
        }
        return cancelled;
    }

    @Override
    public String toString() {
        return "SubmittedTask[" + (task != null ? task : "not started") + ", " + loop + "]";
    }
}
