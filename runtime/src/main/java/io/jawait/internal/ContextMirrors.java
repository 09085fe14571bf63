package io.jawait.internal;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Keeps thread-bound copies of task-local values up to date on the loop thread, for logging
 * contexts (SLF4J's MDC, Log4j's ThreadContext) that a task's code and its log appenders read from
 * the thread: see {@code TaskLocal.mirror}. A loop's ledger reports each change of the running
 * code's values, on entering and leaving a step and on {@code set}; each mirror is told its local's
 * value when that changed. Loops that never set a task-local never switch values, so they never
 * get here. Configured from any thread; the installed set is immutable and replaced as a whole.
 */
public final class ContextMirrors {
    private static final System.Logger LOGGER = System.getLogger("io.jawait");
    private static final Object ABSENT = new Object();
    private static volatile Mirror[] mirrors = new Mirror[0];

    private ContextMirrors() {
    }

    private record Mirror(Object key, Object initial, Consumer<Object> sink) {
        Object valueIn(TaskContext values) {
            Object v = values.get(key, ABSENT);
            return v == ABSENT ? initial : v;
        }
    }

    /** Installs a mirror of the local {@code key}; returns what removes it. */
    @SuppressWarnings("unchecked")
    public static synchronized Runnable add(Object key, Object initial, Consumer<?> sink) {
        Mirror m = new Mirror(key, initial, (Consumer<Object>) sink);
        mirrors = CopyOnWriteArrays.with(mirrors, m);
        return () -> remove(m);
    }

    private static synchronized void remove(Mirror m) {
        mirrors = CopyOnWriteArrays.without(mirrors, m);
    }

    /** The running code's values went from {@code before} to {@code after} (loop thread). */
    static void changed(TaskContext before, TaskContext after) {
        Mirror[] all = mirrors;
        if (all.length == 0 || before == after) {
            return;
        }
        for (Mirror m : all) {
            Object value = m.valueIn(after);
            if (value != m.valueIn(before)) {
                try {
                    m.sink.accept(value);
                } catch (RuntimeException e) {
                    LOGGER.log(System.Logger.Level.ERROR, "jawait: the mirror of " + m.key + " threw", e);
                }
            }
        }
    }
}
