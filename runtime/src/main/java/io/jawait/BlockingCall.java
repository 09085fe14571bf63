package io.jawait;

/**
 * Blocking code for {@link Tasks#toThread}: a {@link java.util.concurrent.Callable} whose
 * {@code throws} clause is what the code throws, so that {@code toThread} can declare it and a
 * {@code catch} around the await is valid Java: {@code toThread(() -> Files.readString(path))}
 * throws {@code IOException}; code that throws nothing checked makes it throw nothing checked.
 * <pre>{@code
 * try {
 *     String text = await(toThread(() -> Files.readString(path)));
 * } catch (IOException e) { ... }
 * }</pre>
 *
 * @param <T> the result type
 * @param <X> the checked exception the code may throw
 */
@FunctionalInterface
public interface BlockingCall<T, X extends Exception> {
    /** Runs the blocking code, on a thread of its own. */
    T call() throws X;
}
