package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lambdas, method references, anonymous and local classes inside an @Async body capture locals that
 * live across awaits: each capture keeps the value the variable had when it was captured.
 */
class CapturesTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lambdasCapturedInALoopKeepTheirOwnValues(Mode mode) {
        var p = compile("LoopLambdas", """
                @Async
                static Task<String> run() {
                    List<Supplier<String>> fs = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        int v = await(get(i * 10));
                        final int j = i;
                        fs.add(() -> j + ":" + v);
                        await(get(0));
                    }
                    for (String s : List.of("a", "b")) {
                        String upper = await(get(s.toUpperCase()));
                        fs.add(() -> s + upper);
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<String> f : fs) sb.append(await(get(f.get()))).append(' ');
                    return Task.of(sb.toString().trim());
                }
                """);
        assertEquals("0:0 1:10 2:20 aA bB", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousAndLocalClassesCaptureValuesAtCreation(Mode mode) {
        var p = compile("ClassCaptures", """
                @Async
                static Task<String> run() {
                    List<Supplier<String>> fs = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        int v = await(get(i + 1));
                        fs.add(new Supplier<String>() {
                            final int doubled = v * 2;
                            @Override public String get() { return "anon" + v + "/" + doubled; }
                        });
                        class Local implements Supplier<String> {
                            @Override public String get() { return "local" + v; }
                        }
                        await(get(0));
                        fs.add(new Local());
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<String> f : fs) sb.append(f.get()).append(' ');
                    return Task.of(sb.toString().trim());
                }
                """);
        assertEquals("anon1/2 local1 anon2/4 local2", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sameNameInSeparateScopesAreDistinctVariables(Mode mode) {
        var p = compile("Shadowing", """
                @Async
                static Task<String> run() {
                    Supplier<Integer> a;
                    Supplier<Integer> b;
                    {
                        int v = await(get(1));
                        a = () -> v;
                    }
                    {
                        int v = await(get(2));
                        b = () -> v;
                        await(get(0));
                    }
                    String s = "outer";
                    for (int k = 0; k < 1; k++) {
                        String t = await(get(s + k));
                        s = t + "!";
                    }
                    return Task.of(a.get() + "," + b.get() + "," + s);
                }
                """);
        assertEquals("1,2,outer0!", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lambdasAndMethodReferencesCaptureThisParametersAndReceivers(Mode mode) {
        var p = compile("ThisCaptures", """
                private final String name;
                private int count;

                ThisCaptures(String name) { this.name = name; }

                private String tag(int n) { return name + "#" + n; }

                @Async
                Task<String> method(String suffix) {
                    List<String> out = new ArrayList<>();
                    Consumer<String> add = out::add;
                    int n = await(get(1));
                    Function<Integer, String> tagger = this::tag;
                    Supplier<String> s = () -> name + suffix + n + count;
                    count = await(get(5));
                    add.accept(s.get());
                    add.accept(tagger.apply(await(get(2))));
                    Runnable r = () -> count++;
                    r.run();
                    await(get(0));
                    r.run();
                    add.accept("count" + count);
                    return Task.of(String.join(" ", out));
                }

                @Async
                static Task<String> run() {
                    return new ThisCaptures("me").method("?");
                }
                """);
        // the lambda reads the field count when called (5), the captured local n when created (1)
        assertEquals("me?15 me#2 count7", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lambdaPassedAsArgumentBeforeAnAwaitedArgument(Mode mode) {
        var p = compile("LambdaArgument", """
                static String apply(Function<String, String> f, String s) { return f.apply(s); }

                @Async
                static Task<String> run() {
                    String prefix = await(get("p-"));
                    String r = apply(x -> prefix + x, await(get("v")));
                    List<Integer> sorted = new ArrayList<>(List.of(3, 1, 2));
                    int sign = await(get(-1));
                    sorted.sort((x, y) -> sign * Integer.compare(x, y));
                    return Task.of(r + " " + sorted);
                }
                """);
        assertEquals("p-v [3, 2, 1]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void callsNamedLikeTaskMethodsReachTheUsersMethodsAlsoFromClassBodies(Mode mode) {
        var p = compile("ClashingNames", """
                private final String name;
                ClashingNames(String name) { this.name = name; }

                // Task (the state machine's base class) has members with these names.
                String cancel() { return name + ".cancel"; }
                static String isDone(int n) { return "isDone" + n; }

                @Async
                Task<String> method() {
                    int n = await(get(1));
                    Supplier<String> anon = new Supplier<>() {
                        @Override public String get() { return cancel() + "/" + isDone(n); }
                    };
                    class Local implements Supplier<String> {
                        @Override public String get() { return cancel() + "/" + isDone(n + 1); }
                    }
                    Supplier<String> lambda = () -> cancel() + "/" + isDone(n + 2);
                    await(get(0));
                    return Task.of(cancel() + " " + anon.get() + " " + new Local().get() + " " + lambda.get());
                }

                @Async
                static Task<String> run() {
                    return new ClashingNames("c").method();
                }
                """);
        assertEquals("c.cancel c.cancel/isDone1 c.cancel/isDone2 c.cancel/isDone3", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localClassesWithTheSameNameInDifferentScopesAndLocalRecords(Mode mode) {
        var p = compile("LocalClassNames", """
                static class Named { public String toString() { return "member"; } }

                @Async
                static Task<String> run() {
                    List<Object> out = new ArrayList<>();
                    out.add(new Named());
                    {
                        class Named { public String toString() { return "first"; } }
                        await(get(0));
                        out.add(new Named());
                    }
                    {
                        record Named(int v) { }
                        Named n = new Named(await(get(2)));
                        await(get(0));
                        out.add(n.v());
                    }
                    out.add(new Named());
                    return Task.of(out.toString());
                }
                """);
        assertEquals("[member, first, 2, member]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCompletedTaskNoLongerHoldsItsLocalsNorThoseItsLocalClassesCapture(Mode mode) throws Exception {
        var p = compile("Release", """
                static List<Object> kept = new ArrayList<>();

                @Async
                static Task<Supplier<String>> run() {
                    StringBuilder big = new StringBuilder("big");
                    String shown = await(get("x")) + big;
                    int[] arr = {await(get(1)), 2};
                    String captured = await(get("captured"));
                    class Later implements Supplier<String> {
                        @Override public String get() { return captured; }
                    }
                    await(get(0));
                    return Task.of(() -> new Later().get() + shown + arr.length);
                }

                @Async
                static Task<Object> start() {
                    Task<Supplier<String>> t = run();
                    Supplier<String> s = await(t);
                    kept.add(t);
                    return Task.of(s.get());
                }
                """);
        assertEquals("capturedxbig2", p.run(mode, "start"));
        java.lang.reflect.Field keptField = p.compiled().type().getDeclaredField("kept");
        keptField.setAccessible(true);
        Object task = ((List<?>) keptField.get(null)).get(0);
        for (java.lang.reflect.Field f : task.getClass().getDeclaredFields()) {
            if (f.getType().isPrimitive() || f.isSynthetic()) {
                continue;
            }
            f.setAccessible(true);
            assertEquals(null, f.get(task), f.getName() + " of a completed task");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericLocalClassesAndClassesNestedInThemAsTypesOfLocalsAcrossAwaits(Mode mode) {
        var p = compile("NestedLocalTypes", """
                @Async
                static Task<String> run() {
                    String prefix = await(get("p"));
                    class Box<T> {
                        final T value;
                        Box(T value) { this.value = value; }
                        class Label {
                            String text() { return prefix + value; }
                        }
                    }
                    Box<Integer> box = new Box<>(await(get(4)));
                    Box<Integer>.Label label = box.new Label();
                    List<Box<Integer>> boxes = List.of(box);
                    await(get(0));
                    return Task.of(label.text() + boxes.get(0).value);
                }
                """);
        assertEquals("p44", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLocalOfALocalClassTypeReadByAnotherLocalClassUsedAfterAnAwait(Mode mode) {
        // box lives in a field of the state machine, which cannot name Box: read back through a cast.
        var p = compile("LocalClassTypedField", """
                @Async
                static Task<String> run() {
                    class Box { String v = "b"; }
                    Box box;
                    box = new Box();
                    class Reader { String read() { return box.v; } }
                    await(get(0));
                    Box again = box;
                    return Task.of(new Reader().read() + again.v + box.v);
                }
                """);
        assertEquals("bbb", p.run(mode, "run"));
    }
}
