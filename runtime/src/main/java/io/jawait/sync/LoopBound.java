package io.jawait.sync;

import io.jawait.internal.LoopConfinement;
import io.jawait.internal.LoopCore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Base of the primitives: each belongs to the event loop that first uses it (so it may be created
 * before any loop runs, e.g. in a field), and refuses use from any other thread, since its state
 * is not synchronized. A primitive whose loop has been closed may be reused by a new loop.
 *
 * <p>The binding itself is atomic: when loops of a group use a fresh primitive at the same moment,
 * exactly one gets it and the others get the {@link IllegalStateException}, never a shared,
 * unsynchronized primitive.
 */
abstract class LoopBound {
    private static final VarHandle LOOP;

    static {
        try {
            LOOP = MethodHandles.lookup().findVarHandle(LoopBound.class, "loop", LoopCore.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile LoopCore loop;

    /** The current loop, after checking that this primitive may be used from it. */
    final LoopCore loop() {
        LoopCore current = LoopCore.currentOrNull();
        if (current == null) {
            throw new IllegalStateException(LoopCore.noLoopMessage());
        }
        LoopCore bound = loop;
        if (bound != current) {
            bind(current, bound);
        }
        return current;
    }

    private void bind(LoopCore current, LoopCore bound) {
        while (true) {
            if (bound != null && !bound.isClosed()) {
                throw new IllegalStateException(LoopConfinement.message(bound, kind()));
            }
            if (LOOP.compareAndSet(this, bound, current)) {
                rebound();
                return;
            }
            bound = loop;
        }
    }

    /** The primitive's name in error messages. */
    String kind() {
        return getClass().getSimpleName();
    }

    /** Called when the primitive is bound to a (new) loop: drop state tied to the old one. */
    void rebound() {
    }
}
