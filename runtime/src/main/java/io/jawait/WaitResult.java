package io.jawait;

import java.util.List;

/**
 * What {@link Tasks#waitFor} returns: the tasks that had completed and those still pending, each
 * list in argument order (asyncio's {@code (done, pending)}). The tasks are the ones passed in, so
 * their outcomes are read with {@code await}, {@code resultNow()} or {@code exceptionNow()}.
 *
 * <pre>{@code
 * WaitResult<String> r = await(waitFor(List.of(a, b, c), WaitMode.FIRST_COMPLETED));
 * for (Task<String> t : r.done()) System.out.println(await(t));
 * r.pending().forEach(Task::cancel);
 * }</pre>
 *
 * @param done the completed tasks (unmodifiable)
 * @param pending the tasks still running (unmodifiable)
 * @param <T> the value type of the tasks
 */
public record WaitResult<T>(List<Task<T>> done, List<Task<T>> pending) {
    /** Copies both lists. <pre>{@code new WaitResult<>(List.of(a), List.of(b))}</pre> */
    public WaitResult {
        done = List.copyOf(done);
        pending = List.copyOf(pending);
    }
}
