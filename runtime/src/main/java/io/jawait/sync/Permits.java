package io.jawait.sync;

import io.jawait.Task;
import io.jawait.internal.HandoffNode;
import io.jawait.internal.Promise;
import io.jawait.internal.WaitQueue;
import io.jawait.internal.Waiter;
import java.util.Objects;
import io.jawait.TaskSupplier;

/**
 * The counting core shared by {@link AsyncSemaphore}, {@link AsyncLock} and the lock re-acquisition
 * of {@link AsyncCondition}: a number of permits and a FIFO of waiters. A release hands its permit
 * straight to the oldest waiter, so while anybody waits no permit is free and nobody can barge in.
 */
final class Permits extends LoopBound {
    private final int max;
    private final String acquireName;
    private final String scopeName;
    private final WaitQueue<HandoffNode<Void>> waiters = new WaitQueue<>();
    private int available;
    /** A completed grant shared by acquisitions that did not wait (completed tasks are immutable). */
    private HandoffNode<Void> granted;

    Permits(int permits, String acquireName, String scopeName) {
        this.max = permits;
        this.available = permits;
        this.acquireName = acquireName;
        this.scopeName = scopeName;
    }

    @Override
    void rebound() {
        granted = null;
    }

    /** The primitive these permits serve ("AsyncLock", "AsyncSemaphore"), which users know. */
    @Override
    String kind() {
        return acquireName.substring(0, acquireName.indexOf('.'));
    }

    Task<Void> acquire() {
        loop();
        if (available > 0) {
            available--;
            HandoffNode<Void> g = granted;
            if (g == null) {
                granted = g = HandoffNode.completed(acquireName, null);
            }
            return g;
        }
        HandoffNode<Void> node = new HandoffNode<>(acquireName);
        waiters.add(node);
        return node;
    }

    boolean tryAcquire() {
        loop();
        if (available > 0) {
            available--;
            return true;
        }
        return false;
    }

    /** Returns one permit; false (and nothing changes) if all permits are already free. */
    boolean release() {
        loop();
        HandoffNode<Void> next = waiters.poll();
        if (next != null) {
            next.complete(null);
            return true;
        }
        if (available == max) {
            return false;
        }
        available++;
        return true;
    }

    int available() {
        return available;
    }

    int waiting() {
        return waiters.size();
    }

    <T> Task<T> with(TaskSupplier<T, ?> body) {
        Objects.requireNonNull(body, "body");
        loop();
        Scope<T> scope = new Scope<>(this, body);
        scope.start();
        return scope;
    }

    /**
     * {@code withLock}/{@code withPermit}: acquires, runs the body, releases once the body's task
     * has completed, then completes like it. Cancelling it withdraws the acquisition or cancels the
     * body; it completes (cancelled) only after the permit is back.
     */
    private static final class Scope<T> extends Promise<T> implements Waiter {
        private final Permits permits;
        private TaskSupplier<T, ?> body;
        private Task<?> current;
        private boolean holding;

        Scope(Permits permits, TaskSupplier<T, ?> body) {
            this.permits = permits;
            this.body = body;
        }

        void start() {
            current = permits.acquire();
            watch(current, this);
        }

        @Override
        public void onDone(Task<?> task) {
            if (!holding) {
                if (!task.isCancelled()) {
                    holding = true;
                    runBody();
                } else {
                    completeFrom(task);
                }
                return;
            }
            holding = false;
            permits.release();
            completeFrom(task);
        }

        private void runBody() {
            TaskSupplier<T, ?> b = body;
            body = null;
            Task<T> task;
            try {
                task = Objects.requireNonNull(b.get(), "the body returned null instead of a Task");
            } catch (Throwable e) {
                holding = false;
                permits.release();
                fail(e);
                return;
            }
            current = task;
            watch(task, this);
        }

        @Override
        protected boolean onCancel() {
            Task<?> c = current;
            return c != null && !c.isDone() && c.cancel();
        }

        @Override
        public String taskName() {
            return permits.scopeName;
        }
    }
}
