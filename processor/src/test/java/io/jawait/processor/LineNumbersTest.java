package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * An exception thrown on line N of an @Async method carries a stack frame for Sample.java line N,
 * before and after awaits, in loops, catch blocks and lambdas.
 */
class LineNumbersTest {

    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.function.Supplier;

            public class Sample {
                @Async
                static Task<Integer> later(int v) {
                    await(sleep(1));
                    return Task.of(v);
                }

                @Async
                static Task<String> beforeAwait(int n) {
                    if (n > 0) throw new IllegalStateException("before"); // @before
                    await(later(1));
                    return Task.of("ok");
                }

                @Async
                static Task<String> afterAwait(int n) {
                    int v = await(later(n));
                    String s = "x";
                    if (v > 0) throw new IllegalStateException("after"); // @after
                    return Task.of(s);
                }

                @Async
                static Task<Integer> nullPointer(String s) {
                    await(later(1));
                    int x = 1;
                    return Task.of(s.length() + x); // @npe
                }

                @Async
                static Task<Integer> inLoop() {
                    int sum = 0;
                    for (int i = 0; i < 3; i++) {
                        try {
                            sum += await(later(i));
                            if (i == 2) throw new IllegalStateException("loop"); // @loop
                        } finally {
                            sum++;
                        }
                    }
                    return Task.of(sum);
                }

                @Async
                static Task<Integer> inCatch() {
                    try {
                        await(later(1));
                        throw new IllegalArgumentException("first");
                    } catch (IllegalArgumentException e) {
                        await(later(2));
                        throw new IllegalStateException("catch", e); // @catch
                    }
                }

                @Async
                static Task<Integer> inLambda() {
                    int base = await(later(1));
                    Supplier<Integer> f = () -> { throw new IllegalStateException("lambda" + base); }; // @lambda
                    await(later(2));
                    return Task.of(f.get());
                }

                @Async
                static Task<Integer> awaited() {
                    return Task.of(await(afterAwait(1)).length());
                }

                static int boom(String what) {
                    throw new IllegalStateException(what);
                }

                static final class Failing implements AutoCloseable {
                    @Override public void close() {
                        boom("close");
                    }
                }

                @Async
                static Task<Integer> splitExpression() {
                    int v = Math.max(
                            await(later(1)),
                            boom("split")); // @split
                    return Task.of(v);
                }

                @Async
                static Task<String> inSwitch(String s) {
                    switch (s) {
                        case "a":
                            await(later(1));
                            boom("switch"); // @switch
                        default:
                            return Task.of(s);
                    }
                }

                @Async
                static Task<Integer> inSwitchExpression(int n) {
                    return Task.of(switch (n) {
                        case 0 -> await(later(0));
                        default -> {
                            await(later(1));
                            yield boom("arm"); // @arm
                        }
                    });
                }

                @Async
                static Task<Integer> inLocalClass() {
                    int base = await(later(1));
                    class Local {
                        int get() {
                            return boom("local" + base); // @local
                        }
                    }
                    await(later(2));
                    return Task.of(new Local().get());
                }

                @Async
                static Task<Integer> inFinally() {
                    try {
                        await(later(1));
                    } finally {
                        await(later(2));
                        boom("finally"); // @finally
                    }
                    return Task.of(1);
                }

                @Async
                static Task<Integer> inWhileCondition(String s) {
                    int n = 0;
                    while (n < 3
                            && s.length() > n) { // @condition
                        n += await(later(1));
                    }
                    return Task.of(n);
                }

                @Async
                static Task<Integer> inDoWhile() {
                    int n = 0;
                    do {
                        n += await(later(1));
                        if (n == 2) boom("do"); // @do
                    } while (n < 5);
                    return Task.of(n);
                }

                @Async
                static Task<Integer> inForEach(java.util.List<String> items) {
                    int n = 0;
                    for (String item : items) {
                        n += await(later(item.length())); // @foreach
                    }
                    return Task.of(n);
                }

                @Async
                static Task<Integer> inConditional(boolean b) {
                    int v = b ? await(later(1))
                            : boom("ternary"); // @ternary
                    return Task.of(v);
                }

                @Async
                static Task<Integer> inSwitchSelector(String s) {
                    await(later(1));
                    switch (s.length()) { // @selector
                        case 1:
                            await(later(2));
                            return Task.of(1);
                        default:
                            return Task.of(0);
                    }
                }

                @Async
                static Task<Integer> inLambdaCalledAfterAwait() {
                    Supplier<Integer> f = () ->
                            boom("lambda body"); // @lambdabody
                    await(later(1));
                    return Task.of(f.get() + await(later(2)));
                }

                @Async
                static Task<Integer> inReturnExpression(String s) {
                    int v = await(later(1));
                    return Task.of(v
                            + s.length()); // @return
                }

                @Async
                static Task<Integer> closeFails() {
                    try (Failing r = new Failing()) {
                        await(later(1));
                    } // @close
                    return Task.of(1);
                }
            }
            """;

    private static CompiledProgram program;

    private static synchronized CompiledProgram program() {
        if (program == null) {
            program = CompiledProgram.compile("Sample", SOURCE);
        }
        return program;
    }

    private static int lineOf(String marker) {
        String[] lines = SOURCE.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("// @" + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }

    /** Where the exception was thrown: its deepest frame in Sample.java must be on the marked line. */
    private static void assertThrownAtLine(String marker, Class<? extends Throwable> type, String method, Object... args) {
        int line = lineOf(marker);
        Throwable e = assertThrows(type, () -> program().run(method, args));
        boolean found = Arrays.stream(e.getStackTrace())
                .filter(f -> "Sample.java".equals(f.getFileName()) && !isHelper(f))
                .findFirst().map(f -> f.getLineNumber() == line).orElse(false);
        if (!found) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            fail("expected a stack frame at Sample.java:" + line + " (" + marker + ") in:\n" + trace);
        }
    }

    /** Frames of the helpers that throw on purpose are not where the user code failed. */
    private static boolean isHelper(StackTraceElement f) {
        return f.getMethodName().equals("boom") || f.getClassName().equals("Sample$Failing");
    }

    @Test
    void throwBeforeTheFirstAwait() {
        assertThrownAtLine("before", IllegalStateException.class, "beforeAwait", 1);
    }

    @Test
    void throwAfterARealSuspension() {
        assertThrownAtLine("after", IllegalStateException.class, "afterAwait", 1);
    }

    @Test
    void nullPointerAfterARealSuspension() {
        assertThrownAtLine("npe", NullPointerException.class, "nullPointer", (Object) null);
    }

    @Test
    void throwInsideTryInsideALoop() {
        assertThrownAtLine("loop", IllegalStateException.class, "inLoop");
    }

    @Test
    void throwFromACatchBlockAfterAnAwait() {
        assertThrownAtLine("catch", IllegalStateException.class, "inCatch");
    }

    @Test
    void throwFromALambdaCreatedBetweenAwaits() {
        assertThrownAtLine("lambda", IllegalStateException.class, "inLambda");
    }

    @Test
    void throwInAnAwaitedAsyncMethod() {
        assertThrownAtLine("after", IllegalStateException.class, "awaited");
    }

    @Test
    void throwFromAnOperandAfterAnAwaitedOneInAMultiLineCall() {
        assertThrownAtLine("split", IllegalStateException.class, "splitExpression");
    }

    @Test
    void throwInASplitSwitchCase() {
        assertThrownAtLine("switch", IllegalStateException.class, "inSwitch", "a");
    }

    @Test
    void throwInASplitSwitchExpressionArm() {
        assertThrownAtLine("arm", IllegalStateException.class, "inSwitchExpression", 1);
    }

    @Test
    void throwInALocalClassUsedAcrossAwaits() {
        assertThrownAtLine("local", IllegalStateException.class, "inLocalClass");
    }

    @Test
    void throwInAFinallyBlockAfterAnAwait() {
        assertThrownAtLine("finally", IllegalStateException.class, "inFinally");
    }

    @Test
    void throwInALoopConditionAfterAnAwait() {
        assertThrownAtLine("condition", NullPointerException.class, "inWhileCondition", (Object) null);
    }

    @Test
    void throwInADoWhileBodyAfterAnAwait() {
        assertThrownAtLine("do", IllegalStateException.class, "inDoWhile");
    }

    @Test
    void throwInAnEnhancedForBodyThatAwaits() {
        assertThrownAtLine("foreach", NullPointerException.class, "inForEach", java.util.Arrays.asList("a", null));
    }

    @Test
    void throwInTheOtherArmOfAConditionalThatAwaits() {
        assertThrownAtLine("ternary", IllegalStateException.class, "inConditional", false);
    }

    @Test
    void throwInTheSelectorOfASplitSwitch() {
        assertThrownAtLine("selector", NullPointerException.class, "inSwitchSelector", (Object) null);
    }

    @Test
    void throwInALambdaBodyCalledAfterAnAwait() {
        assertThrownAtLine("lambdabody", IllegalStateException.class, "inLambdaCalledAfterAwait");
    }

    @Test
    void throwInAReturnExpressionAfterAnAwait() {
        assertThrownAtLine("return", NullPointerException.class, "inReturnExpression", (Object) null);
    }

    @Test
    void closeOfAResourceFailsAtTheClosingBraceOfItsTryBlock() {
        assertThrownAtLine("close", IllegalStateException.class, "closeFails");
    }
}
