package io.jawait;

/**
 * A sequence whose elements arrive asynchronously, consumed through {@link AsyncIterator}.
 *
 * <pre>{@code
 * try (AsyncIterator<Job> it = queue.iterator()) {
 *     while (await(it.hasNext())) {
 *         await(process(it.next()));
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
}
