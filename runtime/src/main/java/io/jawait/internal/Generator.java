package io.jawait.internal;

import io.jawait.AsyncIterator;
import io.jawait.Emitter;
import io.jawait.Task;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * One iteration of {@code AsyncIterable.generate}: runs the producer lazily (on the first
 * {@code hasNext()}), one element at a time. The producer's {@code emit} completes only when the
 * consumer asks for the next element, so it never runs ahead; {@code close()} (or cancelling a
 * pending {@code hasNext()}) cancels the producer, and {@code closeAsync()} waits for it to finish.
 * Loop-thread only.
 */
public final class Generator<T> implements AsyncIterator<T>, Emitter<T>, Waiter {
    private static final TaskAccess TASKS = TaskAccess.get();
    private static final Object NONE = new Object();

    private Function<? super Emitter<T>, ? extends Task<?>> producer;
    private Task<?> body;
    /** The element emitted and not yet taken by next(), or NONE. */
    private Object element = NONE;
    /** The element was announced by hasNext() and may be taken by next(). */
    private boolean announced;
    /** The producer's pending emit, completed when the consumer asks for more. */
    private Promise<Void> resume;
    /** The consumer's pending hasNext(). */
    private HasNext pending;
    private boolean ended;
    private boolean closed;
    private Throwable failure;
    private Promise<Void> closing;

    public Generator(Function<? super Emitter<T>, ? extends Task<?>> producer) {
        this.producer = producer;
    }

    // ---- consumer side --------------------------------------------------------------------------

    @Override
    public Task<Boolean> hasNext() {
        if (element != NONE) {
            announced = true;
            return Task.of(true);
        }
        if (pending != null) {
            return pending;
        }
        if (ended) {
            return failure != null ? Task.failed(failure) : Task.of(false);
        }
        if (body == null) {
            start();
        } else if (resume != null) {
            Promise<Void> r = resume;
            resume = null;
            r.complete(null); // the producer runs until its next emit or its end
        }
        if (element != NONE) {
            announced = true;
            return Task.of(true);
        }
        if (ended) {
            return failure != null ? Task.failed(failure) : Task.of(false);
        }
        pending = new HasNext(this);
        return pending;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (element == NONE || !announced) {
            throw new NoSuchElementException("next() without a preceding hasNext() that completed with true");
        }
        T value = (T) element;
        element = NONE;
        announced = false;
        return value;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ended = true;
        element = NONE;
        HasNext h = pending;
        pending = null;
        if (h != null) {
            h.complete(false);
        }
        if (body != null && !body.isDone()) {
            body.cancel();
        }
    }

    @Override
    public Task<Void> closeAsync() {
        close();
        if (body == null || body.isDone()) {
            return Task.done();
        }
        if (closing == null) {
            closing = new Promise<>();
        }
        return closing;
    }

    // ---- producer side --------------------------------------------------------------------------

    @Override
    public Task<Void> emit(T value) {
        if (closed) {
            return Task.failed(new CancellationException("the consumer closed the iteration"));
        }
        if (element != NONE || resume != null) {
            throw new IllegalStateException("emit() before the previous emit completed: await each emit");
        }
        element = value;
        Promise<Void> r = new Promise<>();
        resume = r;
        HasNext h = pending;
        if (h != null) {
            pending = null;
            announced = true;
            h.complete(true);
        }
        return r;
    }

    private void start() {
        Function<? super Emitter<T>, ? extends Task<?>> p = producer;
        producer = null;
        Task<?> t;
        try {
            t = Objects.requireNonNull(p.apply(this), "the generator's producer returned null instead of a Task");
        } catch (Throwable e) {
            t = Task.failed(e);
        }
        body = t;
        if (t.isDone()) {
            onDone(t);
        } else {
            TASKS.addWaiter(t, this);
        }
    }

    /** The producer's task completed. */
    @Override
    public void onDone(Task<?> task) {
        ended = true;
        Throwable error = task.isDone() && (task.isFailed() || task.isCancelled()) ? (Throwable) TASKS.rawResult(task) : null;
        TASKS.observe(task);
        if (closed) {
            if (closing != null) {
                if (error != null && !(error instanceof CancellationException)) {
                    closing.fail(error);
                } else {
                    closing.complete(null);
                }
            } else if (error != null && !(error instanceof CancellationException)) {
                TASKS.loop(task).reportUnhandled("generator", error);
            }
            return;
        }
        failure = error;
        HasNext h = pending;
        if (h != null && element == NONE) {
            pending = null;
            if (error != null) {
                h.fail(error);
            } else {
                h.complete(false);
            }
        }
    }

    /** A pending hasNext(): cancelling it means the consumer is gone, so the generator closes. */
    private static final class HasNext extends Promise<Boolean> {
        private final Generator<?> generator;

        HasNext(Generator<?> generator) {
            this.generator = generator;
        }

        /** Closes the generator; completes once its producer has finished (failed, if the producer's cleanup failed). */
        @Override
        protected boolean onCancel() {
            generator.pending = null;
            watch(generator.closeAsync(), closed -> {
                if (closed.isFailed()) {
                    completeFrom(closed);
                } else {
                    cancelNow();
                }
            });
            return true;
        }

        @Override
        public String taskName() {
            return "generator.hasNext";
        }
    }
}
