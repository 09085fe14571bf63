package io.jawait.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Bridges a {@link CompletionStage} into the loop: whatever thread completes the stage, the task
 * completes on its loop thread, with the stage's own exception (see {@link #unwrap}). Cancelling the
 * task detaches it but leaves the stage alone, since it may be shared with code outside the loop.
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

    /**
     * The stage's failure without the wrapping the stage itself added. CompletableFuture hands a
     * dependent stage (thenApply, supplyAsync, ...) its failure inside a CompletionException it
     * creates; that wrapper goes. A CompletionException or ExecutionException that user code made
     * and failed the stage with is the failure itself and stays, as a blocking {@code join()} would
     * show it. CompletableFuture never wraps twice, nor in an ExecutionException.
     */
    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null && madeByCompletableFuture(e) ? e.getCause() : e;
    }

    private static boolean madeByCompletableFuture(Throwable wrapper) {
        StackTraceElement[] trace = wrapper.getStackTrace();
        if (trace.length == 0) {
            // No stack traces (-XX:-StackTraceInThrowable): CompletableFuture's wrappers are made with
            // the cause alone, which gives them the cause's description as their message.
            return String.valueOf(wrapper.getCause()).equals(wrapper.getMessage());
        }
        return trace[0].getClassName().equals(CompletableFuture.class.getName());
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
