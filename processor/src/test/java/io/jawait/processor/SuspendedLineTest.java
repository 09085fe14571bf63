package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.internal.Coroutine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A generated state machine's {@code $line()} names the line of the await it is suspended at, the
 * method's line before it starts, and 0 once complete. Each program awaits futures ("gates") that
 * the test completes one at a time from the loop, reading {@code $line()} while the task waits.
 */
class SuspendedLineTest {

    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.function.IntSupplier;
            import java.util.function.Supplier;

            public class Waits {
                static final List<CompletableFuture<Integer>> GATES = new ArrayList<>();

                static CompletableFuture<Integer> gate() {
                    CompletableFuture<Integer> f = new CompletableFuture<>();
                    GATES.add(f);
                    return f;
                }

                static int add(int a, int b) {
                    return a + b;
                }

                static <T> T apply(Supplier<T> s) {
                    return s.get();
                }

                @Async
                static Task<Integer> straight() { // @straight
                    int a = await(gate()); // @s1
                    int b = await(gate()); // @s2
                    return Task.of(a + b);
                }

                @Async
                static Task<Integer> loops(int n) {
                    int sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += await(gate()); // @l1
                    }
                    while (sum < 100) {
                        sum += await(gate()) * 50; // @l2
                    }
                    do {
                        sum += await(gate()); // @l3
                    } while (sum < 10);
                    return Task.of(sum);
                }

                @Async
                static Task<Integer> tryCatchFinally() {
                    int r = 0;
                    try {
                        r += await(gate()); // @t1
                        throw new IllegalStateException("to the catch");
                    } catch (IllegalStateException e) {
                        r += await(gate()); // @t2
                    } finally {
                        r += await(gate()); // @t3
                    }
                    return Task.of(r);
                }

                @Async
                static Task<Integer> returnThroughFinally() {
                    try {
                        return Task.of(await(gate())); // @f1
                    } finally {
                        await(gate()); // @f2
                    }
                }

                @Async
                static Task<Integer> switches(int k) {
                    switch (k) {
                        case 1:
                            await(gate()); // @w1
                        case 2:
                            await(gate()); // @w2
                            break;
                        default:
                            return Task.of(0);
                    }
                    int v = switch (k) {
                        case 1 -> await(gate()); // @w3
                        default -> {
                            int x = await(gate()); // @w4
                            yield x;
                        }
                    };
                    return Task.of(v);
                }

                @Async
                static Task<Integer> nested() {
                    int v = add(await(gate()), await(gate())); // @n1
                    int w = add(await(gate()), // @n2
                            await(gate())); // @n3
                    int u = await(inner(await(gate()))); // @n4
                    return Task.of(v + w + u);
                }

                @Async
                static Task<Integer> inner(int x) {
                    return Task.of(x + await(gate()));
                }

                int base = 1;

                @Async
                Task<Integer> own() {
                    return Task.of(base + await(gate())); // @own
                }

                static Task<Integer> viaInstance() {
                    return new Waits().own();
                }

                interface Gated {
                    @Async
                    default Task<Integer> gated() {
                        int a = await(gate()); // @default
                        return Task.of(a + await(gate())); // @default2
                    }
                }

                static Task<Integer> viaInterface() {
                    return new Gated() { }.gated();
                }

                @Async
                static Task<Integer> lambdas() {
                    Supplier<CompletableFuture<Integer>> g = () -> {
                        return gate();
                    };
                    int a = await(g.get()); // @a1
                    IntSupplier later = () ->
                            a + 1;
                    int b = await(apply(() -> { // @a2
                        return gate();
                    }));
                    Runnable r = new Runnable() {
                        @Override
                        public void run() {
                            gate();
                        }
                    };
                    int c = await( // @a3
                            gate());
                    return Task.of(a + b + c + later.getAsInt());
                }
            }
            """;

    private static CompiledProgram program;

    private static synchronized CompiledProgram program() {
        if (program == null) {
            program = CompiledProgram.compile("Waits", SOURCE);
        }
        return program;
    }

    @Test
    void eachAwaitOfStraightLineCodeHasItsLine() {
        assertEquals(lines("s1", "s2"), linesWhileWaiting(program(), "straight"));
    }

    @Test
    void beforeItsFirstStepATaskIsAtItsMethodsLine() throws Exception {
        assertEquals(lineOf(SOURCE, "straight"), lineBeforeStart(program(), "Waits$straight$Coroutine"));
    }

    @Test
    void awaitsInLoopsKeepTheirLineOnEveryIteration() {
        assertEquals(lines("l1", "l1", "l1", "l2", "l3"), linesWhileWaiting(program(), "loops", 3));
    }

    @Test
    void awaitsInTryCatchAndFinally() {
        assertEquals(lines("t1", "t2", "t3"), linesWhileWaiting(program(), "tryCatchFinally"));
    }

    @Test
    void anAwaitInAFinallyEnteredByAReturn() {
        assertEquals(lines("f1", "f2"), linesWhileWaiting(program(), "returnThroughFinally"));
    }

    @Test
    void awaitsInSwitchStatementsAndExpressions() {
        assertEquals(lines("w1", "w2", "w3"), linesWhileWaiting(program(), "switches", 1));
        assertEquals(lines("w2", "w4"), linesWhileWaiting(program(), "switches", 2));
    }

    @Test
    void nestedAwaitsOnOneLineOrAcrossLines() {
        // The last await waits for inner, which waits for a gate: the outer task is at its own line.
        assertEquals(lines("n1", "n1", "n2", "n3", "n4", "n4"), linesWhileWaiting(program(), "nested"));
    }

    @Test
    void lambdasAndAnonymousClassesDoNotMoveTheMethodsAwaits() {
        assertEquals(lines("a1", "a2", "a3"), linesWhileWaiting(program(), "lambdas"));
    }

    @Test
    void instanceAndInterfaceDefaultMethods() {
        assertEquals(lines("own"), linesWhileWaiting(program(), "viaInstance"));
        assertEquals(lines("default", "default2"), linesWhileWaiting(program(), "viaInterface"));
    }

    @Test
    void linesBeyondWhatOneCharHolds() {
        // Lines in and beyond the surrogate range (55296) and above 65535 take the table's wide form.

        String source = """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;

                public class Far {
                    static final List<CompletableFuture<Integer>> GATES = new ArrayList<>();

                    static CompletableFuture<Integer> gate() {
                        CompletableFuture<Integer> f = new CompletableFuture<>();
                        GATES.add(f);
                        return f;
                    }

                    @Async
                    static Task<Integer> far() { // @far
                        int a = await(gate()); // @near
                """ + "\n".repeat(55_500) + """
                        int b = await(gate()); // @surrogates
                """ + "\n".repeat(10_100) + """
                        int c = await(gate()); // @beyond
                        return Task.of(a + b + c);
                    }
                }
                """;
        assertTrue(lineOf(source, "surrogates") >= Character.MIN_SURROGATE && lineOf(source, "beyond") > Character.MAX_VALUE);
        CompiledProgram far = CompiledProgram.compile("Far", source);
        assertEquals(List.of(lineOf(source, "near"), lineOf(source, "surrogates"), lineOf(source, "beyond")),
                linesWhileWaiting(far, "far"));
        assertEquals(lineOf(source, "far"), lineBeforeStart(far, "Far$far$Coroutine"));
    }

    /**
     * Runs the static method on a loop; each time the task waits for a new gate, records its
     * {@code $line()} and completes that gate. Checks that the completed task answers 0.
     */
    private static List<Integer> linesWhileWaiting(CompiledProgram p, String method, Object... args) {
        @SuppressWarnings("unchecked")
        List<CompletableFuture<Integer>> gates = (List<CompletableFuture<Integer>>) p.getStatic("GATES");
        gates.clear();
        List<Integer> lines = new ArrayList<>();
        List<Task<?>> started = new ArrayList<>();
        Tasks.run(() -> {
            Task<?> task = (Task<?>) p.call(method, args);
            started.add(task);
            EventLoop loop = EventLoop.current();
            Runnable probe = new Runnable() {
                private int released;

                @Override
                public void run() {
                    if (task.isDone()) {
                        return;
                    }
                    // A step runs until the task suspends: a gate made and not yet completed is
                    // what the task waits for now (directly, or through the task it awaits).
                    if (gates.size() > released) {
                        lines.add(line((Coroutine<?>) task));
                        gates.get(released++).complete(released);
                    }
                    loop.execute(this);
                }
            };
            probe.run();
            return task;
        });
        assertEquals(0, line((Coroutine<?>) started.get(0)), "a completed task waits nowhere");
        return lines;
    }

    /** The line of a state machine made (on a loop, as its base class requires) and never started. */
    private static int lineBeforeStart(CompiledProgram p, String stateMachine) {
        return Tasks.run(() -> Task.of(line((Coroutine<?>) p.newInstance(stateMachine))));
    }

    private static int line(Coroutine<?> task) {
        try {
            Method line = Coroutine.class.getDeclaredMethod("$line");
            line.setAccessible(true);
            return (int) line.invoke(task);
        } catch (InvocationTargetException e) {
            throw new AssertionError("$line() threw", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Integer> lines(String... markers) {
        List<Integer> lines = new ArrayList<>();
        for (String m : markers) {
            lines.add(lineOf(SOURCE, m));
        }
        return lines;
    }

    private static int lineOf(String source, String marker) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("// @" + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }
}
