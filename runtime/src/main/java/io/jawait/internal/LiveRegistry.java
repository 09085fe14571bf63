package io.jawait.internal;

import java.util.Arrays;

/**
 * A loop's coroutines that have suspended on something other than another coroutine (or on
 * anything, once task-locals are in use) and not completed yet: closing the loop cancels them, and
 * through their awaits, the coroutines awaiting them.
 * Each coroutine knows its slot. A completed coroutine's slot is only cleared: moving another
 * coroutine into it would write to an unrelated object on every completion. Free slots at the end
 * are reused at once (nested calls complete in the reverse order of their suspension), and the
 * array is compacted when it fills up or when it is mostly empty, which keeps every operation
 * O(1) amortized.
 */
final class LiveRegistry {
    private static final int MIN_CAPACITY = 64;
    private static final int SHRINK_ABOVE = 1024;

    private Coroutine<?>[] slots = new Coroutine<?>[MIN_CAPACITY];
    /** When each slot's coroutine registered, by the loop monitor's coarse clock (for task dumps). */
    private long[] since = new long[MIN_CAPACITY];
    /** Each slot's task-local values while suspended; null until a loop first uses task-locals. */
    private TaskContext[] contexts;
    /** Slots from here on are free. */
    private int end;
    private int count;
    /** Registrations ever made, so that shutdown can tell whether new ones came. */
    private long added;

    /** Registers {@code c}; returns its slot. */
    int add(Coroutine<?> c) {
        if (end == slots.length) {
            makeRoom();
        }
        slots[end] = c;
        since[end] = LoopMonitor.coarseNanos();
        count++;
        added++;
        return end++;
    }

    /** Frees slot {@code index}. */
    void remove(int index) {
        Coroutine<?>[] s = slots;
        s[index] = null;
        if (contexts != null) {
            contexts[index] = null;
        }
        count--;
        if (index == end - 1) {
            int e = index;
            while (e > 0 && s[e - 1] == null) {
                e--;
            }
            end = e;
        }
        // Give memory back after a burst of coroutines, with hysteresis so that it does not churn.
        if (s.length > SHRINK_ABOVE && count < s.length >>> 3) {
            compact(s.length >>> 1);
        }
    }

    void keepContexts() {
        if (contexts == null) {
            contexts = new TaskContext[slots.length];
        }
    }

    /** The values of the coroutine in slot {@code index} (empty if it suspended before any were kept). */
    TaskContext context(int index) {
        TaskContext values = contexts[index];
        return values == null ? TaskContext.EMPTY : values;
    }

    void setContext(int index, TaskContext values) {
        contexts[index] = values == TaskContext.EMPTY ? null : values;
    }

    long added() {
        return added;
    }

    int size() {
        return count;
    }

    /** When the coroutine in slot {@code index} registered ({@link LoopMonitor#coarseNanos()}). */
    long since(int index) {
        return since[index];
    }

    /** The registered coroutines, in a new array. */
    Coroutine<?>[] snapshot() {
        Coroutine<?>[] all = new Coroutine<?>[count];
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (slots[i] != null) {
                all[n++] = slots[i];
            }
        }
        return all;
    }

    private void makeRoom() {
        int capacity = slots.length;
        compact(count > capacity >>> 1 ? capacity * 2 : capacity);
    }

    /** Moves the registered coroutines (with their values and times) to the front of arrays of {@code capacity} slots. */
    private void compact(int capacity) {
        Coroutine<?>[] from = slots;
        Coroutine<?>[] to = capacity == from.length ? from : new Coroutine<?>[Math.max(MIN_CAPACITY, capacity)];
        TaskContext[] fromValues = contexts;
        TaskContext[] toValues = fromValues == null || to == from ? fromValues : new TaskContext[to.length];
        long[] fromSince = since;
        long[] toSince = to == from ? fromSince : new long[to.length];
        int n = 0;
        for (int i = 0; i < end; i++) {
            Coroutine<?> c = from[i];
            if (c != null) {
                if (to != from || i != n) {
                    to[n] = c;
                    toSince[n] = fromSince[i];
                    if (fromValues != null) {
                        toValues[n] = fromValues[i];
                    }
                    c.movedTo(n);
                }
                n++;
            }
        }
        if (to == from) {
            Arrays.fill(from, n, end, null);
            if (fromValues != null) {
                Arrays.fill(fromValues, n, end, null);
            }
        }
        slots = to;
        contexts = toValues;
        since = toSince;
        end = n;
    }
}
