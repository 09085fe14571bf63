package io.jawait.internal;

/**
 * FIFO of work that is ready to run on the loop thread. Each entry is an (action, argument)
 * pair stored inline in one ring buffer, so posting a resumption allocates nothing: the action is
 * the coroutine, waiter or Runnable itself and the argument is the task that completed.
 */
final class ReadyQueue {
    private Object[] ring = new Object[64];
    private int head;
    private int tail;
    private Object takenArgument;

    boolean isEmpty() {
        return head == tail;
    }

    int size() {
        return ((tail - head) & (ring.length - 1)) >> 1;
    }

    void add(Object action, Object argument) {
        Object[] r = ring;
        r[tail] = action;
        r[tail + 1] = argument;
        tail = (tail + 2) & (r.length - 1);
        if (tail == head) {
            grow();
        }
    }

    /** Removes the oldest entry and returns its action; its argument is then {@link #takenArgument()}. */
    Object take() {
        Object[] r = ring;
        Object action = r[head];
        takenArgument = r[head + 1];
        r[head] = null;
        r[head + 1] = null;
        head = (head + 2) & (r.length - 1);
        return action;
    }

    Object takenArgument() {
        Object a = takenArgument;
        takenArgument = null;
        return a;
    }

    private void grow() {
        Object[] old = ring;
        Object[] bigger = new Object[old.length * 2];
        int firstPart = old.length - head;
        System.arraycopy(old, head, bigger, 0, firstPart);
        System.arraycopy(old, 0, bigger, firstPart, head);
        head = 0;
        tail = old.length;
        ring = bigger;
    }
}
