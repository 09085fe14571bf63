package io.jawait.internal;

import io.jawait.Task;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * {@code Tasks.race} (the first task to complete, however it completes) and {@code Tasks.any}
 * (the first to succeed; fails only once all have failed, with the first failure and the others
 * suppressed). Either way the tasks still running are cancelled as soon as the outcome is known,
 * and the race completes with that outcome once they have finished (their catch/finally ran); like
 * {@code gather}, their later failures count as observed. Cancelling it cancels them all.
 *
 * <p>A race of {@link Handoff}s only (e.g. {@code take()}s of several queues, kotlinx's
 * {@code select} over channels) is a hand-off itself: cancelled, it withdraws them all and
 * completes with their outcome, so an element that was already handed to it is delivered rather
 * than lost.
 */
public class RaceTask<T> extends Promise<T> implements Waiter, OrderedInputs {
    private final boolean firstSuccess;
    private Task<?>[] tasks;
    private int remaining;
    private Throwable firstFailure;
    /** Cancelled: completes cancelled once every task has finished. */
    private boolean cancelling;
    /** The task whose outcome is the race's, once the others have finished. */
    private Task<?> winner;

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
        boolean handoffs = true;
        for (Task<?> t : tasks) {
            handoffs &= t instanceof Handoff;
        }
        RaceTask<T> race = handoffs ? new HandoffRace<>(tasks, firstSuccess) : new RaceTask<>(tasks, firstSuccess);
        // The race is its inputs' waiter itself, so that a task dump shows it awaiting them.
        for (Task<?> t : tasks) {
            race.watch(t, race);
        }
        return race;
    }

    @Override
    public void onDone(Task<?> task) {
        remaining--;
        if (winner != null || cancelling) {
            if (task != winner) {
                TASKS.observe(task);
            }
            if (remaining == 0) {
                finishDecided();
            }
            return;
        }
        if (!firstSuccess || (!task.isFailed() && !task.isCancelled())) {
            winner = task;
            if (remaining == 0) {
                finishDecided();
            } else {
                cancelPending(tasks); // each cancelled task comes back through onDone
            }
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

    /** Every task has finished: a winner's outcome is delivered even if the race was cancelled meanwhile. */
    private void finishDecided() {
        tasks = null;
        if (winner != null) {
            completeFrom(winner);
        } else {
            cancelNow();
        }
    }

    /** Cancels the tasks still running; completes cancelled once they have all finished. */
    @Override
    protected boolean onCancel() {
        cancelling = true;
        if (winner == null) {
            cancelPending(tasks);
        }
        return true;
    }

    @Override
    public String taskName() {
        return firstSuccess ? "any" : "race";
    }

    /** A race of hand-offs: cancelling withdraws them, and the outcome comes from them. */
    @Override
    public int inputIndex(Task<?> input) {
        return OrderedInputs.indexOf(tasks, input);
    }

    private static final class HandoffRace<T> extends RaceTask<T> implements Handoff {
        HandoffRace(Task<?>[] tasks, boolean firstSuccess) {
            super(tasks, firstSuccess);
        }

        @Override
        protected boolean onCancel() {
            Task<?>[] all = ((RaceTask<?>) this).tasks;
            cancelPending(all); // each withdrawal is recorded; the first (or the last, for any) decides
            return true;
        }
    }
}
