package io.jawait.debug;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Diagnostics;
import io.jawait.EventLoop;
import io.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The task dump of code compiled by the processor: each waiting {@code @Async} method is shown as a
 * stack frame with the line of the await it waits at, under the task that awaits it, and a
 * combinator's inputs in argument order.
 */
class TaskDumpTreeTest {
    private final CompletableFuture<Integer> gate = new CompletableFuture<>();
    /** The lines of the awaits, in the order they were reached. */
    private final List<Integer> awaitLines = new ArrayList<>();

    /** The line of the statement that calls it: each await below is on the same line as a call. */
    private int here() {
        int line = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
        awaitLines.add(line);
        return line;
    }

    @Async
    Task<Integer> leaf() {
        here(); return Task.of(await(gate));
    }

    @Async
    Task<Integer> middle() {
        here(); int v = await(leaf());
        return Task.of(v + 1);
    }

    @Async
    Task<Integer> top() {
        here(); List<Integer> both = await(gather(middle(), leaf()));
        return Task.of(both.get(0) + both.get(1));
    }

    private static String frame(String method, int line) {
        return Pattern.quote(TaskDumpTreeTest.class.getName() + "." + method + "(TaskDumpTreeTest.java:" + line + ")");
    }

    private static void assertLine(String[] dump, int index, String regex) {
        assertTrue(dump[index].matches(regex), "line " + index + " should match " + regex + " in\n" + String.join("\n", dump));
    }

    @Test
    void eachAsyncMethodShowsTheLineOfItsAwaitUnderWhatAwaitsIt() {
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> task = top();
            // Reached in this order: top's line, middle's, leaf's (called by middle), leaf's (called by top).
            int top = awaitLines.get(0), middle = awaitLines.get(1), leaf = awaitLines.get(2);
            assertEquals(leaf, awaitLines.get(3), "both leaves wait at the same await");
            String[] dump = loop.dumpTasks().split("\n");
            String age = " awaiting, age [0-9.]+ (ms|s)";
            String atLeast = " awaiting, age ≥[0-9.]+ (ms|s)";
            assertEquals(8, dump.length, String.join("\n", dump));
            assertTrue(dump[0].endsWith(": 4 tasks waiting"), dump[0]);
            assertLine(dump, 1, frame("top", top) + age);
            assertLine(dump, 2, Pattern.quote("└─ Task[gather, pending]"));
            // gather's inputs in argument order: middle(), then leaf().
            assertLine(dump, 3, Pattern.quote("   ├─ ") + frame("middle", middle) + atLeast);
            assertLine(dump, 4, Pattern.quote("   │  └─ ") + frame("leaf", leaf) + age);
            assertLine(dump, 5, Pattern.quote("   │     └─ Task[") + ".*pending\\]");
            assertLine(dump, 6, Pattern.quote("   └─ ") + frame("leaf", leaf) + age);
            assertLine(dump, 7, Pattern.quote("      └─ Task[") + ".*pending\\]");
            gate.complete(20);
            loop.runUntilDone(task);
            assertEquals(41, task.join());
            assertTrue(loop.dumpTasks().endsWith(": 0 tasks waiting"), loop.dumpTasks());
        }
    }

    @Test
    void theDumpOfEveryLoopIsOneCallAway() {
        try (EventLoop loop = new EventLoop()) {
            Task<Integer> task = middle();
            int middle = awaitLines.get(0);
            String all = Diagnostics.dumpTasks();
            String expected = Pattern.quote(loop + ": 2 tasks waiting\n") + frame("middle", middle) + " awaiting";
            assertTrue(Pattern.compile(expected).matcher(all).find(), all);
            gate.complete(1);
            loop.runUntilDone(task);
            assertEquals(2, task.join());
        }
    }
}
