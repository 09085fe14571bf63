package io.jawait.internal;

import io.jawait.AsyncIterator;
import io.jawait.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code AsyncIterable.toList}: drives an iterator to its end, collecting the elements. */
public final class CollectTask<T> extends Promise<List<T>> implements Waiter {
    private final AsyncIterator<T> iterator;
    private final List<T> elements = new ArrayList<>();
    private Task<Boolean> pending;
    /** Cancelled while a hasNext() was pending: completes cancelled once that has finished. */
    private boolean cancelling;

    private CollectTask(AsyncIterator<T> iterator) {
        this.iterator = iterator;
    }

    public static <T> Task<List<T>> start(AsyncIterator<T> iterator) {
        CollectTask<T> task = new CollectTask<>(iterator);
        task.advance();
        return task;
    }

    /** Takes every element available at once, then waits for the next hasNext(). */
    private void advance() {
        try {
            while (true) {
                Task<Boolean> h = iterator.hasNext();
                if (!h.isDone()) {
                    pending = h;
                    watch(h, this);
                    return;
                }
                if (!Boolean.TRUE.equals(TASKS.valueOrThrow(h))) {
                    iterator.close();
                    complete(Collections.unmodifiableList(elements));
                    return;
                }
                elements.add(iterator.next());
            }
        } catch (Throwable e) {
            iterator.close();
            fail(e);
        }
    }

    @Override
    public void onDone(Task<?> task) {
        pending = null;
        if (cancelling) {
            TASKS.observe(task);
            iterator.close();
            cancelNow();
        } else if (!isDone()) {
            advance();
        } else {
            TASKS.observe(task);
        }
    }

    /** Cancels the pending hasNext() and closes the iterator; completes cancelled once they have finished. */
    @Override
    protected boolean onCancel() {
        if (pending == null) {
            iterator.close();
            return cancelNow();
        }
        cancelling = true;
        pending.cancel();
        return true;
    }

    @Override
    public String taskName() {
        return "toList";
    }
}
