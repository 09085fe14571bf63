package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Declarations and expressions that programs written by outside users reach and no other test does,
 * found to behave across awaits as with a blocking await. Each expected string is what the same
 * members print compiled without the processor, with await(t) blocking (t.join()).
 */
class RareFormsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void typeUseAnnotationsOnLocalsParametersTypeArgumentsAndTypeVariablesAcrossAwaits(Mode mode) {
        // Type-use annotations (JSpecify-style @Nullable) on locals, parameters, array types, type arguments,
        // wildcard bounds, a qualified type and type variables, on locals kept across awaits.
        var p = compile("TypeUseAnnotations", """
                @java.lang.annotation.Target({java.lang.annotation.ElementType.TYPE_USE})
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                @interface Nullable {}
                @java.lang.annotation.Target({java.lang.annotation.ElementType.TYPE_USE, java.lang.annotation.ElementType.PARAMETER, java.lang.annotation.ElementType.LOCAL_VARIABLE})
                @interface NonNull {}
                @java.lang.annotation.Target({java.lang.annotation.ElementType.PARAMETER, java.lang.annotation.ElementType.LOCAL_VARIABLE})
                @interface Tag { String value() default ""; }

                @Async
                static Task<@Nullable String> find(@Nullable String key, @Tag("p") final int n) {
                    @Nullable String found = await(get(key));
                    @Tag("local") final @NonNull List<@Nullable String> all = new ArrayList<>();
                    all.add(found);
                    all.add(null);
                    String @Nullable [] arr = new String[] {await(get("x"))};
                    Map<@NonNull String, @Nullable List<? extends @Nullable Number>> m = new HashMap<>();
                    m.put("k", List.of(await(get(n))));
                    java.util.function.@Nullable Function<String, String> fn = s -> s + n;
                    await(get(0));
                    return Task.of(all + Arrays.toString(arr) + m + fn.apply(found) + n);
                }
                static class Holder<@NonNull T extends @Nullable Object> {
                    @Async
                    <@Nullable U extends T> Task<T> hold(U u, List<? super @NonNull U> sink) {
                        @Nullable U copy = await(get(u));
                        sink.add(copy);
                        T t = copy;
                        await(get(1));
                        return Task.of(t);
                    }
                }
                @Async
                static Task<String> run() {
                    List<Object> sink = new ArrayList<>();
                    Object held = await(new Holder<Object>().hold("h", sink));
                    return Task.of(await(find("a", 3)) + await(find(null, 4)) + held + sink);
                }
                """);
        assertEquals("[a, null][x]{k=[3]}a33[null, null][x]{k=[4]}null44h[h]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void explicitReceiverParametersThrowsTypeVariablesAndBridgesAcrossAwaits(Mode mode) {
        // An explicit receiver parameter (Task<Integer> plus(ReceiverParameters this, int x)), also of an inner
        // class; a generic throws X; an override reached through a bridge method, and one calling super's.
        var p = compile("ReceiverParameters", """
                int base = 5;
                @Async
                Task<Integer> plus(ReceiverParameters this, int x) {
                    int y = await(get(x));
                    return Task.of(this.base + y + base);
                }
                class In {
                    @Async
                    Task<Integer> inner(ReceiverParameters.In this, int x) {
                        return Task.of(await(get(x)) + base);
                    }
                }
                @Async
                static <X extends Exception> Task<String> maybeThrow(boolean b, Supplier<X> s) throws X {
                    if (await(get(b))) throw s.get();
                    return Task.of("fine");
                }
                interface Svc<T> { Task<T> fetch(T seed); }
                static class Impl implements Svc<String> {
                    @Override @Async
                    public Task<String> fetch(String seed) { return Task.of(await(get(seed)) + "!"); }
                }
                static abstract class Shape {
                    @Async
                    Task<Number> measure() { return Task.of(await(get(1))); }
                }
                static class Sq extends Shape {
                    @Override @Async
                    Task<Number> measure() { return Task.of(await(super.measure()).doubleValue() * 2.5); }
                }
                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    ReceiverParameters r = new ReceiverParameters();
                    sb.append(await(r.plus(1))).append(await(r.new In().inner(2))).append(' ');
                    sb.append(await(maybeThrow(false, () -> new IllegalStateException("x"))));
                    try {
                        await(ReceiverParameters.<java.io.IOException>maybeThrow(true, () -> new java.io.IOException("io")));
                    } catch (java.io.IOException e) {
                        sb.append(e.getMessage());
                    }
                    Svc<String> svc = new Impl();
                    sb.append(await(svc.fetch("s"))).append(await(new Sq().measure()));
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("117 fineios!2.5", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rareDeclarationSyntaxAcrossAwaits(Mode mode) {
        // C-style array declarators mixed with others (int a[] = {..}, n = .., m[][] = ..), a final pattern
        // binding, final enhanced-for and resource variables, explicit constructor type arguments, a diamond
        // anonymous class, an intersection cast of a lambda, final var lambda parameters, literals of every radix.
        var p = compile("RareSyntax", """
                static class Gen<T> {
                    final T t;
                    <U> Gen(T t, U u) { this.t = t; }
                }
                static class Res implements AutoCloseable {
                    final List<String> log;
                    Res(List<String> log) { this.log = log; }
                    public void close() { log.add("closed"); }
                }
                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    int a[] = {1, 2}, n = await(get(3)), m[][] = {{4}, {5, 6}};
                    String names[] = new String[await(get(2))];
                    names[0] = "x";
                    await(get(0));
                    sb.append(a[1]).append(n).append(m[1][1]).append(names.length).append(names[0]).append(' ');
                    Object o = await(get("str"));
                    if (o instanceof final String s && s.length() == await(get(3))) {
                        sb.append("final ").append(s);
                    }
                    for (final var v : List.of(1, 2)) {
                        sb.append(await(get(v)));
                    }
                    List<String> log = new ArrayList<>();
                    try (final var r = new Res(log); final Res r2 = new Res(log)) {
                        log.add("body" + await(get(1)));
                    }
                    sb.append(log);
                    Gen<String> g = new <Integer>Gen<String>(await(get("g")), 5);
                    Comparator<String> byLen = new Comparator<>() {
                        public int compare(String x, String y) { return Integer.compare(x.length(), y.length()); }
                    };
                    List<String> words = new ArrayList<>(List.of("ccc", "a", "bb"));
                    await(get(0));
                    words.sort(byLen);
                    Runnable rs = (Runnable & java.io.Serializable) () -> sb.append("ser");
                    BiFunction<Integer, Integer, Integer> add = (final var x, final var y) -> x + y;
                    await(get(0));
                    rs.run();
                    sb.append(g.t).append(words).append(add.apply(await(get(2)), 3)).append(rs instanceof java.io.Serializable);
                    long big = 0x7fff_ffffL + 0b1010 + 017 + await(get(1));
                    char ch = '\\u0041';
                    sb.append(big).append(ch).append(await(get('\\t')) == '\\t');
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("2362x final str12[body1, closed, closed]serg[a, bb, ccc]5true2147483673Atrue", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodTypeVariablesThatShadowTheClassesAcrossAwaits(Mode mode) {
        // A generic method's <T> hiding its class's T, in instance, static nested and inner-class methods,
        // and a type variable named String, each with locals of those types across awaits.
        var p = compile("ShadowingTypeVariables", """
                static class Box<T> {
                    T value;
                    Box(T v) { value = v; }
                    @Async
                    <T> Task<String> pair(T other) {
                        T o = await(get(other));
                        Box<T> b = new Box<>(o);
                        await(get(0));
                        return Task.of(value + "/" + b.value + "/" + o.getClass().getSimpleName());
                    }
                    static class Nested<T> {
                        @Async
                        static <T> Task<List<T>> rep(T t, int n) {
                            List<T> out = new ArrayList<>();
                            for (int i = 0; i < n; i++) out.add(await(get(t)));
                            return Task.of(out);
                        }
                    }
                    class In<U> {
                        @Async
                        <T> Task<String> three(T t, U u) {
                            T x = await(get(t));
                            U y = await(get(u));
                            Box<?> outer = Box.this;
                            return Task.of(x + "" + y + outer.value + value);
                        }
                    }
                }
                interface Transformer<T> {
                    T apply(T t);
                    @Async
                    default <R> Task<R> then(T in, Function<? super T, ? extends R> f) {
                        T mid = await(get(apply(in)));
                        R r = f.apply(mid);
                        await(get(0));
                        return Task.of(r);
                    }
                }
                @Async
                static <String> Task<String> weird(String s) {
                    String x = await(get(s));
                    return Task.of(x);
                }
                @Async
                static Task<java.lang.String> run() {
                    StringBuilder sb = new StringBuilder();
                    Box<Integer> b = new Box<>(1);
                    sb.append(await(b.pair("two"))).append(' ');
                    sb.append(await(Box.Nested.rep('c', 2))).append(' ');
                    Box<Integer>.In<Double> in = b.new In<>();
                    sb.append(await(in.<java.lang.String>three("t", 2.5))).append(' ');
                    Transformer<Integer> inc = x -> x + 1;
                    sb.append(await(inc.<String>then(41, x -> "v" + x))).append(' ');
                    sb.append((Object) await(ShadowingTypeVariables.<Integer>weird(42)));
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("1/two/String [c, c] t2.511 v42 42", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void conditionalAndSwitchExpressionTypesOfAwaitedOperands(Mode mode) {
        // What type a ?: or switch expression has when an operand awaits: a generic method's result makes a
        // reference conditional (no unboxing of a null), `var` of a standalone switch expression is promoted to
        // double, char and short operands, compound assignments and unary operators on awaited boxes.
        var p = compile("OperandTypes", """
                static String kind(Object o) { return o == null ? "null" : o.getClass().getSimpleName() + ":" + o; }
                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    boolean t = await(get(true));
                    Integer nul = null;
                    try {
                        Integer r = t ? await(get(nul)) : 0;
                        sb.append("no npe ").append(r);
                    } catch (NullPointerException e) {
                        sb.append("npe1");
                    }
                    sb.append(' ');
                    try {
                        Object r = t ? await(get(nul)) : await(get(1L));
                        sb.append("no npe ").append(r);
                    } catch (NullPointerException e) {
                        sb.append("npe2");
                    }
                    sb.append(' ');
                    Object r3 = t ? await(get(1)) : "s";
                    sb.append(kind(r3)).append(' ');
                    var r4 = t ? await(get(1)) : 'c';
                    sb.append(kind(r4)).append(' ');
                    var r5 = !t ? 'c' : await(get('d'));
                    sb.append(kind(r5)).append(' ');
                    Object r6 = t ? await(get((short) 3)) : (byte) 2;
                    sb.append(kind(r6)).append(' ');
                    Object r7 = t ? await(get(2)) : 2.5;
                    sb.append(kind(r7)).append(' ');
                    int k = await(get(1));
                    Object r8 = switch (k) { case 1 -> await(get(1)); default -> 2.0; };
                    sb.append(kind(r8)).append(' ');
                    var r9 = switch (k) { case 1 -> await(get(1)); default -> 2.0; };
                    sb.append(kind(r9)).append(' ');
                    double r10 = switch (k) { case 1 -> { int q = await(get(7)); yield q; } default -> 'x'; };
                    sb.append(r10).append(' ');
                    sb.append(kind(t ? await(get(1)) : Long.valueOf(2))).append(' ');
                    sb.append(kind(t ? (Object) await(get(1)) : Long.valueOf(2))).append(' ');
                    sb.append(kind(t ? await(get(null)) : 5)).append(' ');
                    String s = null;
                    s += await(get(1));
                    sb.append(s).append(' ');
                    Character ch = await(get('a'));
                    ch++;
                    sb.append(kind(ch)).append(' ');
                    long lng = await(get(Integer.MAX_VALUE)) + 1;
                    long lng2 = await(get(Integer.MAX_VALUE)) + 1L;
                    sb.append(lng).append(' ').append(lng2).append(' ');
                    int div = 0;
                    try {
                        sb.append(await(get(5)) / div);
                    } catch (ArithmeticException e) {
                        sb.append("div0");
                    }
                    sb.append(' ').append(await(get(5.0)) / div).append(' ');
                    sb.append(kind(-await(get((byte) 1)))).append(kind(~await(get('a')))).append(' ');
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("no npe null no npe null Integer:1 Integer:1 Character:d Short:3 Integer:2 Integer:1 Double:1.0 7.0 Integer:1 Integer:1 null null1 Character:b -2147483648 2147483648 div0 Infinity Integer:-1Integer:-98 ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void membersOfAnonymousAndLocalClassesNamedLikeHoistedLocals(Mode mode) {
        // Fields, parameters and locals of anonymous and local classes named like the method's locals that live
        // across awaits (x, name), inherited fields that hide them, and lambdas with loops and nested switches.
        var p = compile("ShadowedByMembers", """
                interface Counter { int next(); }
                static abstract class Named {
                    String name = "named";
                    abstract String show(int x);
                    public String toString() { return "Named(" + name + ")"; }
                }
                String name = "outerName";
                @Async
                Task<String> go() {
                    int x = await(get(1));
                    String name = await(get("local"));
                    List<String> log = new ArrayList<>();
                    Counter c = new Counter() {
                        int x = 100;
                        public int next() {
                            int y = x++;
                            return y;
                        }
                    };
                    Named n = new Named() {
                        String show(int x) {
                            String name = "anonLocal";
                            return name + x + this.name + super.toString() + ShadowedByMembers.this.name;
                        }
                        public String toString() { return "anon:" + name; }
                    };
                    class Loc {
                        int x;
                        Loc(int x) { this.x = x * 2; }
                        int get() { int name = x + 1; return name; }
                    }
                    await(get(0));
                    Function<Integer, Integer> f = v -> {
                        int total = 0;
                        for (int i = 0; i < v; i++) {
                            if (i == 1) continue;
                            if (i == 4) break;
                            total += i;
                        }
                        return total;
                    };
                    int xx = x;
                    String nn = name;
                    Supplier<String> sw = () -> switch (xx) {
                        case 1 -> {
                            int z = switch (nn.length()) { case 5 -> { yield 50; } default -> { yield 0; } };
                            yield "one" + z;
                        }
                        default -> "other";
                    };
                    log.add("" + c.next() + c.next() + x);
                    log.add(n.show(7));
                    log.add(n.toString());
                    log.add("" + new Loc(await(get(5))).get() + x);
                    log.add(f.apply(await(get(10))) + name);
                    log.add(sw.get());
                    x += 1;
                    name = name + "!";
                    int k = x;
                    String nm = name;
                    Runnable r = new Runnable() {
                        String name = "runnableField";
                        public void run() { log.add(name + k + nm + this.name); }
                    };
                    r.run();
                    await(get(0));
                    log.add(name + x);
                    return Task.of(String.join(",", log));
                }
                @Async
                static Task<String> run() {
                    return Task.of(await(new ShadowedByMembers().go()));
                }
                """);
        assertEquals("1001011,anonLocal7namedNamed(named)outerName,anon:named,111,5local,one50,runnableField2local!runnableField,local!2", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordPatternsCompactConstructorsAndSealedHierarchiesAcrossAwaits(Mode mode) {
        // Nested record patterns in instanceof with an await in the && chain, a negated type pattern,
        // exhaustive switches over a sealed interface without default, a compact constructor that throws
        // from an @Async factory, @Async methods of records.
        assumeTrue(Runtime.version().feature() >= 21, "Java 21 syntax");
        var p = compile("RecordPatterns", """
                record Point(int x, int y) {
                    Point {
                        if (x < 0) throw new IllegalArgumentException("neg " + x);
                    }
                    @Async
                    Task<Integer> dist(Point o) {
                        int dx = await(get(x - o.x));
                        int dy = await(get(y)) - o.y();
                        return Task.of(dx * dx + dy * dy);
                    }
                    @Async
                    static Task<Point> make(int a) {
                        return Task.of(new Point(await(get(a)), await(get(a * 2))));
                    }
                }
                record Line(Point a, Point b) {}
                sealed interface Shape permits Circle, Square, Rect {}
                record Circle(Point c, int r) implements Shape {}
                record Square(Point p, int side) implements Shape {}
                record Rect(Point p, Point q) implements Shape {}

                @Async
                static Task<String> describe(Object o) {
                    if (o instanceof Line(Point(var x1, var y1), Point(int x2, int y2)) && await(get(x1)) < x2) {
                        int d = await(get(x2 - x1));
                        return Task.of("line " + d + " " + y1 + y2);
                    }
                    if (!(o instanceof Point p)) {
                        return Task.of("other " + await(get(String.valueOf(o))));
                    }
                    await(get(0));
                    return Task.of("point " + p.x() + await(p.dist(new Point(0, 0))));
                }

                @Async
                static Task<Integer> area(Shape s) {
                    return Task.of(switch (s) {
                        case Circle(Point c, int r) when r > 10 -> 1000;
                        case Circle c -> { int r = await(get(c.r())); yield 3 * r * r; }
                        case Square(var p, var side) -> await(get(side)) * side;
                        case Rect(Point(int a, int b), Point(int c, int d)) -> Math.abs((c - await(get(a))) * (d - b));
                    });
                }

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : new Object[] {new Point(3, 4), new Line(new Point(1, 2), new Point(5, 6)), new Line(new Point(9, 2), new Point(5, 6)), "x", null}) {
                        sb.append(await(describe(o))).append(';');
                    }
                    for (Shape s : List.<Shape>of(new Circle(new Point(0, 0), 2), new Square(new Point(1, 1), 3), new Rect(new Point(1, 2), new Point(4, 6)))) {
                        sb.append(await(area(s))).append(',');
                    }
                    try {
                        await(Point.make(-1));
                    } catch (IllegalArgumentException e) {
                        sb.append(e.getMessage());
                    }
                    sb.append(await(Point.make(2)));
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("point 325;line 4 26;other Line[a=Point[x=9, y=2], b=Point[x=5, y=6]];other x;other null;12,9,12,neg -1Point[x=2, y=4]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sealedExpressionEvaluatorAcrossAwaits(Mode mode) {
        // An evaluator over a sealed hierarchy: a pattern switch statement whose every case returns (also a
        // task, unawaited), nested record patterns, a binding of a guard, case null and an array type pattern.
        assumeTrue(Runtime.version().feature() >= 21, "Java 21 syntax");
        var p = compile("SealedEvaluator", """
                sealed interface Expr permits Num, Add, Mul, Neg, Var {}
                record Num(int v) implements Expr {}
                record Add(Expr l, Expr r) implements Expr {}
                record Mul(Expr l, Expr r) implements Expr {}
                record Neg(Expr e) implements Expr {}
                record Var(String name) implements Expr {}

                @Async
                static Task<Integer> eval(Expr e, Map<String, Integer> env) {
                    switch (e) {
                        case Num n -> { return Task.of(await(get(n.v()))); }
                        case Add(Num(int a), Num(int b)) -> { return Task.of(await(get(a + b))); }
                        case Add a -> { return Task.of(await(eval(a.l(), env)) + await(eval(a.r(), env))); }
                        case Mul(var l, var r) when l instanceof Num(int z) && z == 0 -> { return Task.of(0); }
                        case Mul m -> {
                            int l = await(eval(m.l(), env));
                            return Task.of(l * await(eval(m.r(), env)));
                        }
                        case Neg(Neg(var inner)) -> { return eval(inner, env); }
                        case Neg n -> { return Task.of(-await(eval(n.e(), env))); }
                        case Var v -> {
                            Integer x = env.get(await(get(v.name())));
                            if (x == null) throw new NoSuchElementException(v.name());
                            return Task.of(x);
                        }
                    }
                }

                @Async
                static Task<String> classify(Object o) {
                    String r = switch (o) {
                        case null -> "null" + await(get("!"));
                        case Integer i when i > 10 -> "big";
                        case Integer i -> "int" + i;
                        case String s when s.isEmpty() -> "empty";
                        case String s -> { String t = await(get(s.toUpperCase())); yield t + t.length(); }
                        case int[] arr -> "arr" + await(get(arr.length));
                        default -> "other";
                    };
                    return Task.of(r);
                }

                @Async
                static Task<String> run() {
                    Map<String, Integer> env = Map.of("x", 5, "y", 7);
                    Expr e = new Add(new Mul(new Var("x"), new Num(3)), new Neg(new Neg(new Add(new Num(1), new Num(2)))));
                    StringBuilder sb = new StringBuilder();
                    sb.append(await(eval(e, env))).append(' ');
                    sb.append(await(eval(new Mul(new Num(0), new Var("nope")), env))).append(' ');
                    try {
                        await(eval(new Add(new Var("y"), new Var("z")), env));
                    } catch (NoSuchElementException ex) {
                        sb.append("missing ").append(ex.getMessage()).append(' ');
                    }
                    for (Object o : new Object[] {null, 5, 50, "", "ab", new int[3], 2.0}) {
                        sb.append(await(classify(o))).append(',');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("18 0 missing z null!,int5,big,empty,AB2,arr3,other,", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void yieldThroughFinallyThatAwaitsAndColonFormPatternSwitches(Mode mode) {
        // yield out of a try whose finally awaits, from a catch, after break and continue through such finally
        // blocks in a loop inside the arm, from a nested classic switch expression; colon-form pattern cases.
        assumeTrue(Runtime.version().feature() >= 21, "Java 21 syntax");
        var p = compile("YieldThroughFinally", """
                sealed interface Shape permits Circle, Square {}
                record Circle(int r) implements Shape {}
                record Square(int s) implements Shape {}
                record Box<T>(T t) {}
                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    List<String> log = new ArrayList<>();
                    for (int k = 0; k < 4; k++) {
                        int v = switch (k) {
                            case 0 -> {
                                try {
                                    yield await(get(10));
                                } finally {
                                    log.add("f0 " + await(get("a")));
                                }
                            }
                            case 1 -> {
                                try {
                                    if (await(get(true))) throw new IllegalStateException("boom");
                                    yield 0;
                                } catch (IllegalStateException e) {
                                    yield -1;
                                } finally {
                                    log.add("f1");
                                    await(get(0));
                                }
                            }
                            case 2 -> {
                                int acc = 0;
                                for (int i = 0; i < 10; i++) {
                                    try {
                                        if (i == 3) break;
                                        if (i == 1) continue;
                                        acc += await(get(i));
                                    } finally {
                                        acc += 100;
                                        await(get(0));
                                    }
                                }
                                yield acc;
                            }
                            default -> {
                                String s = "q";
                                yield switch (s) {
                                    case "q": {
                                        try { yield await(get(7)); } finally { log.add("inner"); }
                                    }
                                    default: yield 0;
                                };
                            }
                        };
                        sb.append(v).append(' ');
                    }
                    for (Shape sh : List.<Shape>of(new Circle(2), new Square(3))) {
                        switch (sh) {
                            case Circle c:
                                sb.append("c").append(await(get(c.r())));
                                break;
                            case Square sq:
                                sb.append("s").append(await(get(sq.s())));
                                break;
                        }
                    }
                    Object o = new Box<>(new Box<>("deep"));
                    String d = switch (o) {
                        case Box<?>(Box<?>(String s)) : {
                            String t = await(get(s));
                            yield t + t.length();
                        }
                        default: yield "no";
                    };
                    sb.append(d).append(log);
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("10 -1 402 7 c2s3deep4[f0 a, f1, inner]", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unnamedVariablesAndPatternsAcrossAwaits(Mode mode) {
        // Unnamed variables (Java 22): for-each and for-init variables, catch parameters, lambda parameters,
        // unnamed pattern components in switch and instanceof, several `var _` in one scope.
        assumeTrue(Runtime.version().feature() >= 22, "Java 22 syntax");
        var p = compile("UnnamedPatterns", """
                record Point(int x, int y) {}
                record Line(Point a, Point b) {}
                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    int count = 0;
                    for (var _ : List.of(1, 2, 3)) {
                        count += await(get(1));
                    }
                    sb.append(count);
                    for (int i = 0, _ = sb.append('!').length(); i < 2; i++) sb.append(await(get(i)));
                    try {
                        await(fail(new IllegalStateException("x")));
                    } catch (IllegalStateException _) {
                        sb.append("caught").append(await(get(1)));
                    }
                    Object[] shapes = {new Line(new Point(1, 2), new Point(3, 4)), new Point(5, 6), "s"};
                    for (Object o : shapes) {
                        String d = switch (o) {
                            case Line(Point(var x, _), Point _) -> "L" + await(get(x));
                            case Point(_, int y) when y > 5 -> { int q = await(get(y)); yield "P" + q; }
                            case Point _ -> "p";
                            default -> "d" + await(get(0));
                        };
                        sb.append(d);
                        if (o instanceof Line(Point(int x, _), _) && await(get(x)) == 1) {
                            sb.append("line").append(x);
                        }
                    }
                    BiFunction<Integer, Integer, Integer> first = (a, _) -> a;
                    sb.append(first.apply(await(get(9)), 0));
                    var _ = await(get("ignored"));
                    var _ = sb.append('$');
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("3!01caught1L1line1P6d09$", p.run(mode, "run"));
    }
}
