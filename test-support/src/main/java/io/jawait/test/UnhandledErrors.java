package io.jawait.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Failures nobody observed and exceptions thrown by callbacks, collected from a test's loops
 * instead of logged, so that the test can assert there were none. Thread-safe: the loops of a
 * {@link TestLoopGroup} report on their own threads.
 */
final class UnhandledErrors {
    private final String where;
    private final List<Throwable> errors = new ArrayList<>();
    private final List<String> taskNames = new ArrayList<>();

    /** @param where what the errors happened on, for the assertion's message ("the test loop") */
    UnhandledErrors(String where) {
        this.where = where;
    }

    /** An unhandled-error handler for a loop. */
    synchronized void add(String taskName, Throwable error) {
        taskNames.add(taskName);
        errors.add(error);
    }

    synchronized List<Throwable> list() {
        return List.copyOf(errors);
    }

    /** Throws an AssertionError with the first error as cause and the others suppressed, if there are any. */
    synchronized void assertNone() {
        if (errors.isEmpty()) {
            return;
        }
        AssertionError failure = new AssertionError(errors.size() + " unhandled error(s) on " + where + ", the first"
                + " from " + taskNames.get(0) + ": " + errors.get(0), errors.get(0));
        for (int i = 1; i < errors.size(); i++) {
            failure.addSuppressed(errors.get(i));
        }
        throw failure;
    }
}
