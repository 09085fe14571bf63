package io.jawait.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/** The {@link IoPoller} of the JDK: one NIO {@link Selector}. */
final class SelectorPoller implements IoPoller {
    private final Selector selector;
    /**
     * The action for each ready channel: queues the Runnable that sockets attach to handle their
     * readiness. Used instead of the selected-key set, which costs a hash-set entry (and its
     * removal) per ready channel per select.
     */
    private final Consumer<SelectionKey> onSelected;

    SelectorPoller(Scheduler scheduler) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
        this.onSelected = key -> {
            Object attachment = key.attachment();
            if (attachment instanceof Runnable) {
                scheduler.post(attachment, null);
            }
        };
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, Runnable onReady) throws ClosedChannelException {
        return channel.register(selector, ops, onReady);
    }

    @Override
    public int channelCount() {
        return selector.keys().size();
    }

    @Override
    public void poll(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                if (!selector.keys().isEmpty()) {
                    selector.selectNow(onSelected);
                }
            } else if (timeoutNanos < 0) {
                selector.select(onSelected);
            } else {
                // Round up: waking before the deadline would only spin.
                selector.select(onSelected, Math.max(1, timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException | RuntimeException ignored) {
                // closing is best effort; the selector is going away anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing useful to do while closing
        }
    }
}
