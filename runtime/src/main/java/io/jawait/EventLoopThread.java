package io.jawait;

import io.jawait.internal.Promise;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * An event loop running on a thread of its own, for programs whose other threads (a UI thread, a
 * servlet container, plain blocking code) hand work to jawait with {@link #submit}. Several of
 * them, started and closed together, make an {@link EventLoopGroup}; tasks of other loops start
 * on it with {@link Tasks#startOn}.
 *
 * <pre>{@code
 * try (EventLoopThread jawait = EventLoopThread.start("jawait")) {
 *     CompletableFuture<String> page = jawait.submit(() -> fetch(url));   // any thread
 *     System.out.println(page.join());
 * }                                                   // stops the loop, cancelling what still runs
 * }</pre>
 */
public final class EventLoopThread implements AutoCloseable {
    private final Thread thread;
    private final EventLoop loop;
    private final Promise<Void> stop;

    private EventLoopThread(Thread thread, EventLoop loop, Promise<Void> stop) {
        this.thread = thread;
        this.loop = loop;
        this.stop = stop;
    }

    /**
     * Starts a (non-daemon) thread named {@code name} running a new loop; returns once it runs.
     * <pre>{@code EventLoopThread jawait = EventLoopThread.start("jawait");}</pre>
     */
    public static EventLoopThread start(String name) {
        Objects.requireNonNull(name, "name");
        CompletableFuture<EventLoopThread> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (EventLoop loop = new EventLoop()) {
                Promise<Void> stop = new Promise<>();
                started.complete(new EventLoopThread(Thread.currentThread(), loop, stop));
                // An interrupt does not stop the loop (Netty's loops ignore theirs too): close() does.
                loop.core().runUntilDone(stop, false);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, name);
        thread.start();
        return started.join();
    }

    /** The loop, e.g. to {@code execute} on it. <pre>{@code jawait.loop().execute(r);}</pre> */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Same as {@link EventLoop#submit}: starts the task on the loop, returns a future of it.
     * <pre>{@code int n = jawait.submit(() -> count()).join();}</pre>
     */
    public <T> CompletableFuture<T> submit(TaskSupplier<T, ?> body) {
        return loop.submit(body);
    }

    /**
     * Stops the loop (cancelling what still runs and letting it finish, as {@link EventLoop#close}
     * does) and waits for the thread to end. Idempotent.
     * <pre>{@code jawait.close();}</pre>
     *
     * @throws IllegalStateException if called from the loop's own thread (it would wait for itself)
     */
    @Override
    public void close() {
        if (isOwnThread()) {
            throw new IllegalStateException("EventLoopThread.close() cannot be called from its own loop thread");
        }
        requestStop();
        awaitStop();
    }

    /** Asks the loop to close and its thread to end, without waiting (a group stops all its loops at once). */
    void requestStop() {
        try {
            loop.execute(() -> stop.complete(null));
        } catch (RejectedExecutionException alreadyClosed) {
            // the thread has ended or is ending
        }
    }

    /** True if the caller is this loop's thread. */
    boolean isOwnThread() {
        return Thread.currentThread() == thread;
    }

    /** Waits, uninterruptibly, for the thread to end. */
    void awaitStop() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** For example {@code EventLoopThread[jawait, EventLoop[...]]}. */
    @Override
    public String toString() {
        return "EventLoopThread[" + thread.getName() + ", " + loop + "]";
    }
}
