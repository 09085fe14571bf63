package io.jawait.internal;

/**
 * A waiter of a thread-safe structure (a {@code SharedQueue}'s taker or putter): a hand-off of the
 * current loop that any thread may complete, through the loop's inbox. The structure decides under
 * its own lock who gets what: it <em>claims</em> the waiter (removes it from its wait list), then,
 * outside the lock, {@link #deliver}s. Cancelling asks the structure to {@link #withdraw} the
 * waiter; a waiter already claimed cannot be withdrawn, so it stays pending until its value
 * arrives and its awaiter gets it (as with any {@link Handoff}): nothing claimed is ever lost.
 *
 * <p>Until it completes its loop counts it as awaiting something outside, so a loop that closes
 * waits for a delivery already on its way instead of dropping it.
 */
public abstract class RemoteHandoff<T> extends OutsidePromise<T> implements Handoff {
    private final String name;

    /** A pending waiter of the current loop named {@code name} (e.g. "SharedQueue.take"). */
    protected RemoteHandoff(String name) {
        this.name = name;
    }

    /**
     * Completes the claimed waiter with {@code value}, or with {@code error} if not null, on its
     * loop: at once on its loop thread, otherwise through the inbox. Any thread, never under the
     * structure's lock (completing resumes code).
     *
     * @return false if the waiter's loop has closed, so the value did not arrive: the caller still
     *     owns what it meant to hand over
     */
    public final boolean deliver(T value, Throwable error) {
        LoopCore loop = loop();
        if (loop.inLoopThread()) {
            settle(value, error);
            return true;
        }
        return loop.tryExecute(() -> settle(value, error));
    }

    /**
     * Removes this waiter from the structure's wait list, under the structure's lock, if it is
     * still there; false if it was claimed already. Called on the waiter's loop thread.
     */
    protected abstract boolean withdraw();

    /** Cancelled only if still waiting; a claimed waiter completes with what it was handed. */
    @Override
    protected final boolean onCancel() {
        if (!withdraw()) {
            return false;
        }
        stopWaiting();
        return super.onCancel();
    }

    @Override
    public String taskName() {
        return name;
    }
}
