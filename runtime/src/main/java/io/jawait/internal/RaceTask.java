package io.jawait.internal;

import io.jawait.Task;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * {@code Tasks.race} (the first task to complete, however it completes) and {@code Tasks.any}
 * (the first to succeed; fails only once all have failed, with the first failure and the others
 * suppressed). Either way the tasks still running are cancelled as soon as the outcome is known;
 * like {@code gather}, their later failures count as observed. Cancelling it cancels them all.
 */
public final class RaceTask<T> extends Promise<T> {
    private final boolean firstSuccess;
    private Task<?>[] tasks;
    private int remaining;
    private Throwable firstFailure;

    private RaceTask(Task<?>[] tasks, boolean firstSuccess) {
        this.tasks = tasks;
        this.remaining = tasks.length;
        this.firstSuccess = firstSuccess;
    }

    /** Starts a race; {@code firstSuccess} makes it an {@code any}. */
    public static <T> Task<T> start(List<? extends Task<? extends T>> list, boolean firstSuccess) {
        Task<?>[] tasks = list.toArray(new Task<?>[0]);
        String what = firstSuccess ? "any" : "race";
        if (tasks.length == 0) {
            throw new IllegalArgumentException(what + "() needs at least one task");
        }
        for (Task<?> t : tasks) {
            Objects.requireNonNull(t, () -> what + ": task is null");
        }
        RaceTask<T> race = new RaceTask<>(tasks, firstSuccess);
        Waiter slot = race::record;
        for (Task<?> t : tasks) {
            race.watch(t, slot);
        }
        return race;
    }

    private void record(Task<?> task) {
        if (isDone()) {
            TASKS.observe(task);
            return;
        }
        remaining--;
        if (!firstSuccess || (!task.isFailed() && !task.isCancelled())) {
            completeFrom(task);
            cancelOthers();
            return;
        }
        Throwable error = (Throwable) TASKS.rawResult(task);
        TASKS.observe(task);
        if (firstFailure == null || (firstFailure instanceof CancellationException && !(error instanceof CancellationException))) {
            firstFailure = error; // a real failure explains more than a cancellation
        } else if (error != firstFailure && !(error instanceof CancellationException)) {
            firstFailure.addSuppressed(error);
        }
        if (remaining == 0) {
            tasks = null;
            fail(firstFailure);
        }
    }

    private void cancelOthers() {
        Task<?>[] all = tasks;
        tasks = null;
        cancelPending(all);
    }

    @Override
    public boolean cancel() {
        if (!loop().inLoopThread()) {
            return super.cancel();
        }
        if (!super.cancel()) {
            return false;
        }
        cancelOthers();
        return true;
    }

    @Override
    public String taskName() {
        return firstSuccess ? "any" : "race";
    }
}
