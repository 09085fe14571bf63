package io.jawait;

/**
 * A resource whose release is itself asynchronous, like Python's {@code async with} or C#'s
 * {@code IAsyncDisposable}: a connection that must send a goodbye, a file that must flush, a lock
 * that must be handed over.
 *
 * <p>In an {@code @Async} method, a try-with-resources statement awaits {@link #closeAsync()} of
 * each such resource on exit, with Java's own rules (JLS 14.20.3): resources close in reverse order
 * of opening, whether the body completes normally or not; a failure of the body stays the primary
 * exception and failures of closing are added to it as suppressed. The close may suspend like any
 * other await. When the body failed, the resource is told why: the statement awaits
 * {@link #closeAsync(Throwable)}, which by default is just {@code closeAsync()}.
 *
 * <pre>{@code
 * final class Connection implements AsyncCloseable {
 *     @Override
 *     public Task<Void> closeAsync() {
 *         return sendGoodbye();                      // an @Async method of Connection
 *     }
 * }
 *
 * @Async
 * static Task<String> fetch() {
 *     try (var c = await(Connection.open(address))) {
 *         return Task.of(await(c.request("GET /")));
 *     }                                              // awaits c.closeAsync() here
 * }
 * }</pre>
 *
 * <p>Outside an {@code @Async} method (or inside a lambda there), try-with-resources calls
 * {@link #close()}, which cannot suspend: see there.
 */
public interface AsyncCloseable extends AutoCloseable {

    /**
     * Starts releasing the resource. Called once by a try-with-resources statement of an
     * {@code @Async} method, which awaits the task; a failed task is the close's exception. It
     * declares no checked exception: a close that can fail reports it unchecked (for example as
     * {@link java.io.UncheckedIOException}).
     */
    Task<Void> closeAsync();

    /**
     * Starts releasing the resource after the block that used it was left by {@code cause} (an
     * exception, or the owner's cancellation), like the exception Python's {@code __aexit__}
     * receives. A try-with-resources statement of an {@code @Async} method calls this instead of
     * {@link #closeAsync()} when its block threw; a failure of the returned task is added to
     * {@code cause} as suppressed. The default ignores {@code cause}. A resource overrides it when
     * it must act differently on failure, as {@link TaskGroup} does: it waits for its children
     * after a normal exit, but cancels them when the block failed.
     * <pre>{@code
     * @Override
     * public Task<Void> closeAsync(Throwable cause) {
     *     return rollbackAndClose();      // the block failed: do not commit
     * }
     * }</pre>
     *
     * @param cause the exception leaving the block, never null
     */
    default Task<Void> closeAsync(Throwable cause) {
        return closeAsync();
    }

    /**
     * Closes without suspending: on a thread that runs no event loop, blocks until
     * {@link #closeAsync()} completes ({@link Task#join()}) and rethrows its exception; on a loop
     * thread this only works when {@code closeAsync()} completes at once, and otherwise throws
     * {@link IllegalStateException} (blocking would stall the loop) while the close goes on.
     * Like {@code ExecutorService.close()}, it declares no checked exception, since
     * {@code closeAsync()} declares none: so a try-with-resources over such a resource needs no
     * {@code catch (Exception e)}, whether the processor runs or not.
     */
    @Override
    default void close() {
        closeAsync().join();
    }
}
