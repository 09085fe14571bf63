package io.jawait.internal;

import java.util.concurrent.CancellationException;

/**
 * The exception of a run whose thread was interrupted: the task it ran was cancelled for it. A
 * CancellationException, since that is what the task ended with and what callers of a run already
 * handle; its cause, an InterruptedException, tells it from a cancellation by the program, and the
 * task's own exception (suppressed) shows where the task was waiting.
 */
public final class InterruptedRun {
    private InterruptedRun() {
    }

    /** For the calling thread, interrupted while it ran {@code task} (or waited for it), which ended with {@code own}. */
    public static CancellationException cancellation(Object task, Throwable own) {
        String why = "thread '" + Thread.currentThread().getName() + "' was interrupted while it ran " + task;
        CancellationException e = new CancellationException(why + ", which was cancelled for it");
        e.initCause(new InterruptedException(why));
        if (own != null) {
            e.addSuppressed(own);
        }
        return e;
    }
}
