package io.jawait.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ported tutorial prints what the Python original prints. Timings are checked only against
 * bounds a sequential run cannot meet (waits never end early), never against a tight figure.
 */
class TutorialTest {

    @Test
    void syncVsAsyncRunsTheThreeWaitsConcurrently() throws Exception {
        List<String> out = stdoutOf(() -> SyncVsAsync.main(new String[0]));
        assertEquals(3, out.size(), String.join("\n", out));
        assertTrue(seconds(out.get(0), "Sync") >= 3.0, out.get(0));
        double async = seconds(out.get(1), "Async");
        assertTrue(async >= 1.0 && async < 2.9, "gather of three 1 s sleeps is not sequential: " + out.get(1));
        assertEquals("[A done, B done, C done]", out.get(2));
    }

    @Test
    void fetchDataSequentialThenConcurrent() throws Exception {
        List<String> out = stdoutOf(() -> FetchData.main(new String[0]));
        assertEquals(List.of("Sequential:", " Fetching api/users...", " Fetching api/posts...",
                " Got: api/users, api/posts"), out.subList(0, 4));
        assertTrue(seconds(out.get(4), " took") >= 1.0, out.get(4));
        assertEquals(List.of("Concurrent:", " Fetching api/users...", " Fetching api/posts...",
                " Fetching api/comments...", " Got: api/users, api/posts, api/comments"), out.subList(5, 10));
        double concurrent = seconds(out.get(10), " took");
        assertTrue(concurrent >= 0.5 && concurrent < 1.2, "the longest of 0.5/0.3/0.4 s, not their sum: " + out.get(10));
    }

    @Test
    void errorHandlingPrintsCaughtResultsErrorsAndTheLateAwaitedTask() throws Exception {
        List<String> out = stdoutOf(() -> ErrorHandling.main(new String[0]));
        assertEquals(List.of(
                "Caught: Can't process zero",
                " Result: 10",
                " Error: Can't process zero",
                " Result: 30",
                "Task created, doing other work...",
                "Task result: 50"), out);
    }

    private interface Program {
        void run() throws Exception;
    }

    private static List<String> stdoutOf(Program program) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static double seconds(String line, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ":? ?(\\d+\\.\\d\\d)s").matcher(line);
        assertTrue(m.lookingAt(), "expected '" + label + ": N.NNs' but got: " + line);
        return Double.parseDouble(m.group(1));
    }
}
