package io.jawait;

import io.jawait.internal.LoopCore;
import io.jawait.internal.SubmittedTask;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Several event loops, each on a thread of its own, started and closed together: how a jawait
 * program uses every core (Netty's {@code EventLoopGroup}, a multi-threaded Tokio runtime). Each
 * loop stays single-threaded: a task runs, and resumes after every await, only on the loop it
 * started on, so what one loop's tasks use alone needs no locks. Work goes to the loops
 * explicitly: {@link #start} and {@link #submit} hand a task to the next loop (round robin), and a
 * {@link io.jawait.net.TcpServer} started with {@code TcpServer.options().loops(group)} hands each
 * connection to the loop serving the fewest of its connections.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     try (EventLoopGroup group = new EventLoopGroup()) {      // one loop per core
 *         group.run(() -> serve(group, 7000));                 // blocks until serve's task completes
 *     }                                                        // then cancels what still runs, on every loop
 * }
 *
 * @Async
 * static Task<Void> serve(EventLoopGroup group, int port) throws IOException {
 *     TcpServer server = TcpServer.start(new InetSocketAddress("127.0.0.1", port),
 *             TcpServer.options().loops(group), Echo::echo);   // echo runs on every loop
 *     await(new CompletableFuture<Void>());                   // until the process is stopped
 *     return Task.done();
 * }
 * }</pre>
 *
 * <p><b>What may be shared between loops.</b> Tasks may be awaited, cancelled and inspected from
 * any loop: awaiting a task of another loop resumes the awaiting method on its own loop, and
 * cancelling the awaiting method cancels the awaited task, as within one loop. Streams, servers,
 * task groups and the primitives of {@code io.jawait.sync} belong to one loop and throw
 * {@link IllegalStateException}, naming both loops, when used from another; to work with them,
 * hand the work to their loop with {@link Tasks#startOn}. {@link io.jawait.sync.SharedQueue} and
 * {@link io.jawait.sync.SharedEvent} are a queue and a signal made to be shared between loops;
 * {@code CompletableFuture}s and the {@code java.util.concurrent} collections are thread-safe and
 * may be shared too.
 *
 * <p>{@link #run}, {@link #submit}, {@link #execute}, {@link #next()}, {@link #dumpTasks()} and
 * {@link #setUnhandledErrorHandler} may be called from any thread.
 */
public final class EventLoopGroup implements Executor, AutoCloseable {
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final String name;
    private final List<EventLoop> loops;
    /** The threads the group started and closes; none for a group of loops it does not own. */
    private final List<EventLoopThread> threads;
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * Starts one loop per available processor, on threads named {@code jawait-group-<n>-<i>}.
     * <pre>{@code EventLoopGroup group = new EventLoopGroup();}</pre>
     */
    public EventLoopGroup() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts {@code loops} loops, on threads named {@code jawait-group-<n>-<i>}.
     * <pre>{@code EventLoopGroup group = new EventLoopGroup(4);}</pre>
     *
     * @throws IllegalArgumentException if {@code loops} is less than 1
     */
    public EventLoopGroup(int loops) {
        this("jawait-group-" + GROUPS.incrementAndGet(), loops);
    }

    /**
     * Starts {@code loops} loops, on (non-daemon) threads named {@code <name>-0}, {@code <name>-1}, ...
     * <pre>{@code EventLoopGroup group = new EventLoopGroup("kv", 4);   // threads kv-0 .. kv-3}</pre>
     *
     * @throws IllegalArgumentException if {@code loops} is less than 1
     */
    public EventLoopGroup(String name, int loops) {
        this.name = Objects.requireNonNull(name, "name");
        if (loops < 1) {
            throw new IllegalArgumentException("an event loop group needs at least one loop, got " + loops);
        }
        List<EventLoopThread> started = new ArrayList<>(loops);
        try {
            for (int i = 0; i < loops; i++) {
                started.add(EventLoopThread.start(name + "-" + i));
            }
        } catch (RuntimeException | Error e) {
            started.forEach(EventLoopThread::close);
            throw e;
        }
        this.threads = List.copyOf(started);
        List<EventLoop> own = new ArrayList<>(loops);
        for (EventLoopThread t : started) {
            own.add(t.loop());
        }
        this.loops = List.copyOf(own);
    }

    private EventLoopGroup(String name, List<EventLoop> loops) {
        this.name = name;
        this.loops = loops;
        this.threads = List.of();
    }

    /**
     * A group of loops that already run and that you close yourself ({@link #close()} leaves them
     * alone). With a test loop it runs code written for a group on virtual time, everything on
     * the one test loop: see {@code TestLoop.group()} in jawait-test.
     * <pre>{@code EventLoopGroup group = EventLoopGroup.of(first.loop(), second.loop());}</pre>
     *
     * @throws IllegalArgumentException if no loop is given or one is given twice
     */
    public static EventLoopGroup of(EventLoop... loops) {
        List<EventLoop> list = List.of(loops);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("an event loop group needs at least one loop");
        }
        Map<EventLoop, Boolean> seen = new IdentityHashMap<>();
        for (EventLoop loop : list) {
            if (seen.put(loop, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(loop + " is given twice");
            }
        }
        return new EventLoopGroup("of(" + list.size() + ")", list);
    }

    // ---- the loops ------------------------------------------------------------------------------

    /** How many loops the group has. <pre>{@code int n = group.size();}</pre> */
    public int size() {
        return loops.size();
    }

    /** The loops, in order (unmodifiable). <pre>{@code for (EventLoop loop : group.loops()) ...}</pre> */
    public List<EventLoop> loops() {
        return loops;
    }

    /**
     * The loop at {@code index}, from 0 to {@code size() - 1}.
     * <pre>{@code EventLoop owner = group.loop(0);}</pre>
     */
    public EventLoop loop(int index) {
        return loops.get(index);
    }

    /**
     * The next loop in turn (round robin); thread-safe.
     * <pre>{@code EventLoop worker = group.next();}</pre>
     */
    public EventLoop next() {
        return loops.get(Math.floorMod(turn.getAndIncrement(), loops.size()));
    }

    // ---- handing work over ----------------------------------------------------------------------

    /**
     * Runs {@code action} on the next loop. <pre>{@code group.execute(() -> System.out.println("on a loop"));}</pre>
     *
     * @throws java.util.concurrent.RejectedExecutionException if the group is closed
     */
    @Override
    public void execute(Runnable action) {
        next().execute(action);
    }

    /**
     * From any thread: starts the task {@code body} returns on the next loop and returns a future
     * of its outcome, as {@link EventLoop#submit} does.
     * <pre>{@code int n = group.submit(() -> countPages(site)).join();}</pre>
     *
     * @throws java.util.concurrent.RejectedExecutionException if the group is closed
     */
    public <T> CompletableFuture<T> submit(TaskSupplier<T, ?> body) {
        return next().submit(body);
    }

    /**
     * From a loop (of this group or not): starts the task {@code body} returns on the next loop
     * and returns a task of the current loop that completes like it; {@link Tasks#startOn} says
     * how it behaves.
     * <pre>{@code List<Integer> sizes = await(gather(group.start(() -> parse(a)), group.start(() -> parse(b))));}</pre>
     *
     * @throws X what {@code body} declares: the returned task may fail with it
     * @throws IllegalStateException if no loop runs on this thread
     */
    public <T, X extends Exception> Task<T> start(TaskSupplier<T, X> body) throws X {
        return Tasks.startOn(next(), body);
    }

    /**
     * Starts the task {@code main} returns on the next loop and blocks the calling thread until it
     * completes; returns its value or throws its exception unwrapped, like {@link Tasks#run}. The
     * group keeps running (other tasks too) until it is closed. It declares what {@code main}
     * declares, as {@link Tasks#run} does.
     * <pre>{@code try (EventLoopGroup group = new EventLoopGroup()) { group.run(() -> serve(group)); }}</pre>
     * An interrupt of the calling thread cancels the task and waits on until it has completed,
     * as {@link Tasks#run} does: then this throws a {@code CancellationException} caused by an
     * {@link InterruptedException}, with the interrupt status set. Interrupting a loop's own thread
     * does not stop the loop (as in Netty): {@link #close()} does.
     *
     * @throws X what {@code main} declares (thrown by it, or the task's failure)
     * @throws IllegalStateException if called on a thread that runs an event loop (it would block
     *     that loop: await {@link #start} there instead)
     * @throws java.util.concurrent.CancellationException if the calling thread was interrupted and
     *     the task ended cancelled
     */
    public <T, X extends Exception> T run(TaskSupplier<T, X> main) throws X {
        Objects.requireNonNull(main, "main");
        if (LoopCore.currentOrNull() != null) {
            throw new IllegalStateException("EventLoopGroup.run(...) would block the event loop of thread '"
                    + Thread.currentThread().getName() + "' until the task completes; inside an @Async method, await"
                    + " group.start(...) instead");
        }
        EventLoop loop = next();
        SubmittedTask<T> outcome = SubmittedTask.submit(loop.core(), main);
        // A loop that runs only when stepped (a TestLoopGroup's) is stepped from here meanwhile.
        loop.core().stepFromOutside(outcome::isDone, outcome::cancelForInterrupt);
        return outcome.joinCancellingOnInterrupt();
    }

    // ---- errors and dumps -----------------------------------------------------------------------

    /**
     * Sets the unhandled-error handler of every loop ({@link EventLoop#setUnhandledErrorHandler}).
     * Each loop calls it on its own thread, so several may call it at once: it must be thread-safe.
     * On each loop it takes effect before the work posted there afterwards.
     * <pre>{@code group.setUnhandledErrorHandler((task, e) -> log.error("{} failed", task, e));}</pre>
     *
     * @param handler the handler, or null to restore logging
     */
    public void setUnhandledErrorHandler(BiConsumer<String, Throwable> handler) {
        for (EventLoop loop : loops) {
            if (loop.inLoopThread()) {
                loop.setUnhandledErrorHandler(handler);
            } else {
                loop.execute(() -> loop.setUnhandledErrorHandler(handler));
            }
        }
    }

    /**
     * Every loop's task dump ({@link EventLoop#dumpTasks()}), one after the other.
     * <pre>{@code
     * System.err.println(group.dumpTasks());
     * // EventLoopGroup[kv, loops=2]
     * // EventLoop[thread=kv-0, ready=0, timers=0, live=1]
     * //   Task[KeyValueServer.serve, pending] awaiting Task[KeyValueStore.execute on kv-1, pending]
     * // EventLoop[thread=kv-1, ready=0, timers=0, live=1]
     * //   Task[KeyValueStore.execute, pending] awaiting Task[AsyncFile.write, pending]
     * }</pre>
     */
    public String dumpTasks() {
        StringBuilder out = new StringBuilder(toString());
        for (EventLoop loop : loops) {
            out.append('\n').append(loop.dumpTasks());
        }
        return out.toString();
    }

    // ---- closing --------------------------------------------------------------------------------

    /**
     * Closes every loop at once, as {@link EventLoop#close()} does (cancels what still runs and
     * lets its catch/finally blocks run), and waits for their threads to end. Idempotent. A group
     * made with {@link #of} leaves its loops alone.
     * <pre>{@code group.close();}</pre>
     *
     * @throws IllegalStateException if called from one of the group's own loop threads (it would
     *     wait for itself)
     */
    @Override
    public void close() {
        for (EventLoopThread t : threads) {
            if (t.isOwnThread()) {
                throw new IllegalStateException("EventLoopGroup.close() cannot be called from its own loop thread '"
                        + Thread.currentThread().getName() + "': it would wait for itself");
            }
        }
        threads.forEach(EventLoopThread::requestStop);
        threads.forEach(EventLoopThread::awaitStop);
    }

    /** For example {@code EventLoopGroup[kv, loops=4]}. */
    @Override
    public String toString() {
        return "EventLoopGroup[" + name + ", loops=" + loops.size() + "]";
    }
}
