package io.jawait.internal;

import io.jawait.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Record of a failed task that nobody has looked at yet. It lives in the failed task's (now
 * unused) waiter slot and in its loop's registry. Whoever claims it first wins: an observer (await,
 * join, callback...) silences it; the loop reports it when the task is garbage collected (the weak
 * reference is enqueued) or, at the latest, when the loop closes.
 */
public final class UnobservedFailure extends WeakReference<Task<?>> {
    private static final VarHandle CLAIMED;

    static {
        try {
            CLAIMED = MethodHandles.lookup().findVarHandle(UnobservedFailure.class, "claimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String taskName;
    final Throwable error;
    /** Where the task was created, in debug mode; else null. */
    final CreationSites.Site createdAt;
    @SuppressWarnings("unused") // accessed through CLAIMED
    private volatile int claimed;

    UnobservedFailure(Task<?> task, Throwable error, ReferenceQueue<Task<?>> queue) {
        super(task, queue);
        String name = task.taskName();
        this.taskName = name != null ? name : "anonymous task";
        this.error = error;
        this.createdAt = CreationSites.of(task);
    }

    /** True exactly once: for the first caller, observer or reporter. */
    public boolean claim() {
        return CLAIMED.compareAndSet(this, 0, 1);
    }
}
