package io.jawait.sync;

/**
 * Thrown by {@link AsyncQueue#put}/{@link AsyncQueue#offer} after the queue was closed, and by
 * {@link AsyncQueue#take} once a closed queue is empty (asyncio's {@code QueueShutDown}, kotlinx's
 * {@code ClosedSendChannelException}/{@code ClosedReceiveChannelException}). Consumers that
 * iterate the queue never see it: the iteration just ends.
 */
public class QueueClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message. <pre>{@code throw new QueueClosedException("closed");}</pre> */
    public QueueClosedException(String message) {
        super(message);
    }
}
