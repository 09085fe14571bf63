package io.jawait.internal;

import io.jawait.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code Tasks.toThread}: runs blocking code on another thread and completes on the loop thread
 * with its result. While it runs it holds a virtual clock still (a test loop waits for it in real
 * time). Cancelling it completes it at once and interrupts the thread if the code has started (as
 * kotlinx's {@code runInterruptible}); code that has not started yet never runs.
 */
public final class ThreadTask<T> extends Promise<T> {
    /** asyncio's default executor size: enough for blocking I/O, bounded so it cannot explode. */
    private static final int POOL_THREADS = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    private static volatile ThreadPoolExecutor defaultPool;

    private final Callable<? extends T> body;
    private FutureTask<Void> work;
    private boolean holding;

    private ThreadTask(Callable<? extends T> body) {
        this.body = body;
    }

    /** Starts {@code body} on {@code executor}, or on the shared pool for null. */
    public static <T> Task<T> start(Callable<? extends T> body, Executor executor) {
        ThreadTask<T> task = new ThreadTask<>(body);
        LoopCore loop = task.loop();
        task.work = new FutureTask<>(() -> {
            T value = null;
            Throwable error = null;
            try {
                value = body.call();
            } catch (Throwable e) {
                error = e;
            }
            T v = value;
            Throwable e = error;
            loop.tryExecute(() -> task.settle(v, e));
            return null;
        });
        loop.holdClock();
        task.holding = true;
        try {
            (executor != null ? executor : defaultPool()).execute(task.work);
        } catch (RejectedExecutionException e) {
            task.release();
            task.fail(e);
        }
        return task;
    }

    private void settle(T value, Throwable error) {
        release();
        if (isDone()) {
            return;
        }
        if (error == null) {
            complete(value);
        } else {
            fail(error);
        }
    }

    private void release() {
        if (holding) {
            holding = false;
            loop().releaseClock();
        }
    }

    /** Interrupts the thread (if the code has started) before anyone awaiting this task resumes. */
    @Override
    protected boolean onCancel() {
        release();
        work.cancel(true);
        return cancelNow();
    }

    @Override
    public String taskName() {
        return "toThread";
    }

    /** The shared pool: daemon threads, created on first use, idle ones stop after a minute. */
    static ThreadPoolExecutor defaultPool() {
        ThreadPoolExecutor pool = defaultPool;
        if (pool == null) {
            synchronized (ThreadTask.class) {
                pool = defaultPool;
                if (pool == null) {
                    AtomicInteger count = new AtomicInteger();
                    pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 60, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), r -> {
                                Thread t = new Thread(r, "jawait-blocking-" + count.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    pool.allowCoreThreadTimeOut(true);
                    defaultPool = pool;
                }
            }
        }
        return pool;
    }
}
