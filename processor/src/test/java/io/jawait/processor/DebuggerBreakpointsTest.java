package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line breakpoints in an {@code @Async} method, with the JDK's debugger, set as for any method: by
 * the user's class and line ({@code stop at Stops:15}, what IntelliJ does for a click in the
 * gutter). The method's code is in a method of that class ({@code work$step}), with the user's lines:
 * breakpoints before and after the first await, in a loop after an await and in a lambda of the
 * body stop, and {@code where} shows the user's class, file and line on top, and below it, before
 * the first suspension, the call of the user's method. {@code next} on an await that suspends
 * leaves the method for the loop (docs/observability.md, "Debugger").
 */
class DebuggerBreakpointsTest {

    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.function.IntUnaryOperator;

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
                    for (int i = 0; i < 2; i++) {
                        total += await(later(10 * i));
                        System.out.println("loop " + i + " " + total); // @loop
                    }
                    int base = total;
                    IntUnaryOperator add = x -> {
                        return x + base; // @lambda
                    };
                    System.out.println("lambda " + add.applyAsInt(1));
                    return Task.of(name + total);
                }

                public static void main(String[] args) {
                    System.out.println(Tasks.run(() -> work("n")));
                }
            }
            """;

    /** The method of the user's class that holds the code of {@code work}. */
    private static final String STEP = "Stops.work$step";

    /** Sets breakpoints by the user's class and line, as for any method, then starts the program. */
    private static void stopAtAndRun(Jdb jdb, int... lines) throws IOException {
        for (int line : lines) {
            jdb.send("stop at Stops:" + line);
        }
        jdb.send("run");
    }

    @Test
    void breakpointsBeforeAndAfterTheFirstAwaitStopOnTheUsersLines(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Stops", SOURCE)) {
            int before = Jdb.lineOf(SOURCE, "// @before");
            int after = Jdb.lineOf(SOURCE, "// @after");
            stopAtAndRun(jdb, before, after);

            int hit = jdb.await("Breakpoint hit", 0);
            jdb.await(STEP + "(), line=" + before + " ", hit);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("where");
            int stack = jdb.await("[1] " + STEP + " (Stops.java:" + before + ")", prompt);
            // Before its first suspension the method runs inside its own call.
            jdb.await("Stops.work (Stops.java:" + Jdb.lineOf(SOURCE, "// @method") + ")", stack);

            jdb.send("cont");
            hit = jdb.await("Breakpoint hit", stack);
            jdb.await(STEP + "(), line=" + after + " ", hit);
            prompt = jdb.awaitPrompt(hit);
            jdb.send("where");
            stack = jdb.await("[1] " + STEP + " (Stops.java:" + after + ")", prompt);
            prompt = jdb.awaitPrompt(stack);
            jdb.send("locals");
            jdb.await("total = 6", prompt);
            assertFalse(jdb.text().contains("Unable to set"), jdb.text());
        }
    }

    @Test
    void breakpointsInALoopAfterAnAwaitAndInALambdaStopOnTheUsersLines(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Stops", SOURCE)) {
            int loop = Jdb.lineOf(SOURCE, "// @loop");
            int lambda = Jdb.lineOf(SOURCE, "// @lambda");
            stopAtAndRun(jdb, loop, lambda);

            int at = 0;
            for (int i = 0; i < 2; i++) {
                int hit = jdb.await("Breakpoint hit", at);
                jdb.await(STEP + "(), line=" + loop + " ", hit);
                int prompt = jdb.awaitPrompt(hit);
                jdb.send("locals");
                at = jdb.await("i = " + i, prompt);
                jdb.awaitPrompt(at);
                jdb.send("cont");
            }
            int hit = jdb.await("Breakpoint hit", at);
            // javac names the lambda after the method that holds it.
            jdb.await("Stops.lambda$work$step$", hit);
            jdb.await("line=" + lambda + " ", hit);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("where");
            int stack = jdb.await("[1] Stops.lambda$work$step$", prompt);
            jdb.await("(Stops.java:" + lambda + ")", stack);
            // Below the JDK's lambda proxy, the method that calls it.
            jdb.await(STEP + " (Stops.java:" + Jdb.lineOf(SOURCE, "add.applyAsInt") + ")", stack);
            assertFalse(jdb.text().contains("Unable to set"), jdb.text());
        }
    }

    @Test
    void stepOverAnAwaitThatSuspendsReturnsToTheLoop(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Stops", SOURCE)) {
            int await = Jdb.lineOf(SOURCE, "// @await");
            stopAtAndRun(jdb, await, Jdb.lineOf(SOURCE, "// @after"));
            int hit = jdb.await("Breakpoint hit", 0);
            jdb.await("line=" + await + " ", hit);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("next");
            // later(5) sleeps: the step ends in the generated code that called the method's code
            // (the state machine's $step, then the runtime), not on the next line.
            int stepped = jdb.await("Step completed", prompt);
            int end = jdb.await("\n", stepped);
            String where = jdb.text().substring(stepped, end);
            assertTrue(where.contains("$work$Coroutine.$step") || where.contains("io.jawait.internal."), where);
            // The breakpoint on the next line is where the method goes on.
            jdb.awaitPrompt(end);
            jdb.send("cont");
            hit = jdb.await("Breakpoint hit", stepped);
            jdb.await("line=" + Jdb.lineOf(SOURCE, "// @after") + " ", hit);
        }
    }
}
