package io.jawait.internal;

/**
 * A pending wait in a {@link WaitQueue}: the task an {@code acquire()}, {@code take()} or
 * {@code whenSet()} returns. By default cancelling it removes it from its queue, so a cancelled
 * waiter holds nothing and is never granted anything. Loop-thread only, except {@link #cancel()}.
 *
 * @param <T> the value type
 */
public abstract class WaitNode<T> extends Promise<T> {
    WaitQueue<?> queue;
    WaitNode<?> prev;
    WaitNode<?> next;

    /** Binds the node to the current thread's loop. */
    protected WaitNode() {
    }

    /** True while the node waits in a queue. */
    public final boolean isQueued() {
        return queue != null;
    }

    @Override
    protected boolean onCancel() {
        WaitQueue<?> q = queue;
        if (q != null) {
            q.remove(this);
        }
        return super.onCancel();
    }
}
