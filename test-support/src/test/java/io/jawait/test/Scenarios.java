package io.jawait.test;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Task;

/** Small {@code @Async} scenarios the tests run on virtual time, written as a user would. */
final class Scenarios {
    private Scenarios() {
    }

    @Async
    static <T> Task<T> sleepThen(long millis, T value) {
        await(sleep(millis));
        return Task.of(value);
    }

    @Async
    static Task<String> failLater(long millis, RuntimeException failure) {
        await(sleep(millis));
        throw failure;
    }
}
