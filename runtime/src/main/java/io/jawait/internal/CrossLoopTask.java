package io.jawait.internal;

import io.jawait.Task;
import io.jawait.TaskSupplier;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * A task of the current loop that completes like a task of another loop: what a coroutine awaits
 * in place of another loop's task (so that it resumes on its own loop, through that loop's
 * inbox), and what {@code Tasks.startOn} returns. It behaves like the other task would on this
 * loop: cancelling it cancels the other task (on that task's loop), and it completes when that
 * one has finished (cancelled, or however its catch blocks ended it); the other task's failure
 * counts as observed by it, and its own failure is reported on its loop if nobody observes it.
 */
public final class CrossLoopTask<T> extends OutsidePromise<T> implements BiConsumer<T, Throwable> {
    /** The other loop's task; null until {@link #start} has started it over there. */
    private volatile Task<T> other;
    private volatile boolean cancelled;
    private final String otherThread;

    private CrossLoopTask(LoopCore otherLoop) {
        this.otherThread = otherLoop.thread().getName();
    }

    /** A task of the current loop completing like {@code other}, a pending task of another loop. */
    public static <T> Task<T> of(Task<T> other) {
        LoopCore theirs = TASKS.loop(other);
        CrossLoopTask<T> bridge = new CrossLoopTask<>(theirs);
        bridge.other = other;
        if (!theirs.tryExecute(() -> bridge.watch(theirs))) {
            bridge.otherLoopClosed();
        }
        return bridge;
    }

    /**
     * On the other loop: watches its task. A loop that closed after taking the watch has left
     * that task as it will stay: a pending one counts as cancelled, as in {@link #otherLoopClosed}.
     */
    private void watch(LoopCore theirs) {
        Task<T> task = other;
        if (theirs.isClosed() && !task.isDone()) {
            accept(null, new CancellationException(task + " was cancelled: its event loop (thread '" + otherThread
                    + "') is closed"));
        } else {
            task.onComplete(this);
        }
    }

    /**
     * Starts {@code body} on {@code target} with the current task-local values and returns a task
     * of the current loop completing like the task it returns; {@code body} runs directly when
     * {@code target} is the current loop (then what it throws is thrown). On a closed loop the
     * task is cancelled at once, as closing the loop would have cancelled it (kotlinx's launch in a
     * cancelled scope): loops of a group that close at the same time do not turn each other's last
     * calls into errors.
     */
    public static <T, X extends Exception> Task<T> start(LoopCore target, TaskSupplier<T, X> body) throws X {
        LoopCore mine = LoopCore.require();
        if (target == mine) {
            return Objects.requireNonNull(body.get(), "the body returned null instead of a Task");
        }
        TaskContext values = mine.context();
        CrossLoopTask<T> bridge = new CrossLoopTask<>(target);
        if (!target.tryExecute(() -> bridge.startThere(target, values, body))) {
            bridge.stopWaiting();
            bridge.fail(new CancellationException(bridge.taskName() + " was cancelled: that event loop is closed"));
        }
        return bridge;
    }

    /** On the target loop: runs the body with the caller's task-local values, then watches its task. */
    private void startThere(LoopCore target, TaskContext values, TaskSupplier<T, ?> body) {
        if (cancelled) {
            accept(null, new CancellationException(taskName() + " was cancelled before it started"));
            return;
        }
        if (target.isClosed()) {   // it took the body while closing, after cancelling its own tasks
            accept(null, new CancellationException(taskName() + " was cancelled: that event loop is closed"));
            return;
        }
        Task<T> task;
        TaskContext outer = target.context();
        if (values != outer) {
            target.setContext(values);
        }
        try {
            task = Objects.requireNonNull(body.get(), "the body returned null instead of a Task");
        } catch (Throwable e) {
            accept(null, e);
            return;
        } finally {
            if (values != outer) {
                target.setContext(outer);
            }
        }
        other = task;
        task.onComplete(this);
        if (cancelled) {
            task.cancel();
        }
    }

    /** On the other loop, once its task completed: hands the outcome over to this task's loop. */
    @Override
    public void accept(T value, Throwable error) {
        if (!loop().tryExecute(() -> settle(value, error)) && isFailure(error)) {
            // This loop has closed: nobody can see the failure there any more.
            LoopCore.require().reportUnhandled(taskName(), error);
        }
    }

    private static boolean isFailure(Throwable error) {
        return error != null && !(error instanceof CancellationException);
    }

    /**
     * The other task's loop refused the watch: it has closed, so its task is complete, or was left
     * pending by the closing and, like the rest of that loop's work, counts as cancelled.
     */
    private void otherLoopClosed() {
        stopWaiting();
        Task<T> task = other;
        if (task.isDone()) {
            completeFrom(task);
        } else {
            fail(new CancellationException(task + " was cancelled: its event loop (thread '" + otherThread + "') is closed"));
        }
    }

    /** Cancels the other task; this one completes once that one has. */
    @Override
    protected boolean onCancel() {
        if (cancelled) {
            return false;
        }
        // Whichever of this and startThere runs second sees the other's write and cancels.
        cancelled = true;
        Task<T> task = other;
        if (task != null) {
            task.cancel();
        }
        return true;
    }

    /** For example {@code "KeyValueStore.execute on kv-1"}. */
    @Override
    public String taskName() {
        Task<T> task = other;
        String name = task == null ? null : task.taskName();
        return (name != null ? name : "task") + " on " + otherThread;
    }
}
