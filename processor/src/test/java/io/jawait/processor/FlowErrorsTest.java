package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jawait.processor.DualModeProgram.Mode;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code @Async} bodies get javac's flow checks as javac does them without the processor (an IDE's
 * editor, {@code -proc:none}): checked exceptions, where {@code await(x)} is a call that throws
 * nothing and the call that makes the task throws what its method declares; definite assignment;
 * effectively final captures. Every source here is compiled both ways and must get the same errors,
 * on the same lines, with the same text: code compiles with jawait exactly when it compiles without.
 */
class FlowErrorsTest {
    private static final String IMPORTS = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.io.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            """;

    /**
     * The errors of compiling {@code body} as "line: message", sorted, with or without the processor;
     * without the explanation in parentheses javac adds below some, whose wording differs between JDKs.
     */
    private static List<String> errors(String className, String body, boolean processor) {
        Compiler javac = processor ? CompiledProgram.withProcessor() : Compiler.javac().withOptions("-proc:none");
        Compilation c = javac.compile(JavaFileObjects.forSourceString(className, IMPORTS + body));
        return c.diagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getLineNumber() + ": " + d.getMessage(null).lines()
                        .filter(line -> !line.startsWith("  (")).collect(Collectors.joining("\n")))
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * Compiles {@code body} both ways and asserts that both give exactly the {@code expected}
     * errors, each written {@code "marker: message"} for the line ending with {@code // @marker}.
     */
    private static void sameErrorsBothWays(String className, String body, String... expected) {
        String[] lines = (IMPORTS + body).split("\n", -1);
        List<String> wanted = new java.util.ArrayList<>();
        for (String e : expected) {
            String marker = e.substring(0, e.indexOf(':'));
            int line = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].endsWith("// @" + marker)) {
                    line = i + 1;
                }
            }
            wanted.add(line + e.substring(marker.length()));
        }
        wanted.sort(null);
        assertEquals(wanted, errors(className, body, false), "without the processor");
        assertEquals(wanted, errors(className, body, true), "with the processor");
    }

    @Test
    void catchingACheckedExceptionThatNoCallInTheTryDeclaresIsAnError() {
        sameErrorsBothWays("NeverThrown", """
                public class NeverThrown {
                    @Async
                    static Task<String> fetch() {           // declares nothing
                        await(sleep(1));
                        return Task.of("page");
                    }

                    @Async
                    static Task<String> caller() {
                        try {
                            return Task.of(await(fetch()));
                        } catch (IOException e) { // @catch
                            return Task.of("failed");
                        }
                    }
                }
                """, "catch: exception java.io.IOException is never thrown in body of corresponding try statement");
    }

    @Test
    void aTimeoutAndTheFailuresTheMethodDeclaresAreCaughtAroundTheAwait() {
        sameErrorsBothWays("Timeouts", """
                public class Timeouts {
                    @Async
                    static Task<String> fetch() throws IOException {
                        await(sleep(1));
                        return Task.of("page");
                    }

                    @Async
                    static Task<String> caller() {
                        try {
                            return Task.of(await(withTimeout(100, fetch())));
                        } catch (TimeoutException e) {
                            return Task.of("timed out");
                        } catch (IOException e) {
                            return Task.of("failed");
                        }
                    }
                }
                """);
    }

    @Test
    void anExceptionNeitherCaughtNorDeclaredIsAnErrorOnItsLine() {
        sameErrorsBothWays("Undeclared", """
                public class Undeclared {
                    @Async
                    static Task<String> read() throws IOException {
                        await(sleep(1));
                        throw new IOException("disk");
                    }

                    @Async
                    static Task<String> caller(boolean b) {
                        String s = await(read()); // @read
                        if (b) {
                            throw new Exception("own"); // @own
                        }
                        return Task.of(s);
                    }
                }
                """,
                "read: unreported exception java.io.IOException; must be caught or declared to be thrown",
                "own: unreported exception java.lang.Exception; must be caught or declared to be thrown");
    }

    @Test
    void implicitCloseAndDuplicateCatchesAreCheckedToo() {
        sameErrorsBothWays("Closing", """
                public class Closing {
                    static class Res implements AutoCloseable {
                        @Override public void close() throws Exception { }
                    }

                    @Async
                    static Task<String> useIt() {
                        try (Res r = new Res()) { // @close
                            await(sleep(1));
                        }
                        try {
                            await(sleep(1));
                            throw new FileNotFoundException();
                        } catch (IOException e) {
                        } catch (FileNotFoundException e) { // @twice
                        }
                        return Task.of("x");
                    }
                }
                """,
                "close: unreported exception java.lang.Exception; must be caught or declared to be thrown\n"
                        + "  exception thrown from implicit call to close() on resource variable 'r'",
                "twice: exception java.io.FileNotFoundException has already been caught");
    }

    @Test
    void errorsInsideLambdasAndLocalClassesAreReportedOnce() {
        sameErrorsBothWays("Nested", """
                public class Nested {
                    @Async
                    static Task<String> withLambda() {
                        await(sleep(1));
                        Supplier<String> s = () -> {
                            throw new IOException("in a lambda"); // @lambda
                        };
                        Runnable r = new Runnable() {
                            public void run() {
                                throw new Exception("in a class"); // @class
                            }
                        };
                        return Task.of(s.get());
                    }
                }
                """,
                "lambda: unreported exception java.io.IOException; must be caught or declared to be thrown",
                "class: unreported exception java.lang.Exception; must be caught or declared to be thrown");
    }

    @Test
    void definiteAssignmentAndEffectivelyFinalCapturesAcrossAwaits() {
        // Locals that live across an await become fields of the state machine, where javac would
        // see neither an unassigned read nor a second assignment nor a changed captured local.
        sameErrorsBothWays("Assignment", """
                public class Assignment {
                    @Async
                    static Task<Integer> unassigned(boolean b) {
                        int x;
                        if (b) x = 1;
                        await(sleep(1));
                        return Task.of(x); // @read
                    }

                    @Async
                    static Task<Integer> twice() {
                        final int z;
                        z = 1;
                        await(sleep(1));
                        z = 2; // @twice
                        return Task.of(z);
                    }

                    @Async
                    static Task<Integer> captured() {
                        int y = 1;
                        await(sleep(1));
                        y++;
                        Supplier<Integer> s = () -> y; // @captured
                        return Task.of(s.get());
                    }
                }
                """,
                "read: variable x might not have been initialized",
                "twice: variable z might already have been assigned",
                "captured: local variables referenced from a lambda expression must be final or effectively final");
    }

    @Test
    void theRuntimesTaskMethodsDeclareWhatTheirTasksFailWith() {
        sameErrorsBothWays("Declarations", """
                import io.jawait.net.TcpStream;
                import io.jawait.io.AsyncFile;
                import java.nio.file.Path;

                public class Declarations {
                    @Async
                    static Task<String> all(Path path) {
                        try {
                            TcpStream s = await(TcpStream.connect("127.0.0.1", 1));
                            await(s.write("x\\n"));
                            String line = await(s.readLine(100));
                            String text = await(AsyncFile.readString(path));
                            String blocking = await(toThread(() -> java.nio.file.Files.readString(path)));
                            return Task.of(line + text + blocking);
                        } catch (IOException e) {
                            return Task.of("io");
                        }
                    }

                    public static void main(String[] args) throws IOException {
                        System.out.println(Tasks.run(() -> all(Path.of(args[0]))));
                    }
                }
                """);
    }

    /** At run time the checked exception arrives at the await, inside the try that declares it caught. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDeclaredCheckedFailureIsCaughtWhereItIsAwaited(Mode mode) {
        var p = DualModeProgram.compile("Declared", """
                @Async
                static Task<String> read(boolean fail) throws java.io.IOException {
                    await(get(0));
                    if (fail) throw new java.io.IOException("disk");
                    return Task.of("data");
                }

                @Async
                static Task<String> run(boolean fail) {
                    try {
                        return Task.of(await(read(fail)));
                    } catch (java.io.IOException e) {
                        return Task.of("caught " + e.getMessage());
                    }
                }
                """);
        assertEquals("data", p.run(mode, "run", false));
        assertEquals("caught disk", p.run(mode, "run", true));
    }

    @Test
    void switchExpressionsThatCanEndWithoutAValueAndResourcesThatAreNotEffectivelyFinalAreErrors() {
        // Once such a switch or try was split at its awaits, javac no longer saw anything wrong: the
        // code compiled, and a missing enum constant or a rule without a value did whatever the split
        // code happened to do.
        sameErrorsBothWays("SwitchFlow", """
                public class SwitchFlow {
                    enum E { A, B }

                    static final class R implements AutoCloseable {
                        public void close() {
                        }
                    }

                    @Async
                    static Task<Integer> missingConstant(E e) {
                        int v = switch (e) { case A -> await(Task.of(1)); }; // @exhaustive
                        return Task.of(v);
                    }

                    @Async
                    static Task<Integer> ruleWithoutValue(int x) {
                        int v = switch (x) {
                            case 1 -> await(Task.of(1));
                            default -> {
                                System.out.println();
                            } // @rule
                        };
                        return Task.of(v);
                    }

                    @Async
                    static Task<Integer> classicWithoutValue(int x) {
                        int v = switch (x) {
                            case 1:
                                yield await(Task.of(1));
                            default:
                                System.out.println();
                        }; // @classic
                        return Task.of(v);
                    }

                    @Async
                    static Task<Integer> reassignedResource(int x) {
                        R r = new R();
                        if (x > 0) {
                            r = new R();
                        }
                        try (r) { // @resource
                            await(sleep(1));
                        }
                        return Task.of(x);
                    }
                }
                """, "exhaustive: the switch expression does not cover all possible input values",
                "rule: switch rule completes without providing a value",
                "classic: switch expression completes without providing a value",
                "resource: variable r used as a try-with-resources resource neither final nor effectively final");
    }

    /**
     * javac stops after annotation processing once there is an error, so the flow error the processor
     * reports in one method would hide a type error in another, which javac only finds later, when it
     * attributes; the processor reports that one too. (javac alone shows the type error first and the
     * flow error only once it is fixed; with the processor both come at once.)
     */
    @Test
    void aFlowErrorInOneMethodDoesNotHideATypeErrorInAnother() {
        String body = """
                public class Both {
                    @Async
                    static Task<Integer> mistyped() {
                        int x = "s"; // @type
                        await(Task.of(0));
                        return Task.of(x + missing()); // @missing
                    }

                    @Async
                    static Task<Integer> unreported() {
                        await(Task.of(0));
                        Thread.sleep(1); // @flow
                        return Task.of(1);
                    }
                }
                """;
        List<String> lines = List.of((IMPORTS + body).split("\n", -1));
        java.util.function.Function<String, Integer> line = marker -> {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// @" + marker)) {
                    return i + 1;
                }
            }
            throw new AssertionError(marker);
        };
        List<String> plain = errors("Both", body, false);
        assertEquals(java.util.Set.of(line.apply("type") + ": incompatible types", line.apply("missing") + ": cannot find symbol"),
                plain.stream().map(e -> e.lines().findFirst().orElse("").replaceFirst("^(\\d+: [^:]*).*", "$1"))
                        .collect(Collectors.toSet()),
                "the case's premise: javac -proc:none, " + plain);
        List<String> expected = new java.util.ArrayList<>(plain);
        expected.add(line.apply("flow") + ": unreported exception java.lang.InterruptedException; must be caught or declared to be thrown");
        expected.sort(null);
        assertEquals(expected, errors("Both", body, true));
    }
}
