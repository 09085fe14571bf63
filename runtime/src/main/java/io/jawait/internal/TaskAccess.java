package io.jawait.internal;

import io.jawait.Task;

/**
 * Bridge from {@code io.jawait.internal} to the private state of {@link Task}.
 *
 * <p>Task keeps its fields private so that generated state machines (which extend it from user
 * packages) inherit no field names, and its public API small so they inherit few method names.
 * The runtime still needs to complete tasks and read their raw outcome; {@link Task} installs the
 * one implementation of this class from its static initializer (the JDK's "shared secrets"
 * pattern). Not part of the public API.
 */
public abstract class TaskAccess {
    /** The task has not completed. */
    public static final int PENDING = 0;
    /** The task completed with a value. */
    public static final int SUCCEEDED = 1;
    /** The task completed with an exception other than CancellationException. */
    public static final int FAILED = 2;
    /** The task completed with a CancellationException. */
    public static final int CANCELLED = 3;

    private static volatile TaskAccess instance;

    /** Only {@link Task} creates the implementation. */
    protected TaskAccess() {
    }

    /** Called once by {@link Task}'s static initializer. */
    public static synchronized void install(TaskAccess access) {
        if (instance != null) {
            throw new IllegalStateException("TaskAccess is already installed");
        }
        instance = access;
    }

    /** The implementation; initializes {@link Task} first if nobody has yet. */
    public static TaskAccess get() {
        TaskAccess access = instance;
        if (access == null) {
            try {
                Class.forName(Task.class.getName(), true, TaskAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = instance;
        }
        return access;
    }

    /** What {@link #settle} returns for a task that was already complete. */
    public static final Object ALREADY_COMPLETE = new Object();

    /**
     * Publishes the outcome of a pending task without resuming its continuations, and returns them
     * (null when there are none) for the caller to resume; {@link #ALREADY_COMPLETE} if it was complete.
     */
    public abstract Object settle(Task<?> task, int state, Object result);

    /** Completes a pending task on its loop thread; false if it was already complete. */
    public abstract boolean finish(Task<?> task, int state, Object result);

    /** One of PENDING, SUCCEEDED, FAILED, CANCELLED (acquire read: safe from any thread). */
    public abstract int state(Task<?> task);

    /** The value or Throwable of a completed task, without marking it observed. */
    public abstract Object rawResult(Task<?> task);

    /** The value of a completed task, or throws its original exception; marks it observed. */
    public abstract Object valueOrThrow(Task<?> task);

    /** Marks a completed task's failure as seen so it is not reported as unobserved. */
    public abstract void observe(Task<?> task);

    /** Registers a continuation on a pending task (loop thread only). */
    public abstract void addWaiter(Task<?> task, Object waiter);

    /** Unregisters a continuation from a pending task (loop thread only). */
    public abstract boolean removeWaiter(Task<?> task, Object waiter);

    /** The loop a task belongs to, or null for a task born complete outside any loop. */
    public abstract LoopCore loop(Task<?> task);

    /** True if a pending task has at least one continuation (someone awaits or watches it). */
    public abstract boolean hasWaiters(Task<?> task);

    /** Calls {@code action} with each continuation of a pending task (loop thread). */
    public abstract void forEachWaiter(Task<?> task, java.util.function.Consumer<Object> action);

    /** The shared task of {@code Tasks.yieldNow()}: complete, and a yield to an awaiting coroutine. */
    public abstract Task<Void> yieldMarker();

    /** Throws {@code error} unchecked, without wrapping; declared to return for {@code throw} call sites. */
    public abstract RuntimeException sneakyThrow(Throwable error);
}
