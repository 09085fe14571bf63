package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line breakpoints in an {@code @Async} method, with the JDK's debugger: set on the state machine
 * class (whose {@code $step} holds the method's code, with the user's file and lines), they stop
 * before and after the first await, and {@code where} shows the user's file and line on top, and
 * below it, before the first suspension, the call of the user's method. {@code next} on an await
 * that suspends leaves the method for the loop (docs/observability.md, "Debugger").
 */
class DebuggerBreakpointsTest {

    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Stops {
                @Async
                static Task<Integer> later(int v) {
                    await(sleep(1));
                    return Task.of(v);
                }

                @Async
                static Task<String> work(String name) { // @method
                    int total = name.length();
                    System.out.println("before " + total); // @before
                    int v = await(later(5)); // @await
                    total += v;
                    System.out.println("after " + total); // @after
                    return Task.of(name + total);
                }

                public static void main(String[] args) {
                    System.out.println(Tasks.run(() -> work("n")));
                }
            }
            """;

    private static final String STATE_MACHINE = "Stops$work$Coroutine";

    @Test
    void breakpointsBeforeAndAfterTheFirstAwaitStopOnTheUsersLines(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Stops", SOURCE)) {
            int before = Jdb.lineOf(SOURCE, "// @before");
            int after = Jdb.lineOf(SOURCE, "// @after");
            jdb.send("stop at " + STATE_MACHINE + ":" + before);
            jdb.send("stop at " + STATE_MACHINE + ":" + after);
            jdb.send("run");

            int hit = jdb.await("Breakpoint hit", 0);
            jdb.await(STATE_MACHINE + ".$step(), line=" + before + " ", hit);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("where");
            int stack = jdb.await("[1] " + STATE_MACHINE + ".$step (Stops.java:" + before + ")", prompt);
            // Before its first suspension the method runs inside its own call.
            jdb.await("Stops.work (Stops.java:" + Jdb.lineOf(SOURCE, "// @method") + ")", stack);

            jdb.send("cont");
            hit = jdb.await("Breakpoint hit", stack);
            jdb.await(STATE_MACHINE + ".$step(), line=" + after + " ", hit);
            prompt = jdb.awaitPrompt(hit);
            jdb.send("where");
            stack = jdb.await("[1] " + STATE_MACHINE + ".$step (Stops.java:" + after + ")", prompt);
            prompt = jdb.awaitPrompt(stack);
            jdb.send("locals");
            jdb.await("total = 6", prompt);
            assertFalse(jdb.text().contains("Unable to set"), jdb.text());
        }
    }

    @Test
    void stepOverAnAwaitThatSuspendsReturnsToTheLoop(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Stops", SOURCE)) {
            int await = Jdb.lineOf(SOURCE, "// @await");
            jdb.send("stop at " + STATE_MACHINE + ":" + await);
            jdb.send("stop at " + STATE_MACHINE + ":" + Jdb.lineOf(SOURCE, "// @after"));
            jdb.send("run");
            int hit = jdb.await("Breakpoint hit", 0);
            jdb.await("line=" + await + " ", hit);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("next");
            // later(5) sleeps: the step ends in the runtime, which called $step, not on the next line.
            int stepped = jdb.await("Step completed", prompt);
            int end = jdb.await("\n", stepped);
            String where = jdb.text().substring(stepped, end);
            assertTrue(where.contains("io.jawait.internal."), where);
            // The breakpoint on the next line is where the method goes on.
            jdb.awaitPrompt(end);
            jdb.send("cont");
            hit = jdb.await("Breakpoint hit", stepped);
            jdb.await("line=" + Jdb.lineOf(SOURCE, "// @after") + " ", hit);
        }
    }
}
