package io.jawait.internal;

import io.jawait.Task;
import io.jawait.TaskSupplier;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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
    /** The task was cancelled because the thread waiting for it was interrupted. */
    private volatile boolean cancelledForInterrupt;

    private SubmittedTask(LoopCore loop, TaskSupplier<T, ?> body) {
        this.loop = loop;
        this.body = body;
    }

    /** Posts {@code body} to {@code loop}; throws RejectedExecutionException if the loop is closed. */
    public static <T> SubmittedTask<T> submit(LoopCore loop, TaskSupplier<T, ?> body) {
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
        if (loop.isClosed()) {   // taken while the loop was closing, after it cancelled its tasks
            completeExceptionally(new CancellationException("the task was not started: the jawait event loop of thread '"
                    + loop.thread().getName() + "' is closed"));
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

    /**
     * From a thread outside the loop: blocks until the task completes and returns its value or
     * throws its exception unwrapped. An interrupt of the waiting thread cancels the task and waits
     * on until it has completed (its catch/finally blocks ran), as a run interrupted on its own
     * thread does ({@link LoopCore#runUntilDone(Task, boolean)}); the interrupt status is set again.
     */
    public T joinCancellingOnInterrupt() {
        boolean interrupted = false;
        while (!isDone()) {
            try {
                get();
            } catch (InterruptedException e) {
                interrupted = true;
                if (!cancelledForInterrupt) {
                    cancelForInterrupt();
                }
            } catch (ExecutionException | CancellationException e) {
                break;   // completed: reported below
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return join();
        } catch (CancellationException e) {
            throw cancelledForInterrupt ? InterruptedRun.cancellation(task != null ? task : this, e) : e;
        } catch (CompletionException e) {
            throw TaskAccess.get().sneakyThrow(e.getCause());
        }
    }

    /**
     * The thread waiting for the task was interrupted: cancels the task on its loop; the future
     * completes once the task has, and {@link #joinCancellingOnInterrupt()} then says why. Any thread.
     */
    public void cancelForInterrupt() {
        cancelledForInterrupt = true;
        if (!loop.tryExecute(this::cancelTask)) {
            cancel(false);
        }
    }

    /** On the loop thread: cancels the started task; the future completes when the task has. */
    private void cancelTask() {
        Task<T> t = task;
        if (t != null) {
            t.cancel();
        } else {
            cancel(false);
        }
    }

    @Override
    public String toString() {
        return "SubmittedTask[" + (task != null ? task : "not started") + ", " + loop + "]";
    }
}
