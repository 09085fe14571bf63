package io.jawait.processor.differential;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only stand-ins for the few {@code io.jawait} types generated programs use, with the meaning
 * the transform must preserve: {@code await} blocks until done. Here every task is already complete
 * when it exists, so {@code await} returns its value or throws its exception at once, and an
 * {@code @Async} method (compiled without the processor) is an ordinary method.
 *
 * <p>Programs are compiled together with these sources, with an empty class path and no
 * annotation processing, and loaded by a class loader whose parent is the platform loader, so the
 * real runtime is never in sight.
 */
final class ReferenceRuntime {
    private ReferenceRuntime() {
    }

    /** Sources by class name. */
    static Map<String, String> sources() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("io.jawait.Async", """
                package io.jawait;

                import java.lang.annotation.*;

                /** Reference stand-in: marks a method that the reference build runs as an ordinary method. */
                @Retention(RetentionPolicy.CLASS)
                @Target(ElementType.METHOD)
                public @interface Async {
                }
                """);
        m.put("io.jawait.Task", """
                package io.jawait;

                /** Reference stand-in: a task is complete from birth, with a value or an exception. */
                public class Task<T> {
                    private static final Task<Void> DONE = new Task<>(null, null);
                    private final T value;
                    private final Throwable error;

                    private Task(T value, Throwable error) {
                        this.value = value;
                        this.error = error;
                    }

                    public static <T> Task<T> of(T value) {
                        return new Task<>(value, null);
                    }

                    public static Task<Void> done() {
                        return DONE;
                    }

                    public static <T> Task<T> failed(Throwable error) {
                        if (error == null) {
                            throw new NullPointerException("error");
                        }
                        return new Task<>(null, error);
                    }

                    /** Blocking await: the value, or the task's own exception. */
                    public final T await() {
                        if (error != null) {
                            throw Task.<RuntimeException>sneaky(error);
                        }
                        return value;
                    }

                    public final T join() {
                        return await();
                    }

                    public final boolean isDone() {
                        return true;
                    }

                    /** Never called here (the harness's pause models a cancellation itself); a complete task cannot be cancelled. */
                    public boolean cancel() {
                        return false;
                    }

                    @SuppressWarnings("unchecked")
                    static <X extends Throwable> X sneaky(Throwable t) throws X {
                        throw (X) t;
                    }
                }
                """);
        m.put("io.jawait.AsyncCloseable", """
                package io.jawait;

                /** Reference stand-in: closing blocks until closeAsync's task is done, which it already is. */
                public interface AsyncCloseable extends AutoCloseable {
                    Task<Void> closeAsync();

                    @Override
                    default void close() throws Exception {
                        closeAsync().join();
                    }
                }
                """);
        m.put("io.jawait.Tasks", """
                package io.jawait;

                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionException;
                import java.util.concurrent.CompletionStage;
                import java.util.function.Supplier;

                /** Reference stand-in: await blocks (everything is complete already), sleep does nothing. */
                public final class Tasks {
                    private Tasks() {
                    }

                    public static <T> T await(Task<T> task) {
                        return task.await();
                    }

                    public static <T> T await(CompletionStage<T> stage) {
                        CompletableFuture<T> future = stage.toCompletableFuture();
                        if (!future.isDone()) {
                            throw new IllegalStateException("reference runtime: a stage is still pending");
                        }
                        try {
                            return future.join();
                        } catch (CompletionException e) {
                            throw Task.<RuntimeException>sneaky(e.getCause());
                        }
                    }

                    public static Task<Void> sleep(long millis) {
                        return Task.done();
                    }

                    public static <T> T run(Supplier<? extends Task<T>> main) {
                        return main.get().join();
                    }
                }
                """);
        return m;
    }
}
