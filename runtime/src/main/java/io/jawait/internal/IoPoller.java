package io.jawait.internal;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The part of a loop that waits for I/O (Netty's {@code IoHandler}, asyncio's selector): channels
 * register with it, the loop asks it to wait for readiness, and other threads wake it up. Each
 * ready channel's action goes to the {@link Scheduler} the poller was made for. Everything but
 * {@link #wakeup()} is confined to the loop thread, so a loop on another thread builds its own
 * poller there.
 */
public interface IoPoller {
    /**
     * Registers a non-blocking channel; {@code onReady} is queued each time a wait finds the
     * channel ready for one of {@code ops}.
     */
    SelectionKey register(SelectableChannel channel, int ops, Runnable onReady) throws ClosedChannelException;

    /** Channels registered; a closed channel counts until the next wait. */
    int channelCount();

    /** Waits for ready channels: not at all for 0, until {@link #wakeup()} for a negative timeout. */
    void poll(long timeoutNanos);

    /** Ends a wait in progress, or makes the next one return at once. Any thread. */
    void wakeup();

    /** Closes the channels still registered (they can never be served again) and the poller itself. */
    void close();
}
