package io.jawait.internal;

/**
 * FIFO of pending {@link WaitNode}s with O(1) removal, for the synchronization primitives: a
 * waiter that is cancelled leaves the queue at once, whatever its position. Loop-thread only.
 *
 * @param <N> the node type
 */
public final class WaitQueue<N extends WaitNode<?>> {
    private WaitNode<?> head;
    private WaitNode<?> tail;
    private int size;

    public boolean isEmpty() {
        return head == null;
    }

    public int size() {
        return size;
    }

    /** Appends {@code node}, which must not be in any queue. */
    public void add(N node) {
        if (node.queue != null) {
            throw new IllegalStateException(node + " is already queued");
        }
        node.queue = this;
        node.prev = tail;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        size++;
    }

    /** The oldest node, or null. */
    @SuppressWarnings("unchecked")
    public N peek() {
        return (N) head;
    }

    /** Removes and returns the oldest node, or null. */
    public N poll() {
        N first = peek();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    /** Removes {@code node} if it is in this queue; true if it was. */
    public boolean remove(WaitNode<?> node) {
        if (node.queue != this) {
            return false;
        }
        WaitNode<?> p = node.prev;
        WaitNode<?> n = node.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        node.prev = null;
        node.next = null;
        node.queue = null;
        size--;
        return true;
    }
}
