package io.jawait.internal;

/**
 * A {@link WaitNode} whose success hands something to its awaiter (a permit, a queue item, a
 * queue slot), so a cancelled awaiter never drops it (see {@link Handoff}).
 *
 * @param <T> the value type
 */
public class HandoffNode<T> extends WaitNode<T> implements Handoff {
    private final String name;

    /** A pending node named {@code name} (e.g. "AsyncSemaphore.acquire"), bound to the current loop. */
    public HandoffNode(String name) {
        this.name = name;
    }

    /** A node already completed with {@code value}: a grant that did not have to wait. */
    public static <T> HandoffNode<T> completed(String name, T value) {
        HandoffNode<T> node = new HandoffNode<>(name);
        node.complete(value);
        return node;
    }

    @Override
    public String taskName() {
        return name;
    }
}
