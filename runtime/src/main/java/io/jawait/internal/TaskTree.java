package io.jawait.internal;

import io.jawait.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop's waiting tasks as a tree of who awaits whom (asyncio's {@code pstree}, kotlinx's
 * coroutine dump): each {@code @Async} method with the line of the await it waits at and its age,
 * and under it what it awaits.
 * <pre>
 * EventLoop[thread=main, ready=0, timers=2, live=3]: 4 tasks waiting
 * Demo.main(Demo.java:31) awaiting, age ≥2.0 s
 * └─ Task[gather, pending]
 *    ├─ Demo.fetch(Demo.java:12) awaiting, age 2.0 s
 *    │  └─ Task[sleep, pending]
 *    └─ Demo.fetch(Demo.java:12) awaiting, age 2.0 s
 *       └─ Task[sleep, pending]
 * </pre>
 * The roots are the tasks nobody awaits. A task awaited by several is shown once, then referred
 * to; tasks that await one another in a cycle (a deadlock) are shown as such.
 *
 * <p>Age: how long ago the task first suspended (when it joined the loop's registry, see
 * {@link Coroutine}), not how long it has been at its current await; a task that only awaits a
 * callee it started in the same step is at least as old as that callee, shown as ≥. With {@code Diagnostics.setDebugMode(true)}
 * each coroutine also says where and when it was created. Loop thread only.
 */
final class TaskTree {
    private final Map<Coroutine<?>, Long> registered;
    private final long now = System.nanoTime();
    /** Owner to the tasks it awaits, in the order found. */
    private final Map<Task<?>, List<Task<?>>> awaits = new IdentityHashMap<>();
    private final Set<Task<?>> awaited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Task<?>> nodes = new ArrayList<>();
    private final Set<Task<?>> printed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Task<?>, Long> waitingSince = new IdentityHashMap<>();
    private final StringBuilder out;

    private TaskTree(LoopCore loop) {
        this.registered = loop.ledger.liveSince();
        this.out = new StringBuilder(loop.toString());
    }

    /** The loop's header line, then its waiting tasks as a tree. */
    static String render(LoopCore loop) {
        TaskTree tree = new TaskTree(loop);
        tree.collect();
        return tree.print();
    }

    private void collect() {
        Set<Task<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Task<?>> todo = new ArrayDeque<>(registered.keySet());
        TaskAccess tasks = TaskAccess.get();
        while (!todo.isEmpty()) {
            Task<?> t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            nodes.add(t);
            if (t instanceof Coroutine) {
                Task<?> target = ((Coroutine<?>) t).awaitedTask();
                if (target != null) {
                    edge(t, target);
                    todo.add(target);
                }
            }
            if (!t.isDone()) {
                tasks.forEachWaiter(t, w -> {
                    Task<?> owner = ownerOf(w, t);
                    if (owner != null) {
                        edge(owner, t);
                        todo.add(owner);
                    }
                });
            }
        }
    }

    /** Who waits through {@code waiter} for {@code task}, or null for a callback. */
    private static Task<?> ownerOf(Object waiter, Task<?> task) {
        if (waiter instanceof Coroutine) {
            return ((Coroutine<?>) waiter).awaitedTask() == task ? (Task<?>) waiter : null;
        }
        return waiter instanceof Waiter ? ((Waiter) waiter).waitingTask() : null;
    }

    private void edge(Task<?> owner, Task<?> target) {
        List<Task<?>> targets = awaits.computeIfAbsent(owner, k -> new ArrayList<>(1));
        if (!targets.contains(target)) {
            targets.add(target);
            awaited.add(target);
        }
    }

    private String print() {
        int waiting = 0;
        for (Task<?> t : nodes) {
            waiting += t instanceof Coroutine ? 1 : 0;
        }
        out.append(": ").append(waiting).append(waiting == 1 ? " task waiting" : " tasks waiting");
        // Roots: first those registered, in the order they registered, then the others as found.
        List<Task<?>> roots = new ArrayList<>();
        for (Task<?> t : registered.keySet()) {
            if (!awaited.contains(t)) {
                roots.add(t);
            }
        }
        for (Task<?> t : nodes) {
            if (!awaited.contains(t) && !registered.containsKey(t)) {
                roots.add(t);
            }
        }
        for (Task<?> t : roots) {
            node(t, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        // What is left awaits in a cycle: nothing outside it awaits its members.
        for (Task<?> t : nodes) {
            if (!printed.contains(t)) {
                out.append("\nawait cycle (these tasks wait for one another and can never complete):");
                node(t, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
            }
        }
        return out.toString();
    }

    private void node(Task<?> t, String lead, String indent, Set<Task<?>> path) {
        out.append('\n').append(lead).append(label(t));
        if (!path.add(t)) {
            out.append(" (awaited above: a cycle)");
            return;
        }
        if (!printed.add(t)) {
            out.append(" (shown above)");
            return;
        }
        List<Task<?>> targets = awaits.getOrDefault(t, List.of());
        if (t instanceof OrderedInputs && targets.size() > 1) {
            // Found in registration order; shown in argument order, anything else after.
            OrderedInputs inputs = (OrderedInputs) t;
            targets.sort(Comparator.comparingInt(x -> {
                int index = inputs.inputIndex(x);
                return index < 0 ? Integer.MAX_VALUE : index;
            }));
        }
        for (int i = 0; i < targets.size(); i++) {
            boolean last = i == targets.size() - 1;
            node(targets.get(i), indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), path);
        }
        path.remove(t);
    }

    private String label(Task<?> t) {
        if (!(t instanceof Coroutine)) {
            return t.toString();
        }
        Coroutine<?> c = (Coroutine<?>) t;
        StringBuilder label = new StringBuilder();
        StackTraceElement where = StateMachineNames.frame(c.getClass(), c.$line());
        label.append(where != null ? where.toString() : c.taskName()).append(' ').append(c.waitDescription());
        Long since = registered.get(c);
        if (since != null) {
            label.append(", age ").append(HumanDuration.of(now - since));
        } else {
            long lower = lowerBound(c);
            if (lower != Long.MAX_VALUE) {
                label.append(", age ≥").append(HumanDuration.of(now - lower));
            }
        }
        CreationSites.Site site = CreationSites.of(c);
        if (site != null) {
            label.append(", created at ").append(site.frame()).append(' ')
                    .append(HumanDuration.of(now - site.nanoTime())).append(" ago");
        }
        return label.toString();
    }

    /**
     * When, at the latest, an unregistered task started waiting: no later than any task it awaits
     * registered (it awaits what it started in the same step). Long.MAX_VALUE if unknown.
     */
    private long lowerBound(Task<?> t) {
        Long known = waitingSince.get(t);
        if (known != null) {
            return known;
        }
        waitingSince.put(t, Long.MAX_VALUE); // a cycle ends here
        long bound = Long.MAX_VALUE;
        for (Task<?> target : awaits.getOrDefault(t, List.of())) {
            Long since = target instanceof Coroutine ? registered.get(target) : null;
            bound = Math.min(bound, since != null ? since : lowerBound(target));
        }
        waitingSince.put(t, bound);
        return bound;
    }
}
