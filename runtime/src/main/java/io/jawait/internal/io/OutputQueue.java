package io.jawait.internal.io;

import io.jawait.Task;
import io.jawait.internal.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The write side of a stream: writes go to the sink at once when it can take them, the rest is
 * copied into a queue flushed whenever the sink becomes writable. A write that leaves more than
 * the high-water mark queued returns a task that completes once the queue is back down to the
 * low-water mark, which is how an awaiting writer feels back-pressure (asyncio's defaults: 64 KiB
 * and 16 KiB). Loop thread only.
 */
public final class OutputQueue {
    /** Queued bytes are copied into chunks of at least this size, so many small writes share one. */
    private static final int CHUNK = 8 * 1024;
    private static final int MAX_GATHER = 64;

    private final ByteSink sink;
    private final Consumer<IOException> onFailure;
    private final Runnable flush = this::flush;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private long queued;
    private int highWater = 64 * 1024;
    private int lowWater = 16 * 1024;
    private boolean awaitingWritable;
    /** Set once the output is shut down or the stream closed: no more writes. */
    private String endedBy;
    private boolean shutdownPending;
    private Runnable whenFlushed;
    private Throwable failure;

    /**
     * @param onFailure told once about the first write error (the stream then aborts itself)
     */
    public OutputQueue(ByteSink sink, Consumer<IOException> onFailure) {
        this.sink = sink;
        this.onFailure = onFailure;
    }

    /** Bytes accepted by write but not yet handed to the sink. */
    public long size() {
        return queued;
    }

    public void setLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("need 0 <= low <= high, got high=" + high + ", low=" + low);
        }
        highWater = high;
        lowWater = low;
        wakeWaiters();
    }

    /** Takes all of {@code src}'s remaining bytes (writes them or copies them); see the class comment for the task. */
    public Task<Void> write(ByteBuffer src) {
        if (failure != null) {
            return Task.failed(failure);
        }
        if (endedBy != null) {
            return Task.failed(new IllegalStateException("write after " + endedBy));
        }
        if (queue.isEmpty()) {
            try {
                gather[0] = src;
                while (src.hasRemaining() && sink.write(gather, 0, 1) > 0) {
                    // the sink took some; offer the rest
                }
            } catch (IOException e) {
                fail(e);
                return Task.failed(e);
            } finally {
                gather[0] = null;
            }
        }
        if (src.hasRemaining()) {
            enqueue(src);
            if (!awaitingWritable) {
                awaitingWritable = true;
                sink.awaitWritable(flush);
            }
        }
        return queued > highWater ? waitUntil(lowWater) : Task.done();
    }

    /** A task that completes once everything written so far has been handed to the sink. */
    public Task<Void> drain() {
        if (failure != null) {
            return Task.failed(failure);
        }
        return queued == 0 ? Task.done() : waitUntil(0);
    }

    /** Flushes what is queued, then half-closes; the task completes after the half-close. */
    public Task<Void> shutdownOutput() {
        if (failure != null) {
            return Task.failed(failure);
        }
        if (endedBy != null) {
            return Task.failed(new IllegalStateException("shutdownOutput() after " + endedBy));
        }
        endedBy = "shutdownOutput()";
        if (queued == 0) {
            try {
                sink.shutdownOutput();
            } catch (IOException e) {
                fail(e);
                return Task.failed(e);
            }
            return Task.done();
        }
        shutdownPending = true;
        return waitUntil(0);
    }

    /**
     * No more writes; runs {@code action} once the queue is empty (at once if it is), unless a
     * write error or {@link #abort} comes first. Returns whether output was still queued.
     */
    public boolean close(Runnable action) {
        if (endedBy == null) {
            endedBy = "close()";
        }
        if (queued == 0 || failure != null) {
            action.run();
            return false;
        }
        whenFlushed = action;
        return true;
    }

    /** Drops what is queued and fails every waiter with {@code cause}. */
    public void abort(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        if (endedBy == null) {
            endedBy = "close()";
        }
        queue.clear();
        queued = 0;
        whenFlushed = null;
        List<Waiter> all = new ArrayList<>(waiters);
        waiters.clear();
        for (Waiter w : all) {
            w.fail(cause);
        }
    }

    private void enqueue(ByteBuffer src) {
        int n = src.remaining();
        ByteBuffer tail = queue.peekLast();
        if (tail != null && tail.capacity() - tail.limit() >= n) {
            int at = tail.limit();
            tail.limit(at + n);
            src.get(tail.array(), tail.arrayOffset() + at, n);
        } else {
            ByteBuffer chunk = ByteBuffer.allocate(Math.max(n, CHUNK));
            chunk.put(src).flip();
            queue.addLast(chunk);
        }
        queued += n;
    }

    private Task<Void> waitUntil(long level) {
        Waiter w = new Waiter(this, level);
        waiters.add(w);
        return w;
    }

    private void flush() {
        awaitingWritable = false;
        if (failure != null) {
            return;
        }
        try {
            while (!queue.isEmpty()) {
                int n = Math.min(queue.size(), MAX_GATHER);
                int i = 0;
                for (ByteBuffer b : queue) {
                    if (i == n) {
                        break;
                    }
                    gather[i++] = b;
                }
                long written = sink.write(gather, 0, n);
                Arrays.fill(gather, 0, n, null);
                queued -= written;
                while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                    queue.pollFirst();
                }
                if (written == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (!queue.isEmpty()) {
            awaitingWritable = true;
            sink.awaitWritable(flush);
        } else if (shutdownPending) {
            shutdownPending = false;
            try {
                sink.shutdownOutput();
            } catch (IOException e) {
                fail(e);
                return;
            }
        }
        wakeWaiters();
        if (queue.isEmpty() && whenFlushed != null) {
            Runnable action = whenFlushed;
            whenFlushed = null;
            action.run();
        }
    }

    /** Completes the waiters whose level is reached; they may write again as they resume. */
    private void wakeWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        List<Waiter> due = null;
        for (int i = 0; i < waiters.size(); i++) {
            Waiter w = waiters.get(i);
            if (queued <= w.level || w.isDone()) {
                waiters.remove(i--);
                if (due == null) {
                    due = new ArrayList<>(2);
                }
                due.add(w);
            }
        }
        if (due != null) {
            for (Waiter w : due) {
                w.complete(null);
            }
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            onFailure.accept(e);
            abort(e);
        }
    }

    /** A writer waiting for the queue to shrink to {@code level} bytes. */
    private static final class Waiter extends Promise<Void> {
        private final OutputQueue owner;
        final long level;

        Waiter(OutputQueue owner, long level) {
            this.owner = owner;
            this.level = level;
        }

        @Override
        protected boolean onCancel() {
            owner.waiters.remove(this);
            return super.onCancel();
        }

        @Override
        public String taskName() {
            return level == 0 ? "drain" : "write";
        }
    }
}
