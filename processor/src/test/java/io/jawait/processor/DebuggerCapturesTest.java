package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside the methods of a local class used across an await (which the transform moves into the
 * step method's CaptureHolder), debuggers show the values it captured as for plain Java: fields
 * {@code val$k} of {@code this} (jdb's {@code dump this}), variables {@code k} in IntelliJ's view
 * (read through JDI as IntelliJ reads them, FrameView), the same as for the program compiled as
 * plain Java, where await blocks.
 */
class DebuggerCapturesTest {
    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Captured {
                @Async
                static Task<String> work(String name) {
                    int k = 3;
                    String tag = name + "!";
                    class L {
                        int get() {
                            return k + tag.length(); // @inL
                        }
                    }
                    await(sleep(1)); // @await
                    return Task.of(name + new L().get());
                }

                public static void main(String[] args) {
                    System.out.println(Tasks.run(() -> work("n")));
                }
            }
            """;

    /** The same program as plain Java: no await (the processor is not run, so await would throw). */
    private static final String PLAIN = SOURCE.replace("await(sleep(1)); // @await", "; // no await");

    private static final int IN_L = Jdb.lineOf(SOURCE, "// @inL");

    @Test
    void intellijShowsACapturedValueOfAMovedLocalClassAsItsLocalAsForPlainJava(@TempDir Path dir) throws Exception {
        Path async = Files.createDirectories(dir.resolve("async"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Jdb.compile(async, "Captured", SOURCE, true);
        Jdb.compile(plain, "Captured", PLAIN, false);
        assertSameView(FrameView.at(plain, "Captured", IN_L), FrameView.at(async, "Captured", IN_L),
                Map.of("k", "3", "tag", "\"n!\""));
    }

    /**
     * The view of the transformed program is plain Java's, {@code expected}; its {@code this} has
     * plain Java's fields and one more, the holder of the captured values ({@code this$0}).
     */
    private static void assertSameView(FrameView.Shown plain, FrameView.Shown async, Map<String, String> expected) {
        assertEquals(expected, plain.variables(), "plain Java's view");
        assertEquals(expected, async.variables(), "the view of the transformed program");
        Map<String, String> fields = new LinkedHashMap<>(async.fieldsOfThis());
        String holder = fields.remove("this$0");
        assertTrue(holder != null && holder.contains("$Captures"), "no holder field this$0 in " + async.fieldsOfThis());
        assertEquals(plain.fieldsOfThis(), fields, "the fields of this besides the holder");
    }

    /** An anonymous class whose own members are used across an await becomes such a local class. */
    private static final String ANONYMOUS = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;

            public class Anonymous {
                @Async
                static Task<String> work(String name) {
                    int k = 4;
                    var counter = new Object() {
                        int n = 1;
                        int next() {
                            return n++ + k + name.length(); // @inAnonymous
                        }
                    };
                    await(sleep(1)); // @await
                    return Task.of(name + counter.next());
                }

                public static void main(String[] args) {
                    System.out.println(Tasks.run(() -> work("n")));
                }
            }
            """;

    @Test
    void intellijShowsTheCapturedValuesOfANamedAnonymousClassAsForPlainJava(@TempDir Path dir) throws Exception {
        Path async = Files.createDirectories(dir.resolve("async"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Jdb.compile(async, "Anonymous", ANONYMOUS, true);
        Jdb.compile(plain, "Anonymous", ANONYMOUS.replace("await(sleep(1)); // @await", "; // no await"), false);
        int line = Jdb.lineOf(ANONYMOUS, "// @inAnonymous");
        assertSameView(FrameView.at(plain, "Anonymous", line), FrameView.at(async, "Anonymous", line),
                Map.of("k", "4", "name", "\"n\""));
    }

    @Test
    void jdbShowsACapturedValueOfAMovedLocalClassAsAFieldValOfThis(@TempDir Path dir) throws Exception {
        try (Jdb jdb = Jdb.start(dir, "Captured", SOURCE)) {
            // jdb sets a line breakpoint in the class it names: the local class, in the holder.
            jdb.send("stop at Captured$1$Captures$L:" + IN_L);
            jdb.send("run");
            int hit = jdb.await("Breakpoint hit", 0);
            int prompt = jdb.awaitPrompt(hit);
            jdb.send("dump this");
            int shown = jdb.await("this = {", prompt);
            int end = jdb.await("}", shown);
            String fields = jdb.text().substring(shown, end);
            for (String field : List.of("val$k: 3", "val$tag: \"n!\"")) {
                assertTrue(fields.contains(field), "dump this lacks " + field + ":\n" + fields);
            }
        }
    }

    @Test
    void aClassWithItsOwnFieldNamedLikeACapturedValueKeepsIt() {
        // Plain javac rejects this class (its val$k clashes with the one it would generate); the
        // moved class compiles, and without a debugger's field of that name its own keeps its meaning.
        var p = DualModeProgram.compile("OwnValField", """
                @Async
                static Task<Integer> run() {
                    int k = 3;
                    class L {
                        int val$k = 7;
                        int get() { return k * 10 + val$k; }
                    }
                    await(get(0));
                    return Task.of(new L().get());
                }
                """);
        assertEquals(37, (Integer) p.runBoth("run"));
    }
}
