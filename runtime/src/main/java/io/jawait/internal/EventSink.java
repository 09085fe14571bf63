package io.jawait.internal;

/**
 * Where trace events go: Java Flight Recorder when it records them ({@code io.jawait.internal.jfr}).
 * An interface, so that the runtime loads no {@code jdk.jfr} class unless a recording wants them.
 */
public interface EventSink {
    /** A coroutine's first step starts. */
    void taskStarted(Coroutine<?> task);

    /** A coroutine resumes after an await. */
    void taskResumed(Coroutine<?> task);

    /** A coroutine's step ended with the coroutine waiting. */
    void taskSuspended(Coroutine<?> task);

    /** A coroutine completed; {@code failure} is null on success. */
    void taskCompleted(Coroutine<?> task, Throwable failure);

    /** A step held {@code loopThread} for about {@code heldNanos} (reported by the loop monitor). */
    void slowStep(Thread loopThread, String task, String location, long heldNanos, String stack);
}
