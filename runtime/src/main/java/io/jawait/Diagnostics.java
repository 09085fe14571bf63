package io.jawait;

import io.jawait.internal.LoopCore;
import io.jawait.internal.LoopMonitor;
import io.jawait.internal.StepObservers;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finding a stuck or slow task in a running program, for all event loops of the JVM. Most of it
 * needs no code: see docs/observability.md for the JMX bean {@code io.jawait:type=Diagnostics},
 * the Flight Recorder events and the system properties.
 * <pre>{@code
 * System.err.println(Diagnostics.dumpTasks());          // who awaits whom, where, for how long
 * Diagnostics.setSlowStepThreshold(Duration.ofMillis(50));
 * Diagnostics.setDebugMode(true);                        // remember where each task was created
 * }</pre>
 *
 * <p><b>Slow steps.</b> A step (a task's code from one await to the next) that holds its loop
 * longer than the threshold, 100 ms unless {@code -Djawait.slowStepMillis} says otherwise, is
 * logged as a warning to the {@code System.Logger} "io.jawait", naming the task and the line the
 * loop thread is at, with its stack; and again, at level INFO, when the step ends. A monitor
 * thread watches the loops, so the loops themselves pay nothing for it.
 *
 * <p><b>Debug mode</b> ({@code -Djawait.debug=true} or {@link #setDebugMode}) records where each
 * task is created, like asyncio's debug mode: task dumps and the report of a failure nobody
 * observed then say so. It costs a stack walk per call of an {@code @Async} method.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * Every open loop's waiting tasks as trees of who awaits whom ({@link EventLoop#dumpTasks()}
     * for each loop), loops in thread-name order. Any thread.
     * <pre>{@code System.err.println(Diagnostics.dumpTasks());}</pre>
     */
    public static String dumpTasks() {
        List<LoopCore> loops = LoopMonitor.openLoops();
        loops.sort(Comparator.comparing(l -> l.thread().getName()));
        StringBuilder out = new StringBuilder();
        out.append(loops.size()).append(loops.size() == 1 ? " jawait event loop" : " jawait event loops");
        for (LoopCore loop : loops) {
            out.append("\n\n").append(loop.facade().dumpTasks());
        }
        return out.toString();
    }

    /**
     * Sets how long a step may hold its loop before it is reported; {@link Duration#ZERO} turns
     * the reports off. For every loop, at once.
     * <pre>{@code Diagnostics.setSlowStepThreshold(Duration.ofMillis(20));}</pre>
     */
    public static void setSlowStepThreshold(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("negative slow-step threshold: " + threshold);
        }
        LoopMonitor.setSlowStepThresholdNanos(threshold.toNanos());
    }

    /** The slow-step threshold; zero when reports are off. <pre>{@code Diagnostics.slowStepThreshold()}</pre> */
    public static Duration slowStepThreshold() {
        return Duration.ofNanos(LoopMonitor.slowStepThresholdNanos());
    }

    /**
     * Records where each task is created from now on (or stops). See the class comment.
     * <pre>{@code Diagnostics.setDebugMode(true);}</pre>
     */
    public static void setDebugMode(boolean on) {
        StepObservers.recordCreationSites(on);
    }

    /** True while debug mode records creation sites. <pre>{@code if (Diagnostics.isDebugMode()) ...}</pre> */
    public static boolean isDebugMode() {
        return StepObservers.recordsCreationSites();
    }

    /**
     * Runs {@code listener} around every step of every task on every loop, from now on.
     * <pre>{@code Diagnostics.addStepListener(tracingListener);}</pre>
     */
    public static void addStepListener(StepListener listener) {
        StepObservers.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added with {@link #addStepListener}; false if it was not there.
     * <pre>{@code Diagnostics.removeStepListener(tracingListener);}</pre>
     */
    public static boolean removeStepListener(StepListener listener) {
        return StepObservers.removeListener(listener);
    }
}
