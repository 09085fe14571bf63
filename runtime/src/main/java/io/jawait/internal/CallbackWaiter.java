package io.jawait.internal;

import io.jawait.Task;
import java.util.function.BiConsumer;

/** A {@code Task.onComplete} callback waiting in a task's waiter slot. */
public final class CallbackWaiter<T> implements Waiter {
    private static final TaskAccess TASKS = TaskAccess.get();
    private final BiConsumer<? super T, ? super Throwable> callback;

    public CallbackWaiter(BiConsumer<? super T, ? super Throwable> callback) {
        this.callback = callback;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onDone(Task<?> task) {
        int state = TASKS.state(task);
        Object result = TASKS.rawResult(task);
        TASKS.observe(task);
        if (state == TaskAccess.SUCCEEDED) {
            callback.accept((T) result, null);
        } else {
            callback.accept(null, (Throwable) result);
        }
    }
}
