package io.jawait.internal;

import io.jawait.Task;

/**
 * The handle {@code Tasks.spawn} and {@code TaskGroup.spawn} return: completes exactly like the
 * task it wraps (cancelling it cancels that task), carries a name, and tells its parent when it is
 * done, saying whether anybody was awaiting it at that moment.
 *
 * @param <T> the value type
 */
public final class ChildTask<T> extends Promise<T> implements Waiter {
    /** Who keeps track of the child: the loop's background set, or a task group. */
    public interface Parent {
        /** The child completed; {@code awaited} tells whether someone was waiting for it then. */
        void childDone(ChildTask<?> child, boolean awaited);
    }

    private final Task<T> inner;
    private final String name;
    private final Parent parent;

    private ChildTask(Task<T> inner, String name, Parent parent) {
        this.inner = inner;
        this.name = name;
        this.parent = parent;
    }

    /** Wraps {@code inner} for {@code parent}; the parent is told even if inner is already complete. */
    public static <T> ChildTask<T> start(Task<T> inner, String name, Parent parent) {
        ChildTask<T> child = new ChildTask<>(inner, name, parent);
        child.watch(inner, child);
        return child;
    }

    /** The wrapped task. */
    public Task<T> inner() {
        return inner;
    }

    @Override
    public void onDone(Task<?> task) {
        boolean awaited = TASKS.hasWaiters(this);
        completeFrom(task);
        parent.childDone(this, awaited);
    }

    @Override
    protected boolean onCancel() {
        return inner.cancel();
    }

    @Override
    public String taskName() {
        return name != null ? name : inner.taskName();
    }
}
