package io.jawait;

/**
 * When {@link Tasks#waitFor} returns (asyncio's {@code return_when} constants).
 * <pre>{@code WaitResult<String> r = await(waitFor(tasks, WaitMode.FIRST_COMPLETED));}</pre>
 */
public enum WaitMode {
    /** As soon as any task completes, however it completes. */
    FIRST_COMPLETED,
    /** As soon as any task fails (cancellation does not count); else when all have completed. */
    FIRST_EXCEPTION,
    /** When every task has completed. */
    ALL_COMPLETED
}
