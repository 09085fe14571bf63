package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where @Async methods live and what they use: locals ({@code var}, pattern bindings), parameters,
 * {@code this} and fields, private and static members of enclosing classes, generic methods and
 * classes, interfaces, enums, records, inner and nested classes, recursion, and both await forms.
 */
class DeclarationsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localsDeclaredWithVarKeepTheirTypesAcrossAwaits(Mode mode) {
        var p = compile("VarLocals", """
                @Async
                static Task<String> run() {
                    var list = new ArrayList<String>();
                    var n = await(get(3));
                    var s = await(get("abc"));
                    list.add(s.toUpperCase() + (n + 1));
                    var longValue = 1L << await(get(40));
                    char c = 'x', d = await(get('y'));
                    int[] arr = {n, s.length()}, empty = {};
                    list.add("" + c + d + longValue + arr[1] + empty.length);
                    return Task.of(String.join(" ", list));
                }
                """);
        assertEquals("ABC4 xy109951162777630", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void patternBindingsUsedAfterAwaits(Mode mode) {
        var p = compile("Patterns", """
                @Async
                static Task<String> describe(Object o) {
                    if (o instanceof String s) {
                        int n = await(get(s.length()));
                        return Task.of(s + n);
                    }
                    if (!(o instanceof Integer i)) {
                        return Task.of("other");
                    }
                    int doubled = await(get(i * 2));
                    return Task.of("int" + i + "," + doubled + "," + i);
                }

                @Async
                static Task<String> guarded(Object o) {
                    if (o instanceof String s && await(get(s.length())) > 2) {
                        return Task.of("long " + await(get(s)));
                    }
                    return Task.of("no");
                }
                """);
        assertEquals("abc3", p.run(mode, "describe", "abc"));
        assertEquals("int21,42,21", p.run(mode, "describe", 21));
        assertEquals("other", p.run(mode, "describe", 1.5));
        assertEquals("long abcd", p.run(mode, "guarded", "abcd"));
        assertEquals("no", p.run(mode, "guarded", "ab"));
        assertEquals("no", p.run(mode, "guarded", 7));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parametersReadAndReassignedAcrossAwaits(Mode mode) {
        var p = compile("Parameters", """
                @Async
                static Task<String> run(int a, String b, final long c) {
                    a = a + await(get(1));
                    b = b + a;
                    a *= await(get(2));
                    return Task.of(b + "/" + a + "/" + (c + await(get(c))));
                }
                """);
        assertEquals("x2/4/6", p.run(mode, "run", 1, "x", 3L));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void instanceMethodUsesThisFieldsAndPrivateMembers(Mode mode) {
        var p = compile("Instance", """
                private static int secret;
                private int inst = 3;

                private static int twice(int x) { return 2 * x; }
                private int plusInst(int x) { return x + inst; }

                @Async
                Task<String> method() {
                    int a = await(get(inst));
                    inst = a + 1;
                    int b = plusInst(await(get(secret)));
                    Instance self = await(get(this));
                    return Task.of(a + "," + inst + "," + b + "," + this.inst + "," + twice(secret) + "," + (self == this));
                }

                @Async
                static Task<String> run() {
                    secret = 7;
                    return new Instance().method();
                }
                """);
        assertEquals("3,4,11,4,14,true", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void innerClassesReachOuterInstanceAndPrivateMembers(Mode mode) {
        var p = compile("Outer", """
                private static int secret;
                private int inst = 3;

                private static int twice(int x) { return 2 * x; }
                private int plusInst(int x) { return x + inst; }

                class Inner {
                    private int own = 5;

                    @Async
                    Task<String> method() {
                        int x = await(get(own));
                        inst += x;
                        secret++;
                        return Task.of(x + "," + inst + "," + Outer.this.inst + "," + plusInst(own) + "," + twice(await(get(secret))));
                    }

                    class Deeper {
                        @Async
                        Task<String> method() {
                            own = await(get(own + 1));
                            return Task.of(own + "," + Outer.this.inst + "," + Inner.this.own + "," + secret);
                        }
                    }
                }

                static class Nested {
                    private final int base;
                    Nested(int base) { this.base = base; }

                    @Async
                    private Task<Integer> calc() { return Task.of(base + twice(await(get(secret)))); }

                    @Async
                    static Task<Integer> staticCalc() { return new Nested(await(get(1))).calc(); }
                }

                @Async
                static Task<String> run() {
                    secret = 7;
                    Outer outer = new Outer();
                    Outer.Inner inner = outer.new Inner();
                    String a = await(inner.method());
                    String b = await(inner.new Deeper().method());
                    int c = await(Nested.staticCalc());
                    return Task.of(a + " " + b + " " + c);
                }
                """);
        assertEquals("5,8,8,13,16 6,8,6,8 17", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericMethodsAndGenericClasses(Mode mode) {
        var p = compile("Generics", """
                @Async
                static <T extends Comparable<T>> Task<T> max(List<T> xs) {
                    T best = null;
                    for (T x : xs) {
                        T v = await(get(x));
                        if (best == null || v.compareTo(best) > 0) best = v;
                    }
                    return Task.of(best);
                }

                static class Box<T> {
                    private T value;
                    Box(T value) { this.value = value; }

                    @Async
                    Task<T> swap(Task<T> next) {
                        T old = value;
                        value = await(next);
                        return Task.of(old);
                    }

                    @Async
                    <R> Task<List<R>> map(Function<? super T, ? extends R> f, int times) {
                        List<R> out = new ArrayList<>();
                        for (int i = 0; i < times; i++) out.add(f.apply(await(get(value))));
                        return Task.of(out);
                    }
                }

                @Async
                static Task<String> run() {
                    String m = await(max(List.of("pear", "apple", "zucchini", "fig")));
                    Integer n = max(List.of(3, 9, 4)).await();
                    Box<String> box = new Box<>("a");
                    String old = await(box.swap(get("bcd")));
                    List<Integer> lengths = await(box.map(String::length, 2));
                    return Task.of(m + " " + n + " " + old + " " + box.value + " " + lengths);
                }
                """);
        assertEquals("zucchini 9 a bcd [3, 3]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void interfaceDefaultAndStaticMethods(Mode mode) {
        var p = compile("Interfaces", """
                interface Greeter {
                    String name();

                    @Async
                    default Task<String> greet(String greeting) {
                        String n = await(get(name()));
                        return Task.of(greeting + " " + n + await(get("!")));
                    }

                    @Async
                    static Task<String> both(Greeter g) {
                        return Task.of(await(g.greet("hi")) + " / " + g.greet("yo").await());
                    }
                }

                @Async
                static Task<String> run() {
                    Greeter g = () -> "bob";
                    return Greeter.both(g);
                }
                """);
        assertEquals("hi bob! / yo bob!", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void enumMethods(Mode mode) {
        var p = compile("Enums", """
                enum Color {
                    RED, GREEN;

                    private final String lower = name().toLowerCase();

                    @Async
                    Task<String> describe() {
                        int o = await(get(ordinal()));
                        return Task.of(lower + o + this);
                    }

                    @Async
                    static Task<String> all() {
                        StringBuilder sb = new StringBuilder();
                        for (Color c : values()) sb.append(await(c.describe())).append(';');
                        return Task.of(sb.toString());
                    }
                }

                @Async
                static Task<String> run() {
                    return Color.all();
                }
                """);
        assertEquals("red0RED;green1GREEN;", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordMethods(Mode mode) {
        var p = compile("Records", """
                record Point(int x, int y) {
                    @Async
                    Task<Integer> sum() {
                        int a = await(get(x));
                        return Task.of(a + await(get(y())) + this.x);
                    }

                    @Async
                    static Task<Point> parse(String s) {
                        String[] parts = s.split(",");
                        return Task.of(new Point(await(get(Integer.parseInt(parts[0]))), Integer.parseInt(parts[1])));
                    }
                }

                @Async
                static Task<String> run() {
                    Point p = await(Point.parse("2,3"));
                    return Task.of(p + " " + await(p.sum()));
                }
                """);
        assertEquals("Point[x=2, y=3] 7", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recursiveAsyncFibonacci(Mode mode) {
        var p = compile("Fib", """
                @Async
                static Task<Integer> fib(int n) {
                    if (n < 2) return get(n);
                    return Task.of(await(fib(n - 1)) + fib(n - 2).await());
                }
                """);
        assertEquals(55, (Integer) p.run(mode, "fib", 10));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void privateAndVoidTaskMethods(Mode mode) {
        var p = compile("VoidTasks", """
                private static final List<String> log = new ArrayList<>();

                @Async
                private static Task<Void> append(String s) {
                    log.add(await(get(s)));
                    if (s.isEmpty()) return Task.done();
                    log.add(s + s);
                    return Task.done();
                }

                @Async
                static Task<List<String>> run() {
                    log.clear();
                    await(append("a"));
                    Void v = await(append(""));
                    append("b").await();
                    log.add(String.valueOf(v));
                    return Task.of(List.copyOf(log));
                }
                """);
        assertEquals(List.of("a", "aa", "", "b", "bb", "null"), p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void definitelyAssignedLocalsAndFinalLocalsAcrossAwaits(Mode mode) {
        var p = compile("DefiniteAssignment", """
                @Async
                static Task<String> run(boolean c) {
                    int x;
                    final String label;
                    if (c) {
                        x = await(get(1));
                        label = "then";
                    } else {
                        label = await(get("else"));
                        x = 2;
                    }
                    final int y = x * 10;
                    Supplier<String> s = () -> label + y;
                    await(get(0));
                    String z;
                    while (true) {
                        z = await(get("z"));
                        break;
                    }
                    return Task.of(s.get() + x + z);
                }
                """);
        assertEquals("then101z", p.run(mode, "run", true));
        assertEquals("else202z", p.run(mode, "run", false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localsShadowingFieldsAndNamedLikeGeneratedCode(Mode mode) {
        var p = compile("Names", """
                private int count = 100;

                @Async
                Task<String> method(int state) {
                    List<String> out = new ArrayList<>();
                    {
                        int count = await(get(1));
                        out.add("local" + count);
                    }
                    count += await(get(5));
                    String result = "r" + state;
                    Object awaited = await(get("a"));
                    int label = 0, e = 2, t = 3;
                    try {
                        await(fail(new IllegalStateException("x")));
                    } catch (IllegalStateException ex) {
                        label = e + t;
                    }
                    out.add(count + " " + this.count + " " + result + awaited + label);
                    return Task.of(String.join(" ", out));
                }

                @Async
                static Task<String> run() {
                    return new Names().method(7);
                }
                """);
        assertEquals("local1 105 105 r7a5", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void overloadedAndVarargsAsyncMethods(Mode mode) {
        var p = compile("Overloads", """
                @Async
                static Task<String> f(int x) { return Task.of("int" + await(get(x))); }

                @Async
                static Task<String> f(String x) { return Task.of("str" + await(get(x))); }

                @Async
                static Task<String> f(int x, int y) { return Task.of("two" + (await(get(x)) + y)); }

                @Async
                static Task<Integer> sum(int... xs) {
                    int s = 0;
                    for (int x : xs) s += await(get(x));
                    return Task.of(s);
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(f(1)) + await(f("s")) + await(f(2, 3)) + await(sum()) + await(sum(1, 2, 3)));
                }
                """);
        assertEquals("int1strstwo506", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericInterfaceDefaultMethodsAndInnerClassesOfGenericClasses(Mode mode) {
        var p = compile("GenericOwners", """
                interface Source<T> {
                    List<T> items();

                    private T pick(int i) { return items().get(i); }

                    @Async
                    default Task<List<T>> pairs(int i) {
                        T a = await(get(pick(i)));
                        List<T> out = new ArrayList<>(List.of(a, await(get(pick(i + 1)))));
                        return Task.of(out);
                    }
                }

                static class Holder<K> {
                    private final K key;
                    Holder(K key) { this.key = key; }

                    class Entry {
                        @Async
                        <V> Task<Map<K, V>> with(V value) {
                            K k = await(get(key));
                            return Task.of(Map.of(k, await(get(value))));
                        }
                    }
                }

                @Async
                static Task<String> run() {
                    Source<String> s = () -> List.of("x", "y", "z");
                    Holder<String> h = new Holder<>("k");
                    Map<String, Integer> m = await(h.new Entry().with(7));
                    return Task.of(await(s.pairs(1)) + " " + m);
                }
                """);
        assertEquals("[y, z] {k=7}", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classesNamedLikeJavaLangTypesDoNotCaptureTheGeneratedCode(Mode mode) {
        // The step method lies in the user's class, where its own nested types hide java.lang's:
        // the generated catch, finally, try-with-resources, assert and switch code names them in full.
        var p = compile("ShadowedNames", """
                enum Side { LEFT, RIGHT }

                static class Shadowing {
                    static class Throwable { }
                    static class IllegalStateException { }
                    static class AssertionError { }
                    static class IncompatibleClassChangeError { }
                    static class String { }
                    static class Object { }
                    static class Integer { }

                    @Async
                    Task<java.lang.String> all(int n, Side side) throws Exception {
                        StringBuilder log = new StringBuilder();
                        java.lang.Integer boxed = await(get(5));
                        java.lang.Object o = await(get((java.lang.Object) "o"));
                        java.lang.String text = await(get("t"));
                        try {
                            log.append(await(get("a")));
                            if (n > 0) {
                                throw new java.lang.IllegalStateException("x");
                            }
                        } catch (RuntimeException e) {
                            log.append(" caught ").append(e.getMessage());
                        } finally {
                            log.append(" finally ").append(await(get("f")));
                        }
                        try (AutoCloseable r = () -> log.append(" closed")) {
                            log.append(" body ").append(await(get("r")));
                        }
                        assert await(get(n)) >= 0 : "negative";
                        int k = switch (side) {
                            case LEFT -> await(get(1));
                            case RIGHT -> 2;
                        };
                        return Task.of(log.append(" ").append(k).append(boxed).append(o).append(text).toString());
                    }
                }

                static Task<String> run() throws Exception {
                    return new Shadowing().all(1, Side.RIGHT);
                }
                """);
        assertEquals("a caught x finally f body r closed 25ot", p.run(mode, "run"));
    }
}
