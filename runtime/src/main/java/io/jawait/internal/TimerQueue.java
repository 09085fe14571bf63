package io.jawait.internal;

import java.util.Arrays;

/**
 * Binary min-heap of pending timers ordered by deadline, then by insertion sequence so that
 * timers with equal deadlines fire in the order they were created. Each timer remembers its heap
 * index, which makes cancellation O(log n) without a separate entry object.
 */
final class TimerQueue {
    private SleepTask[] heap = new SleepTask[16];
    private int size;
    private long nextSequence;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    SleepTask peek() {
        return heap[0];
    }

    void add(SleepTask timer) {
        timer.sequence = nextSequence++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, timer);
    }

    /** Fires the timers due at {@code now}; a timer that throws is reported to {@code failures}. */
    void fireDue(long now, UnobservedFailures failures) {
        // Timers created while firing wait for the next round, so sleep(0) in a loop cannot starve others.
        long limit = nextSequence;
        while (size > 0) {
            SleepTask timer = heap[0];
            if (timer.deadline > now || timer.sequence >= limit) {
                break;
            }
            removeAt(0);
            try {
                timer.fire();
            } catch (Throwable e) {
                failures.report(String.valueOf(timer.taskName()), e);
            }
        }
    }

    SleepTask poll() {
        SleepTask first = heap[0];
        removeAt(0);
        return first;
    }

    boolean remove(SleepTask timer) {
        int i = timer.heapIndex;
        if (i < 0 || i >= size || heap[i] != timer) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        heap[i].heapIndex = -1;
        SleepTask last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        siftDown(i, last);
        if (heap[i] == last) {
            siftUp(i, last);
        }
    }

    private static boolean before(SleepTask a, SleepTask b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.sequence < b.sequence);
    }

    private void siftUp(int i, SleepTask timer) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SleepTask p = heap[parent];
            if (!before(timer, p)) {
                break;
            }
            place(i, p);
            i = parent;
        }
        place(i, timer);
    }

    private void siftDown(int i, SleepTask timer) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            SleepTask c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, timer)) {
                break;
            }
            place(i, c);
            i = child;
        }
        place(i, timer);
    }

    private void place(int i, SleepTask timer) {
        heap[i] = timer;
        timer.heapIndex = i;
    }
}
