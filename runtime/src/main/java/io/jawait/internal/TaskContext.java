package io.jawait.internal;

import java.util.Arrays;

/**
 * The task-local values a task runs with: an immutable map, copied on write, because a task keeps
 * the context it was created in while its creator goes on changing its own (asyncio's
 * {@code contextvars} semantics). Tasks hold few values, so a flat array beats a hash map.
 */
public final class TaskContext {
    public static final TaskContext EMPTY = new TaskContext(new Object[0]);

    /** Key, value, key, value, ... */
    private final Object[] entries;

    private TaskContext(Object[] entries) {
        this.entries = entries;
    }

    /** The value for {@code key}, or {@code absent} if there is none. */
    public Object get(Object key, Object absent) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                return e[i + 1];
            }
        }
        return absent;
    }

    /** A context like this one with {@code key} mapped to {@code value}. */
    public TaskContext with(Object key, Object value) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                Object[] copy = e.clone();
                copy[i + 1] = value;
                return new TaskContext(copy);
            }
        }
        Object[] longer = Arrays.copyOf(e, e.length + 2);
        longer[e.length] = key;
        longer[e.length + 1] = value;
        return new TaskContext(longer);
    }

    /** A context like this one without {@code key}. */
    public TaskContext without(Object key) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                Object[] shorter = new Object[e.length - 2];
                System.arraycopy(e, 0, shorter, 0, i);
                System.arraycopy(e, i + 2, shorter, i, e.length - i - 2);
                return shorter.length == 0 ? EMPTY : new TaskContext(shorter);
            }
        }
        return this;
    }
}
