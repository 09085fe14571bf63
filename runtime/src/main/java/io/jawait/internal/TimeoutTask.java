package io.jawait.internal;

import io.jawait.Task;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code Tasks.withTimeout}: completes like the inner task, unless the deadline passes first. Then
 * the inner task is cancelled and, once it has actually finished (its catch/finally blocks ran),
 * this task fails with {@link TimeoutException}. If the inner task ignores the cancellation and
 * completes anyway, its own outcome wins.
 */
public final class TimeoutTask<T> extends Promise<T> implements Waiter, Runnable {
    private final Task<T> inner;
    private final long timeoutNanos;
    private Task<Void> timer;
    private boolean timedOut;

    private TimeoutTask(Task<T> inner, long timeoutNanos) {
        this.inner = inner;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts watching {@code inner}; an already complete task is returned as is. */
    public static <T> Task<T> start(long timeoutNanos, Task<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        TimeoutTask<T> task = new TimeoutTask<>(inner, timeoutNanos);
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
        if (timedOut && task.isCancelled()) {
            TASKS.observe(task);
            fail(new TimeoutException(describe(task) + " timed out after " + formatTimeout()));
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

    @Override
    public boolean cancel() {
        if (!loop().inLoopThread()) {
            return super.cancel();
        }
        if (!super.cancel()) {
            return false;
        }
        timer.cancel();
        inner.cancel();
        return true;
    }

    @Override
    public String taskName() {
        return "withTimeout";
    }
}
