package io.jawait.internal.jfr;

import io.jawait.Diagnostics;
import io.jawait.internal.Coroutine;
import io.jawait.internal.EventSink;
import io.jawait.internal.LoopCore;
import io.jawait.internal.LoopMonitor;
import io.jawait.internal.StepObservers;
import io.jawait.internal.TaskFacts;
import java.util.concurrent.CancellationException;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Connects the runtime to Flight Recorder without making it pay while nothing records. Installed
 * once, from the loop monitor's thread: a listener that hears when the recorder starts (at JVM
 * start with {@code -XX:StartFlightRecording}, or later with {@code jcmd <pid> JFR.start}) and
 * then registers the periodic events, and that turns the task events on in the coroutines only
 * while a recording enables one of them.
 */
public final class FlightRecorderBridge implements EventSink {
    private static final FlightRecorderBridge INSTANCE = new FlightRecorderBridge();
    private static boolean periodicRegistered;
    private static boolean taskEventsOn;

    private FlightRecorderBridge() {
    }

    /** Listens to the recorder; the monitor thread calls it once. */
    public static void install() {
        LoopMonitor.sendSlowStepsTo(INSTANCE);
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                registerPeriodic();
            }

            @Override
            public void recordingStateChanged(Recording recording) {
                updateTaskEvents();
            }
        });
        updateTaskEvents();
    }

    /** True while a recording enables task events (they are then sent from the coroutines). */
    public static synchronized boolean taskEventsOn() {
        return taskEventsOn;
    }

    private static synchronized void registerPeriodic() {
        if (periodicRegistered) {
            return;
        }
        periodicRegistered = true;
        FlightRecorder.addPeriodicEvent(LoopEvents.Statistics.class, FlightRecorderBridge::statistics);
        FlightRecorder.addPeriodicEvent(LoopEvents.TaskDump.class, FlightRecorderBridge::taskDump);
    }

    /** Task events on in the coroutines exactly while a running recording enables one of them. */
    private static synchronized void updateTaskEvents() {
        boolean on = FlightRecorder.isInitialized()
                && (EventType.getEventType(TaskEvents.Start.class).isEnabled()
                        || EventType.getEventType(TaskEvents.Suspend.class).isEnabled()
                        || EventType.getEventType(TaskEvents.Resume.class).isEnabled()
                        || EventType.getEventType(TaskEvents.Complete.class).isEnabled());
        taskEventsOn = on;
        StepObservers.sendEventsTo(on ? INSTANCE : null);
    }

    private static void statistics() {
        for (LoopCore loop : LoopMonitor.openLoops()) {
            LoopEvents.Statistics e = new LoopEvents.Statistics();
            e.loopThread = loop.thread();
            e.ready = loop.readyCount();
            e.timers = loop.timerCount();
            e.channels = loop.channelCount();
            e.liveTasks = loop.liveCount();
            e.commit();
        }
    }

    private static void taskDump() {
        if (LoopMonitor.openLoops().isEmpty()) {
            return;
        }
        LoopEvents.TaskDump e = new LoopEvents.TaskDump();
        if (e.isEnabled()) {
            e.dump = Diagnostics.dumpTasks();
            e.commit();
        }
    }

    @Override
    public void taskStarted(Coroutine<?> task) {
        TaskEvents.Start e = new TaskEvents.Start();
        if (e.isEnabled()) {
            e.task = task.taskName();
            e.taskId = TaskFacts.id(task);
            e.commit();
        }
    }

    @Override
    public void taskResumed(Coroutine<?> task) {
        TaskEvents.Resume e = new TaskEvents.Resume();
        if (e.isEnabled()) {
            e.task = task.taskName();
            e.taskId = TaskFacts.id(task);
            e.commit();
        }
    }

    @Override
    public void taskSuspended(Coroutine<?> task) {
        TaskEvents.Suspend e = new TaskEvents.Suspend();
        if (e.isEnabled()) {
            e.task = task.taskName();
            e.taskId = TaskFacts.id(task);
            e.location = TaskFacts.location(task);
            e.awaiting = TaskFacts.awaiting(task);
            e.commit();
        }
    }

    @Override
    public void taskCompleted(Coroutine<?> task, Throwable failure) {
        TaskEvents.Complete e = new TaskEvents.Complete();
        if (e.isEnabled()) {
            e.task = task.taskName();
            e.taskId = TaskFacts.id(task);
            e.outcome = failure == null ? "succeeded" : failure instanceof CancellationException ? "cancelled" : "failed";
            e.failure = failure == null ? null : failure.toString();
            e.commit();
        }
    }

    @Override
    public void slowStep(Thread loopThread, String task, String location, long heldNanos, String stack) {
        LoopEvents.SlowStep e = new LoopEvents.SlowStep();
        if (e.isEnabled()) {
            e.loopThread = loopThread;
            e.task = task;
            e.location = location;
            e.heldFor = heldNanos;
            e.stack = stack;
            e.commit();
        }
    }
}
