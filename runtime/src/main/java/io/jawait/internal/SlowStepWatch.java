package io.jawait.internal;

import java.util.List;

/**
 * Notices a step that holds its loop too long (asyncio's slow-callback warning; a blocking call or
 * a long computation in an {@code @Async} method stops every other task of the loop). Run by the
 * {@link LoopMonitor} on its own thread: it sees the loop busy with the same action (the loop's
 * progress counter did not move) for at least the threshold, then logs a warning naming the task and
 * the line the loop thread is at, with that thread's stack; once the loop moves on it logs how
 * long the step held the loop at least (until the last tick that saw it: a monitor that runs late
 * on a loaded machine must not inflate the figure), and sends a slow-step event to Flight Recorder.
 */
final class SlowStepWatch {
    private static final System.Logger LOGGER = System.getLogger("io.jawait");
    /** Frames of the loop thread's stack shown in the warning. */
    private static final int SHOWN_FRAMES = 12;

    private final LoopCore loop;
    private boolean wasBusy;
    private int progress;
    /** Monitor time at which the current action was first seen. */
    private long since;
    /** Monitor time at which the current action was last seen still running. */
    private long lastSeen;
    /** The step reported as slow, until it ends. */
    private Held held;

    private record Held(String task, String location, String stack) {
    }

    SlowStepWatch(LoopCore loop) {
        this.loop = loop;
    }

    /** One tick of the monitor at {@code now}. */
    synchronized void check(long now, long thresholdNanos) {
        if (!loop.thread().isAlive()) {
            LoopMonitor.closed(loop); // its thread ended without closing it
            return;
        }
        boolean busy = loop.isBusy();
        int p = loop.progress();
        if (!busy || !wasBusy || p != progress) {
            if (held != null) {
                released();
            }
            wasBusy = busy;
            progress = p;
            since = now;
            lastSeen = now;
            return;
        }
        lastSeen = now;
        if (held == null && thresholdNanos > 0 && now - since >= thresholdNanos) {
            held = report(now, thresholdNanos);
        }
    }

    /** The loop closed (on its own thread): a step reported as slow has ended. */
    synchronized void loopClosed() {
        if (held != null) {
            released();
        }
    }

    private Held report(long now, long thresholdNanos) {
        Thread t = loop.thread();
        StackTraceElement[] raw = t.getStackTrace();
        List<StackTraceElement> stack = AsyncStackTrace.readable(raw);
        StackTraceElement at = null;
        for (StackTraceElement f : raw) {
            if (StateMachineNames.isStep(f)) {
                at = StateMachineNames.rename(f);
                break;
            }
        }
        String task;
        if (at != null) {
            task = at.getClassName().substring(at.getClassName().lastIndexOf('.') + 1) + "." + at.getMethodName();
        } else {
            at = firstApplicationFrame(stack);
            task = "a callback";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < stack.size() && i < SHOWN_FRAMES; i++) {
            shown.append("\n\tat ").append(stack.get(i));
        }
        if (stack.size() > SHOWN_FRAMES) {
            shown.append("\n\t...");
        }
        String location = at == null ? "?" : at.toString();
        LOGGER.log(System.Logger.Level.WARNING, "jawait: " + task + " has held event loop thread '" + t.getName()
                + "' for " + HumanDuration.of(now - since) + " (slow-step threshold " + HumanDuration.of(thresholdNanos)
                + "), now at " + location + "; no other task of this loop runs until it awaits or returns. Blocking"
                + " calls belong in Tasks.toThread(...). The loop thread's stack:" + shown);
        return new Held(task, location, shown.toString());
    }

    private void released() {
        long heldNanos = lastSeen - since;
        LOGGER.log(System.Logger.Level.INFO, "jawait: " + held.task + " released event loop thread '"
                + loop.thread().getName() + "' after at least " + HumanDuration.of(heldNanos));
        EventSink sink = LoopMonitor.slowStepEvents();
        if (sink != null) {
            sink.slowStep(loop.thread(), held.task, held.location, heldNanos, held.stack);
        }
        held = null;
    }

    /** The first frame outside the JDK (the runtime's internals are left out already): where a callback holds the loop. */
    private static StackTraceElement firstApplicationFrame(List<StackTraceElement> stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return f;
            }
        }
        return stack.isEmpty() ? null : stack.get(0);
    }
}
