package io.jawait;

import java.util.NoSuchElementException;

/**
 * An iterator whose {@link #hasNext()} may suspend: the protocol {@code @Async} code uses to
 * consume asynchronous sequences (kotlinx's {@code ChannelIterator}, C#'s
 * {@code IAsyncEnumerator}, Python's {@code __anext__}) with an ordinary loop.
 *
 * <pre>{@code
 * try (AsyncIterator<String> it = lines.iterator()) {
 *     while (await(it.hasNext())) {
 *         String line = it.next();
 *         if (line.isEmpty()) break;                 // close() stops the producer
 *         System.out.println(line);
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #close()} tells the producer that the consumer stopped early: a generator is
 * cancelled (its {@code finally} blocks run); try-with-resources in an {@code @Async} method awaits
 * {@link #closeAsync()}, which also waits for them. Closing an exhausted iterator does nothing, so
 * try-with-resources is always safe. Cancelling a pending {@link #hasNext()} task withdraws the
 * request without consuming an element.
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> extends AsyncCloseable {

    /**
     * A task completing with true once an element is available, or false at the end of the
     * sequence; it fails if the producer failed. Calling it again before {@link #next()} returns
     * the same answer without consuming anything.
     * <pre>{@code while (await(it.hasNext())) use(it.next());}</pre>
     */
    Task<Boolean> hasNext();

    /**
     * The element that the last {@code hasNext()} announced.
     * <pre>{@code String line = it.next();}</pre>
     *
     * @throws NoSuchElementException if {@code hasNext()} has not completed with true since the
     *     last {@code next()}
     */
    T next();

    /** Stops the iteration early, without waiting; idempotent. <pre>{@code it.close();}</pre> */
    @Override
    void close();

    /**
     * Stops the iteration early and completes once the producer has finished (a generator's
     * {@code finally} blocks have run; it fails if they failed). Try-with-resources in an
     * {@code @Async} method awaits it. By default: {@link #close()}, then done.
     * <pre>{@code await(it.closeAsync());}</pre>
     */
    @Override
    default Task<Void> closeAsync() {
        close();
        return Task.done();
    }
}
