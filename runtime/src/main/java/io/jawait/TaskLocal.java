package io.jawait;

import io.jawait.internal.ContextMirrors;
import io.jawait.internal.LoopCore;
import io.jawait.internal.TaskContext;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A value that belongs to the running task, for what a thread-per-request program keeps in a
 * {@code ThreadLocal} (a request id, a logging context, a tracing span): all tasks of a loop share
 * its thread, so a {@code ThreadLocal} would leak between them. Like asyncio's {@code ContextVar}:
 * a task starts with the values its creator had when it called the {@code @Async} method, and what
 * it sets afterwards is seen by itself and by the tasks it creates from then on, never by its
 * creator or by tasks created before.
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>("requestId", "-");
 *
 * @Async Task<Void> handle(TcpStream conn) {
 *     REQUEST_ID.set(UUID.randomUUID().toString());
 *     String line = await(conn.readLine(8192));
 *     log(REQUEST_ID.get() + " " + line);          // this connection's id, after the await too
 *     await(audit(line));                            // audit(...) sees the same id
 *     return Task.done();
 * }
 * }</pre>
 * Values live in the tasks, not in this object: it is a key, usually a constant. Read and set it
 * on a loop thread, from {@code @Async} code; callbacks see the values of the task that completed
 * what they wait for, or none.
 *
 * @param <T> the type of the value
 */
public final class TaskLocal<T> {
    private static final Object ABSENT = new Object();

    private final String name;
    private final T initial;

    /** A task-local whose value is null until set. */
    public TaskLocal(String name) {
        this(name, null);
    }

    /** A task-local whose value is {@code initial} until set. */
    public TaskLocal(String name, T initial) {
        this.name = Objects.requireNonNull(name, "name");
        this.initial = initial;
    }

    /** The running task's value; the initial value if it has none or if no loop runs on this thread. */
    @SuppressWarnings("unchecked")
    public T get() {
        LoopCore loop = LoopCore.currentOrNull();
        if (loop == null) {
            return initial;
        }
        Object value = loop.context().get(this, ABSENT);
        return value == ABSENT ? initial : (T) value;
    }

    /**
     * Sets the running task's value, which the tasks it creates from now on inherit.
     *
     * @throws IllegalStateException if no loop runs on this thread
     */
    public void set(T value) {
        LoopCore loop = loop("set");
        loop.setContext(loop.context().with(this, value));
    }

    /**
     * Takes the running task's value away: {@link #get()} returns the initial value again.
     *
     * @throws IllegalStateException if no loop runs on this thread
     */
    public void remove() {
        LoopCore loop = loop("remove");
        loop.setContext(loop.context().without(this));
    }

    /**
     * Starts {@code body} with this local set to {@code value} for it (and the tasks it creates),
     * leaving the caller's own value as it was: Kotlin's {@code withContext(element)}.
     * <pre>{@code String page = await(REQUEST_ID.with("r-42", () -> fetch(url)));}</pre>
     *
     * @throws X what {@code body} declares, when it throws it
     * @throws IllegalStateException if no loop runs on this thread
     */
    public <R, X extends Exception> Task<R> with(T value, TaskSupplier<R, X> body) throws X {
        Objects.requireNonNull(body, "body");
        LoopCore loop = loop("with");
        TaskContext outer = loop.context();
        loop.setContext(outer.with(this, value));
        try {
            return Objects.requireNonNull(body.get(), "the body returned null instead of a Task");
        } finally {
            loop.setContext(outer);
        }
    }

    /**
     * Keeps a copy of this local's value where thread-bound code reads it: {@code sink} is called
     * on the loop thread with the running code's value whenever that changes (on entering and
     * leaving each task's steps, and on {@link #set} and {@link #remove}), with the initial value
     * when the code running has none. For a logging context (SLF4J's MDC, Log4j's ThreadContext),
     * so that every log line of a task carries its value, after awaits too:
     * <pre>{@code
     * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>("requestId");
     * REQUEST_ID.mirror(id -> {
     *     if (id == null) MDC.remove("requestId"); else MDC.put("requestId", id);
     * });
     * }</pre>
     * Applies to every loop from now on; costs nothing on loops that never set a task-local.
     * A sink that throws is logged to the {@code System.Logger} "io.jawait".
     *
     * @return what removes the mirror again
     */
    public Runnable mirror(Consumer<? super T> sink) {
        return ContextMirrors.add(this, initial, Objects.requireNonNull(sink, "sink"));
    }

    private LoopCore loop(String what) {
        LoopCore loop = LoopCore.currentOrNull();
        if (loop == null) {
            throw new IllegalStateException("TaskLocal '" + name + "'." + what + "(...) needs a running jawait event loop on thread '"
                    + Thread.currentThread().getName() + "': task-local values belong to tasks; call it from @Async code.");
        }
        return loop;
    }

    /** For example {@code TaskLocal[requestId]}. */
    @Override
    public String toString() {
        return "TaskLocal[" + name + "]";
    }
}
