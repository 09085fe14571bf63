package io.jawait.test;

/**
 * The exception that ends an {@code advance...} or {@code runCurrent} call whose thread was
 * interrupted. Those calls have no task of their own to cancel (unlike {@code run}), and tasks
 * that never let the loops idle would keep them going forever; a test's {@code @Timeout}
 * interrupts the thread, and this turns the interrupt into a failure that shows what was running.
 */
final class InterruptedAdvance {
    private InterruptedAdvance() {
    }

    static IllegalStateException of(String what, String dump) {
        IllegalStateException e = new IllegalStateException("interrupted while advancing " + what
                + ": its tasks still had work to do (a loop that never waits?)\n" + dump);
        e.initCause(new InterruptedException());
        return e;
    }
}
