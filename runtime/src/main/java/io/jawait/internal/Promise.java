package io.jawait.internal;

import io.jawait.Task;
import java.util.concurrent.CancellationException;

/**
 * A task completed explicitly by runtime code (timers, combinators, future bridges), as opposed
 * to a {@link Coroutine}, which completes itself. Loop-thread only.
 */
public class Promise<T> extends Task<T> {
    static final TaskAccess TASKS = TaskAccess.get();

    /** Binds the promise to the current thread's loop. */
    public Promise() {
    }

    /**
     * Requests cancellation, as {@link Task#cancel()} says. On the loop thread a pending promise
     * runs {@link #onCancel()}; from another thread the request is posted to the loop.
     */
    @Override
    public boolean cancel() {
        if (isDone()) {
            return false;
        }
        LoopCore loop = loop();
        if (!loop.inLoopThread()) {
            return loop.tryExecute(this::cancel);
        }
        return loop.cancel(this);
    }

    /**
     * What cancelling does, called on the loop thread while the promise is pending: stop the work
     * it stands for and complete, once that work has stopped (cancellation runs innermost first:
     * whoever awaits this promise resumes after the work's own cleanup ran). Returns what
     * {@link #cancel()} returns. By default it completes cancelled at once.
     */
    protected boolean onCancel() {
        return cancelNow();
    }

    /** Completes cancelled at once (loop thread); false if already complete. */
    protected final boolean cancelNow() {
        return super.cancel();
    }

    /** Completes with a value; false if already complete. */
    public final boolean complete(T value) {
        return TASKS.finish(this, TaskAccess.SUCCEEDED, value);
    }

    /** Completes with an exception (a CancellationException cancels); false if already complete. */
    public final boolean fail(Throwable error) {
        return TASKS.finish(this, error instanceof CancellationException ? TaskAccess.CANCELLED : TaskAccess.FAILED, error);
    }

    /** Completes with the outcome of another, completed task, which counts as observing it. */
    public final boolean completeFrom(Task<?> done) {
        int state = TASKS.state(done);
        Object result = TASKS.rawResult(done);
        TASKS.observe(done);
        return TASKS.finish(this, state, result);
    }

    /** The loop this promise belongs to. */
    public final LoopCore loop() {
        return TASKS.loop(this);
    }

    /**
     * Calls {@code waiter.onDone(task)} on this promise's loop once {@code task} completes; at once
     * if it is already complete. A task of another loop is watched through a future, since its
     * waiter list belongs to the other loop's thread.
     */
    public final void watch(Task<?> task, Waiter waiter) {
        LoopCore mine = loop();
        LoopCore theirs = TASKS.loop(task);
        if (task.isDone()) {
            waiter.onDone(task);
        } else if (theirs == mine) {
            TASKS.addWaiter(task, waiter);
        } else {
            task.toCompletableFuture().whenComplete((v, e) -> mine.tryExecute(() -> waiter.onDone(task)));
        }
    }

    /** Cancels those of {@code tasks} still pending (combinators stopping their other inputs). */
    static void cancelPending(Task<?>[] tasks) {
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }
}
