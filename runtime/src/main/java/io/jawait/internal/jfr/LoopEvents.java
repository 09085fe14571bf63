package io.jawait.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The Flight Recorder events about event loops, on by default in any recording: each is rare or
 * periodic. A slow step; each loop's statistics every second; every loop's task dump at the end of
 * each chunk of the recording (as {@code jdk.ThreadDump}), so that {@code jcmd <pid> JFR.start}
 * and {@code JFR.dump} give a task dump of a program that was not prepared for it.
 */
final class LoopEvents {
    private LoopEvents() {
    }

    @Name("io.jawait.SlowStep")
    @Label("Slow Step")
    @Category({"jawait", "Event Loop"})
    @Description("One step of a task held its event loop longer than the slow-step threshold")
    @StackTrace(false)
    static final class SlowStep extends Event {
        @Label("Loop Thread")
        Thread loopThread;
        @Label("Task")
        String task;
        @Label("At")
        @Description("Where the loop thread was when the step was found slow")
        String location;
        @Label("Held For")
        @Description("How long the step held the loop at least: until the last monitor tick that saw it")
        @Timespan(Timespan.NANOSECONDS)
        long heldFor;
        @Label("Loop Stack")
        String stack;
    }

    @Name("io.jawait.LoopStatistics")
    @Label("Event Loop Statistics")
    @Category({"jawait", "Event Loop"})
    @Description("Work waiting in an event loop, read without stopping it")
    @Period("1 s")
    @StackTrace(false)
    static final class Statistics extends Event {
        @Label("Loop Thread")
        Thread loopThread;
        @Label("Ready")
        @Description("Actions in the ready queue")
        int ready;
        @Label("Timers")
        int timers;
        @Label("Channels")
        @Description("Sockets and other channels registered with the loop")
        int channels;
        @Label("Live Tasks")
        @Description("Suspended tasks in the loop's registry")
        int liveTasks;
    }

    @Name("io.jawait.TaskDump")
    @Label("Task Dump")
    @Category({"jawait", "Event Loop"})
    @Description("Every event loop's waiting tasks as trees of who awaits whom")
    @Period("endChunk")
    @StackTrace(false)
    static final class TaskDump extends Event {
        @Label("Dump")
        String dump;
    }
}
