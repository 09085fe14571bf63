package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Programs written the way users write them, by someone who did not build the processor, each
 * checked in both modes against what the same code gives with a blocking await (the expected
 * strings are plain Java's output for the same body). Some of them found defects (named in
 * TESTING.md's table); the others keep forms no other test covers.
 */
class UserProgramsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bindingsOfAnInstanceofInACaseGuardAreReadByTheCaseBodyAcrossAwaits(Mode mode) {
        // The guard's `a instanceof String sa` used to be copied with the binding stored into its
        // frame variable inside the guard (which Java forbids) and stored again under a name that
        // was never declared: "cannot find symbol sa$b0" on valid code.
        assumeTrue(Runtime.version().feature() >= 21, "guards are Java 21");
        var p = compile("GuardBindings", """
                record Pair(Object a, Object b) { }

                @Async
                static Task<String> classic(Object o) {
                    String r = "";
                    switch (o) {
                        case Pair(Object a, Object b) when a instanceof String sa && b instanceof String sb:
                            r += await(get(sa)) + sb;
                            break;
                        case Pair(Object a, Object b) when a instanceof Integer i:
                            Supplier<String> later = () -> "i" + i;
                            await(get(0));
                            r += later.get() + await(get(i + 1));
                            break;
                        default:
                            r += "d";
                    }
                    return Task.of(r);
                }

                @Async
                static Task<String> rules(Object o) {
                    String r = "";
                    switch (o) {
                        case Pair p when !(p.a() instanceof String s) || s.length() > 1 -> r += await(get("neg"));
                        case Pair p when p.b() instanceof Integer i && i > 0 || p.b() instanceof Long -> r += await(get("or"));
                        case Pair(var a, var b) when (a instanceof String s ? s : "").isEmpty() -> r += await(get("cond" + a));
                        case Pair(var a, var b) when a instanceof String s && b instanceof String t && s.equals(t) -> {
                            r += s;
                            r += await(get(t));
                        }
                        default -> r += "d";
                    }
                    return Task.of(r);
                }

                @Async
                static Task<String> expression(Object o) {
                    return Task.of(switch (o) {
                        case Pair p when p.a() instanceof String sa && sa.length() < 3 -> await(get(sa)) + "e";
                        default -> "d";
                    });
                }

                @Async
                static Task<String> run() {
                    StringBuilder out = new StringBuilder();
                    for (Object o : new Object[] {new Pair(1, 1), new Pair("ab", 1), new Pair("a", 1), new Pair("a", 2L),
                            new Pair("", "x"), new Pair("q", "q"), new Pair("q", "r"), "s"}) {
                        out.append(await(classic(o))).append('/').append(await(rules(o))).append('/')
                                .append(await(expression(o))).append(' ');
                    }
                    return Task.of(out.toString());
                }
                """);
        assertEquals("i12/neg/d d/neg/abe d/or/ae d/or/ae x/cond/e qq/qq/qe qr/d/qe d/d/d ", p.run(mode, "run"));
    }
}
