package io.jawait.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches every open loop from one daemon thread, {@code jawait-monitor}, started with the first
 * loop (Vert.x's blocked-thread checker does the same for its event loops). On each tick it
 * <ul>
 * <li>reports a step that holds its loop longer than the slow-step threshold ({@link SlowStepWatch});
 * <li>advances a coarse clock that loops read for free where they note times for task dumps;
 * <li>makes the loops reachable from outside the process ({@link ManagementHooks}: JMX, Flight Recorder).
 * </ul>
 * Loops pay nothing for it on their hot paths: the monitor reads a counter they keep anyway.
 * While no loop is open the thread waits without ticking.
 */
public final class LoopMonitor {
    /** The slow-step threshold unless {@code -Djawait.slowStepMillis} or the API says otherwise. */
    static final long DEFAULT_SLOW_STEP_MILLIS = 100;
    /** Tick of the coarse clock when slow steps are not watched (or watched with a long threshold). */
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final Map<LoopCore, SlowStepWatch> OPEN = new ConcurrentHashMap<>();
    private static final Object WAKE = new Object();
    private static volatile long coarseNanos = System.nanoTime();
    private static volatile long slowStepNanos = initialThreshold();
    private static volatile EventSink slowStepEvents;
    /** Guarded by WAKE. */
    private static Thread thread;

    private LoopMonitor() {
    }

    private static long initialThreshold() {
        long millis = Long.getLong("jawait.slowStepMillis", DEFAULT_SLOW_STEP_MILLIS);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    static void opened(LoopCore loop) {
        coarseNanos = System.nanoTime();
        OPEN.put(loop, new SlowStepWatch(loop));
        synchronized (WAKE) {
            if (thread == null) {
                thread = new Thread(LoopMonitor::run, "jawait-monitor");
                thread.setDaemon(true);
                // Keeps no application class loader alive through the thread.
                thread.setContextClassLoader(null);
                thread.start();
            }
            WAKE.notifyAll();
        }
    }

    static void closed(LoopCore loop) {
        SlowStepWatch watch = OPEN.remove(loop);
        if (watch != null) {
            watch.loopClosed();
        }
    }

    /** The loops open now, in no particular order. */
    public static List<LoopCore> openLoops() {
        return new ArrayList<>(OPEN.keySet());
    }

    /**
     * {@code System.nanoTime()} as of the monitor's last tick (at most a tick old while any loop
     * is open): one volatile read, where a clock read would cost tens of nanoseconds.
     */
    static long coarseNanos() {
        return coarseNanos;
    }

    /** A step holding its loop longer than this is reported; 0: never. */
    public static long slowStepThresholdNanos() {
        return slowStepNanos;
    }

    public static void setSlowStepThresholdNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative slow-step threshold: " + nanos + " ns");
        }
        slowStepNanos = nanos;
        synchronized (WAKE) {
            WAKE.notifyAll(); // a shorter threshold needs a shorter tick at once
        }
    }

    /** Where slow steps are reported besides the log (Flight Recorder), or null. */
    public static void sendSlowStepsTo(EventSink sink) {
        slowStepEvents = sink;
    }

    static EventSink slowStepEvents() {
        return slowStepEvents;
    }

    /** Half the threshold (a step is caught between 1 and 1.5 thresholds), within [5 ms, 100 ms]. */
    private static long tickNanos() {
        long threshold = slowStepNanos;
        return threshold == 0 ? MAX_TICK_NANOS : Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, threshold / 2));
    }

    private static void run() {
        ManagementHooks.installAtStart();
        while (true) {
            try {
                synchronized (WAKE) {
                    while (OPEN.isEmpty()) {
                        WAKE.wait();
                    }
                    long tick = tickNanos();
                    TimeUnit.NANOSECONDS.timedWait(WAKE, tick);
                }
                long now = System.nanoTime();
                coarseNanos = now;
                long threshold = slowStepNanos;
                for (SlowStepWatch watch : OPEN.values()) {
                    watch.check(now, threshold);
                }
                ManagementHooks.onTick();
            } catch (InterruptedException e) {
                // Nobody interrupts it on purpose; keep watching.
            } catch (RuntimeException | LinkageError e) {
                System.getLogger("io.jawait").log(System.Logger.Level.ERROR, "jawait: the loop monitor failed; it goes on", e);
            }
        }
    }
}
