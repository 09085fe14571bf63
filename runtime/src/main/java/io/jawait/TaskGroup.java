package io.jawait;

import io.jawait.internal.ChildTask;
import io.jawait.internal.LoopConfinement;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import io.jawait.internal.TaskAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Structured concurrency: a scope whose children are awaited together and never outlive it
 * (asyncio's {@code TaskGroup}, kotlinx's {@code coroutineScope}, Java's
 * {@code StructuredTaskScope}). Open it with try-with-resources in an {@code @Async} method and
 * spawn children into it; {@code await(group.join())} waits for them inside the block:
 *
 * <pre>{@code
 * @Async
 * Task<Page> load(String id) {
 *     try (TaskGroup group = new TaskGroup()) {
 *         Task<User> user = group.spawn(fetchUser(id));
 *         Task<List<Post>> posts = group.spawn(fetchPosts(id));
 *         await(group.join());            // both done; or the first failure, the other cancelled
 *         return Task.of(new Page(user.resultNow(), posts.resultNow()));
 *     }                                   // awaits closeAsync(): no child outlives the block
 * }
 * }</pre>
 *
 * <p><b>Failure.</b> In a default group the first child that fails (cancellation is not a
 * failure) cancels all its siblings, and {@link #join()} fails with that child's exception once
 * every child has finished; failures of other children are attached to it as suppressed
 * exceptions. Children spawned after that are cancelled at once. A {@link #supervisor()} group
 * lets children fail independently: {@code join()} just waits for all of them, and each child's
 * failure is reported like any task's unless its handle is awaited or inspected.
 *
 * <p><b>Leaving the block.</b> It is an {@link AsyncCloseable}: try-with-resources in an
 * {@code @Async} method awaits {@link #closeAsync()} when the block completes normally and
 * {@link #closeAsync(Throwable)} when it throws. No child outlives the block either way:
 * <ul>
 * <li>left normally (its end, or a {@code return} before any {@code join()}): the block waits for
 * the children still running, as asyncio's {@code TaskGroup}, Trio's nursery and kotlinx's
 * {@code coroutineScope} do, so a final {@code join()} is optional. A child failure then cancels the
 * others and becomes the block's exception, in place of its return value (the same three do
 * this too: a failure is never dropped for a value computed without it);
 * <li>left by an exception, the owner's cancellation included: the children still running are
 * cancelled, and the block is left once they have finished their {@code finally} blocks; child
 * failures the exception does not already carry are added to it as suppressed.
 * </ul>
 * Java's {@code StructuredTaskScope} instead throws {@link IllegalStateException} from a close
 * without {@code join()}: that would replace a {@code return} and clutter every real exception with
 * a second one, so this group does not. Cancelling the owner cancels the group, and so does
 * cancelling the task waiting in {@code join()} or in the close. The owner is not interrupted when a
 * child fails (as in {@code StructuredTaskScope}; asyncio and kotlinx cancel it): it learns about the
 * failure at {@code join()} or when the block ends. {@link #cancel()} cancels every child;
 * {@code join()} then completes normally.
 *
 * <p><b>No lost failures.</b> A failure that neither {@code join()} nor {@code closeAsync()}
 * delivered (the group was closed with the plain {@link #close()}, or a child failed after the
 * group closed) goes to the loop's unhandled-error handler. Not thread-safe: use it on its loop.
 */
public final class TaskGroup implements AsyncCloseable {
    private static final TaskAccess TASKS = TaskAccess.get();

    private final boolean supervisor;
    private final LoopCore loop;
    private final Set<ChildTask<?>> running = new LinkedHashSet<>();
    private final List<Join> joins = new ArrayList<>();
    private final Parent parent = new Parent();
    private Throwable failure;
    private boolean failureDelivered;
    private boolean cancelled;
    /** Finished: no join or close will deliver a failure any more, and no child may be spawned. */
    private boolean closed;
    /** A closeAsync waits for the children: their failures go to it, not to the handler. */
    private boolean closing;

    /**
     * A group where the first failing child cancels the others, bound to the current loop.
     * <pre>{@code TaskGroup group = new TaskGroup();}</pre>
     *
     * @throws IllegalStateException if no loop runs on this thread
     */
    public TaskGroup() {
        this(false);
    }

    private TaskGroup(boolean supervisor) {
        this.supervisor = supervisor;
        this.loop = LoopCore.require();
    }

    /**
     * A group whose children fail independently (kotlinx's {@code supervisorScope}): a failing
     * child cancels nobody, and {@code join()} completes normally once all have finished.
     * <pre>{@code TaskGroup workers = TaskGroup.supervisor();}</pre>
     */
    public static TaskGroup supervisor() {
        return new TaskGroup(true);
    }

    /**
     * Adds {@code task} (usually an {@code @Async} call, which has already started) as a child and
     * returns its handle, which completes like it. In a group that is cancelled or has failed,
     * the task is cancelled at once. Children may spawn siblings while the block's close waits for
     * them (as in asyncio), but not once the group has finished.
     * <pre>{@code Task<User> user = group.spawn(fetchUser(id));}</pre>
     *
     * @throws IllegalStateException if the group is closed, or called from another thread
     */
    public <T> Task<T> spawn(Task<T> task) {
        return spawn(null, task);
    }

    /**
     * Same, naming the child (its {@code taskName()} and the name errors are reported under).
     * <pre>{@code group.spawn("heartbeat", heartbeat());}</pre>
     */
    public <T> Task<T> spawn(String name, Task<T> task) {
        Objects.requireNonNull(task, "task");
        checkThread();
        if (closed) {
            throw new IllegalStateException("TaskGroup.spawn(): the group is closed");
        }
        ChildTask<T> child = ChildTask.start(task, name, parent);
        if (!child.isDone()) {
            running.add(child);
            if (cancelled) {
                child.cancel();
            }
        }
        return child;
    }

    /**
     * A task that completes once no child is running: those spawned so far, and those spawned
     * before it completes (as asyncio's {@code TaskGroup} and Kotlin's {@code coroutineScope} wait
     * for children started while they wait). It completes normally, or (default group) with the
     * first child's failure, other failures suppressed. Cancelling it cancels
     * the group; it then completes, cancelled, once the children have finished.
     * <pre>{@code await(group.join());}</pre>
     */
    public Task<Void> join() {
        checkThread();
        Join j = new Join(this);
        if (running.isEmpty()) {
            j.settle();
        } else {
            joins.add(j);
        }
        return j;
    }

    /**
     * Cancels every running child, and every child spawned later. Idempotent.
     * <pre>{@code if (found != null) group.cancel();   // enough: stop the others}</pre>
     */
    public void cancel() {
        checkThread();
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (ChildTask<?> child : new ArrayList<>(running)) {
            child.cancel();
        }
    }

    /**
     * Ends the group after its block completed normally, awaited by try-with-resources: waits for
     * the children still running (an implicit {@link #join()}) and completes once they have all
     * finished, failing with the first child failure no {@code join()} delivered. Cancelling the
     * returned task cancels the group. Idempotent. The group accepts no children afterwards.
     * <pre>{@code try (TaskGroup group = new TaskGroup()) { ... }   // awaits group.closeAsync()}</pre>
     */
    @Override
    public Task<Void> closeAsync() {
        return finish(null);
    }

    /**
     * Ends the group after its block was left by {@code cause}, awaited by try-with-resources:
     * cancels the children still running and completes once they have finished their cleanup,
     * failing with a child failure that no {@code join()} delivered and {@code cause} does not
     * already carry (the statement adds it to {@code cause} as suppressed).
     * <pre>{@code await(group.closeAsync(e));   // what try-with-resources does when its block threw e}</pre>
     */
    @Override
    public Task<Void> closeAsync(Throwable cause) {
        return finish(Objects.requireNonNull(cause, "cause"));
    }

    private Task<Void> finish(Throwable cause) {
        checkThread();
        if (closed) {
            return Task.done();
        }
        if (cause != null) {
            cancel();
        }
        closing = true;
        Join j = new Join(this, cause);
        if (running.isEmpty()) {
            j.settle();
        } else {
            joins.add(j);
        }
        return j;
    }

    /**
     * Ends the group without waiting, for code that cannot await (the owner continues at once):
     * cancels children still running and reports a failure no join delivered to the
     * unhandled-error handler, as it does for children failing later. Idempotent.
     * <pre>{@code finally { group.close(); }}</pre>
     */
    @Override
    public void close() {
        checkThread();
        if (closed) {
            return;
        }
        closed = true;
        closing = false;
        if (!running.isEmpty()) {
            cancel();
        }
        reportUndelivered();
    }

    /** Whether the group was cancelled, or (default group) a child failed. <pre>{@code if (group.isCancelled()) ...}</pre> */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Children still running. <pre>{@code int n = group.size();}</pre> */
    public int size() {
        return running.size();
    }

    /** For example {@code TaskGroup[running=2, failed: java.io.IOException: boom]}. */
    @Override
    public String toString() {
        return (supervisor ? "TaskGroup.supervisor[" : "TaskGroup[") + "running=" + running.size()
                + (failure != null ? ", failed: " + failure : cancelled ? ", cancelled" : "")
            + (closed ? ", closed" : closing ? ", closing" : "") + "]";
    }

    // ---- machinery ------------------------------------------------------------------------------

    private void checkThread() {
        LoopConfinement.check(loop, "TaskGroup");
    }

    private void childDone(ChildTask<?> child) {
        running.remove(child);
        if (!supervisor && child.isFailed()) {
            Throwable error = child.exceptionNow(); // the group takes charge of it
            boolean nobodyWillSee = closed;
            if (failure == null) {
                failure = error;
                if (nobodyWillSee) {
                    reportUndelivered();
                } else {
                    cancel();
                }
            } else if (error != failure) {
                failure.addSuppressed(error);
                if (failureDelivered || nobodyWillSee) {
                    // Joined or closed already: nobody will see it as suppressed any more.
                    loop.reportUnhandled(String.valueOf(child.taskName()), error);
                }
            }
        }
        if (running.isEmpty() && !joins.isEmpty()) {
            List<Join> ready = new ArrayList<>(joins);
            joins.clear();
            for (Join j : ready) {
                j.settle();
            }
        }
    }

    private void reportUndelivered() {
        Throwable undelivered = takeUndelivered();
        if (undelivered != null) {
            loop.reportUnhandled("TaskGroup", undelivered);
        }
    }

    /** Whether {@code e} is {@code carrier} or one of its causes. */
    private static boolean carries(Throwable carrier, Throwable e) {
        for (Throwable t = carrier; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == e) {
                return true;
            }
        }
        return false;
    }

    /** The failure if no join delivered it yet; it counts as delivered from now on. */
    private Throwable takeUndelivered() {
        if (failure == null || failureDelivered) {
            return null;
        }
        failureDelivered = true;
        return failure;
    }

    private final class Parent implements ChildTask.Parent {
        @Override
        public void childDone(ChildTask<?> child, boolean awaited) {
            TaskGroup.this.childDone(child);
        }
    }

    /** One join() or closeAsync(): completes when the group has no running child. */
    private static final class Join extends Promise<Void> {
        private final TaskGroup group;
        private final boolean forClose;
        /** For a close: the exception that left the block, or null if it completed normally. */
        private final Throwable cause;
        private boolean cancelRequested;

        Join(TaskGroup group) {
            this.group = group;
            this.forClose = false;
            this.cause = null;
        }

        Join(TaskGroup group, Throwable cause) {
            this.group = group;
            this.forClose = true;
            this.cause = cause;
        }

        void settle() {
            if (forClose) {
                group.closing = false;
                group.closed = true;
                Throwable undelivered = group.takeUndelivered();
                if (undelivered != null && !carries(cause, undelivered)) {
                    // A child's failure: never dropped, not even for a cancellation.
                    fail(undelivered);
                } else if (cancelRequested) {
                    fail(new CancellationException("TaskGroup.closeAsync was cancelled"));
                } else {
                    complete(null);
                }
            } else if (cancelRequested) {
                fail(new CancellationException("TaskGroup.join was cancelled"));
            } else if (group.failure != null) {
                group.failureDelivered = true;
                fail(group.failure);
            } else {
                complete(null);
            }
        }

        @Override
        protected boolean onCancel() {
            if (cancelRequested) {
                return false;
            }
            cancelRequested = true;
            group.cancel();
            if (group.running.isEmpty()) {
                group.joins.remove(this);
                settle();
            }
            return true;
        }

        @Override
        public String taskName() {
            return forClose ? "TaskGroup.closeAsync" : "TaskGroup.join";
        }
    }
}
