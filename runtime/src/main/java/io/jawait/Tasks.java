package io.jawait;

import io.jawait.internal.AsCompleted;
import io.jawait.internal.CrossLoopTask;
import io.jawait.internal.GatherTask;
import io.jawait.internal.LoopCore;
import io.jawait.internal.RaceTask;
import io.jawait.internal.ShieldTask;
import io.jawait.internal.SleepTask;
import io.jawait.internal.ThreadTask;
import io.jawait.internal.TimeoutTask;
import io.jawait.internal.WaitForTask;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Static entry points of jawait, meant to be imported with {@code import static io.jawait.Tasks.*}.
 *
 * <pre>{@code
 * @Async
 * static Task<Void> crawl() {
 *     List<String> pages = await(gather(fetch(a), fetch(b)));
 *     await(sleep(Duration.ofMillis(100)));
 *     String c = await(withTimeout(Duration.ofSeconds(2), fetch(c)));
 *     return Task.done();
 * }
 *
 * public static void main(String[] args) {
 *     Tasks.run(() -> crawl());
 * }
 * }</pre>
 */
public final class Tasks {
    private Tasks() {
    }

    // ---- await markers --------------------------------------------------------------------------

    /**
     * Suspends the enclosing {@code @Async} method until {@code task} completes, then returns its
     * value or throws its original exception.
     * <pre>{@code String body = await(fetch(url));}</pre>
     *
     * <p>A marker that the jawait processor rewrites; executed as is, it throws.
     *
     * @throws IllegalStateException always, when not rewritten by the processor
     */
    public static <T> T await(Task<T> task) {
        throw new IllegalStateException(notRewrittenMessage("await(Task)"));
    }

    /**
     * Suspends the enclosing {@code @Async} method until {@code stage} completes, then returns
     * its value or throws its exception: the one the stage was failed with, without the
     * CompletionException that CompletableFuture wraps around a failure it passes on to a dependent
     * stage (an ExecutionException or CompletionException the code failed it with stays as it is).
     * The method resumes on its own loop thread whatever thread completes the stage.
     * <pre>{@code HttpResponse<String> r = await(http.sendAsync(request, ofString()));}</pre>
     *
     * <p>A marker that the jawait processor rewrites; executed as is, it throws.
     *
     * @throws IllegalStateException always, when not rewritten by the processor
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw new IllegalStateException(notRewrittenMessage("await(CompletionStage)"));
    }

    static String notRewrittenMessage(String what) {
        return what + " can only be used inside an @Async method compiled with the jawait annotation processor"
                + " (is jawait-processor on the annotation processor path?). From plain code use"
                + " Tasks.run(() -> task) to run an event loop until the task completes, or task.join() on a"
                + " thread that does not run a loop.";
    }

    // ---- timers ---------------------------------------------------------------------------------

    /**
     * A task that completes after {@code millis} milliseconds on the current loop; {@code 0}
     * yields to other ready tasks and due timers.
     * <pre>{@code await(sleep(100));}</pre>
     *
     * @throws IllegalArgumentException if {@code millis} is negative
     * @throws IllegalStateException if no loop runs on this thread
     */
    public static Task<Void> sleep(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("sleep time is negative: " + millis + " ms");
        }
        return SleepTask.start(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /**
     * A task that completes after {@code duration} on the current loop.
     * <pre>{@code await(sleep(Duration.ofSeconds(1)));}</pre>
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws IllegalStateException if no loop runs on this thread
     */
    public static Task<Void> sleep(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sleep time is negative: " + duration);
        }
        return SleepTask.start(toNanos(duration));
    }

    /**
     * Awaited in an {@code @Async} method, suspends it once so that the work that is ready now
     * (other tasks, due timers, I/O) runs first, then resumes it: like Kotlin's {@code yield()},
     * C#'s {@code Task.Yield()} and asyncio's {@code await asyncio.sleep(0)}, but allocation-free.
     * The returned task is a shared one that is already complete ({@code yield} is a restricted
     * identifier in Java, hence the name): only {@code await} gives it its meaning, and anywhere
     * else (gather, onComplete, ...) it behaves like {@link Task#done()}. A cancellation that arrives
     * meanwhile is thrown at the await, as for any await.
     * <pre>{@code
     * for (Row row : rows) {
     *     process(row);
     *     await(yieldNow());   // let other tasks run between rows of a long computation
     * }
     * }</pre>
     */
    public static Task<Void> yieldNow() {
        return Task.yieldMarker();
    }

    static long toNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    // ---- combinators ----------------------------------------------------------------------------

    /**
     * A task that completes with the values of all {@code tasks}, in argument order, once all of
     * them have succeeded. It fails as soon as one of them fails (or is cancelled), with that
     * task's own exception, once it has cancelled the ones still running and they have finished
     * (like kotlinx's {@code awaitAll} in a scope, unlike asyncio's {@code gather}, which leaves
     * them running). Cancelling the gather cancels all of them. The list is unmodifiable and may contain nulls.
     * <pre>{@code List<String> pages = await(gather(fetch(a), fetch(b), fetch(c)));}</pre>
     */
    @SafeVarargs
    public static <T> Task<List<T>> gather(Task<? extends T>... tasks) {
        return gather(Arrays.asList(tasks));
    }

    /**
     * Same as {@link #gather(Task[])} for a list.
     * <pre>{@code List<String> pages = await(gather(urls.stream().map(this::fetch).toList()));}</pre>
     */
    public static <T> Task<List<T>> gather(List<? extends Task<? extends T>> tasks) {
        return GatherTask.start(Objects.requireNonNull(tasks, "tasks"), false);
    }

    /**
     * A task that waits until all {@code tasks} have completed, whatever the outcome, and
     * completes with their {@link Outcome}s in argument order (asyncio's
     * {@code gather(..., return_exceptions=True)}). It never fails because of a task; cancelling it
     * cancels the tasks still running.
     * <pre>{@code List<Outcome<String>> all = await(gatherSettled(fetch(a), fetch(b)));}</pre>
     */
    @SafeVarargs
    public static <T> Task<List<Outcome<T>>> gatherSettled(Task<? extends T>... tasks) {
        return gatherSettled(Arrays.asList(tasks));
    }

    /**
     * Same as {@link #gatherSettled(Task[])} for a list.
     * <pre>{@code var all = await(gatherSettled(tasks));}</pre>
     */
    public static <T> Task<List<Outcome<T>>> gatherSettled(List<? extends Task<? extends T>> tasks) {
        return GatherTask.start(Objects.requireNonNull(tasks, "tasks"), true);
    }

    /**
     * A task that completes like {@code task}, unless {@code timeout} passes first: then
     * {@code task} is cancelled and, once its catch/finally blocks have run, the returned task
     * fails with {@link TimeoutException}. Cancelling the returned task cancels {@code task}.
     * It declares the checked {@code TimeoutException} (as {@code Future.get(timeout)} does), so
     * that a {@code catch} around the await is valid Java with or without the processor; use
     * {@link #withTimeoutOrNull(Duration, Task)} to get null instead.
     * <pre>{@code
     * try {
     *     String page = await(withTimeout(Duration.ofSeconds(2), fetch(url)));
     * } catch (TimeoutException e) { ... }
     * }</pre>
     *
     * @throws TimeoutException never when called: the returned task fails with it
     */
    public static <T> Task<T> withTimeout(Duration timeout, Task<T> task) throws TimeoutException {
        Objects.requireNonNull(task, "task");
        return TimeoutTask.start(toNanos(timeout), task);
    }

    /** Same with a timeout in milliseconds. <pre>{@code await(withTimeout(500, fetch(url)));}</pre> */
    public static <T> Task<T> withTimeout(long timeoutMillis, Task<T> task) throws TimeoutException {
        Objects.requireNonNull(task, "task");
        return TimeoutTask.start(TimeUnit.MILLISECONDS.toNanos(timeoutMillis), task);
    }

    /**
     * Like {@link #withTimeout(Duration, Task)}, but when the time is up (and the cancelled task
     * has finished) the returned task completes with null instead of failing (kotlinx's
     * {@code withTimeoutOrNull}). An outer cancellation still cancels; it never becomes a null.
     * <pre>{@code String page = await(withTimeoutOrNull(Duration.ofSeconds(2), fetch(url)));
     * if (page == null) page = cached;}</pre>
     */
    public static <T> Task<T> withTimeoutOrNull(Duration timeout, Task<T> task) {
        Objects.requireNonNull(task, "task");
        return TimeoutTask.start(toNanos(timeout), task, true);
    }

    /** Same with a timeout in milliseconds. <pre>{@code await(withTimeoutOrNull(500, fetch(url)));}</pre> */
    public static <T> Task<T> withTimeoutOrNull(long timeoutMillis, Task<T> task) {
        Objects.requireNonNull(task, "task");
        return TimeoutTask.start(TimeUnit.MILLISECONDS.toNanos(timeoutMillis), task, true);
    }

    /**
     * A task that completes like {@code task}, but whose cancellation does not cancel {@code task}
     * (asyncio's {@code shield}; kotlinx's {@code withContext(NonCancellable)}): when the awaiting
     * method is cancelled, its await throws at once while {@code task} runs on to completion.
     * A failure of {@code task} after that is reported unless someone else awaits it.
     * <pre>{@code await(shield(saveDraft(doc)));   // the save finishes even if we are cancelled}</pre>
     */
    public static <T> Task<T> shield(Task<T> task) {
        Objects.requireNonNull(task, "task");
        return ShieldTask.start(task);
    }

    // ---- races ----------------------------------------------------------------------------------

    /**
     * A task that completes like the first of {@code tasks} to complete, whether it succeeded,
     * failed or was cancelled (JavaScript's {@code Promise.race}); the others are cancelled then,
     * and the race completes once they have finished. Cancelling it cancels them all.
     * <pre>{@code String fastest = await(race(fetch(mirrorA), fetch(mirrorB)));}</pre>
     *
     * @throws IllegalArgumentException if no task is given
     */
    @SafeVarargs
    public static <T> Task<T> race(Task<? extends T>... tasks) {
        return race(Arrays.asList(tasks));
    }

    /** Same for a list. <pre>{@code await(race(mirrors.stream().map(this::fetch).toList()))}</pre> */
    public static <T> Task<T> race(List<? extends Task<? extends T>> tasks) {
        return RaceTask.start(Objects.requireNonNull(tasks, "tasks"), false);
    }

    /**
     * A task that completes with the value of the first of {@code tasks} to succeed, once it has
     * cancelled the others and they have finished (JavaScript's {@code Promise.any},
     * {@code ExecutorService.invokeAny}). It fails
     * only when all have failed: with the first failure (a real failure rather than a
     * cancellation), the others attached as suppressed.
     * <pre>{@code Config c = await(any(loadFromDisk(), loadFromNetwork()));}</pre>
     *
     * @throws IllegalArgumentException if no task is given
     */
    @SafeVarargs
    public static <T> Task<T> any(Task<? extends T>... tasks) {
        return any(Arrays.asList(tasks));
    }

    /** Same for a list. <pre>{@code await(any(replicas.stream().map(this::query).toList()))}</pre> */
    public static <T> Task<T> any(List<? extends Task<? extends T>> tasks) {
        return RaceTask.start(Objects.requireNonNull(tasks, "tasks"), true);
    }

    /**
     * A task that completes when {@code mode} says so, with the tasks that are done and those still
     * pending (asyncio's {@code wait}; named {@code waitFor} because {@code Object.wait} would
     * shadow a static import of {@code wait}). It cancels nothing and never fails because of a
     * task: read each done task's outcome yourself (a failure nobody reads is reported).
     * <pre>{@code
     * WaitResult<String> r = await(waitFor(tasks, WaitMode.FIRST_COMPLETED));
     * String first = await(r.done().get(0));
     * }</pre>
     */
    public static <T> Task<WaitResult<T>> waitFor(Collection<? extends Task<? extends T>> tasks, WaitMode mode) {
        return WaitForTask.start(List.copyOf(tasks), mode, -1);
    }

    /**
     * Same, but completes at the latest after {@code timeout}, with whatever is done by then (no
     * exception, as in asyncio).
     * <pre>{@code var r = await(waitFor(tasks, WaitMode.ALL_COMPLETED, Duration.ofSeconds(5)));}</pre>
     */
    public static <T> Task<WaitResult<T>> waitFor(Collection<? extends Task<? extends T>> tasks, WaitMode mode, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        return WaitForTask.start(List.copyOf(tasks), mode, toNanos(timeout));
    }

    /**
     * One task per input, in completion order: the first returned task completes like whichever
     * input completes first, and so on (asyncio's {@code as_completed}). Iterate it with an
     * ordinary loop; the inputs are not cancelled if you stop early.
     * <pre>{@code
     * for (Task<String> next : asCompleted(List.of(fetch(a), fetch(b), fetch(c)))) {
     *     System.out.println(await(next));          // fastest first
     * }
     * }</pre>
     */
    public static <T> List<Task<T>> asCompleted(Collection<? extends Task<? extends T>> tasks) {
        return AsCompleted.start(List.copyOf(tasks));
    }

    // ---- spawning -------------------------------------------------------------------------------

    /**
     * Runs {@code task} in the background of the current loop, fire-and-forget (kotlinx's
     * {@code launch}; asyncio's {@code create_task}): the loop holds it strongly until it ends
     * (asyncio keeps only weak references, so unreferenced tasks could vanish), and if it fails
     * while nobody awaits the returned handle, the failure goes to the loop's unhandled-error
     * handler at once. The handle completes like {@code task}; cancelling it cancels the task.
     * Since calling an {@code @Async} method already starts it, spawn is only needed for its
     * guarantees: to start now and await later, just keep the task.
     * <pre>{@code spawn(refreshCache());}</pre>
     */
    public static <T> Task<T> spawn(Task<T> task) {
        return spawn(null, task);
    }

    /**
     * Same, naming the task ({@code taskName()}, task dumps, and the name its failure is reported
     * under).
     * <pre>{@code spawn("cache-refresher", refreshCache());}</pre>
     */
    public static <T> Task<T> spawn(String name, Task<T> task) {
        Objects.requireNonNull(task, "task");
        return LoopCore.require().background().spawn(task, name);
    }

    // ---- threads --------------------------------------------------------------------------------

    /**
     * Runs blocking code (file I/O, JDBC, a CPU-heavy computation...) on a shared, bounded pool of
     * daemon threads ({@code min(32, processors + 4)}, asyncio's {@code to_thread} default) and
     * returns a task completing on this loop with its result or exception, so the loop keeps
     * serving other tasks meanwhile. Cancelling the task completes it at once and interrupts the
     * thread if the code is running (code not started yet never runs).
     * <pre>{@code String text = await(toThread(() -> Files.readString(path)));   // may throw IOException}</pre>
     *
     * @throws X never when called: the returned task fails with what the code throws
     */
    public static <T, X extends Exception> Task<T> toThread(BlockingCall<? extends T, X> blocking) throws X {
        Objects.requireNonNull(blocking, "blocking");
        return ThreadTask.start(blocking::call, null);
    }

    /**
     * Same on {@code executor} (e.g. a dedicated pool for a database driver).
     * <pre>{@code Row r = await(toThread(dbPool, () -> jdbc.queryOne(sql)));}</pre>
     */
    public static <T, X extends Exception> Task<T> toThread(Executor executor, BlockingCall<? extends T, X> blocking) throws X {
        Objects.requireNonNull(blocking, "blocking");
        return ThreadTask.start(blocking::call, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * Starts the task {@code body} returns on another event loop (of an {@link EventLoopGroup}, or
     * an {@link EventLoopThread}) and returns a task of the current loop that completes like it,
     * so the awaiting method resumes on its own loop (kotlinx's {@code async(dispatcher)}).
     * {@code body} runs on {@code loop}'s thread with the caller's {@link TaskLocal} values; on
     * the current loop itself it simply runs now. Cancelling the returned task cancels the other
     * one (on its loop), and it completes once that one has finished, as a task of the current
     * loop would (its catch/finally blocks ran); a failure arrives as the original exception.
     * <pre>{@code
     * // on a loop of the group, hand a command to the loop that owns the map:
     * String reply = await(startOn(storeLoop, () -> store.execute(line)));
     * }</pre>
     * From a thread without a loop, use {@link EventLoop#submit} instead. On a closed loop the
     * returned task is cancelled at once, as the closing would have cancelled it.
     *
     * @throws X what {@code body} declares: the returned task may fail with it
     * @throws IllegalStateException if no loop runs on this thread
     */
    public static <T, X extends Exception> Task<T> startOn(EventLoop loop, TaskSupplier<T, X> body) throws X {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(body, "body");
        return CrossLoopTask.start(loop.core(), body);
    }

    // ---- entry point ----------------------------------------------------------------------------

    /**
     * Runs an event loop on the calling thread until the task returned by {@code main} completes
     * and returns its value, or throws its exception unwrapped, like {@code asyncio.run}. Then it
     * cancels whatever is still running, lets it finish, reports unobserved failures and closes
     * the loop. It declares what {@code main} declares: the checked exceptions of the
     * {@code @Async} method it starts, as a blocking call of that method would.
     * <pre>{@code
     * public static void main(String[] args) throws IOException {
     *     String page = Tasks.run(() -> fetch("https://example.com"));   // fetch declares IOException
     * }
     * }</pre>
     * An interrupt of the calling thread (a JUnit {@code @Timeout}, a shutdown) cancels the main
     * task, like Ctrl-C in {@code asyncio.run}: its catch/finally blocks run, then the rest is
     * closed as above and this throws a {@code CancellationException} whose cause is an
     * {@link InterruptedException}, with the thread's interrupt status set (if the task caught
     * the cancellation and completed anyway, its outcome is returned as usual, status set too).
     *
     * @throws X what {@code main} declares (thrown by it, or the task's failure)
     * @throws IllegalStateException if this thread already runs a loop (runs cannot nest)
     * @throws java.util.concurrent.CancellationException if the thread was interrupted and the
     *     main task ended cancelled
     */
    public static <T, X extends Exception> T run(TaskSupplier<T, X> main) throws X {
        Objects.requireNonNull(main, "main");
        if (LoopCore.currentOrNull() != null) {
            throw new IllegalStateException("Tasks.run(...) cannot be nested: thread '"
                    + Thread.currentThread().getName() + "' already runs a jawait event loop. Inside an @Async"
                    + " method, await the task instead.");
        }
        try (EventLoop loop = new EventLoop()) {
            Task<T> task = Objects.requireNonNull(main.get(), "Tasks.run: the supplier returned null instead of a Task");
            loop.runUntilDone(task);
            return task.join();
        }
    }
}
