package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An anonymous class whose own members are used on a value kept across an await (a {@code var} of
 * its type, a list of it, an awaited value of it) works as it works with a blocking await: the
 * transform gives that class a name (AnonymousClassNames) and carries it as a local class. The
 * expected strings are what the same code gives with a blocking await (plain Java, await returning
 * the value), apart from {@code isAnonymousClass()}, which is false for a class so named.
 */
class AnonymousClassesAcrossAwaitsTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fieldsAndMethodsOfTheAnonymousClassAfterAwaits(Mode mode) {
        var p = DualModeProgram.compile("AnonymousMembers", """
                @Async
                static Task<String> run() {
                    var o = new Object() { int n; int inc() { return ++n; } };
                    await(get(0));
                    o.n++;
                    o.inc();
                    int seen = await(get(o.n));
                    Supplier<Integer> inc = o::inc;
                    return Task.of(seen + " " + o.inc() + " " + inc.get() + " " + o.getClass().isAnonymousClass());
                }
                """);
        assertEquals("2 3 4 false", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void capturedLocalsAndLoopVariablesHaveTheValuesOfTheirIteration(Mode mode) {
        // Each iteration creates its own instance with its own captures; the instances are also kept
        // past the loop, so a value from another iteration shows.
        var p = DualModeProgram.compile("AnonymousCaptures", """
                @Async
                static Task<String> run() {
                    List<Supplier<String>> kept = new ArrayList<>();
                    List<String> out = new ArrayList<>();
                    String prefix = "p";
                    for (int i = 0; i < 3; i++) {
                        int k = await(get(i * 10));
                        var o = new Object() { int seen = k; String tag() { return prefix + k + ":" + seen; } };
                        await(get(0));
                        o.seen++;
                        out.add(o.tag());
                        kept.add(o::tag);
                    }
                    for (String s : List.of("x", "y")) {
                        var o = new Object() { String v = s + s.length(); };
                        await(get(0));
                        out.add(o.v);
                    }
                    for (Supplier<String> s : kept) {
                        out.add(s.get());
                    }
                    return Task.of(String.join(",", out));
                }
                """);
        assertEquals("p0:1,p10:11,p20:21,x1,y1,p0:1,p10:11,p20:21", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void superclassConstructorsAreTheOnesJavacChose(Mode mode) {
        // An overload picked by a cast, varargs with and without arguments, a constructor that
        // declares a checked exception, a generic superclass, a diamond, an interface.
        var p = DualModeProgram.compile("AnonymousConstructors", """
                static class Base {
                    final String how;
                    Base(Object o) { how = "object:" + o; }
                    Base(String s) { how = "string:" + s; }
                    Base(int... xs) { how = "varargs:" + xs.length; }
                    Base(long a, long b) throws java.io.IOException { how = "throws:" + (a + b); }
                }
                static class Box<T> {
                    final T value;
                    Box(T value) { this.value = value; }
                }
                interface Named { String name(); }

                @Async
                static Task<String> run() throws java.io.IOException {
                    var a = new Base((Object) "x") { int extra = 1; };
                    var b = new Base("y") { int extra = 2; };
                    var c = new Base(1, 2, 3) { int extra = 3; };
                    var d = new Base() { int extra = 4; };
                    var e = new Base(5L, 6L) { int extra = 5; };
                    var f = new Box<String>("box") { String twice() { return value + value; } };
                    var g = new Box<>(List.of(7)) { private int plus(int n) { return value.get(0) + n; } };
                    var h = new Named() { int calls; public String name() { return "named" + ++calls; } };
                    await(get(0));
                    return Task.of(a.how + a.extra + " " + b.how + b.extra + " " + c.how + c.extra + " " + d.how + d.extra
                            + " " + e.how + e.extra + " " + f.twice() + " " + g.plus(1) + " " + h.name() + h.calls);
                }
                """);
        assertEquals("object:x1 string:y2 varargs:33 varargs:04 throws:115 boxbox 8 named11", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void instanceAndStaticMethodsReachTheirClassFromTheAnonymousClassesBody(Mode mode) {
        var p = DualModeProgram.compile("AnonymousOuter", """
                static int shared = 5;
                int base = 100;

                String label() { return "L"; }

                @Async
                Task<String> instance() {
                    var o = new Object() { int n = base; String both() { return label() + n + base + this.n; } };
                    await(get(0));
                    base++;
                    o.n++;
                    return Task.of(o.both());
                }

                static Task<String> onInstance() { return new AnonymousOuter().instance(); }

                @Async
                static Task<String> onStatic() {
                    shared = 5;
                    var o = new Object() { int read() { return shared * 2; } };
                    await(get(0));
                    shared++;
                    return Task.of(o.read() + "");
                }
                """);
        assertEquals("L101101101", p.run(mode, "onInstance"));
        assertEquals("12", p.run(mode, "onStatic"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void listsOfAnAnonymousClassAndLoopsOverThem(Mode mode) {
        var p = DualModeProgram.compile("AnonymousLists", """
                @Async
                static Task<String> run() {
                    var list = List.of(new Object() { int n = 3; });
                    await(get(0));
                    int sum = list.get(0).n;
                    for (var x : list) {
                        sum += x.n;
                    }
                    for (var x : List.of(new Object() { int n = 4; })) {
                        sum += await(get(x.n)) + x.n;
                    }
                    return Task.of(sum + "");
                }
                """);
        assertEquals("14", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAnonymousClassesOwnMembersOnAnAwaitedValue(Mode mode) {
        var p = DualModeProgram.compile("AnonymousAwaited", """
                @Async
                static Task<String> run() {
                    int f = await(get(new Object() { int f = 1; })).f;
                    Supplier<Integer> g = (await(get(new Object() { int g() { return 2; } })))::g;
                    return Task.of(f + " " + g.get());
                }
                """);
        assertEquals("1 2", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void qualifiedCreationOfAnInnerClassesAnonymousSubclass(Mode mode) {
        // outer.new Inner() {}: outer is evaluated first and checked for null before the arguments.
        var p = DualModeProgram.compile("AnonymousInner", """
                static class Outer {
                    final int v;
                    Outer(int v) { this.v = v; }
                    class Inner {
                        final int w;
                        Inner(int w) { this.w = w; }
                        int get() { return v + w; }
                    }
                }

                static List<String> order = new ArrayList<>();
                static <T> T note(String s, T t) { order.add(s); return t; }

                @Async
                static Task<String> run(boolean nullOuter) {
                    Outer out = nullOuter ? null : new Outer(7);
                    try {
                        var i = note("outer", out).new Inner(note("arg", 1)) { int twice() { return get() * 2; } };
                        await(get(0));
                        return Task.of(i.twice() + " " + order);
                    } catch (NullPointerException e) {
                        return Task.of("NPE " + order);
                    } finally {
                        order.clear();
                    }
                }
                """);
        assertEquals("16 [outer, arg]", p.run(mode, "run", false));
        assertEquals("NPE [outer]", p.run(mode, "run", true));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void createdInALambdaReadingTheMethodsLocals(Mode mode) {
        // The type reaches the local through the lambda's inferred result; each call of the lambda
        // makes a new instance with the values captured where the lambda was made.
        var p = DualModeProgram.compile("AnonymousInLambda", """
                static <T> T make(Supplier<T> s) { return s.get(); }

                @Async
                static Task<String> run() {
                    String out = "";
                    for (int i = 0; i < 2; i++) {
                        int k = await(get(i));
                        var o = make(() -> new Object() { int f = k * 10; String tag() { return "t" + k; } });
                        await(get(0));
                        o.f++;
                        out += o.f + o.tag() + " ";
                    }
                    return Task.of(out + await(get(make(() -> new Object() { int g = 5; }))).g);
                }
                """);
        assertEquals("1t0 11t1 5", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void readingTheLoopVariableOrAnIfsBindingInABodyWithoutBraces(Mode mode) {
        // The class is declared in a block made around the loop's or if's statement, where the
        // enhanced for's variable and the instanceof's binding are in scope.
        var p = DualModeProgram.compile("AnonymousInBodies", """
                @Async
                static Task<String> run(Object x) {
                    int sum = 0;
                    for (var v : List.of(1, 2, 3)) sum += await(get(new Object() { int n = v * 10; })).n;
                    String out = "" + sum;
                    if (x instanceof String s) out += await(get(new Object() { String f = s + "!"; })).f;
                    else out += "-";
                    int i = 0;
                    while (i < 2) out += await(get(new Object() { int k = 7; })).k + "" + i++;
                    return Task.of(out);
                }
                """);
        assertEquals("60s!7071", p.run(mode, "run", "s"));
        assertEquals("60-7071", p.run(mode, "run", 1));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void onlyTheAnonymousClassesWhoseTypeIsKeptGetAName(Mode mode) {
        var p = DualModeProgram.compile("AnonymousUnnamed", """
                @Async
                static Task<String> run() {
                    Supplier<Object> s = () -> new Object() { public String toString() { return "lam"; } };
                    var named = new Object() { int n = 1; };
                    Object plain = new Object() { public String toString() { return "plain"; } };
                    var unused = new Object() { int m = 2; };
                    await(get(0));
                    return Task.of(s.get().getClass().isAnonymousClass() + " " + plain.getClass().isAnonymousClass() + " "
                            + unused.getClass().isAnonymousClass() + " " + named.n + named.getClass().isAnonymousClass()
                            + " " + s.get() + plain);
                }
                """);
        assertEquals("true true true 1false lamplain", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ownMembersThroughGenericCallsCovariantOverridesAndMethodReferences(Mode mode) {
        // What the processor reported as errors before it named such classes (DiagnosticsTest had them).
        var p = DualModeProgram.compile("AnonymousUses", """
                static <T> T id(T t) { return t; }

                @Async
                static Task<String> run() {
                    var counter = new Object() { int n = 1; };
                    var o = new Object() { int get() { return 2; } };
                    var s = new Supplier<Object>() { public String get() { return "five"; } };
                    var r = new Object() { int six() { return 6; } };
                    Supplier<Integer> six = r::six;
                    var t = new Supplier<String>() { public String get() { return "ok"; } int extra = 7; };
                    await(get(0));
                    counter.n++;
                    await(get(0));
                    var late = new Object() { int n = 8; };
                    return Task.of(counter.n + " " + id(o).get() + " " + s.get().length() + " " + six.get() + r.six()
                            + " " + t.get() + t.extra + " " + late.n);
                }
                """);
        assertEquals("2 2 4 66 ok7 8", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericConstructorsCaseGroupsLocalSuperclassesForInitsAndResources(Mode mode) {
        // A generic superclass constructor (inferred, and with explicit type arguments); a class
        // created in a case group that reads a local of an earlier statement of that group; an
        // anonymous subclass of a local class, both capturing, with an awaited constructor argument;
        // a for loop's variable; a try-with-resources resource; the method's type variable.
        var p = DualModeProgram.compile("AnonymousPlaces", """
                static class H {
                    final String how;
                    <U extends CharSequence> H(U u, List<? super U> l) { how = "h" + u.length() + l.size(); }
                }
                static class Base {
                    final int b;
                    Base(int b) { this.b = b; }
                }
                static List<String> closed = new ArrayList<>();

                @Async
                static Task<String> constructors() {
                    var o = new <String>H("xy", new ArrayList<Object>()) { int f = 3; };
                    var q = new H(new StringBuilder("abc"), List.of()) { int f = 4; };
                    await(get(0));
                    return Task.of(o.how + o.f + q.how + q.f);
                }

                @Async
                static Task<String> cases(int k) {
                    String out = "";
                    switch (k) {
                        case 1:
                            int z = 10;
                            var o = new Object() { int f = z; };
                            await(get(0));
                            out += o.f;
                        case 2:
                            var q = new Object() { int f = 2; };
                            await(get(0));
                            out += q.f;
                            break;
                        default:
                    }
                    int r = switch (k) {
                        case 1 -> {
                            var w = new Object() { int g = 7; };
                            await(get(0));
                            yield w.g;
                        }
                        default -> 0;
                    };
                    return Task.of(out + r);
                }

                @Async
                static Task<String> localSuperclass() {
                    int cap = 3;
                    class L extends Base {
                        L(int x) { super(x + cap); }
                        int c() { return cap; }
                    }
                    var o = new L(await(get(1))) { int f = cap * 2; int all() { return b + c() + f; } };
                    await(get(0));
                    String s = "" + o.all();
                    for (var i = new Object() { int n; }; i.n < 3; i.n++) {
                        await(get(0));
                        s += i.n;
                    }
                    return Task.of(s);
                }

                @Async
                static Task<String> resource() throws Exception {
                    closed.clear();
                    try (var r = new AutoCloseable() { int uses; public void close() { closed.add("closed" + uses); } }) {
                        await(get(0));
                        r.uses++;
                    }
                    return Task.of(closed.toString());
                }

                @Async
                static <T extends Comparable<T>> Task<T> larger(T a, T b) {
                    var o = new Object() { T max = a.compareTo(b) > 0 ? a : b; T get() { return max; } };
                    await(get(0));
                    return Task.of(o.get());
                }

                static Task<String> typeVariable() { return larger("a", "b"); }
                """);
        assertEquals("h203h304", p.run(mode, "constructors"));
        assertEquals("1027", p.run(mode, "cases", 1));
        assertEquals("20", p.run(mode, "cases", 2));
        assertEquals("13012", p.run(mode, "localSuperclass"));
        assertEquals("[closed1]", p.run(mode, "resource"));
        assertEquals("b", p.run(mode, "typeVariable"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classesReadingALocalOfTheStatementCreatingThemAreGivenItsValueWhereCreated(Mode mode) {
        // A lambda's parameter or local, a pattern variable: declared by the statement that creates
        // the class, so the class, declared before it, is given their values where it is created, in
        // a holder around it, before its super(...) runs (Base's constructor calls describe(), which
        // reads them, as javac's captured values allow). Also awaited, and in a loop whose iterations
        // each keep their own instance. Expected: the same code with a blocking await.
        var p = DualModeProgram.compile("AnonymousStatementLocals", """
                static <T> T apply(int n, Function<Integer, T> f) { return f.apply(n); }
                static abstract class Base { final String seen; Base() { seen = describe(); } abstract String describe(); }

                @Async
                static Task<String> lambdaParameter() {
                    String pre = "p";
                    var o = apply(1, n -> new Object() { int f = n; String g() { return pre + n; } });
                    await(get(0));
                    o.f++;
                    return Task.of(o.f + o.g() + o.getClass().isAnonymousClass());
                }

                @Async
                static Task<String> binding(Object x) {
                    var o = x instanceof String s ? new Object() { String f = s; } : null;
                    await(get(0));
                    return Task.of(o == null ? "null" : o.f);
                }

                @Async
                static Task<Integer> awaited() {
                    return Task.of(await(get(apply(2, n -> new Object() { int f = n * 10; }))).f);
                }

                @Async
                static Task<String> lambdaLocalReadBeforeSuper() {
                    var o = apply(3, n -> { int m = n + 1; return new Base() { int k = m; String describe() { return "d" + m + n; } }; });
                    await(get(0));
                    return Task.of(o.seen + o.k + o.describe());
                }

                @Async
                static Task<String> inALoop() {
                    List<Supplier<String>> out = new ArrayList<>();
                    for (Object x : List.of("a", 1, "b")) {
                        var o = x instanceof String s ? new Object() { String f = s + s.length(); String g() { return f + s; } } : null;
                        await(get(0));
                        if (o != null) out.add(o::g);
                    }
                    String r = "";
                    for (var g : out) r += g.get();
                    return Task.of(r);
                }
                """);
        assertEquals("2p1false", p.run(mode, "lambdaParameter"));
        assertEquals("s", p.run(mode, "binding", "s"));
        assertEquals("null", p.run(mode, "binding", 1));
        assertEquals(20, (int) p.run(mode, "awaited"));
        assertEquals("d434d43", p.run(mode, "lambdaLocalReadBeforeSuper"));
        assertEquals("a1ab1b", p.run(mode, "inALoop"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classesCreatedInAnotherClassesBodyStayAnonymousAcrossAwaits(Mode mode) {
        // Created in a local or anonymous class's method, an anonymous class's type cannot reach a
        // local of the @Async method (the method's declared return type stands between), so it is
        // never named: its instances are kept across the await as what that method returns.
        var p = DualModeProgram.compile("AnonymousInClassBodies", """
                @Async
                static Task<String> run() {
                    class Maker {
                        Object make(int k) {
                            var o = new Object() { int f = k; public String toString() { return "m" + f; } };
                            o.f++;
                            return o;
                        }
                    }
                    Object made = new Maker().make(5);
                    Object other = new Object() {
                        Object inner() { return new Object() { public String toString() { return "i"; } }; }
                    }.inner();
                    await(get(0));
                    return Task.of(made + "" + other + made.getClass().isAnonymousClass() + other.getClass().isAnonymousClass());
                }
                """);
        assertEquals("m6itruetrue", p.run(mode, "run"));
    }
}
