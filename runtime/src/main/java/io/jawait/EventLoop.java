package io.jawait;

import io.jawait.internal.LoopCore;
import io.jawait.internal.SubmittedTask;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * A single-threaded event loop: a ready queue, a timer heap (ordered by deadline, then creation
 * order), an NIO {@link java.nio.channels.Selector} it waits in, and a thread-safe inbox for work
 * posted from other threads. All tasks of a loop run on the thread that created it, so task code
 * needs no locks.
 *
 * <p>Most programs never touch this class: {@link Tasks#run} creates, runs and closes a loop.
 * <pre>{@code
 * try (EventLoop loop = new EventLoop()) {           // binds the loop to this thread
 *     loop.setUnhandledErrorHandler((task, e) -> log.error(task, e));
 *     Task<String> t = fetch(url);                   // @Async methods start on the current loop
 *     loop.runUntilDone(t);
 *     System.out.println(t.resultNow());
 * }                                                  // cancels what still runs, then unbinds
 * }</pre>
 *
 * <p>{@link #execute}, {@link #submit}, {@link #inLoopThread()} and {@link #now()} may be called from any thread;
 * the other methods only on the loop's own thread.
 */
public final class EventLoop implements Executor, AutoCloseable {
    private final LoopCore core;

    /**
     * Creates a loop owned by the calling thread, with the {@link System#nanoTime()} clock, and
     * makes it the thread's current loop.
     * <pre>{@code EventLoop loop = new EventLoop();}</pre>
     *
     * @throws IllegalStateException if the thread already has a loop
     */
    public EventLoop() {
        this(System::nanoTime);
    }

    /**
     * Creates a loop whose timers follow {@code nanoClock}, a monotonic source of nanoseconds (for
     * tests that control time).
     * <pre>{@code EventLoop loop = new EventLoop(fakeClock::nanos);}</pre>
     *
     * @throws IllegalStateException if the thread already has a loop
     */
    public EventLoop(LongSupplier nanoClock) {
        this.core = new LoopCore(this, Objects.requireNonNull(nanoClock, "nanoClock"));
    }

    /**
     * The loop of the calling thread.
     * <pre>{@code EventLoop.current().execute(() -> ...);}</pre>
     *
     * @throws IllegalStateException if no loop runs on this thread, saying how to start one
     */
    public static EventLoop current() {
        return LoopCore.require().facade();
    }

    /** The loop of the calling thread, or null. <pre>{@code if (EventLoop.currentOrNull() == null) ...}</pre> */
    public static EventLoop currentOrNull() {
        LoopCore core = LoopCore.currentOrNull();
        return core == null ? null : core.facade();
    }

    /** The loop's monotonic clock, in nanoseconds. <pre>{@code long t0 = loop.now();}</pre> */
    public long now() {
        return core.now();
    }

    /** True if the caller runs on this loop's thread. <pre>{@code assert loop.inLoopThread();}</pre> */
    public boolean inLoopThread() {
        return core.inLoopThread();
    }

    /**
     * Runs {@code action} on the loop thread soon, after work already queued. Thread-safe: the
     * way for other threads to hand work to the loop (it wakes the loop if it is waiting). Racing
     * with {@link #close()}, an action is either refused (this throws) or runs: one the loop took
     * during its closing runs on the closing loop, whose tasks are already cancelled.
     * <pre>{@code loop.execute(() -> task.cancel());}</pre>
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop is closed
     */
    @Override
    public void execute(Runnable action) {
        core.execute(action);
    }

    /**
     * Starts the task {@code body} returns on this loop and returns a future of its outcome,
     * usable from any thread (asyncio's {@code run_coroutine_threadsafe}). Thread-safe. The future
     * completes with the task's value or original exception; cancelling the future cancels the
     * task (or keeps it from starting). Submitted while the loop closes, the task is cancelled (or
     * not started, the future then cancelled): the future always completes.
     * <pre>{@code String page = loop.submit(() -> fetch(url)).join();   // from a worker thread}</pre>
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop is closed
     */
    public <T> CompletableFuture<T> submit(TaskSupplier<T, ?> body) {
        return SubmittedTask.submit(core, body);
    }

    /**
     * Runs {@code action} on the loop after {@code delay}. The returned task completes once the
     * action ran (or fails with what it threw); cancelling it before then cancels the action.
     * <pre>{@code Task<Void> reminder = loop.schedule(Duration.ofSeconds(5), () -> System.out.println("5 s"));}</pre>
     */
    public Task<Void> schedule(Duration delay, Runnable action) {
        return core.schedule(Tasks.toNanos(delay), action);
    }

    /** Same with a delay in milliseconds. <pre>{@code loop.schedule(100, () -> ...);}</pre> */
    public Task<Void> schedule(long delayMillis, Runnable action) {
        return core.schedule(TimeUnit.MILLISECONDS.toNanos(delayMillis), action);
    }

    /**
     * Runs the loop on the calling (owner) thread until {@code task} completes. It does not
     * return the value; read it with {@link Task#resultNow()} or {@link Task#join()}.
     * <pre>{@code loop.runUntilDone(main); return main.join();}</pre>
     * An interrupt of the calling thread cancels {@code task} and the loop runs on until the task
     * has completed (its catch/finally blocks ran); the thread's interrupt status is set again
     * when this returns.
     *
     * @throws IllegalStateException if called from code already running on the loop
     * @throws java.util.concurrent.CancellationException if the calling thread was interrupted
     *     and the task ended cancelled; its cause is an {@link InterruptedException}
     */
    public void runUntilDone(Task<?> task) {
        core.runUntilDone(task);
    }

    /**
     * Replaces where errors nobody observed go: failed tasks that were never awaited, and
     * exceptions thrown by callbacks. The handler gets the task's name and the exception, on the
     * loop thread. By default they are logged to the {@code System.Logger} named "io.jawait".
     * <pre>{@code loop.setUnhandledErrorHandler((name, e) -> metrics.count(name));}</pre>
     *
     * @param handler the handler, or null to restore logging
     */
    public void setUnhandledErrorHandler(BiConsumer<String, Throwable> handler) {
        core.setErrorHandler(handler);
    }

    /**
     * Shuts the loop down: cancels every task still running and lets their catch/finally blocks
     * run (as long as they keep doing work), cancels leftover timers, reports failures nobody
     * observed, closes the selector and unbinds the loop from its thread. Idempotent.
     * <pre>{@code loop.close();}</pre>
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Describes the loop and every task suspended on it, a line each with what it awaits: what to
     * look at when a program does not finish (asyncio's {@code all_tasks}, kotlinx's coroutine
     * dump). Thread-safe: from another thread it asks the loop and waits at most a second; if the
     * loop does not answer (its thread is blocked, or busy in code that never suspends), it shows
     * that thread's stack instead.
     * <pre>{@code
     * System.err.println(loop.dumpTasks());
     * // EventLoop[thread=main, ready=0, timers=1, live=2]
     * //   Task[Crawler.main, pending] awaiting Task[gather, pending]
     * //   Task[Crawler.fetch, pending] awaiting Task[sleep, pending]
     * }</pre>
     */
    public String dumpTasks() {
        if (core.inLoopThread()) {
            return core.dumpTasks();
        }
        String stepped = core.dumpFromOutside();
        if (stepped != null) {
            return stepped;
        }
        CompletableFuture<String> dump = new CompletableFuture<>();
        if (!core.tryExecute(() -> dump.complete(core.dumpTasks()))) {
            return core + ": closed";
        }
        try {
            return dump.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            StringBuilder out = new StringBuilder(core.toString()).append(": no answer within 1 s; its thread:");
            for (StackTraceElement frame : core.thread().getStackTrace()) {
                out.append("\n  at ").append(frame);
            }
            return out.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return core + ": interrupted while waiting for the dump";
        } catch (ExecutionException e) {
            throw new IllegalStateException("the task dump failed on the loop", e.getCause());
        }
    }

    /** The machinery behind this loop, for the other classes of this package. */
    LoopCore core() {
        return core;
    }

    /** For example {@code EventLoop[thread=main, ready=0, timers=3, live=2]}. */
    @Override
    public String toString() {
        return core.toString();
    }
}
