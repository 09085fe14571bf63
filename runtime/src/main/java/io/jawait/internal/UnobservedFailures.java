package io.jawait.internal;

import io.jawait.Task;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A loop's failed tasks that nobody has looked at yet, and where errors nobody else will see go:
 * the handler the user set, or the {@code System.Logger} named "io.jawait". A failure is reported
 * when its task is garbage collected or, at the latest, when the loop closes. Loop thread only.
 */
final class UnobservedFailures {
    private static final System.Logger LOGGER = System.getLogger("io.jawait");

    private final ReferenceQueue<Task<?>> collected = new ReferenceQueue<>();
    private final Set<UnobservedFailure> pending = new LinkedHashSet<>();
    private BiConsumer<String, Throwable> handler;

    void setHandler(BiConsumer<String, Throwable> handler) {
        this.handler = handler;
    }

    /** Registers a failed task nobody waits for; returns the marker the task keeps in its waiter slot. */
    UnobservedFailure add(Task<?> task, Throwable error) {
        UnobservedFailure failure = new UnobservedFailure(task, error, collected);
        pending.add(failure);
        return failure;
    }

    /** The failure was observed: stop tracking it. */
    void forget(UnobservedFailure failure) {
        pending.remove(failure);
    }

    /** Reports the failures whose tasks were garbage collected. */
    void reportCollected() {
        Reference<? extends Task<?>> ref;
        while ((ref = collected.poll()) != null) {
            UnobservedFailure failure = (UnobservedFailure) ref;
            if (pending.remove(failure) && failure.claim()) {
                report(failure.taskName, failure.error, failure.createdAt);
            }
        }
    }

    /** Reports every failure still unobserved (the loop is closing). */
    void reportAll() {
        reportCollected();
        for (UnobservedFailure failure : pending) {
            if (failure.claim()) {
                report(failure.taskName, failure.error, failure.createdAt);
            }
        }
        pending.clear();
    }

    /** Hands an error nobody else will see to the installed handler, or logs it. */
    void report(String taskName, Throwable error) {
        report(taskName, error, null);
    }

    /** Same, saying where the task was created when that is known (debug mode). */
    private void report(String taskName, Throwable error, CreationSites.Site createdAt) {
        AsyncStackTrace.tidy(error);
        BiConsumer<String, Throwable> h = handler;
        if (h != null) {
            try {
                h.accept(createdAt == null ? taskName : taskName + ", created at " + createdAt.frame(), error);
                return;
            } catch (Throwable e) {
                LOGGER.log(System.Logger.Level.ERROR, "jawait: the unhandled-error handler threw", e);
            }
        }
        StringBuilder message = new StringBuilder("jawait: ").append(taskName)
                .append(" failed and its exception was never retrieved (await the task or attach onComplete)");
        if (createdAt != null) {
            message.append("; the task was created");
            for (StackTraceElement f : createdAt.stack()) {
                message.append("\n\tat ").append(f);
            }
        }
        LOGGER.log(System.Logger.Level.ERROR, message.toString(), error);
    }
}
