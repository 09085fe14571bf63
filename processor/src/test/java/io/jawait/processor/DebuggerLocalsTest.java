package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
}
