package io.jawait.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Bridges a {@link CompletionStage} into the loop: whatever thread completes the stage, the task
 * completes on its loop thread, with the stage's exception unwrapped from
 * CompletionException/ExecutionException. Cancelling the task detaches it but leaves the stage
 * alone, since it may be shared with code outside the loop.
 */
public final class StageTask<T> extends OutsidePromise<T> implements BiConsumer<T, Throwable>, Runnable {
    private T value;
    private Throwable error;

    private StageTask() {
    }

    /** A task on the current loop that completes like {@code stage}; already complete if the stage is. */
    public static <T> StageTask<T> of(CompletionStage<T> stage) {
        StageTask<T> task = new StageTask<>();
        stage.whenComplete(task);
        return task;
    }

    /** Called by the stage, on any thread. The fields are published to the loop by the inbox queue. */
    @Override
    public void accept(T v, Throwable e) {
        value = v;
        error = e;
        LoopCore loop = loop();
        if (loop.inLoopThread()) {
            run();
        } else {
            loop.tryExecute(this);
        }
    }

    /** Runs on the loop thread once the stage has completed. */
    @Override
    public void run() {
        stopWaiting();
        if (isDone()) {
            return;
        }
        Throwable e = error;
        if (e == null) {
            complete(value);
        } else {
            fail(unwrap(e));
        }
        value = null;
        error = null;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    @Override
    protected boolean onCancel() {
        boolean cancelled = super.onCancel();
        stopWaiting();
        return cancelled;
    }

    @Override
    public String taskName() {
        return "CompletionStage";
    }
}
