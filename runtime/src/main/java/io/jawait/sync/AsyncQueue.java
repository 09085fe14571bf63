package io.jawait.sync;

import io.jawait.AsyncIterable;
import io.jawait.AsyncIterator;
import io.jawait.Task;
import io.jawait.internal.HandoffNode;
import io.jawait.internal.WaitNode;
import io.jawait.internal.WaitQueue;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A FIFO queue between tasks of one event loop, unbounded or bounded with back-pressure, like
 * asyncio's {@code Queue} and kotlinx's {@code Channel} (named so that it does not clash with
 * {@link java.util.Queue}). Method names follow {@link java.util.concurrent.BlockingQueue}:
 * {@code put}/{@code take} suspend, {@code offer}/{@code poll} never do.
 *
 * <pre>{@code
 * AsyncQueue<String> jobs = new AsyncQueue<>(10);     // put waits while 10 are queued
 *
 * @Async Task<Void> producer() {
 *     for (String url : urls) await(jobs.put(url));
 *     jobs.close();                                    // consumers finish once the queue is drained
 *     return Task.done();
 * }
 *
 * @Async Task<Void> consumer() {
 *     try (AsyncIterator<String> it = jobs.iterator()) {
 *         while (await(it.hasNext())) await(fetch(it.next()));
 *     }
 *     return Task.done();
 * }
 * }</pre>
 *
 * <p><b>Capacity.</b> {@code new AsyncQueue<>()} is unbounded; {@code new AsyncQueue<>(n)} holds at
 * most {@code n} items and {@link #put} waits for room; {@code n = 0} is a rendezvous: each put
 * waits for a taker. <b>Close.</b> {@link #close()} rejects new items and fails waiting putters
 * with {@link QueueClosedException}; items already queued are still delivered, then takers fail
 * with it and iterators end. {@link #taskDone()} and {@link #join()} track processing as in
 * asyncio. <b>Fair and cancellation-safe.</b> Takers are served and putters
 * admitted in FIFO order. A cancelled {@code take} leaves the queue without an item and a cancelled
 * {@code put} without adding it; a take or put that already happened when its awaiter is cancelled
 * is still reported to it (the item is delivered, the cancellation comes at its next await), so
 * no item is lost or duplicated. Null items are refused. Not thread-safe: other threads hand items
 * over with {@code loop.execute(() -> queue.offer(x))}; between loops, use {@link SharedQueue}.
 *
 * @param <T> the item type
 */
public final class AsyncQueue<T> extends LoopBound implements AsyncIterable<T> {
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final WaitQueue<Taker<T, ?>> takers = new WaitQueue<>();
    private final WaitQueue<Putter<T>> putters = new WaitQueue<>();
    private WaitQueue<Joiner> joiners = new WaitQueue<>();
    /** Items put and not yet marked done with taskDone() (asyncio's unfinished_tasks). */
    private int unfinished;
    private boolean closed;
    private HandoffNode<Void> putDone;

    /** An unbounded queue. <pre>{@code AsyncQueue<Event> events = new AsyncQueue<>();}</pre> */
    public AsyncQueue() {
        this.capacity = Integer.MAX_VALUE;
    }

    /**
     * A queue holding at most {@code capacity} items; 0 makes every put wait for a taker.
     * <pre>{@code AsyncQueue<Job> jobs = new AsyncQueue<>(100);}</pre>
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public AsyncQueue(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    void rebound() {
        putDone = null;
    }

    /**
     * A task that completes once {@code item} is in the queue (or handed to a waiting taker): at
     * once if there is room. It fails with {@link QueueClosedException} if the queue is or gets
     * closed first (the item is then not added). Cancelling it while it waits withdraws the item.
     * <pre>{@code await(jobs.put(job));}</pre>
     */
    public Task<Void> put(T item) {
        Objects.requireNonNull(item, "AsyncQueue does not accept null items");
        loop();
        if (closed) {
            return Task.failed(closedException("put"));
        }
        if (admit(item)) {
            HandoffNode<Void> done = putDone;
            if (done == null) {
                putDone = done = HandoffNode.completed("AsyncQueue.put", null);
            }
            return done;
        }
        Putter<T> p = new Putter<>(item);
        putters.add(p);
        return p;
    }

    /**
     * Adds {@code item} if there is room right now; never suspends.
     * <pre>{@code if (!events.offer(e)) dropped++;}</pre>
     *
     * @return false if the queue is full
     * @throws QueueClosedException if the queue is closed
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "AsyncQueue does not accept null items");
        loop();
        if (closed) {
            throw closedException("offer");
        }
        return admit(item);
    }

    /**
     * A task that completes with the oldest item once there is one: at once if the queue is not
     * empty. It fails with {@link QueueClosedException} once the queue is closed and empty.
     * Cancelling it while it waits withdraws it without taking anything.
     * <pre>{@code Job job = await(jobs.take());}</pre>
     */
    public Task<T> take() {
        loop();
        T item = removeNext();
        if (item != null) {
            return HandoffNode.completed("AsyncQueue.take", item);
        }
        if (closed) {
            return Task.failed(closedException("take"));
        }
        Take<T> t = new Take<>();
        takers.add(t);
        return t;
    }

    /**
     * Removes and returns the oldest item, or null if the queue is empty; never suspends.
     * <pre>{@code for (Job j; (j = jobs.poll()) != null; ) handle(j);}</pre>
     */
    public T poll() {
        loop();
        return removeNext();
    }

    /**
     * Closes the queue: new puts fail, waiting putters fail with {@link QueueClosedException}
     * (their items are not added), queued items are still delivered, and then takers fail and
     * iterators end. Idempotent.
     * <pre>{@code jobs.close();}</pre>
     */
    public void close() {
        loop();
        if (closed) {
            return;
        }
        closed = true;
        Putter<T> p;
        while ((p = putters.poll()) != null) {
            p.fail(closedException("put"));
        }
        Taker<T, ?> t;
        while ((t = takers.poll()) != null) { // waiting takers mean the queue is empty
            t.end(this);
        }
    }

    /**
     * An iterator that takes items until the queue is closed and drained; several iterators (or
     * takers) share the items, each item going to one of them. {@code close()} on the iterator
     * does not close the queue.
     * <pre>{@code try (var it = jobs.iterator()) { while (await(it.hasNext())) handle(it.next()); }}</pre>
     */
    @Override
    public AsyncIterator<T> iterator() {
        return new Iter<>(this);
    }

    /**
     * Marks one item taken earlier as fully processed, for {@link #join()} (asyncio's
     * {@code task_done}). <pre>{@code Job j = await(jobs.take()); try { ... } finally { jobs.taskDone(); }}</pre>
     *
     * @throws IllegalStateException if called more often than items were put
     */
    public void taskDone() {
        loop();
        if (unfinished == 0) {
            throw new IllegalStateException("AsyncQueue.taskDone() called more times than items were put");
        }
        if (--unfinished == 0) {
            WaitQueue<Joiner> done = joiners;
            joiners = new WaitQueue<>();
            Joiner j;
            while ((j = done.poll()) != null) {
                j.complete(null);
            }
        }
    }

    /**
     * A task that completes once every item put so far has been marked with {@link #taskDone()}
     * (asyncio's {@code Queue.join}): at once if none is unfinished.
     * <pre>{@code for (Job j : batch) await(jobs.put(j)); await(jobs.join());   // all processed}</pre>
     */
    public Task<Void> join() {
        loop();
        if (unfinished == 0) {
            return Task.done();
        }
        Joiner j = new Joiner();
        joiners.add(j);
        return j;
    }

    /** Items in the queue (not counting waiting putters). <pre>{@code int n = jobs.size();}</pre> */
    public int size() {
        return items.size();
    }

    /** Whether no item is queued. <pre>{@code if (jobs.isEmpty()) ...}</pre> */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The capacity, {@link Integer#MAX_VALUE} if unbounded. <pre>{@code int cap = jobs.capacity();}</pre> */
    public int capacity() {
        return capacity;
    }

    /** Whether {@link #close()} was called. <pre>{@code if (jobs.isClosed()) ...}</pre> */
    public boolean isClosed() {
        return closed;
    }

    /** For example {@code AsyncQueue[size=3, capacity=10, takers=0, putters=0]}. */
    @Override
    public String toString() {
        return "AsyncQueue[size=" + items.size() + ", capacity=" + (capacity == Integer.MAX_VALUE ? "unbounded" : capacity)
                + ", takers=" + takers.size() + ", putters=" + putters.size() + (closed ? ", closed" : "") + "]";
    }

    // ---- machinery ------------------------------------------------------------------------------

    private QueueClosedException closedException(String what) {
        return new QueueClosedException("AsyncQueue." + what + "(): the queue is closed");
    }

    /** Hands the item to the oldest taker, or queues it if there is room; false if full. */
    private boolean admit(T item) {
        Taker<T, ?> t = takers.poll();
        if (t != null) {
            unfinished++;
            t.deliver(item);
            return true;
        }
        if (items.size() < capacity) {
            unfinished++;
            items.add(item);
            return true;
        }
        return false;
    }

    /** The next item, admitting the oldest waiting putter into the freed room; null if none. */
    private T removeNext() {
        T item = items.poll();
        Putter<T> p = putters.poll();
        if (p == null) {
            return item;
        }
        if (item == null) { // rendezvous: take straight from the putter
            item = p.item;
        } else {
            items.add(p.item);
        }
        unfinished++;
        p.complete(null);
        return item;
    }

    /** A waiting consumer: a take() or an iterator's hasNext(). */
    private abstract static class Taker<T, R> extends HandoffNode<R> {
        Taker(String name) {
            super(name);
        }

        abstract void deliver(T item);

        abstract void end(AsyncQueue<T> queue);
    }

    private static final class Take<T> extends Taker<T, T> {
        Take() {
            super("AsyncQueue.take");
        }

        @Override
        void deliver(T item) {
            complete(item);
        }

        @Override
        void end(AsyncQueue<T> queue) {
            fail(queue.closedException("take"));
        }
    }

    private static final class Joiner extends WaitNode<Void> {
        @Override
        public String taskName() {
            return "AsyncQueue.join";
        }
    }

    private static final class Putter<T> extends HandoffNode<Void> {
        final T item;

        Putter(T item) {
            super("AsyncQueue.put");
            this.item = item;
        }
    }

    private static final class Iter<T> implements AsyncIterator<T> {
        private final AsyncQueue<T> queue;
        private T next;
        private boolean ended;
        private HasNext<T> pending;

        Iter(AsyncQueue<T> queue) {
            this.queue = queue;
        }

        @Override
        public Task<Boolean> hasNext() {
            queue.loop();
            if (pending != null && !pending.isDone()) {
                return pending;
            }
            if (next != null) {
                return HandoffNode.completed("AsyncQueue.hasNext", true);
            }
            if (ended) {
                return Task.of(false);
            }
            T item = queue.removeNext();
            if (item != null) {
                next = item;
                return HandoffNode.completed("AsyncQueue.hasNext", true);
            }
            if (queue.closed) {
                ended = true;
                return Task.of(false);
            }
            HasNext<T> h = new HasNext<>(this);
            queue.takers.add(h);
            pending = h;
            return h;
        }

        @Override
        public T next() {
            queue.loop();
            T item = next;
            if (item == null) {
                throw new NoSuchElementException("next() without a preceding hasNext() that completed with true");
            }
            next = null;
            return item;
        }

        /** Ends this iterator; an element announced by hasNext() but not taken goes back to the queue's front. */
        @Override
        public void close() {
            queue.loop();
            ended = true;
            if (pending != null) {
                pending.cancel();
            }
            T item = next;
            if (item != null) {
                next = null;
                queue.returnItem(item);
            }
        }
    }

    private void returnItem(T item) {
        loop();
        Taker<T, ?> t = takers.poll();
        if (t != null) {
            t.deliver(item);
        } else {
            items.addFirst(item); // may exceed the capacity by one for a moment; never loses it
        }
    }

    private static final class HasNext<T> extends Taker<T, Boolean> {
        private final Iter<T> iter;

        HasNext(Iter<T> iter) {
            super("AsyncQueue.hasNext");
            this.iter = iter;
        }

        @Override
        void deliver(T item) {
            iter.next = item;
            complete(Boolean.TRUE);
        }

        @Override
        void end(AsyncQueue<T> queue) {
            iter.ended = true;
            complete(Boolean.FALSE);
        }
    }
}
