package io.jawait.internal;

import io.jawait.StepListener;
import java.util.Arrays;

/**
 * What watches the steps of coroutines: the user's {@link StepListener}s, debug mode's record of
 * where each coroutine was created, and trace events. A coroutine reads {@link #active} once per
 * step and once per completion; it is null unless something watches, so that watching costs
 * nothing but that check when it is off. Configured from any thread; the set in force is
 * immutable and replaced as a whole.
 */
public final class StepObservers {
    private static final System.Logger LOGGER = System.getLogger("io.jawait");
    /** What watches now, or null. */
    static volatile StepObservers active;

    private static StepListener[] listeners = new StepListener[0];
    private static boolean creationSites;
    private static EventSink events;

    static {
        if (Boolean.getBoolean("jawait.debug")) {
            recordCreationSites(true);
        }
    }

    private final StepListener[] stepListeners;
    private final boolean recordCreation;
    private final EventSink sink;

    private StepObservers(StepListener[] stepListeners, boolean recordCreation, EventSink sink) {
        this.stepListeners = stepListeners;
        this.recordCreation = recordCreation;
        this.sink = sink;
    }

    // ---- configuration (any thread) -------------------------------------------------------------

    public static synchronized void addListener(StepListener listener) {
        listeners = CopyOnWriteArrays.with(listeners, listener);
        rebuild();
    }

    /** Removes one installation of {@code listener}; false if it was not installed. */
    public static synchronized boolean removeListener(StepListener listener) {
        StepListener[] fewer = CopyOnWriteArrays.without(listeners, listener);
        if (fewer == listeners) {
            return false;
        }
        listeners = fewer;
        rebuild();
        return true;
    }

    public static synchronized void recordCreationSites(boolean on) {
        creationSites = on;
        rebuild();
    }

    public static synchronized boolean recordsCreationSites() {
        return creationSites;
    }

    /** Sends task events to {@code sink} (null: nowhere). */
    public static synchronized void sendEventsTo(EventSink sink) {
        events = sink;
        rebuild();
    }

    private static void rebuild() {
        boolean any = listeners.length > 0 || creationSites || events != null;
        active = any ? new StepObservers(listeners, creationSites, events) : null;
    }

    // ---- called by coroutines (loop thread) -----------------------------------------------------

    /** Before a step; returns what {@link #after} needs. */
    Object before(Coroutine<?> c, boolean resumed) {
        if (!resumed && recordCreation) {
            CreationSites.record(c);
        }
        if (sink != null) {
            if (resumed) {
                sink.taskResumed(c);
            } else {
                sink.taskStarted(c);
            }
        }
        StepListener[] ls = stepListeners;
        if (ls.length == 0) {
            return null;
        }
        if (ls.length == 1) {
            return before(ls[0], c);
        }
        Object[] states = new Object[ls.length];
        for (int i = 0; i < ls.length; i++) {
            states[i] = before(ls[i], c);
        }
        return states;
    }

    /** After a step, with what {@link #before} returned. */
    void after(Coroutine<?> c, Object state) {
        StepListener[] ls = stepListeners;
        if (ls.length == 1) {
            after(ls[0], c, state);
        } else {
            for (int i = ls.length - 1; i >= 0; i--) {
                after(ls[i], c, ((Object[]) state)[i]);
            }
        }
        if (sink != null && !c.isDone()) {
            sink.taskSuspended(c);
        }
    }

    /** The coroutine completed in {@code state} (a {@link TaskAccess} state) with {@code result}. */
    void completed(Coroutine<?> c, int state, Object result) {
        if (sink != null) {
            sink.taskCompleted(c, state == TaskAccess.SUCCEEDED ? null : (Throwable) result);
        }
    }

    private static Object before(StepListener listener, Coroutine<?> c) {
        try {
            return listener.beforeStep(c);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.ERROR, "jawait: step listener " + listener + " threw before a step of "
                    + c.taskName(), e);
            return null;
        }
    }

    private static void after(StepListener listener, Coroutine<?> c, Object state) {
        try {
            listener.afterStep(c, state);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.ERROR, "jawait: step listener " + listener + " threw after a step of "
                    + c.taskName(), e);
        }
    }
}
