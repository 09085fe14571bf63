package io.jawait.internal;

import io.jawait.Task;

/**
 * The task returned by {@code Tasks.sleep}; it is also its own timer-heap entry, so a sleeping
 * coroutine costs one extra object and one heap slot.
 */
public class SleepTask extends Promise<Void> {
    long deadline;
    long sequence;
    int heapIndex = -1;

    SleepTask() {
    }

    /** Starts a timer on the current loop that completes after {@code delayNanos}. */
    public static Task<Void> start(long delayNanos) {
        SleepTask timer = new SleepTask(); // binds to the current loop, or throws saying how to start one
        LoopCore loop = timer.loop();
        timer.deadline = loop.deadlineAfter(delayNanos);
        loop.addTimer(timer);
        return timer;
    }

    /** Called by the loop when the deadline has passed. Must not throw. */
    void fire() {
        complete(null);
    }

    @Override
    public boolean cancel() {
        LoopCore loop = loop();
        if (!isDone() && loop.inLoopThread()) {
            loop.removeTimer(this);
        }
        return super.cancel();
    }

    @Override
    public String taskName() {
        return "sleep";
    }
}
