package io.jawait.internal;

import io.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code Tasks.asCompleted}: n result tasks, the k-th completing like the k-th input to complete.
 * Each input's outcome moves to one result task (which then answers for its failure); a result
 * task that was cancelled is skipped, and an input left without a result task stays reportable.
 */
public final class AsCompleted<T> implements Watcher {
    private final List<Promise<T>> results = new ArrayList<>();
    private int next;

    private AsCompleted() {
    }

    /** The result tasks, in the order their inputs will complete. */
    public static <T> List<Task<T>> start(List<? extends Task<? extends T>> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        AsCompleted<T> ordering = new AsCompleted<>();
        for (Task<? extends T> input : inputs) {
            Objects.requireNonNull(input, "asCompleted: task is null");
            ordering.results.add(new Slot<>());
        }
        for (Task<? extends T> input : inputs) {
            ordering.results.get(0).watch(input, ordering);
        }
        return List.copyOf(ordering.results);
    }

    @Override
    public void onDone(Task<?> input) {
        while (next < results.size()) {
            Promise<T> r = results.get(next++);
            if (!r.isDone()) {
                r.completeFrom(input);
                return;
            }
        }
    }

    private static final class Slot<T> extends Promise<T> {
        @Override
        public String taskName() {
            return "asCompleted";
        }
    }
}
