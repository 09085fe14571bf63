package io.jawait.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The Flight Recorder events of a task's life: start, suspend, resume, complete. Off by default
 * (a busy server runs hundreds of thousands of steps a second): a recording turns them on, e.g.
 * {@code -XX:StartFlightRecording:+io.jawait.TaskSuspend#enabled=true,...}. Without a stack trace:
 * the events name the task and the line of its await instead, and recording the loop's stack
 * would cost more than the step. A task's events share its {@code taskId}.
 *
 * <p>Each event declares {@code task} and {@code taskId} itself: with the two fields in a common
 * abstract event class, JDK 17's recorder delivered none of these events (tried; JDK 25's did).
 */
final class TaskEvents {
    private TaskEvents() {
    }

    @Name("io.jawait.TaskStart")
    @Label("Task Start")
    @Category({"jawait", "Tasks"})
    @Description("A call of an @Async method started running")
    @Enabled(false)
    @StackTrace(false)
    static final class Start extends Event {
        @Label("Task")
        String task;
        @Label("Task Id")
        long taskId;
    }

    @Name("io.jawait.TaskSuspend")
    @Label("Task Suspend")
    @Category({"jawait", "Tasks"})
    @Description("A task stopped at an await for something not done yet; the loop runs other tasks")
    @Enabled(false)
    @StackTrace(false)
    static final class Suspend extends Event {
        @Label("Task")
        String task;
        @Label("Task Id")
        long taskId;
        @Label("At")
        @Description("The await it waits at")
        String location;
        @Label("Awaiting")
        String awaiting;
    }

    @Name("io.jawait.TaskResume")
    @Label("Task Resume")
    @Category({"jawait", "Tasks"})
    @Description("A task continues after an await")
    @Enabled(false)
    @StackTrace(false)
    static final class Resume extends Event {
        @Label("Task")
        String task;
        @Label("Task Id")
        long taskId;
    }

    @Name("io.jawait.TaskComplete")
    @Label("Task Complete")
    @Category({"jawait", "Tasks"})
    @Description("A task completed: succeeded, failed or cancelled")
    @Enabled(false)
    @StackTrace(false)
    static final class Complete extends Event {
        @Label("Task")
        String task;
        @Label("Task Id")
        long taskId;
        @Label("Outcome")
        String outcome;
        @Label("Failure")
        String failure;
    }
}
