package io.jawait;

import io.jawait.internal.CollectTask;
import io.jawait.internal.Generator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sequence whose elements arrive asynchronously, consumed through {@link AsyncIterator} with an
 * ordinary loop in {@code @Async} code, and produced by an {@code @Async} method with
 * {@link #generate}.
 *
 * <pre>{@code
 * static AsyncIterable<String> lines(Connection c) {
 *     return AsyncIterable.generate(out -> readLines(c, out));
 * }
 *
 * @Async
 * static Task<Void> readLines(Connection c, Emitter<String> out) {
 *     try {
 *         for (String line; (line = await(c.readLine())) != null; ) await(out.emit(line));
 *     } finally {
 *         c.close();                                   // runs when the consumer stops early, too
 *     }
 *     return Task.done();
 * }
 *
 * // consumer, in an @Async method:
 * try (AsyncIterator<String> it = lines(c).iterator()) {
 *     while (await(it.hasNext())) {
 *         if (it.next().isEmpty()) break;               // leaving the block cancels the producer
 *     }
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> {

    /**
     * A new iterator over the elements. <pre>{@code AsyncIterator<Job> it = queue.iterator();}</pre>
     */
    AsyncIterator<T> iterator();

    /**
     * An async generator: each {@link #iterator()} starts {@code producer} (lazily, on the first
     * {@code hasNext()}) with an {@link Emitter} to hand elements over, one at a time. The
     * producer's {@code await(out.emit(x))} completes only when the consumer asks for the next
     * element, so it never runs ahead (back-pressure without a buffer). When the consumer stops
     * early ({@code close()}, leaving a try-with-resources block, or cancelling a pending
     * {@code hasNext()}), the producer is cancelled at its current await and its {@code finally}
     * blocks run; {@code closeAsync()} waits for them. The producer's failure is thrown by
     * {@code hasNext()}; its value is ignored.
     * <pre>{@code AsyncIterable<Integer> ticks = AsyncIterable.generate(out -> ticker(out, 10));}</pre>
     */
    static <T> AsyncIterable<T> generate(Function<? super Emitter<T>, ? extends Task<?>> producer) {
        Objects.requireNonNull(producer, "producer");
        return () -> new Generator<>(producer);
    }

    /**
     * The given elements, already available. <pre>{@code AsyncIterable<String> a = AsyncIterable.of("x", "y");}</pre>
     */
    @SafeVarargs
    static <T> AsyncIterable<T> of(T... elements) {
        return from(Arrays.asList(elements.clone()));
    }

    /**
     * The elements of {@code iterable}, each available at once.
     * <pre>{@code AsyncIterable<Path> files = AsyncIterable.from(paths);}</pre>
     */
    static <T> AsyncIterable<T> from(Iterable<? extends T> iterable) {
        Objects.requireNonNull(iterable, "iterable");
        return () -> new AsyncIterator<T>() {
            private final Iterator<? extends T> it = iterable.iterator();
            private boolean closed;

            @Override
            public Task<Boolean> hasNext() {
                return Task.of(!closed && it.hasNext());
            }

            @Override
            public T next() {
                if (closed) {
                    throw new NoSuchElementException("the iterator is closed");
                }
                return it.next();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    /**
     * A task that iterates to the end and completes with every element in order (it fails like
     * the iteration); cancelling it stops the iteration.
     * <pre>{@code List<String> all = await(lines(c).toList());}</pre>
     */
    default Task<List<T>> toList() {
        return CollectTask.start(iterator());
    }
}
