package io.jawait.internal;

import io.jawait.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where each coroutine was created, kept in debug mode only (asyncio's debug mode keeps a task's
 * {@code source_traceback} the same way): a stack walk per coroutine is far too dear otherwise.
 * Task dumps show it, and so does the report of a failure nobody observed.
 */
final class CreationSites {
    /** Frames kept per coroutine: enough to see the call path, bounded so that recursion stays cheap. */
    private static final int MAX_FRAMES = 8;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Map<Task<?>, Site> SITES = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile boolean any;

    /** Where a coroutine was created: the caller's frame first, and when ({@code System.nanoTime()}). */
    record Site(List<StackTraceElement> stack, long nanoTime) {
        StackTraceElement frame() {
            return stack.get(0);
        }
    }

    private CreationSites() {
    }

    /** Records where {@code c}, whose first step is starting, was created; called from its {@code $start}. */
    static void record(Coroutine<?> c) {
        StackTraceElement[] stack = WALKER.walk(frames -> frames.limit(MAX_FRAMES + 16)
                .map(StackWalker.StackFrame::toStackTraceElement).toArray(StackTraceElement[]::new));
        int from = 0;
        while (from < stack.length && !AsyncStackTrace.isStart(stack[from])) {
            from++;
        }
        from++;
        // Generated code starts the state machine from the user's method of the same name: the
        // creation site is where that method was called.
        String[] names = StateMachineNames.split(c.getClass());
        if (names != null && from < stack.length && stack[from].getClassName().equals(names[0])
                && stack[from].getMethodName().equals(names[1])) {
            from++;
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = from; i < stack.length && kept.size() < MAX_FRAMES; i++) {
            String cls = stack[i].getClassName();
            // The caller's own starter frame (its method's declaration line) stands for nothing new.
            if (!cls.startsWith("io.jawait.internal.") && !cls.equals("io.jawait.Task")
                    && !StateMachineNames.isTrampoline(stack[i]) && !AsyncStackTrace.isStarter(stack, i)) {
                kept.add(StateMachineNames.rename(stack[i]));
            }
        }
        if (!kept.isEmpty()) {
            any = true;
            SITES.put(c, new Site(List.copyOf(kept), System.nanoTime()));
        }
    }

    /** Where {@code task} (or the task it wraps, for a spawned one) was created; null if not recorded. */
    static Site of(Task<?> task) {
        if (!any || task == null) {
            return null;
        }
        Site site = SITES.get(task);
        if (site == null && task instanceof ChildTask) {
            site = SITES.get(((ChildTask<?>) task).inner());
        }
        return site;
    }
}
