package io.jawait.sync;

import io.jawait.Task;
import io.jawait.internal.LoopCore;
import io.jawait.internal.RemoteHandoff;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A FIFO queue between loops: tasks of any loop of an {@link io.jawait.EventLoopGroup} (or of any
 * {@code EventLoopThread}) may put and take, and plain threads may {@link #offer} and {@link #poll};
 * kotlinx's {@code Channel} or a {@code BlockingQueue} whose waits suspend instead of blocking.
 * The cross-loop counterpart of {@link AsyncQueue}, which belongs to one loop and is cheaper there:
 * each operation here takes a lock, and a waiter woken by another loop resumes through its own
 * loop's inbox, so a task always resumes on the loop it runs on.
 *
 * <pre>{@code
 * SharedQueue<Job> jobs = new SharedQueue<>(100);     // put waits while 100 are queued
 *
 * @Async Task<Void> worker() {                         // started on every loop of the group
 *     while (true) {
 *         Job job;
 *         try {
 *             job = await(jobs.take());
 *         } catch (QueueClosedException drained) {
 *             return Task.done();
 *         }
 *         await(handle(job));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Capacity.</b> {@code new SharedQueue<>()} is unbounded; {@code new SharedQueue<>(n)} holds
 * at most {@code n} items and {@link #put} waits for room; {@code n = 0} makes each put wait for a
 * taker. <b>Close.</b> {@link #close()} rejects new items and fails waiting putters with
 * {@link QueueClosedException}; queued items are still delivered, then takes fail with it.
 * <b>Fair and cancellation-safe</b>, as {@link AsyncQueue}: takers are served and putters admitted in
 * the order they came, whatever their loops; a cancelled take leaves without an item and a
 * cancelled put without adding it, and a take or put that already happened when its awaiter is
 * cancelled is still reported to it, so no item is lost or duplicated. A waiter whose loop has
 * closed is skipped. Null items are refused.
 *
 * <p>A waiting put or take counts as awaiting something outside its loop (like a
 * {@code CompletableFuture}): a {@code TestLoop} with nothing else to do waits for another thread
 * to complete it up to its stall timeout, in real time. Within one loop, prefer {@link AsyncQueue}.
 *
 * @param <T> the item type
 */
public final class SharedQueue<T> {
    private final int capacity;
    private final Object lock = new Object();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<Taker<T>> takers = new ArrayDeque<>();
    private final ArrayDeque<Putter<T>> putters = new ArrayDeque<>();
    private boolean closed;

    /** An unbounded queue. <pre>{@code SharedQueue<Event> events = new SharedQueue<>();}</pre> */
    public SharedQueue() {
        this.capacity = Integer.MAX_VALUE;
    }

    /**
     * A queue holding at most {@code capacity} items; 0 makes every put wait for a taker.
     * <pre>{@code SharedQueue<Job> jobs = new SharedQueue<>(100);}</pre>
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public SharedQueue(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * From a loop: a task of that loop that completes once {@code item} is in the queue (or handed
     * to a waiting taker, on whatever loop): at once if there is room. It fails with
     * {@link QueueClosedException} if the queue is or gets closed first (the item is then not
     * added). Cancelling it while it waits withdraws the item.
     * <pre>{@code await(jobs.put(job));}</pre>
     *
     * @throws IllegalStateException if no event loop runs on this thread
     */
    public Task<Void> put(T item) {
        Objects.requireNonNull(item, "SharedQueue does not accept null items");
        LoopCore.require();
        while (true) {
            Taker<T> taker;
            synchronized (lock) {
                if (closed) {
                    return Task.failed(closedException("put"));
                }
                taker = takers.poll();
                if (taker == null) {
                    if (items.size() < capacity) {
                        items.add(item);
                        return Task.done();
                    }
                    Putter<T> p = new Putter<>(this, item);
                    putters.add(p);
                    return p;
                }
            }
            if (taker.deliver(item, null)) {
                return Task.done();
            }
            // That taker's loop has closed: the item is still ours, try the next one.
        }
    }

    /**
     * From any thread: adds {@code item} if there is room right now (or a taker waits); never
     * suspends or blocks for long. <pre>{@code if (!events.offer(e)) dropped++;}</pre>
     *
     * @return false if the queue is full
     * @throws QueueClosedException if the queue is closed
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "SharedQueue does not accept null items");
        while (true) {
            Taker<T> taker;
            synchronized (lock) {
                if (closed) {
                    throw closedException("offer");
                }
                taker = takers.poll();
                if (taker == null) {
                    if (items.size() < capacity) {
                        items.add(item);
                        return true;
                    }
                    return false;
                }
            }
            if (taker.deliver(item, null)) {
                return true;
            }
        }
    }

    /**
     * From a loop: a task of that loop that completes with the oldest item once there is one: at
     * once if the queue is not empty. It fails with {@link QueueClosedException} once the queue is
     * closed and empty. Cancelling it while it waits withdraws it without taking anything.
     * <pre>{@code Job job = await(jobs.take());}</pre>
     *
     * @throws IllegalStateException if no event loop runs on this thread
     */
    public Task<T> take() {
        LoopCore.require();
        Putter<T> admitted;
        T item;
        synchronized (lock) {
            admitted = putters.poll();
            item = next(admitted);
            if (item == null) {
                if (closed) {
                    return Task.failed(closedException("take"));
                }
                Taker<T> t = new Taker<>(this);
                takers.add(t);
                return t;
            }
        }
        if (admitted != null) {
            admitted.deliver(null, null);   // if its loop has closed, the item is in the queue all the same
        }
        return Task.of(item);
    }

    /**
     * From any thread: removes and returns the oldest item, or null if the queue is empty; never
     * suspends or blocks for long. <pre>{@code for (Job j; (j = jobs.poll()) != null; ) handle(j);}</pre>
     */
    public T poll() {
        Putter<T> admitted;
        T item;
        synchronized (lock) {
            admitted = putters.poll();
            item = next(admitted);
        }
        if (admitted != null) {
            admitted.deliver(null, null);
        }
        return item;
    }

    /** Under the lock: the next item, the oldest waiting putter (if any) moving into the room freed. */
    private T next(Putter<T> admitted) {
        T item = items.poll();
        if (admitted == null) {
            return item;
        }
        if (item == null) {   // only with capacity 0: take straight from the putter
            return admitted.item;
        }
        items.add(admitted.item);
        return item;
    }

    /**
     * From any thread: closes the queue. New puts and offers fail, waiting putters fail with
     * {@link QueueClosedException} (their items are not added), queued items are still delivered,
     * and then takes fail with it. Idempotent. <pre>{@code jobs.close();}</pre>
     */
    public void close() {
        ArrayDeque<Putter<T>> refused;
        ArrayDeque<Taker<T>> ended;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            refused = new ArrayDeque<>(putters);
            putters.clear();
            ended = new ArrayDeque<>(takers);   // waiting takers mean the queue is empty
            takers.clear();
        }
        for (Putter<T> p : refused) {
            p.deliver(null, closedException("put"));
        }
        for (Taker<T> t : ended) {
            t.deliver(null, closedException("take"));
        }
    }

    /** Items in the queue (not counting waiting putters); any thread. <pre>{@code int n = jobs.size();}</pre> */
    public int size() {
        synchronized (lock) {
            return items.size();
        }
    }

    /** Whether no item is queued; any thread. <pre>{@code if (jobs.isEmpty()) ...}</pre> */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** The capacity, {@link Integer#MAX_VALUE} if unbounded. <pre>{@code int cap = jobs.capacity();}</pre> */
    public int capacity() {
        return capacity;
    }

    /** Whether {@link #close()} was called; any thread. <pre>{@code if (jobs.isClosed()) ...}</pre> */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** For example {@code SharedQueue[size=3, capacity=10, takers=0, putters=0]}. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "SharedQueue[size=" + items.size() + ", capacity=" + (capacity == Integer.MAX_VALUE ? "unbounded" : capacity)
                    + ", takers=" + takers.size() + ", putters=" + putters.size() + (closed ? ", closed" : "") + "]";
        }
    }

    private static QueueClosedException closedException(String what) {
        return new QueueClosedException("SharedQueue." + what + "(): the queue is closed");
    }

    /** A waiting take, on the loop that called it. */
    private static final class Taker<T> extends RemoteHandoff<T> {
        private final SharedQueue<T> queue;

        Taker(SharedQueue<T> queue) {
            super("SharedQueue.take");
            this.queue = queue;
        }

        @Override
        protected boolean withdraw() {
            synchronized (queue.lock) {
                return queue.takers.remove(this);
            }
        }
    }

    /** A waiting put holding its item, on the loop that called it. */
    private static final class Putter<T> extends RemoteHandoff<Void> {
        private final SharedQueue<T> queue;
        final T item;

        Putter(SharedQueue<T> queue, T item) {
            super("SharedQueue.put");
            this.queue = queue;
            this.item = item;
        }

        @Override
        protected boolean withdraw() {
            synchronized (queue.lock) {
                return queue.putters.remove(this);
            }
        }
    }
}
