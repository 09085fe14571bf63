package io.jawait;

/**
 * Starts a task, as {@link Tasks#run}, {@link EventLoop#submit}, {@code withLock}, {@code withPermit}
 * and {@link TaskLocal#with} ask for; usually a lambda or a reference calling an {@code @Async}
 * method. Its {@code throws} clause is what that call declares, so the method taking it can declare
 * the same: {@code Tasks.run(() -> serve(8080))} throws the {@code IOException} that
 * {@code serve} declares, as a blocking {@code serve(8080)} would; a supplier that declares
 * nothing lets the caller catch nothing (Java infers {@code RuntimeException} for {@code X}).
 * <pre>{@code
 * public static void main(String[] args) throws IOException {
 *     Tasks.run(() -> serve(8080));        // @Async static Task<Void> serve(int port) throws IOException
 * }
 * }</pre>
 *
 * @param <T> the task's value type
 * @param <X> the checked exception the task may fail with, as its method declares
 */
@FunctionalInterface
public interface TaskSupplier<T, X extends Exception> {
    /** Starts the task (an {@code @Async} method runs until it first suspends) and returns it, never null. */
    Task<T> get() throws X;
}
