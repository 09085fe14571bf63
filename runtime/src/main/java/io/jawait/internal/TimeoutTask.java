package io.jawait.internal;

import io.jawait.Task;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code Tasks.withTimeout} and {@code withTimeoutOrNull}: completes like the inner task, unless
 * the deadline passes first. Then the inner task is cancelled and, once it has actually finished
 * (its catch/finally blocks ran), this task fails with {@link TimeoutException} (or completes with
 * null). If the inner task ignores the cancellation and completes anyway, its own outcome wins.
 *
 * <p>Cancelling this task cancels the inner one; the outer cancellation is never turned into a
 * timeout or a value (asyncio's {@code wait_for} could swallow it). Around a {@link Handoff}
 * (an acquire, a take...) the timeout is a hand-off itself: cancelled, it waits for the inner
 * task's outcome, so a permit granted at the last moment reaches the awaiting task.
 */
public class TimeoutTask<T> extends Promise<T> implements Waiter, Runnable {
    private final Task<T> inner;
    private final long timeoutNanos;
    private final boolean orNull;
    private Task<Void> timer;
    private boolean timedOut;
    /** Cancelled from outside: completes cancelled once the inner task has finished. */
    private boolean cancelling;

    private TimeoutTask(Task<T> inner, long timeoutNanos, boolean orNull) {
        this.inner = inner;
        this.timeoutNanos = timeoutNanos;
        this.orNull = orNull;
    }

    /** Starts watching {@code inner}; an already complete task is returned as is. */
    public static <T> Task<T> start(long timeoutNanos, Task<T> inner) {
        return start(timeoutNanos, inner, false);
    }

    /** Same; with {@code orNull}, the timeout completes the task with null instead of failing it. */
    public static <T> Task<T> start(long timeoutNanos, Task<T> inner, boolean orNull) {
        if (inner.isDone()) {
            return inner;
        }
        TimeoutTask<T> task = inner instanceof Handoff
                ? new HandoffTimeout<>(inner, timeoutNanos, orNull)
                : new TimeoutTask<>(inner, timeoutNanos, orNull);
        task.timer = task.loop().schedule(timeoutNanos, task);
        task.watch(inner, task);
        return task;
    }

    /** The timer fired. */
    @Override
    public void run() {
        if (!isDone()) {
            timedOut = true;
            inner.cancel();
        }
    }

    /** The inner task completed. */
    @Override
    public void onDone(Task<?> task) {
        if (isDone()) {
            TASKS.observe(task);
            return;
        }
        if (!timer.isDone()) {
            timer.cancel();
        }
        if (cancelling) {
            TASKS.observe(task);
            cancelNow();
        } else if (timedOut && task.isCancelled()) {
            TASKS.observe(task);
            if (orNull) {
                complete(null);
            } else {
                fail(new TimeoutException(describe(task) + " timed out after " + formatTimeout()));
            }
        } else {
            completeFrom(task);
        }
    }

    private static String describe(Task<?> task) {
        String name = task.taskName();
        return name != null ? name : "task";
    }

    private String formatTimeout() {
        long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        return millis * 1_000_000 == timeoutNanos ? millis + " ms" : timeoutNanos + " ns";
    }

    /** Cancels the inner task; completes cancelled once it has finished. */
    @Override
    protected boolean onCancel() {
        cancelling = true;
        timer.cancel();
        inner.cancel();
        return true;
    }

    @Override
    public String taskName() {
        return orNull ? "withTimeoutOrNull" : "withTimeout";
    }

    /** Around a hand-off: cancelled, it completes only with the inner task's outcome. */
    private static final class HandoffTimeout<T> extends TimeoutTask<T> implements Handoff {
        HandoffTimeout(Task<T> inner, long timeoutNanos, boolean orNull) {
            super(inner, timeoutNanos, orNull);
        }

        @Override
        protected boolean onCancel() {
            TimeoutTask<T> self = this;
            self.timer.cancel();
            return self.inner.cancel();
        }
    }
}
