package io.jawait.sync;

import io.jawait.internal.LoopCore;

/**
 * Base of the primitives: each belongs to the event loop that first uses it (so it may be created
 * before any loop runs, e.g. in a field), and refuses use from any other thread, since its state
 * is not synchronized. A primitive whose loop has been closed may be reused by a new loop.
 */
abstract class LoopBound {
    private LoopCore loop;

    /** The current loop, after checking that this primitive may be used from it. */
    final LoopCore loop() {
        LoopCore current = LoopCore.currentOrNull();
        if (current == null) {
            throw new IllegalStateException(LoopCore.noLoopMessage());
        }
        if (current != loop) {
            if (loop != null && !loop.isClosed()) {
                throw new IllegalStateException(getClass().getSimpleName() + " belongs to the event loop of thread '"
                        + loop.thread().getName() + "' and cannot be used from thread '"
                        + Thread.currentThread().getName() + "'; hand work to its loop with EventLoop.execute or submit");
            }
            loop = current;
            rebound();
        }
        return current;
    }

    /** Called when the primitive is bound to a (new) loop: drop state tied to the old one. */
    void rebound() {
    }
}
