package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a breakpoint on a line after an await, the JDK's debugger shows the method's locals and
 * parameters by their names, as for plain Java: jdb runs a compiled {@code @Async} program, stops
 * there and prints {@code locals}.
 */
class DebuggerLocalsTest {
    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Debugged {
                @Async
                static Task<Integer> later(int v) {
                    await(sleep(1));
                    return Task.of(v);
                }

                @Async
                static Task<String> work(String name, int count) {
                    int total = 0;
                    for (int i = 0; i < count; i++) {
                        String label = name + i;
                        int v = await(later(i + 5));
                        total += v;
                        System.out.println(label + " " + total); // @stop
                    }
                    return Task.of(name + total);
                }

                public static void main(String[] args) {
                    System.out.println(Tasks.run(() -> work("n", 3)));
                }
            }
            """;

    @Test
    void jdbShowsTheLocalsByNameOnALineAfterAnAwait(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Debugged", SOURCE)) {
            jdb.send("stop at Debugged:" + Jdb.lineOf(SOURCE, "// @stop"));
            jdb.send("run");
            int hit = jdb.await("Breakpoint hit", 0);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("locals");
            int shown = jdb.await("Local variables:", prompt);
            // The last local of the frame, in declaration order, ends the list.
            int end = jdb.await("v = 5", shown);
            String locals = jdb.text().substring(shown, end + "v = 5".length());
            for (String expected : List.of("name = \"n\"", "count = 3", "total = 5", "i = 0", "label = \"n0\"", "v = 5")) {
                assertTrue(locals.contains(expected), "jdb's locals lack " + expected + ":\n" + locals);
            }
            assertFalse(jdb.text().contains("Local variable information not available"), jdb.text());
        }
    }

    /**
     * The locals the transform keeps in other forms: one a local class reads after an await (kept
     * in a field of the state machine), a constant variable (its uses become its value), a pattern
     * variable, an enhanced for's variable, a resource, a catch parameter, each across an await;
     * and inside a lambda created after an await, the locals it captures (copies of them, there).
     */
    private static final String KINDS = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.io.StringReader;
            import java.util.List;

            public class Kinds {
                @Async
                static Task<Integer> later(int v) {
                    await(sleep(1));
                    return Task.of(v);
                }

                @Async
                static Task<String> work(Object o, List<String> xs) throws Exception {
                    int k = 3;
                    final int K = 2;
                    class L { int get() { return k; } }
                    int x = await(later(1));
                    System.out.println(new L().get() + k + K + x); // @captured
                    if (o instanceof String s) {
                        await(later(2));
                        System.out.println(s); // @pattern
                    }
                    for (String e : xs) {
                        await(later(3));
                        System.out.println(e); // @for
                    }
                    try (StringReader r = new StringReader("r")) {
                        await(later(4));
                        System.out.println(r.read()); // @resource
                    }
                    try {
                        throw new IllegalStateException("boom");
                    } catch (IllegalStateException ex) {
                        await(later(5));
                        System.out.println(ex.getMessage()); // @catch
                    }
                    int cap = 9;
                    await(later(6));
                    Runnable run = () -> {
                        System.out.println(cap + k); // @lambda
                    };
                    run.run();
                    return Task.of("done");
                }

                public static void main(String[] args) throws Exception {
                    System.out.println(Tasks.run(() -> work("n", List.of("a"))));
                }
            }
            """;

    @Test
    void jdbShowsEveryKindOfLocalByItsName(@TempDir Path dir) throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("// @captured", List.of("k = 3", "K = 2", "x = 1"));
        expected.put("// @pattern", List.of("s = \"n\""));
        expected.put("// @for", List.of("e = \"a\""));
        expected.put("// @resource", List.of("r = instance of java.io.StringReader"));
        expected.put("// @catch", List.of("ex = instance of java.lang.IllegalStateException"));
        expected.put("// @lambda", List.of("cap = 9", "k = 3"));
        assertLocals(dir, "Kinds", KINDS, expected);
    }

    /** Java 21's patterns in switch, and record patterns, bind locals across awaits too. */
    private static final String PATTERNS = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Patterns {
                record P(int a, String b) {}

                @Async
                static Task<String> work(Object o, Object p) {
                    String res = switch (o) {
                        case String str -> {
                            await(sleep(1));
                            System.out.println(str); // @switch
                            yield str;
                        }
                        default -> "d";
                    };
                    if (p instanceof P(int a, String b)) {
                        await(sleep(1));
                        System.out.println(a + b); // @record
                    }
                    return Task.of(res);
                }

                public static void main(String[] args) throws Exception {
                    System.out.println(Tasks.run(() -> work("n", new P(1, "x"))));
                }
            }
            """;

    @Test
    void jdbShowsPatternBindingsByTheirNames(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "patterns in switch and record patterns are Java 21");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("// @switch", List.of("str = \"n\""));
        expected.put("// @record", List.of("a = 1", "b = \"x\""));
        assertLocals(dir, "Patterns", PATTERNS, expected);
    }

    /**
     * Two blocks' locals {@code i} of the same type share one frame variable, so the step method
     * keeps the lambdas' copies of it under names of their own; inside each lambda, where it is the
     * only {@code i}, a copy shows as {@code i}.
     */
    private static final String SHARED = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Shared {
                @Async
                static Task<String> work() {
                    Runnable first;
                    {
                        int i = 10;
                        await(sleep(1));
                        first = () -> {
                            System.out.println(i); // @first
                        };
                    }
                    first.run();
                    for (int j = 0; j < 1; j++) {
                        int i = 20 + j;
                        await(sleep(1));
                        Runnable second = () -> {
                            System.out.println(i); // @second
                        };
                        second.run();
                    }
                    return Task.of("done");
                }

                public static void main(String[] args) throws Exception {
                    System.out.println(Tasks.run(() -> work()));
                }
            }
            """;

    @Test
    void jdbShowsALambdasCopyOfASharedVariableByItsName(@TempDir Path dir) throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("// @first", List.of("i = 10"));
        expected.put("// @second", List.of("i = 20"));
        assertLocals(dir, "Shared", SHARED, expected);
    }

    /** No generated copy's name ({@code cap$c0}) or other generated local's shows where the user's would. */
    private static final Pattern COPY_NAME = Pattern.compile("\\w+\\$\\w+ = ");

    /**
     * Runs {@code source} under jdb with a breakpoint on each marked line, in the order they are hit,
     * and checks that {@code locals} there shows each expected {@code name = value} and no generated name.
     */
    private static void assertLocals(Path dir, String mainClass, String source, Map<String, List<String>> expected)
            throws Exception {
        try (Jdb jdb = Jdb.start(dir, mainClass, source)) {
            for (String marker : expected.keySet()) {
                jdb.send("stop at " + mainClass + ":" + Jdb.lineOf(source, marker));
            }
            jdb.send("run");
            int from = 0;
            for (Map.Entry<String, List<String>> stop : expected.entrySet()) {
                int hit = jdb.await("Breakpoint hit", from);
                int prompt = jdb.awaitPrompt(hit);
                String line = jdb.text().substring(hit, prompt);
                assertTrue(line.contains("line=" + Jdb.lineOf(source, stop.getKey()) + " "),
                        "expected to stop at " + stop.getKey() + ", stopped at " + line);
                jdb.send("locals");
                int shown = jdb.await("Method arguments:", prompt);
                int end = jdb.awaitPrompt(shown);
                String locals = jdb.text().substring(shown, end);
                for (String local : stop.getValue()) {
                    assertTrue(locals.contains("\n" + local), "at " + stop.getKey() + " jdb's locals lack " + local + ":\n" + locals);
                }
                String withoutMachine = locals.replaceAll("(?m)^\\$[\\w$]* = .*$", "");
                assertFalse(COPY_NAME.matcher(withoutMachine).find(),
                        "at " + stop.getKey() + " jdb shows a generated name:\n" + locals);
                jdb.send("cont");
                from = end;
            }
            assertFalse(jdb.text().contains("Local variable information not available"), jdb.text());
        }
    }
}
