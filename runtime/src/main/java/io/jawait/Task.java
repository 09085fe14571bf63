package io.jawait;

import io.jawait.internal.AsyncStackTrace;
import io.jawait.internal.CallbackWaiter;
import io.jawait.internal.LoopCore;
import io.jawait.internal.TaskAccess;
import io.jawait.internal.TaskFuture;
import io.jawait.internal.UnobservedFailure;
import io.jawait.internal.Waiter;
import io.jawait.internal.Watcher;
import io.jawait.internal.WaiterList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The result of an asynchronous computation running on an {@link EventLoop}: the return type of
 * every {@code @Async} method.
 *
 * <pre>{@code
 * @Async
 * Task<Integer> answer() {
 *     await(Tasks.sleep(10));
 *     return Task.of(42);
 * }
 * // elsewhere, inside another @Async method:  int a = await(answer());
 * // from plain code:                          int a = Tasks.run(() -> answer());
 * }</pre>
 *
 * <p>A task is pending, then completes exactly once: with a value, with an exception (failed), or
 * with a {@link CancellationException} (cancelled). An {@code @Async} method's task is its
 * generated state machine itself, so this is a class, not an interface.
 *
 * <p><b>Threads.</b> A task belongs to the loop that created it, and its code runs on that loop's
 * thread. {@link #isDone()}, {@link #isCancelled()}, {@link #isFailed()}, {@link #resultNow()},
 * {@link #exceptionNow()}, {@link #cancel()}, {@link #join()}, {@link #onComplete} and
 * {@link #toCompletableFuture()} may be called from any thread (requests are posted to the loop);
 * everything else is meant for the loop thread.
 *
 * <p><b>Unobserved failures.</b> A task that fails while nobody awaits it, and that is never
 * awaited, joined or inspected afterwards, is reported to the loop's unhandled-error handler (by
 * default the {@code System.Logger} named {@code "io.jawait"}) when it is garbage collected or, at
 * the latest, when its loop closes. Cancellation is not an error and is never reported.
 *
 * @param <T> the type of the value
 */
public class Task<T> {
    private static final int PENDING = TaskAccess.PENDING;
    private static final int SUCCEEDED = TaskAccess.SUCCEEDED;
    private static final int FAILED = TaskAccess.FAILED;
    private static final int CANCELLED = TaskAccess.CANCELLED;
    private static final VarHandle STATE;
    private static final Task<Void> DONE;
    private static final Task<Void> YIELD;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        DONE = new Task<>(SUCCEEDED, null, null);
        YIELD = new YieldMarker();
        TaskAccess.install(new TaskAccess() {
            @Override
            public boolean finish(Task<?> task, int state, Object result) {
                return task.finish(state, result);
            }

            @Override
            public Object settle(Task<?> task, int state, Object result) {
                return task.settle(state, result);
            }

            @Override
            public int state(Task<?> task) {
                return task.acquireState();
            }

            @Override
            public Object rawResult(Task<?> task) {
                return task.result;
            }

            @Override
            public Object valueOrThrow(Task<?> task) {
                return task.valueOrThrow();
            }

            @Override
            public void observe(Task<?> task) {
                task.observe();
            }

            @Override
            public void addWaiter(Task<?> task, Object waiter) {
                task.addWaiter(waiter);
            }

            @Override
            public boolean removeWaiter(Task<?> task, Object waiter) {
                return task.removeWaiter(waiter);
            }

            @Override
            public LoopCore loop(Task<?> task) {
                return task.loop;
            }

            @Override
            public boolean hasWaiters(Task<?> task) {
                return task.acquireState() == PENDING && task.waiters != null;
            }

            @Override
            public void forEachWaiter(Task<?> task, Consumer<Object> action) {
                Object w = task.acquireState() == PENDING ? task.waiters : null;
                if (w instanceof WaiterList) {
                    WaiterList list = (WaiterList) w;
                    for (int i = 0; i < list.size(); i++) {
                        action.accept(list.get(i));
                    }
                } else if (w != null) {
                    action.accept(w);
                }
            }

            @Override
            public Task<Void> yieldMarker() {
                return YIELD;
            }

            @Override
            public RuntimeException sneakyThrow(Throwable error) {
                throw Task.<RuntimeException>sneaky(error);
            }
        });
    }

    // Deliberately private and few: generated subclasses live in user packages (inherited names
    // would shadow the user's) and every suspended task pays for each field.
    private final LoopCore loop;
    private int state;
    private Object result;
    /** Pending: null, one continuation, or a list. Failed: maybe an UnobservedFailure marker. */
    private Object waiters;

    /**
     * Creates a pending task bound to the current thread's event loop. Used by the runtime and by
     * generated code; application code obtains tasks from {@code @Async} methods and {@link Tasks}.
     *
     * @throws IllegalStateException if no event loop runs on the current thread
     */
    protected Task() {
        this.loop = LoopCore.require();
    }

    private Task(int state, Object result, LoopCore loop) {
        this.loop = loop;
        this.result = result;
        this.state = state;
    }

    // ---- factories ------------------------------------------------------------------------------

    /**
     * A task already completed with {@code value}.
     * <pre>{@code return Task.of(user.name());   // in an @Async method returning Task<String>}</pre>
     */
    public static <T> Task<T> of(T value) {
        return new Task<>(SUCCEEDED, value, null);
    }

    /**
     * The task already completed with {@code null}, for {@code Task<Void>} methods.
     * <pre>{@code return Task.done();}</pre>
     */
    public static Task<Void> done() {
        return DONE;
    }

    /**
     * A task already failed with {@code error} (cancelled, if it is a CancellationException).
     * <pre>{@code if (id < 0) return Task.failed(new IllegalArgumentException("id < 0"));}</pre>
     */
    public static <T> Task<T> failed(Throwable error) {
        Objects.requireNonNull(error, "error");
        LoopCore current = LoopCore.currentOrNull();
        if (error instanceof CancellationException) {
            return new Task<>(CANCELLED, error, current);
        }
        Task<T> task = new Task<>(FAILED, error, current);
        if (current != null) {
            task.waiters = current.unobserved(task, error);
        }
        return task;
    }

    /** The task {@link Tasks#yieldNow()} returns. */
    static Task<Void> yieldMarker() {
        return YIELD;
    }

    /**
     * Complete like {@link #done()}, so that it is harmless anywhere; a coroutine's await
     * recognises it by identity and goes once through the ready queue instead.
     */
    private static final class YieldMarker extends Task<Void> {
        YieldMarker() {
            super(SUCCEEDED, null, null);
        }

        @Override
        public String taskName() {
            return "yield";
        }
    }

    // ---- awaiting -------------------------------------------------------------------------------

    /**
     * Suspends the enclosing {@code @Async} method until this task completes and returns its value
     * or throws its exception. Same as {@link Tasks#await(Task) Tasks.await(this)}.
     * <pre>{@code String body = fetch(url).await();}</pre>
     *
     * <p>This is a marker that the jawait processor rewrites; executed as is, it throws.
     *
     * @throws IllegalStateException always, when not rewritten by the processor
     */
    public final T await() {
        throw new IllegalStateException(Tasks.notRewrittenMessage("await()"));
    }

    /**
     * Blocks the calling thread until this task completes, then returns its value or throws its
     * original exception (unwrapped, possibly checked). For threads that do not run an event loop.
     * <pre>{@code String page = task.join();   // e.g. in a worker thread}</pre>
     *
     * @throws IllegalStateException if called on a thread that runs an event loop while the task
     *     is pending (it would block the loop forever)
     */
    public final T join() {
        if (!isDone()) {
            if (LoopCore.currentOrNull() != null) {
                throw new IllegalStateException("join() would block the event loop on thread '"
                        + Thread.currentThread().getName() + "' while " + this + " is pending; inside an @Async"
                        + " method use await(task) instead");
            }
            CompletableFuture<T> future = toCompletableFuture();
            boolean interrupted = false;
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (acquireState() == FAILED) {
            AsyncStackTrace.tidy((Throwable) result);
        }
        @SuppressWarnings("unchecked")
        T value = (T) valueOrThrow();
        return value;
    }

    // ---- cancellation ---------------------------------------------------------------------------

    /**
     * Requests cancellation; returns false if the task is already complete, like
     * {@link java.util.concurrent.Future#cancel}. An {@code @Async} method suspended in an await
     * gets a {@link CancellationException} thrown at that await, so its catch/finally blocks run,
     * and the task it was awaiting is cancelled too; it ends cancelled if it lets the exception
     * escape. One that is running (it cancels itself) gets it at its next await, and ends cancelled
     * if it returns before one. Other tasks (sleeps, gathers, ...) are cancelled at once. Called
     * from another thread, the request is posted to the loop.
     * <pre>{@code Task<Void> ticker = tick(); ...; ticker.cancel();}</pre>
     */
    public boolean cancel() {
        if (isDone()) {
            return false;
        }
        if (!loop.inLoopThread()) {
            return loop.tryExecute(this::cancel);
        }
        String name = taskName();
        return finish(CANCELLED, new CancellationException((name != null ? name : "task") + " was cancelled"));
    }

    // ---- state ----------------------------------------------------------------------------------

    /** True once the task completed in any way. <pre>{@code if (t.isDone()) ...}</pre> */
    public final boolean isDone() {
        return acquireState() != PENDING;
    }

    /** True if the task completed with a CancellationException. <pre>{@code assert t.isCancelled();}</pre> */
    public final boolean isCancelled() {
        return acquireState() == CANCELLED;
    }

    /** True if the task completed with an exception other than cancellation. <pre>{@code if (t.isFailed()) ...}</pre> */
    public final boolean isFailed() {
        return acquireState() == FAILED;
    }

    /**
     * The value of a task that completed successfully, like {@code Future.resultNow()} (Java 19+).
     * <pre>{@code int n = Tasks.gather(a, b).resultNow().size();}</pre>
     *
     * @throws IllegalStateException if the task is pending, failed (with the exception as cause) or cancelled
     */
    public final T resultNow() {
        switch (acquireState()) {
            case SUCCEEDED:
                @SuppressWarnings("unchecked")
                T value = (T) result;
                return value;
            case FAILED:
                observe();
                throw new IllegalStateException(this + " completed with an exception", (Throwable) result);
            case CANCELLED:
                throw new IllegalStateException(this + " was cancelled");
            default:
                throw new IllegalStateException(pendingMessage());
        }
    }

    /**
     * The exception of a failed task, like {@code Future.exceptionNow()} (Java 19+).
     * <pre>{@code log.warn("fetch failed", t.exceptionNow());}</pre>
     *
     * @throws IllegalStateException if the task is pending, succeeded or cancelled
     */
    public final Throwable exceptionNow() {
        switch (acquireState()) {
            case FAILED:
                observe();
                return (Throwable) result;
            case SUCCEEDED:
                throw new IllegalStateException(this + " completed with a result, not an exception");
            case CANCELLED:
                throw new IllegalStateException(this + " was cancelled");
            default:
                throw new IllegalStateException(pendingMessage());
        }
    }

    private String pendingMessage() {
        return this + " has not completed yet; await it inside an @Async method, or use join() from a thread"
                + " that does not run an event loop";
    }

    // ---- interop --------------------------------------------------------------------------------

    /**
     * Runs {@code callback} on the loop thread when the task completes, with (value, null) or
     * (null, exception); at once if it already has and the caller is on the loop thread. Returns
     * this task. Exceptions thrown by the callback go to the unhandled-error handler.
     * <pre>{@code task.onComplete((v, e) -> System.out.println(e == null ? "got " + v : "failed: " + e));}</pre>
     */
    public final Task<T> onComplete(BiConsumer<? super T, ? super Throwable> callback) {
        attach(new CallbackWaiter<>(Objects.requireNonNull(callback, "callback")));
        return this;
    }

    /**
     * A new CompletableFuture completed with this task's value or original exception (a
     * cancelled task cancels the future). Cancelling the future cancels the task.
     * <pre>{@code CompletableFuture<String> f = fetch(url).toCompletableFuture();}</pre>
     */
    public final CompletableFuture<T> toCompletableFuture() {
        TaskFuture<T> future = new TaskFuture<>(this);
        if (isDone()) {
            future.settle();
        } else {
            attach(future);
        }
        return future;
    }

    /** Registers a waiter from any thread; a waiter on a complete task runs on the loop thread. */
    private void attach(Waiter waiter) {
        if (isDone()) {
            if (loop == null || loop.inLoopThread() || !loop.tryExecute(() -> waiter.onDone(this))) {
                waiter.onDone(this);
            }
        } else if (loop.inLoopThread()) {
            addWaiter(waiter);
        } else {
            loop.tryExecute(() -> attach(waiter));
        }
    }

    // ---- description ----------------------------------------------------------------------------

    /**
     * The task's name, e.g. {@code "Fetcher.fetch"} for an {@code @Async} method, {@code "sleep"}
     * for {@link Tasks#sleep(long)}; null for anonymous tasks such as {@link #of}.
     * <pre>{@code System.out.println(task.taskName());}</pre>
     */
    public String taskName() {
        return null;
    }

    /**
     * For example {@code Task[Fetcher.fetch, pending]}, {@code Task[Fetcher.fetch, done: 42]},
     * {@code Task[Fetcher.fetch, failed: java.io.IOException: boom]}, {@code Task[sleep, cancelled]}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Task[");
        String name = taskName();
        if (name != null) {
            text.append(name).append(", ");
        }
        switch (acquireState()) {
            case SUCCEEDED:
                String value = String.valueOf(result);
                text.append("done: ").append(value.length() > 80 ? value.substring(0, 77) + "..." : value);
                break;
            case FAILED:
                text.append("failed: ").append(result);
                break;
            case CANCELLED:
                text.append("cancelled");
                break;
            default:
                text.append("pending");
        }
        return text.append(']').toString();
    }

    // ---- machinery (reached from io.jawait.internal through TaskAccess) ---------------------------

    private int acquireState() {
        return (int) STATE.getAcquire(this);
    }

    /** Loop thread only. Publishes the outcome, then resumes the continuations. */
    private boolean finish(int newState, Object value) {
        Object continuations = settle(newState, value);
        if (continuations == TaskAccess.ALREADY_COMPLETE) {
            return false;
        }
        if (continuations != null) {
            loop.dispatchAll(continuations, this);
        }
        return true;
    }

    /**
     * Loop thread only. Publishes the outcome and returns the continuations, which the caller must
     * resume (null if there are none), or {@link TaskAccess#ALREADY_COMPLETE}.
     */
    private Object settle(int newState, Object value) {
        if (state != PENDING) {
            return TaskAccess.ALREADY_COMPLETE;
        }
        Object continuations = waiters;
        result = value;
        // The marker is stored before the release so that observers on other threads see it.
        waiters = newState == FAILED && onlyWatchers(continuations) ? loop.unobserved(this, (Throwable) value) : null;
        STATE.setRelease(this, newState);
        return continuations;
    }

    /** True if nobody among the continuations will handle a failure (see {@link Watcher}). */
    private static boolean onlyWatchers(Object continuations) {
        if (continuations instanceof WaiterList) {
            WaiterList list = (WaiterList) continuations;
            for (int i = 0, n = list.size(); i < n; i++) {
                if (!(list.get(i) instanceof Watcher)) {
                    return false;
                }
            }
            return true;
        }
        return continuations == null || continuations instanceof Watcher;
    }

    private Object valueOrThrow() {
        int s = acquireState();
        if (s == SUCCEEDED) {
            return result;
        }
        if (s == PENDING) {
            throw new IllegalStateException(pendingMessage());
        }
        observe();
        throw Task.<RuntimeException>sneaky((Throwable) result);
    }

    private void observe() {
        Object marker = waiters;
        if (marker instanceof UnobservedFailure) {
            waiters = null;
            UnobservedFailure failure = (UnobservedFailure) marker;
            failure.claim();
            if (loop.inLoopThread()) {
                loop.forget(failure);
            }
        }
    }

    private void addWaiter(Object waiter) {
        Object current = waiters;
        waiters = current == null ? waiter : WaiterList.append(current, waiter);
    }

    private boolean removeWaiter(Object waiter) {
        Object current = waiters;
        if (current == waiter) {
            waiters = null;
            return true;
        }
        return WaiterList.remove(current, waiter);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
