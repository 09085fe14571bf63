package io.jawait;

import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * How one task ended: with a value ({@link Success}) or an exception ({@link Failure}; a cancelled
 * task is a Failure holding a CancellationException). Returned by {@link Tasks#gatherSettled}.
 *
 * <pre>{@code
 * for (Outcome<String> o : await(gatherSettled(fetch(a), fetch(b)))) {
 *     if (o.isSuccess()) print(o.value()); else log(o.error());
 * }
 * }</pre>
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /** A successful outcome. <pre>{@code Outcome<Integer> o = Outcome.success(42);}</pre> */
    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    /** A failed outcome. <pre>{@code Outcome<Integer> o = Outcome.failure(new IOException("boom"));}</pre> */
    static <T> Outcome<T> failure(Throwable error) {
        return new Failure<>(error);
    }

    /** True for a value. <pre>{@code if (o.isSuccess()) use(o.value());}</pre> */
    boolean isSuccess();

    /** True for an exception, including cancellation. <pre>{@code if (o.isFailure()) log(o.error());}</pre> */
    default boolean isFailure() {
        return !isSuccess();
    }

    /** True if the task was cancelled. <pre>{@code long n = outcomes.stream().filter(Outcome::isCancelled).count();}</pre> */
    default boolean isCancelled() {
        return !isSuccess() && error() instanceof CancellationException;
    }

    /**
     * The value. <pre>{@code String page = o.value();}</pre>
     *
     * @throws IllegalStateException on a failure, with the error as cause
     */
    T value();

    /**
     * The exception. <pre>{@code Throwable e = o.error();}</pre>
     *
     * @throws IllegalStateException on a success
     */
    Throwable error();

    /**
     * A task that completed with a value.
     *
     * @param value the value, possibly null
     * @param <T> the type of the value
     */
    record Success<T>(T value) implements Outcome<T> {
        @Override
        public boolean isSuccess() {
            return true;
        }

        @Override
        public Throwable error() {
            throw new IllegalStateException("the task succeeded; it has no error");
        }

        @Override
        public String toString() {
            return "Success[" + value + "]";
        }
    }

    /**
     * A task that completed with an exception or was cancelled.
     *
     * @param error the exception, never null
     * @param <T> the type the value would have had
     */
    record Failure<T>(Throwable error) implements Outcome<T> {
        /** @throws NullPointerException if {@code error} is null */
        public Failure {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("the task failed with " + error, error);
        }

        @Override
        public String toString() {
            return "Failure[" + error + "]";
        }
    }
}
