package io.jawait.internal.io;

import io.jawait.Task;
import io.jawait.internal.Promise;
import io.jawait.internal.StageTask;
import io.jawait.internal.TaskAccess;
import io.jawait.internal.Waiter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs calls that can only block (the file system, the JDK's name resolver) on a few daemon
 * threads, so that they never hold up an event loop; the task completes on the caller's loop.
 * Cancelling the task stops waiting for it, not the call.
 */
public final class BlockingIo {
    /** Enough threads to overlap slow disks or lookups; idle ones exit after a while. */
    private static final int THREADS = 8;
    private static final ExecutorService EXECUTOR = newExecutor();

    private BlockingIo() {
    }

    /** The executor, also handed to {@link java.nio.channels.AsynchronousFileChannel}s. */
    public static ExecutorService executor() {
        return EXECUTOR;
    }

    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "jawait-blocking-io-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Runs {@code call} off the loop; the task completes on the current loop with its result or exception. */
    public static <T> Task<T> call(Callable<T> call) {
        return StageTask.of(CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, EXECUTOR));
    }

    /**
     * Like {@link #call(Callable)} for calls that acquire something (an open file): if the task
     * is cancelled before the call returns, the call still finishes and its result goes to
     * {@code discard} on the loop, so nothing leaks.
     */
    public static <T> Task<T> call(Callable<T> call, Consumer<? super T> discard) {
        Abandonable<T> result = new Abandonable<>(discard);
        Task<T> running = call(call);
        if (running.isDone()) {   // it may finish before we get here
            result.onDone(running);
        } else {
            TaskAccess.get().addWaiter(running, result);
        }
        return result;
    }

    /** The task handed out by {@link #call(Callable, Consumer)}; cancelling it leaves the call running. */
    private static final class Abandonable<T> extends Promise<T> implements Waiter {
        private final Consumer<? super T> discard;

        Abandonable(Consumer<? super T> discard) {
            this.discard = discard;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onDone(Task<?> call) {
            if (!isDone()) {
                completeFrom(call);
            } else if (TaskAccess.get().state(call) == TaskAccess.SUCCEEDED) {
                discard.accept((T) TaskAccess.get().rawResult(call));
            } else {
                TaskAccess.get().observe(call);
            }
        }
    }
}
