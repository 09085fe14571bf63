package io.jawait.internal;

import io.jawait.Task;

/**
 * The task returned by {@code Tasks.sleep}; it is also its own timer-heap entry, so a sleeping
 * coroutine costs one extra object and one heap slot. {@code sleep(0)} (or less) is a yield: it
 * skips the clock and the heap and completes from the ready queue, after the work that is ready
 * now (its {@link Waiter} side is that completion).
 */
public class SleepTask extends Promise<Void> implements Waiter {
    long deadline;
    long sequence;
    int heapIndex = -1;

    SleepTask() {
    }

    /** Starts a timer on the current loop that completes after {@code delayNanos}. */
    public static Task<Void> start(long delayNanos) {
        SleepTask timer = new SleepTask(); // binds to the current loop, or throws saying how to start one
        LoopCore loop = timer.loop();
        if (delayNanos <= 0) {
            loop.post(timer, null);
            return timer;
        }
        timer.deadline = loop.deadlineAfter(delayNanos);
        loop.addTimer(timer);
        return timer;
    }

    /** Called by the loop when the deadline has passed. Must not throw. */
    void fire() {
        complete(null);
    }

    /** A yield's turn in the ready queue has come (a no-op if it was cancelled meanwhile). */
    @Override
    public void onDone(Task<?> ignored) {
        complete(null);
    }

    @Override
    protected boolean onCancel() {
        loop().removeTimer(this);
        return super.onCancel();
    }

    @Override
    public String taskName() {
        return "sleep";
    }
}
