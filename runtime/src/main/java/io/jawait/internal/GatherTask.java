package io.jawait.internal;

import io.jawait.Outcome;
import io.jawait.Task;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * {@code Tasks.gather} and {@code Tasks.gatherSettled}: waits for every child and collects the
 * results in argument order. A plain gather fails with the first child failure and cancels the
 * children still running; it completes once they have finished (their catch/finally ran), so that
 * whoever awaits it never runs alongside their cleanup. A settled gather never fails because of a
 * child.
 */
public final class GatherTask<T> extends Promise<List<T>> implements OrderedInputs {
    private Task<?>[] children;
    private Object[] results;
    private int remaining;
    private final boolean settled;
    /** Cancelled: completes cancelled once every child has finished. */
    private boolean cancelling;
    /** A child failed: the gather completes with its outcome once every other child has finished. */
    private int failedState;
    private Throwable failure;

    private GatherTask(Task<?>[] children, boolean settled) {
        this.children = children;
        this.results = new Object[children.length];
        this.remaining = children.length;
        this.settled = settled;
    }

    /** Starts a gather on the current loop; {@code settled} collects {@link Outcome}s instead. */
    public static <T> Task<List<T>> start(List<? extends Task<?>> tasks, boolean settled) {
        Task<?>[] children = tasks.toArray(new Task<?>[0]);
        for (int i = 0; i < children.length; i++) {
            Objects.requireNonNull(children[i], () -> "gather: task is null");
        }
        GatherTask<T> gather = new GatherTask<>(children, settled);
        if (children.length == 0) {
            gather.complete(List.of());
            return gather;
        }
        // Keep watching after an early failure: later children's failures then count as observed.
        for (int i = 0; i < children.length; i++) {
            gather.watch(children[i], new Slot(gather, i));
        }
        return gather;
    }

    private void record(int index, Task<?> child) {
        remaining--;
        if (cancelling || failure != null) {
            TASKS.observe(child); // the outcome is decided; later failures count as observed
            if (remaining == 0) {
                finishDecided();
            }
            return;
        }
        int state = TASKS.state(child);
        Object result = TASKS.rawResult(child);
        TASKS.observe(child);
        if (settled) {
            results[index] = state == TaskAccess.SUCCEEDED ? Outcome.success(result) : Outcome.failure((Throwable) result);
        } else if (state == TaskAccess.SUCCEEDED) {
            results[index] = result;
        } else {
            failedState = state;
            failure = (Throwable) result;
            if (remaining == 0) {
                finishDecided();
            } else {
                cancelPending(children); // each cancelled child comes back through record
            }
            return;
        }
        if (remaining == 0) {
            @SuppressWarnings("unchecked")
            List<T> list = (List<T>) Collections.unmodifiableList(Arrays.asList(results));
            release();
            complete(list);
        }
    }

    /** Every child has finished after a failure or a cancellation: the failure wins. */
    private void finishDecided() {
        release();
        if (failure != null) {
            TASKS.finish(this, failedState, failure);
        } else {
            cancelNow();
        }
    }

    private void release() {
        children = null;
        results = null;
    }

    /** Cancels the children still running; completes cancelled once they have all finished. */
    @Override
    protected boolean onCancel() {
        if (failure == null) {
            cancelling = true;
            cancelPending(children);
        }
        return true;
    }

    @Override
    public String taskName() {
        return settled ? "gatherSettled" : "gather";
    }

    private static final class Slot implements Waiter {
        private final GatherTask<?> gather;
        private final int index;

        Slot(GatherTask<?> gather, int index) {
            this.gather = gather;
            this.index = index;
        }

        @Override
        public void onDone(Task<?> task) {
            gather.record(index, task);
        }

        @Override
        public Task<?> waitingTask() {
            return gather;
        }
    }

    @Override
    public int inputIndex(Task<?> input) {
        return OrderedInputs.indexOf(children, input);
    }
}
