package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * An {@code @Async} method that is also a JUnit test (or lifecycle) method would be skipped by JUnit,
 * which runs only void test methods: it is a compile error on that method, with the way to run it.
 * The lines the errors must be on are marked {@code // @name} in the sources.
 */
class AsyncTestMethodTest {
    private record Result(String source, Compilation compilation) {
        /** The errors, each as "line: message" with the line given as the marker found on it. */
        List<String> errors() {
            List<String> lines = source.lines().toList();
            return compilation.errors().stream().map(d -> {
                String line = lines.get((int) d.getLineNumber() - 1);
                String marker = line.contains("// @") ? line.substring(line.indexOf("// @") + 3) : "line " + d.getLineNumber();
                return marker + ": " + d.getMessage(Locale.ROOT);
            }).toList();
        }
    }

    private static Result compile(String className, String body) {
        String source = """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                import java.lang.annotation.*;
                import org.junit.jupiter.api.*;
                import org.junit.jupiter.params.ParameterizedTest;
                public class %s {
                %s
                }
                """.formatted(className, body);
        return new Result(source, CompiledProgram.withProcessor().compile(JavaFileObjects.forSourceString(className, source)));
    }

    @Test
    void anAsyncTestMethodIsAnErrorOnItsLineThatSaysHowToRunIt() {
        List<String> errors = compile("ScenarioTest", """
                    @Test
                    @Async
                    Task<Void> scenario() { // @scenario
                        await(sleep(10));
                        return Task.done();
                    }
                """).errors();
        assertEquals(1, errors.size(), errors.toString());
        String e = errors.get(0);
        assertTrue(e.startsWith("@scenario: @Async method scenario cannot be a @Test method: JUnit and TestNG run"), e);
        assertTrue(e.contains("@Test void scenarioTest() { TestLoop.runTest(() -> scenario()); }"), e);
    }

    @Test
    void lifecycleParameterizedAndComposedTestAnnotationsCountToo() {
        List<String> errors = compile("Lifecycle", """
                    @Target(ElementType.METHOD)
                    @Retention(RetentionPolicy.RUNTIME)
                    @Test
                    @interface SlowTest {
                    }

                    @BeforeEach
                    @Async
                    Task<Void> setUp() { // @setUp
                        return Task.done();
                    }

                    @ParameterizedTest
                    @Async
                    Task<Void> eachSize(int size, String label) { // @eachSize
                        return Task.done();
                    }

                    @SlowTest
                    @Async
                    Task<Void> slow() { // @slow
                        return Task.done();
                    }
                """).errors();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("@setUp: @Async method setUp cannot be a @BeforeEach method:"), errors.get(0));
        assertTrue(errors.get(0).contains("@BeforeEach void setUpTest() { TestLoop.runTest(() -> setUp()); }"), errors.get(0));
        assertTrue(errors.get(1).startsWith("@eachSize: @Async method eachSize cannot be a @ParameterizedTest method:"),
                errors.get(1));
        assertTrue(errors.get(1).contains("@ParameterizedTest void eachSizeTest(int size, java.lang.String label)"
                + " { TestLoop.runTest(() -> eachSize(size, label)); }"), errors.get(1));
        assertTrue(errors.get(2).startsWith("@slow: @Async method slow cannot be a @SlowTest method (a @Test):"), errors.get(2));
    }

    @Test
    void otherAnnotationsAndPlainHelpersOfATestClassCompile() {
        Result r = compile("Helpers", """
                    @Async
                    @Deprecated
                    static Task<String> scenario() {
                        await(sleep(10));
                        return Task.of("ok");
                    }

                    @Test
                    void runsIt() {
                    }
                """);
        assertEquals(List.of(), r.errors());
        assertTrue(r.compilation().generatedFiles().stream().anyMatch(f -> f.getName().endsWith("Helpers$scenario$Coroutine.class")),
                "the helper was transformed");
    }
}
