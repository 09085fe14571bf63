package io.jawait.internal;

import io.jawait.Task;
import io.jawait.WaitMode;
import io.jawait.WaitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code Tasks.waitFor}: completes with the done and pending tasks when {@link WaitMode} says so,
 * or when the optional timeout passes. It cancels nothing and never fails because of a task; it
 * only watches them ({@link Watcher}), so a failure among the done tasks is still reported if the
 * caller never looks at it. Cancelling it leaves the tasks running.
 */
public final class WaitForTask<T> extends Promise<WaitResult<T>> implements Watcher, Runnable {
    private final WaitMode mode;
    private Task<T>[] tasks;
    private int remaining;
    private Task<Void> timer;

    private WaitForTask(Task<T>[] tasks, WaitMode mode) {
        this.tasks = tasks;
        this.mode = mode;
        this.remaining = tasks.length;
    }

    /** Starts waiting; {@code timeoutNanos} &lt; 0 means no timeout. */
    @SuppressWarnings("unchecked")
    public static <T> Task<WaitResult<T>> start(List<? extends Task<? extends T>> list, WaitMode mode, long timeoutNanos) {
        Objects.requireNonNull(mode, "mode");
        Task<T>[] tasks = list.toArray(new Task[0]);
        for (Task<T> t : tasks) {
            Objects.requireNonNull(t, "waitFor: task is null");
        }
        WaitForTask<T> w = new WaitForTask<>(tasks, mode);
        for (Task<T> t : tasks) {
            if (w.isDone()) {
                break;
            }
            w.watch(t, w);
        }
        if (!w.isDone() && tasks.length == 0) {
            w.settle();
        }
        if (!w.isDone() && timeoutNanos >= 0) {
            w.timer = w.loop().schedule(timeoutNanos, w);
        }
        return w;
    }

    @Override
    public void onDone(Task<?> task) {
        if (isDone()) {
            return;
        }
        remaining--;
        if (remaining == 0 || mode == WaitMode.FIRST_COMPLETED || (mode == WaitMode.FIRST_EXCEPTION && task.isFailed())) {
            settle();
        }
    }

    /** The timeout passed. */
    @Override
    public void run() {
        if (!isDone()) {
            settle();
        }
    }

    private void settle() {
        Task<T>[] all = tasks;
        tasks = null;
        List<Task<T>> done = new ArrayList<>();
        List<Task<T>> pending = new ArrayList<>();
        for (Task<T> t : all) {
            (t.isDone() ? done : pending).add(t);
            if (!t.isDone() && TASKS.loop(t) == loop()) {
                TASKS.removeWaiter(t, this);
            }
        }
        if (timer != null) {
            timer.cancel();
        }
        complete(new WaitResult<>(done, pending));
    }

    @Override
    protected boolean onCancel() {
        super.onCancel();
        Task<T>[] all = tasks;
        tasks = null;
        for (Task<T> t : all) {
            if (!t.isDone() && TASKS.loop(t) == loop()) {
                TASKS.removeWaiter(t, this);
            }
        }
        if (timer != null) {
            timer.cancel();
        }
        return true;
    }

    @Override
    public String taskName() {
        return "waitFor";
    }
}
