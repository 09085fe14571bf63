package io.jawait.internal.io;

import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.internal.Promise;
import io.jawait.internal.TaskAccess;
import io.jawait.internal.ThreadTask;
import io.jawait.internal.Waiter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Blocking calls of the I/O layer (the file system, the JDK's name resolver), run with
 * {@link Tasks#toThread} so they never hold up an event loop. Unlike {@code toThread} itself,
 * cancelling the returned task only stops waiting: the call is not interrupted (an interrupt
 * would close a {@link java.nio.channels.FileChannel} and could leave a file half-written), it
 * finishes, and what it returns then goes to a discard action, so an opened file is closed
 * rather than leaked.
 */
public final class BlockingIo {
    private BlockingIo() {
    }

    /** Runs {@code call} off the loop; the task completes on the current loop with its result or exception. */
    public static <T> Task<T> call(Callable<T> call) {
        return call(call, result -> { });
    }

    /** Same, handing the result of a call whose task was cancelled meanwhile to {@code discard}, on the loop. */
    public static <T> Task<T> call(Callable<T> call, Consumer<? super T> discard) {
        Abandonable<T> result = new Abandonable<>(discard);
        Task<T> running = ThreadTask.start(call, null);
        if (running.isDone()) {
            result.onDone(running);
        } else {
            TaskAccess.get().addWaiter(running, result);
        }
        return result;
    }

    /** The task handed out by {@link #call(Callable, Consumer)}; cancelling it leaves the call running. */
    private static final class Abandonable<T> extends Promise<T> implements Waiter {
        private final Consumer<? super T> discard;

        Abandonable(Consumer<? super T> discard) {
            this.discard = discard;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onDone(Task<?> call) {
            if (!isDone()) {
                completeFrom(call);
            } else if (TaskAccess.get().state(call) == TaskAccess.SUCCEEDED) {
                discard.accept((T) TaskAccess.get().rawResult(call));
            } else {
                TaskAccess.get().observe(call);
            }
        }

        @Override
        public String taskName() {
            return "blocking I/O";
        }
    }
}
