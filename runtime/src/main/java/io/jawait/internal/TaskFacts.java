package io.jawait.internal;

import io.jawait.Task;

/** What trace events and reports say about a coroutine, for code outside this package (JFR events). */
public final class TaskFacts {
    private TaskFacts() {
    }

    /** An id for correlating a task's events: its identity hash (unique enough, never reused while it lives). */
    public static long id(Task<?> task) {
        return System.identityHashCode(task);
    }

    /** The await it waits at, as a frame ({@code Demo.middle(Demo.java:14)}), or its name if unknown. */
    public static String location(Coroutine<?> task) {
        StackTraceElement where = StateMachineNames.frame(task.getClass(), task.$line());
        return where != null ? where.toString() : task.taskName();
    }

    /** What it waits for: the awaited task, or what it does instead ("ready to resume" after a yield). */
    public static String awaiting(Coroutine<?> task) {
        Task<?> awaited = task.awaitedTask();
        return awaited != null ? awaited.toString() : task.waitDescription();
    }
}
