package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Locals that live across awaits are declared once at the top of the state machine's step under
 * their own names; locals of the same name elsewhere in the method, in every place Java declares
 * one, must still mean what they meant.
 */
class LocalNamesTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sameNameInLoopsThatAwaitAndLoopsThatDoNot(Mode mode) {
        var p = DualModeProgram.compile("LoopNames", """
                @Async
                static Task<String> run() {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < 2; i++) {
                        out.append(await(get(i)));
                    }
                    for (int i = 5; i < 7; i++) {
                        out.append(i);
                    }
                    for (long i = 8; i < 9; i++) {
                        out.append(i);
                    }
                    for (int i = 0; i < 2; i++) {
                        out.append(await(get(i + 20)));
                    }
                    for (String i : List.of("x", "y")) {
                        out.append(i);
                    }
                    int total = 0;
                    for (int i : new int[] {100, 200}) {
                        total += i;
                    }
                    return Task.of(out + " " + total);
                }
                """);
        assertEquals("01568" + "2021xy 300", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLocalNamedLikeOneThatLivesAcrossAwaitsInEveryDeclaringPosition(Mode mode) {
        var p = DualModeProgram.compile("EveryPosition", """
                @Async
                static Task<String> run(Object o) {
                    String x = await(get("kept"));
                    StringBuilder out = new StringBuilder(x);
                    {
                        Function<Integer, Integer> twice = y -> { int z = y * 2; return z; };
                        out.append(twice.apply(4));
                    }
                    {
                        int y = 1, z = 2;
                        out.append(y + z);
                    }
                    try {
                        Integer.parseInt("no");
                    } catch (NumberFormatException y) {
                        out.append("caught");
                    }
                    if (o instanceof String y && !y.isEmpty()) {
                        out.append(y.length());
                    }
                    Runnable r = () -> {
                        String z = "lambda";
                        out.append(z);
                    };
                    r.run();
                    String y = await(get("late"));
                    Integer z = await(get(9));
                    return Task.of(out + y + z + x);
                }
                """);
        assertEquals("kept83caught3lambdalate9kept", p.run(mode, "run", "abc"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFieldAndALocalOfTheSameNameInDifferentScopes(Mode mode) {
        var p = DualModeProgram.compile("FieldAndLocal", """
                static String count = "field";

                @Async
                static Task<String> run() {
                    String before = count;
                    {
                        int count = await(get(3));
                        before += count;
                    }
                    await(get(0));
                    return Task.of(before + count);
                }
                """);
        assertEquals("field3field", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localsOfTheSameNameWithDifferentTypesAcrossAwaits(Mode mode) {
        var p = DualModeProgram.compile("TwoTypes", """
                @Async
                static Task<String> run() {
                    String out = "";
                    {
                        int v = await(get(1));
                        await(get(0));
                        out += v;
                    }
                    {
                        String v = await(get("s"));
                        await(get(0));
                        out += v;
                    }
                    {
                        int v = await(get(2));
                        await(get(0));
                        out += v;
                    }
                    return Task.of(out);
                }
                """);
        assertEquals("1s2", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSharedLocalCapturedByALambdaInALoopKeepsEachIterationsValue(Mode mode) {
        var p = DualModeProgram.compile("SharedCapture", """
                @Async
                static Task<String> run() {
                    for (int k = 0; k < 1; k++) {
                        await(get(k));
                    }
                    List<Supplier<Integer>> made = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        int k = i * 10;
                        made.add(() -> k);
                    }
                    await(get(0));
                    StringBuilder out = new StringBuilder();
                    for (Supplier<Integer> s : made) {
                        out.append(s.get()).append(',');
                    }
                    return Task.of(out.toString());
                }
                """);
        assertEquals("0,10,20,", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localsAndParametersNamedLikeTheLocalsOfADesugaredTryWithResources(Mode mode) {
        // The try-with-resources the transform takes apart declares $jawait$primaryN, $jawait$rN,
        // ...: a method of the user's with those names failed with an internal error ("variable
        // $jawait$primary0 is already defined").
        var p = DualModeProgram.compile("ResourceNames", """
                static final class Res implements AutoCloseable {
                    final List<String> log;
                    final String name;
                    Res(List<String> log, String name) { this.log = log; this.name = name; }
                    @Override public void close() { log.add("close " + name); }
                }

                @Async
                static Task<String> named(String $jawait$r1, int $jawait$t0) {
                    List<String> log = new ArrayList<>();
                    String $jawait$primary0 = "p", $jawait$s0 = "s", $jawait$r0 = "r";
                    try (Res first = new Res(log, await(get("a")))) {
                        log.add(first.name + $jawait$primary0 + $jawait$s0 + $jawait$r0 + $jawait$r1 + $jawait$t0);
                    }
                    Res existing = new Res(log, "e");
                    try (existing) {
                        String $jawait$primary1 = await(get("!"));
                        log.add($jawait$primary1);
                    }
                    return Task.of(log.toString());
                }

                @Async
                static Task<String> run() {
                    return named("q", 7);
                }
                """);
        assertEquals("[apsrq7, close a, !, close e]", p.run(mode, "run"));
    }
}
