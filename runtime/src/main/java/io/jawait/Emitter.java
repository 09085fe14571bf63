package io.jawait;

/**
 * What the producer of {@link AsyncIterable#generate} receives: it emits each element and awaits
 * the returned task, which completes when the consumer asks for the next element (back-pressure:
 * a producer never runs ahead of its consumer, like a Python async generator's {@code yield}).
 *
 * <pre>{@code
 * @Async
 * static Task<Void> ticks(Emitter<Integer> out, int count) {
 *     for (int i = 1; i <= count; i++) {
 *         await(sleep(1000));
 *         await(out.emit(i));        // suspends until the consumer wants the next one
 *     }
 *     return Task.done();
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public interface Emitter<T> {

    /**
     * Hands {@code value} to the consumer; the task completes when the consumer asks for the
     * next element. If the consumer stops early, the producer is cancelled: this await (or
     * whichever the producer is in) throws CancellationException, so its finally blocks run.
     * <pre>{@code await(out.emit(line));}</pre>
     *
     * @throws IllegalStateException if the previous emit has not completed yet (await each one)
     */
    Task<Void> emit(T value);
}
