package io.jawait.internal;

import io.jawait.Task;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tasks a loop runs in the background ({@code Tasks.spawn}): held strongly until they end (so,
 * unlike asyncio's weakly referenced tasks, they cannot vanish mid-flight), and a failure that
 * nobody is awaiting when it happens is reported at once instead of whenever the task is collected.
 */
public final class Background implements ChildTask.Parent {
    private final LoopCore loop;
    private final Set<ChildTask<?>> running = new LinkedHashSet<>();

    Background(LoopCore loop) {
        this.loop = loop;
    }

    /** Starts tracking {@code task} under {@code name}; returns its handle. */
    public <T> Task<T> spawn(Task<T> task, String name) {
        ChildTask<T> child = ChildTask.start(task, name, this);
        if (!child.isDone()) {
            running.add(child);
        }
        return child;
    }

    @Override
    public void childDone(ChildTask<?> child, boolean awaited) {
        running.remove(child);
        if (child.isFailed() && !awaited) {
            Throwable error = child.exceptionNow(); // observes it: reported here, not again later
            loop.reportUnhandled(String.valueOf(child.taskName()), error);
        }
    }

    /** Background tasks still running. */
    public int size() {
        return running.size();
    }
}
