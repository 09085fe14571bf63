package io.jawait.internal;

import java.util.Arrays;

/**
 * The continuations of a task that more than one party awaits. A task with a single waiter
 * stores it directly, so this list is only allocated when it is really shared.
 */
public final class WaiterList {
    private Object[] items;
    private int size;

    /** The new value of a pending task's waiter slot after adding {@code waiter} to {@code current}. */
    public static Object append(Object current, Object waiter) {
        if (current instanceof WaiterList) {
            ((WaiterList) current).add(waiter);
            return current;
        }
        return new WaiterList(current, waiter);
    }

    /** Removes {@code waiter} from a slot holding a list; false if it is not there. */
    public static boolean remove(Object current, Object waiter) {
        return current instanceof WaiterList && ((WaiterList) current).remove(waiter);
    }

    private WaiterList(Object first, Object second) {
        items = new Object[] {first, second, null, null};
        size = 2;
    }

    void add(Object waiter) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = waiter;
    }

    boolean remove(Object waiter) {
        for (int i = 0; i < size; i++) {
            if (items[i] == waiter) {
                System.arraycopy(items, i + 1, items, i, size - i - 1);
                items[--size] = null;
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    public Object get(int i) {
        return items[i];
    }
}
