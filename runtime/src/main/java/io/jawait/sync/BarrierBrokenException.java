package io.jawait.sync;

/**
 * Thrown by an {@link AsyncBarrier} wait when the barrier was aborted or reset while the task
 * waited, or is broken when it arrives (asyncio's {@code BrokenBarrierError}). Unchecked, unlike
 * {@link java.util.concurrent.BrokenBarrierException}, because it reaches {@code @Async} code
 * through {@code await}.
 */
public class BarrierBrokenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message. <pre>{@code throw new BarrierBrokenException("aborted");}</pre> */
    public BarrierBrokenException(String message) {
        super(message);
    }
}
