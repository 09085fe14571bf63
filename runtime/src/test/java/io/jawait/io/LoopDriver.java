package io.jawait.io;

import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.internal.LoopCore;

/**
 * An event loop that an I/O test drives from its own thread, one awaited task at a time, failing
 * the test instead of hanging when a task never completes (JUnit's same-thread timeout cannot
 * interrupt a loop waiting in its selector).
 */
public final class LoopDriver implements AutoCloseable {
    private static final long BOUND_MILLIS = 20_000;
    private final EventLoop loop = new EventLoop();

    public EventLoop loop() {
        return loop;
    }

    /** Runs the loop until {@code task} completes; returns it. */
    public <T> Task<T> settle(Task<T> task) {
        Task<T> bounded = Tasks.withTimeoutOrNull(BOUND_MILLIS, task);
        loop.runUntilDone(bounded);
        if (bounded.isFailed()) {
            bounded.exceptionNow();   // observed: the caller reads task's own failure, not this copy of it
        }
        if (!task.isDone()) {
            throw new AssertionError("still pending after " + BOUND_MILLIS + " ms: " + task);
        }
        return task;
    }

    /** Runs the loop until {@code task} completes; returns its value or throws its exception. */
    public <T> T run(Task<T> task) {
        return settle(task).join();
    }

    /** Channels still registered once the selector has dropped the keys of closed ones. */
    public int channelsAfterASelect() {
        run(Tasks.sleep(1));
        run(Tasks.sleep(1));
        return LoopCore.currentOrNull().channelCount();
    }

    @Override
    public void close() {
        loop.close();
    }
}
