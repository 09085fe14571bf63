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

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fieldsAndLocalsNamedIoOrJavaDoNotObscureThePackagesTheGeneratedCodeNames(Mode mode) {
        // A field or local named io obscures the package io in an expression (JLS 6.4.2): the
        // generated io.jawait.internal.ClassInitialization.ensure(Item.class) of a new whose
        // arguments await, and the io.jawait.Tasks.await of a desugared try-with-resources over an
        // AsyncCloseable, read the variable ("cannot find symbol jawait", an internal error).
        var p = compile("PackageNames", """
                static final class Item {
                    final int v;
                    Item(int v) { this.v = v; }
                }
                final class Inner {
                    final int w;
                    Inner(int w) { this.w = w; }
                }
                static final class Conn implements AsyncCloseable {
                    final List<String> log;
                    Conn(List<String> log) { this.log = log; }
                    @Override @Async public Task<Void> closeAsync() { log.add("closed " + await(get(1))); return Task.done(); }
                }
                final String io = "io";
                final int ioCount = 3;

                @Async
                Task<String> fields(PackageNames outer) {
                    Item it = new Item(await(get(5)));
                    Inner in = this.new Inner(await(get(6)));
                    String npe;
                    try {
                        outer.new Inner(await(get(7)));
                        npe = "none";
                    } catch (NullPointerException e) {
                        npe = "npe " + e.getMessage();
                    }
                    List<String> log = new ArrayList<>();
                    try (Conn c = new Conn(log)) {
                        log.add("body " + await(get(2)));
                    }
                    return Task.of(io + ioCount + " " + it.v + in.w + " " + npe + " " + log);
                }

                @Async
                static Task<String> locals() {
                    String out;
                    {
                        List<String> io = new ArrayList<>();
                        try (Conn c = new Conn(io)) {
                            io.add("body " + await(get(2)));
                        }
                        Item it = new Item(await(get(5)));
                        out = io + " " + it.v;
                    }
                    {
                        int java = await(get(4));
                        out += java;
                    }
                    return Task.of(out + " " + java.util.Objects.hash(1) + java.util.List.of(await(get("x"))));
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(new PackageNames().fields(null)) + " | " + await(locals()));
                }
                """);
        assertEquals("io3 56 npe null [body 2, closed 1] | [body 2, closed 1] 54 32[x]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nestedClassesNamedLikeJavaLangClassesDoNotCaptureTheGeneratedCodesNames(Mode mode) {
        // The generated code wrote Throwable, AssertionError, IllegalStateException and
        // IncompatibleClassChangeError by their simple names, which the user's own nested classes
        // of those names captured (an internal error for a try-with-resources; an assert would
        // have thrown the user's class).
        String source = DualModeProgram.source("JavaLangNames", """
                static final class Shadows {
                    static final class Throwable { }
                    static final class AssertionError extends RuntimeException { }
                    static final class IllegalStateException { }
                    static final class IncompatibleClassChangeError { }
                    enum Color { RED, GREEN }

                    @Async
                    static Task<String> run(int n) {
                        StringBuilder sb = new StringBuilder();
                        try (AutoCloseable c = () -> sb.append("closed ")) {
                            sb.append(await(get("body "))).append(switch (Color.values()[n % 2]) {
                                case RED -> await(get("red "));
                                case GREEN -> "green ";
                            });
                        } catch (Exception e) {
                            sb.append("failed");
                        }
                        try {
                            assert await(get(n)) > 1 : "small";
                        } catch (java.lang.AssertionError e) {
                            sb.append(e.getMessage());
                        }
                        return Task.of(sb.toString());
                    }
                }

                static Task<String> run(int n) {
                    return Shadows.run(n);
                }
                """);
        CompiledProgram p = CompiledProgram.compile("JavaLangNames", source);
        p.enableAssertions();
        p.setStatic("suspending", mode == Mode.SUSPENDING);
        assertEquals("body red closed small", p.run("run", 0));
        assertEquals("body green closed ", p.run("run", 3));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMethodOfManyAwaitsAndManyLiveLocalsCompiles(Mode mode) {
        // 600 awaits with 40 live locals: plain Java compiles it to 15 KB, and the state machine
        // stored every live local at every await, 120,000 bytes of stores alone: "code too large".
        int locals = 40;
        int awaits = 600;
        StringBuilder m = new StringBuilder("@Async\nstatic Task<Long> big() {\n");
        for (int i = 0; i < locals; i++) {
            m.append("    long v").append(i).append(" = ").append(i).append(";\n");
        }
        for (int i = 0; i < awaits; i++) {
            m.append("    v").append(i % locals).append(" += await(get(").append(i).append(")) + v")
                    .append(i * 7 % locals).append(";\n");
        }
        m.append("    long s = 0;\n");
        for (int i = 0; i < locals; i++) {
            m.append("    s = s * 31 + v").append(i).append(";\n");
        }
        m.append("    return Task.of(s);\n}\n");
        long[] v = new long[locals];
        for (int i = 0; i < locals; i++) {
            v[i] = i;
        }
        for (int i = 0; i < awaits; i++) {
            long add = i + v[i * 7 % locals];
            v[i % locals] += add;
        }
        long expected = 0;
        for (long x : v) {
            expected = expected * 31 + x;
        }
        var p = compile("ManyAwaits", m.toString());
        assertEquals(expected, (Long) p.run(mode, "big"));
    }

    @org.junit.jupiter.api.Test
    void aSwitchExpressionMeetingAnEnumConstantAddedLaterThrowsWhatJavacsOwnCodeThrows() throws Exception {
        // A split switch expression threw IncompatibleClassChangeError where javac's code for the
        // same switch throws MatchException (Java 21 and later, JLS 15.28.2).
        String program = """
                import io.jawait.*;
                import static io.jawait.Tasks.*;

                public class Later {
                    public enum E { A, B }

                    public static String plain(E e) {
                        return switch (e) { case A -> "a"; case B -> "b"; };
                    }

                    @Async
                    public static Task<String> split(E e) {
                        return Task.of(switch (e) { case A -> "a" + await(Task.of(1)); case B -> "b"; });
                    }
                }
                """;
        var compiled = CompiledProgram.compileBatch(CompiledProgram.withProcessor(), java.util.Map.of("Later", program),
                getClass().getClassLoader());
        assertEquals(true, compiled.succeeded(), compiled.diagnostics());
        var widened = CompiledProgram.compileBatch(com.google.testing.compile.Compiler.javac().withOptions("-proc:none"),
                java.util.Map.of("Later", "public class Later { public enum E { A, B, C } }"), getClass().getClassLoader());
        java.util.Map<String, byte[]> classes = new java.util.HashMap<>(compiled.classFiles());
        classes.put("Later$E", widened.classFiles().get("Later$E"));
        ClassLoader loader = new InMemoryClassLoader(classes, getClass().getClassLoader());
        Class<?> later = loader.loadClass("Later");
        Class<?> e = loader.loadClass("Later$E");
        Object c = e.getMethod("valueOf", String.class).invoke(null, "C");
        Throwable plain = org.junit.jupiter.api.Assertions.assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> later.getMethod("plain", e).invoke(null, c)).getCause();
        Throwable split = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> io.jawait.Tasks.run(() -> {
            try {
                @SuppressWarnings("unchecked")
                io.jawait.Task<String> task = (io.jawait.Task<String>) later.getMethod("split", e).invoke(null, c);
                return task;
            } catch (ReflectiveOperationException x) {
                throw new AssertionError(x);
            }
        }));
        assertEquals(Runtime.version().feature() >= 21 ? "java.lang.MatchException" : "java.lang.IncompatibleClassChangeError",
                plain.getClass().getName(), "the case's premise: javac's own code");
        assertEquals(plain.getClass(), split.getClass());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLocalClassUsedAcrossAwaitsPassesCapturedLocalsToItsSuperclassConstructor(Mode mode) {
        // The local class, used across an await, keeps its captures in fields, which super(k * 10)
        // may not read: "cannot reference k$c0 before supertype constructor has been called".
        var p = compile("SuperArguments", """
                static class Base {
                    final int v;
                    Base(int v) { this.v = v; }
                    int get() { return v; }
                }

                @Async
                static Task<String> run() {
                    int k = await(get(3));
                    String name = await(get("n"));
                    class L extends Base {
                        L() { super(k * 10); }
                        L(int extra) { this(); }
                        @Override int get() { return v + k; }
                        @Override public String toString() { return name + get(); }
                    }
                    L a = new L();
                    await(get(0));
                    Base anon = new Base(k + 1) { @Override int get() { return v * k; } };
                    await(get(0));
                    return Task.of(a + " " + new L(5) + " " + anon.get());
                }
                """);
        assertEquals("n33 n33 12", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLocalClassUsedAcrossAwaitsReadsCapturedLocalsBeforeSuper(Mode mode) {
        assumeTrue(Runtime.version().feature() >= 25, "statements before super(...) are Java 25");
        var p = compile("FlexibleConstructors", """
                static class Base {
                    final int v;
                    Base(int v) { this.v = v; }
                }

                @Async
                static Task<String> run() {
                    int k = await(get(3));
                    class L extends Base {
                        final String tag;
                        L(int x) {
                            int y = x * k;
                            if (y < 0) throw new IllegalArgumentException("neg");
                            tag = "t" + y;
                            super(y + 1);
                        }
                    }
                    L a = new L(await(get(2)));
                    String r = a.v + a.tag;
                    try {
                        new L(await(get(-1)));
                    } catch (IllegalArgumentException e) {
                        r += e.getMessage();
                    }
                    await(get(0));
                    return Task.of(r + new L(1).tag);
                }
                """);
        assertEquals("7t6negt3", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLambdaBeforeSuperOfALocalClassUsedAcrossAwaitsReadsItsInstancesCapturedValue(Mode mode) {
        // Was a compile error: the class kept its captures in fields of its own, which do not exist
        // before super(...), and the state machine would have given the lambda the value of its
        // call, not of its creation. Now they are in the class's enclosing CaptureHolder, stored
        // before super(...) as javac stores captures.
        var p = compile("LambdaBeforeSuper", """
                static class Base {
                    final Supplier<String> s;
                    Base(Supplier<String> s) { this.s = s; }
                }

                @Async
                static Task<String> run() {
                    List<Base> made = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        int k = await(get(i));
                        class L extends Base {
                            L() { super(() -> "k" + k); }
                        }
                        L l = new L();
                        await(get(0));
                        made.add(l);
                        made.add(new L());
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Base b : made) {
                        sb.append(b.s.get());
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("k0k0k1k1k2k2", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLocalClassInstantiatedLaterByALambdaMadeInAnEarlierIterationSeesThatIterationsCaptures(Mode mode) {
        var p = compile("LateInstances", """
                @Async
                static Task<String> run() {
                    List<Supplier<Object>> makers = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        int k = await(get(i * 10));
                        class L {
                            final int v = k;
                            @Override public String toString() { return "L" + v; }
                        }
                        L now = new L();
                        await(get(0));
                        makers.add(L::new);
                        makers.add(() -> new L());
                        makers.add(() -> now);
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<Object> m : makers) {
                        sb.append(m.get()).append(' ');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("L0 L0 L0 L10 L10 L10 L20 L20 L20 ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bindingsOfLoopConditionsConditionalTypesAndRecursiveBoundsAcrossAwaits(Mode mode) {
        // Passing programs kept for what no other test has: bindings a while, do or for condition
        // introduces after the loop (JLS 6.3.2), ?: whose type numeric promotion or boxing decides,
        // <N extends Node<N>> and <T extends Number & Comparable<T>> values across awaits.
        var p = compile("LoopsConditionalsBounds", """
                static final List<Object> ITEMS = List.of(1, 2.5, "found", 4);

                @Async
                static Task<String> bindingsIntroducedByLoopsAndNegations() {
                    int i = 0;
                    Object o = await(get(ITEMS.get(i)));
                    while (!(o instanceof String s)) {
                        o = await(get(ITEMS.get(++i)));
                    }
                    String r = s + i;
                    Object p = 5;
                    if (!(p instanceof Integer n)) {
                        return Task.of("no");
                    }
                    r += n + await(get(1));
                    do {
                        p = await(get(p)) instanceof Integer k && k > 3 ? (Object) (k - 1) : "done";
                    } while (!(p instanceof String t));
                    r += t;
                    for (Object q = await(get((Object) 1)); !(q instanceof String u); q = await(get((Object) "end"))) {
                        r += ".";
                    }
                    return Task.of(r + u);
                }

                static String show(Object o) {
                    return o == null ? "null" : o + ":" + o.getClass().getSimpleName();
                }

                @Async
                static Task<String> conditionalsMixingBoxesPrimitivesAndNull(boolean f) {
                    Object a = f ? 1 : await(get(2.0));
                    Object b = f ? await(get((short) 1)) : (byte) 2;
                    long d = f ? await(get(1)) : 2L;
                    Object e = f ? null : await(get(3));
                    Object g = f ? await(get('x')) : 1;
                    Object j;
                    try {
                        j = f ? 8 : await(get((Integer) null));
                    } catch (NullPointerException ex) {
                        j = "npe";
                    }
                    Number m = f ? await(get(1)) : await(get(2.5));
                    String s = "" + (f ? 'a' : await(get(98))) + (f ? await(get('b')) : 99);
                    return Task.of(show(a) + " " + show(b) + " " + d + " " + show(e) + " " + show(g) + " " + show(j) + " " + show(m) + " " + s);
                }

                abstract static class Node<N extends Node<N>> implements Comparable<N> {
                    int v;
                    public int compareTo(N o) { return Integer.compare(v, o.v); }
                }
                static final class Leaf extends Node<Leaf> {
                    Leaf(int v) { this.v = v; }
                    public String toString() { return "Leaf" + v; }
                }

                @Async
                static <T extends Comparable<? super T>> Task<T> max(List<? extends T> xs) {
                    T best = null;
                    for (T x : xs) {
                        T y = await(get(x));
                        if (best == null || y.compareTo(best) > 0) {
                            best = y;
                        }
                    }
                    return Task.of(best);
                }

                @Async
                static <T extends Number & Comparable<T>> Task<String> bounds(List<T> xs) {
                    T min = null;
                    double sum = 0;
                    for (T x : xs) {
                        T y = await(get(x));
                        if (min == null || y.compareTo(min) < 0) {
                            min = y;
                        }
                        sum += y.doubleValue();
                    }
                    return Task.of(min + "/" + sum);
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(bindingsIntroducedByLoopsAndNegations()) + " | " + await(conditionalsMixingBoxesPrimitivesAndNull(true))
                            + " | " + await(conditionalsMixingBoxesPrimitivesAndNull(false)) + " | " + await(max(List.of(new Leaf(2), new Leaf(7), new Leaf(3))))
                            + " " + await(max(List.of("b", "z", "a"))) + " " + await(bounds(List.of(3L, 1L, 2L))));
                }
                """);
        assertEquals("found26done.end | 1:Integer 1:Short 1 null x:Character 8:Integer 1:Integer 97b | 2.0:Double 2:Byte 2 "
                + "3:Integer 1:Integer null 2.5:Double 98c | Leaf7 z 1/6.0", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nestedClassesNamedLikeTheJdkTypesOfDesugaredLoopsSwitchesAndResourcesDoNotCaptureThem(Mode mode) {
        // Each for-each (an Iterator, unboxing to int, long, char, boolean), try-with-resources
        // (AutoCloseable), switch on an enum or a String and assert the transform rewrites, next to
        // a nested class of the name the rewritten code would otherwise mean.
        var p = compile("JdkNames", """
                static final class Names {
                    static class Iterator { }
                    static class Iterable { }
                    static class Integer { }
                    static class Long { }
                    static class Character { }
                    static class Boolean { }
                    static class Objects { }
                    static class Coroutine { }
                    static class AutoCloseable { }
                    static class Class { }
                    static class Enum { }
                    static class Math { }
                    static class Override { }
                    static class SuppressWarnings { }
                    static class Map { }
                    static class String { }
                    static class Object { }
                    static class RuntimeException { }
                    static class Exception { }
                    static class Error { }
                    static class Void { }
                    enum Color { RED, GREEN }
                    static final class Res implements java.lang.AutoCloseable {
                        final java.lang.StringBuilder log;
                        Res(java.lang.StringBuilder log) { this.log = log; }
                        @java.lang.Override public void close() { log.append("closed "); }
                    }

                    @Async
                    static Task<java.lang.String> desugared() {
                        java.lang.StringBuilder sb = new java.lang.StringBuilder();
                        int total = 0;
                        for (int x : List.of(1, 2, 3)) total += await(get(x));
                        for (java.lang.Integer x : new java.lang.Integer[] {4, 5}) total += await(get(x));
                        long lg = 0;
                        for (long l : List.of(7L)) lg += await(get(l));
                        char cc = 0;
                        for (char c : List.of('a')) cc += await(get(c));
                        boolean bb = false;
                        for (boolean b : List.of(true)) bb |= await(get(b));
                        sb.append(total).append(' ').append(lg).append(' ').append(cc).append(' ').append(bb).append(' ');
                        try (Res r = new Res(sb)) {
                            sb.append(await(get("body ")));
                        }
                        Color c = await(get(Color.GREEN));
                        switch (c) {
                            case RED: sb.append("red "); break;
                            case GREEN: sb.append(await(get("green ")));
                        }
                        switch (await(get("b"))) {
                            case "a": break;
                            case "b": sb.append(await(get("B ")));
                        }
                        sb.append(switch (c) { case RED -> "r"; case GREEN -> await(get("g")); });
                        assert await(get(true));
                        try {
                            await(fail(new java.lang.IllegalStateException(" x")));
                        } catch (java.lang.IllegalStateException e) {
                            sb.append(e.getMessage());
                        }
                        java.lang.Object o = await(get("str"));
                        if (o instanceof java.lang.String str) sb.append(' ').append(await(get(str)));
                        return Task.of(sb.toString());
                    }
                }

                @Async
                static Task<String> run() {
                    return Names.desugared();
                }
                """);
        assertEquals("15 7 a true body closed green B g x str", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void staticMembersInitializeTheirClassesWhereJavaDoesAroundAwaits(Mode mode) {
        // A static call initializes its class after the arguments, a static field read before the
        // await to its right, a static field or array element written after the value (the
        // element's array read first), a new before its arguments.
        // A class initializes once per class loader: each mode compiles a program of its own.
        var p = compile("StaticInitOrder" + mode, """
                static final List<String> LOG = new ArrayList<>();
                static int note(String s, int v) { LOG.add(s); return v; }
                static class A { static { LOG.add("init A"); } static int m(int x) { return x; } }
                static class B { static { LOG.add("init B"); } static int f = 2; }
                static class C { static { LOG.add("init C"); } static int f = 3; }
                static class D { static { LOG.add("init D"); } D(int x) { LOG.add("new D " + x); } }
                static class E { static { LOG.add("init E"); } static int[] arr = {0, 0}; }
                static class F { static { LOG.add("init F"); } static String s = "F"; }
                static class G { static { LOG.add("init G"); } static int g(int a, int b) { return a + b; } }

                @Async
                static Task<String> run() {
                    LOG.clear();
                    int r = A.m(await(get(note("arg A", 1))));
                    r += B.f + await(get(note("after B", 1)));
                    C.f = await(get(note("value C", 5)));
                    new D(await(get(note("arg D", 4))));
                    E.arr[await(get(note("index E", 1)))] = 7;
                    String s = await(get(note("before F", 0))) + F.s;
                    int g = G.g(note("a G", 1), await(get(note("b G", 2))));
                    return Task.of(r + " " + C.f + " " + E.arr[1] + s + g + " " + LOG);
                }
                """);
        assertEquals("4 5 70F3 [arg A, init A, init B, after B, value C, init C, init D, arg D, new D 4, init E, index E, "
                + "before F, init F, a G, b G, init G]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fieldsAndLocalsNamedLikeTheGeneratedVariablesKeepTheirMeaning(Mode mode) {
        // The step method's parameter $m and its variables $ex, $value, $task, $f0, $fx0 (of a try
        // that awaits) hid fields of those names, which then read the state machine or null, and
        // locals named $f0 or $fx0 clashed with them ("variable $f0 is already defined"). Java
        // allows $ in names (code generators use it): the generated ones now avoid the body's.
        var p = compile("DollarNames", """
                static String $m = "M", $ex = "EX", $value = "V", $task = "TK", $f0 = "F0", $fx0 = "FX0";

                @Async
                static Task<String> fields(int n) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < 2; i++) {
                        try {
                            if (await(get(i)) == 1) {
                                Supplier<String> later = () -> $m + $value;
                                sb.append($m + $ex + $value + $task + $f0 + $fx0).append(later.get());
                                return Task.of(sb + " " + await(get(n)));
                            }
                            sb.append(i);
                        } catch (IllegalStateException e) {
                            sb.append(await(get("c")));
                        } finally {
                            sb.append(await(get("f")));
                        }
                    }
                    return Task.of("unreached");
                }

                @Async
                static Task<String> locals() {
                    String $f0 = await(get("f0")), $fx0 = "fx0";
                    int k = await(get(3));
                    class Reader {
                        String read() { return $m + k; }
                    }
                    StringBuilder sb = new StringBuilder();
                    try {
                        sb.append(new Reader().read()).append(await(get($f0)));
                    } finally {
                        sb.append(await(get($fx0))).append(new Reader().read());
                    }
                    return Task.of(sb.toString());
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(fields(7)) + " " + await(locals()));
                }
                """);
        assertEquals("0fMEXVTKF0FX0MV 7 M3f0fx0M3", p.run(mode, "run"));
    }
}
