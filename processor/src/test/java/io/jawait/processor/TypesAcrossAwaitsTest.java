package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Locals and intermediate values whose types Java code cannot write down (intersections, least
 * upper bounds, anonymous classes) keep their exact types across awaits: every member and overload
 * the user's code picks is the one it picks without the transform.
 */
class TypesAcrossAwaitsTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousSubclassesOfMemberClassesOfTheSameClass(Mode mode) {
        // Attributing such a class once made javac attribute the whole enclosing class in place.
        var p = DualModeProgram.compile("AnonymousOfMember", """
                static class Base {
                    int f() { return 1; }
                }

                interface Shape {
                    int area();
                }

                int offset = 100;

                @Async
                static Task<String> run() {
                    Base b = new Base() { @Override int f() { return 42; } };
                    Shape s = new Shape() { public int area() { return await2(); } };
                    await(get(0));
                    return Task.of(b.f() + " " + s.area() + " " + await(new AnonymousOfMember().inner()));
                }

                static int await2() { return 7; }

                @Async
                Task<Integer> inner() {
                    Base b = new Base() { @Override int f() { return offset + super.f(); } };
                    await(get(0));
                    return Task.of(b.f());
                }
                """);
        assertEquals("42 7 101", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void intersectionsOfLocalTypesComputedBeforeAnAwaitInTheSameExpression(Mode mode) {
        // Each first operand's type is an intersection with the local interface Tag (and
        // Serializable), at the top or inside a type argument, kept in a temporary across the await
        // that follows it in the same expression, then used: as a receiver, as an argument whose
        // type a generic method infers, through a generic method of a local class bounded by Tag;
        // and a local of such a type across an await (on JDK 25, Tag comes first among its bounds:
        // the state machine's field must not name it).
        var p = DualModeProgram.compile("LocalIntersectionTemporaries", """
                static <X extends java.io.Serializable> String named(X x, int v) { return x.getClass().getSimpleName() + v; }
                static <X> String sized(List<X> xs, int v) { return xs.size() + ":" + v; }

                @Async
                static Task<String> run(boolean flag) {
                    interface Tag { String tag(); default String plus(int v) { return tag() + v; } }
                    class A implements Tag, java.io.Serializable { public String tag() { return "A"; } }
                    class B implements Tag, java.io.Serializable { public String tag() { return "B"; } }
                    class Pick { <Y extends Tag> Y pick(Y a, Y b) { return flag ? a : b; } }
                    class Both { <Y extends Tag & java.io.Serializable> String both(Y y, int v) { return y.tag() + "/" + v; } }
                    String r1 = (flag ? new A() : new B()).plus(await(get(1)));
                    String r2 = named(flag ? new A() : new B(), await(get(2)));
                    String r3 = new Both().both(flag ? new A() : new B(), await(get(3)));
                    String r4 = new Pick().pick(new A(), new B()).plus(await(get(4)));
                    String r5 = sized(List.of(new A(), new B()), await(get(5)));
                    String r6 = Map.of("k", flag ? new A() : new B()).get("k").plus(await(get(6)));
                    var either = flag ? new A() : new B();
                    await(get(0));
                    String r7 = either.plus(7);
                    return Task.of(String.join(" ", r1, r2, r3, r4, r5, r6, r7));
                }
                """);
        assertEquals("A1 A2 A/3 A4 2:5 A6 A7", p.run(mode, "run", true));
        assertEquals("B1 B2 B/3 B4 2:5 B6 B7", p.run(mode, "run", false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void leastUpperBoundsKeepEveryMemberAcrossAwaits(Mode mode) {
        // flag ? StringBuilder : String is Object & Serializable & Comparable<..> & CharSequence.
        var p = DualModeProgram.compile("LubLocal", """
                @Async
                static Task<String> run(boolean flag) {
                    var text = flag ? new StringBuilder("abc") : "xy";
                    await(get(0));
                    int n = text.length() + await(get(10));
                    CharSequence tail = text.subSequence(1, await(get(2)));
                    text = await(get(false)) ? "other" : new StringBuilder("q");
                    return Task.of(n + " " + tail + " " + text.length() + text.charAt(0));
                }

                @Async
                static Task<Integer> receiverSpilled(boolean flag) {
                    return Task.of((flag ? new StringBuilder("abc") : "xy").subSequence(0, await(get(2))).length()
                            + pick(flag ? 1 : 2.5, await(get(3))));
                }

                static int pick(Number n, int k) { return n.intValue() + k; }
                static int pick(Object o, int k) { return -1; }
                """);
        assertEquals("13 b 1q", p.run(mode, "run", true));
        assertEquals("12 y 1q", p.run(mode, "run", false));
        assertEquals(6, (Integer) p.run(mode, "receiverSpilled", true));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void intersectionsNestedInTypeArgumentsAcrossAwaits(Mode mode) {
        // List.of(1, 2.5) is a List<Number & Comparable<...>>, Map.of a Map<String, Number & Comparable<...>>.
        var p = DualModeProgram.compile("NestedLub", """
                @Async
                static Task<String> run() {
                    var list = List.of(1, 2.5);
                    var map = Map.of("a", 1, "b", 2.5);
                    var pairs = List.of(Map.entry("x", 1), Map.entry("y", 2L));
                    await(get(0));
                    double sum = 0;
                    for (var n : list) {
                        sum += n.doubleValue() + await(get(1));
                    }
                    list = List.of(3, 4L);
                    return Task.of(sum + " " + map.get("b").doubleValue() + " " + map.size() + " "
                            + pairs.get(1).getValue().longValue() + " " + list.size());
                }
                """);
        assertEquals("5.5 2.5 2 2 2", p.run(mode, "run"));
    }
    @ParameterizedTest
    @EnumSource(Mode.class)
    void intersectionsNestedInTypeArgumentsKeepEveryBoundsMembersAcrossAwaits(Mode mode) {
        // Read after the await as their exact types written with type variables (List<$I0>, $I0
        // extends Number & Comparable<...> & Constable & ConstantDesc): Constable's members, passing
        // as a List<? extends Comparable<?>>, two such lists as the same List<T>; written as before.
        var p = DualModeProgram.compile("NestedLubBounds", """
                static <T> boolean same(List<T> a, List<T> b) { return a.size() == b.size(); }
                static String comparables(List<? extends Comparable<?>> c) { return "c" + c.size(); }

                @Async
                static Task<String> run() {
                    var xs = List.of(1, 2.5);
                    var zs = List.of(3, 4.5);
                    var map = Map.of("a", 1, "b", 2.5);
                    var nested = List.of(List.of(1), List.of(2.5));
                    var either = zs.size() > 1 ? List.of(7) : List.of(7.5);
                    await(get(0));
                    StringBuilder out = new StringBuilder();
                    out.append(xs.get(0).describeConstable().isPresent()).append(comparables(xs)).append(same(xs, zs));
                    out.append(map.get("b").describeConstable().get()).append(nested.get(1).get(0).describeConstable().get());
                    out.append(either.get(0).describeConstable().get());
                    xs = List.of(3, 4L);
                    for (var n : xs) {
                        out.append(n.describeConstable().get()).append(await(get(",")));
                    }
                    for (var inner : nested) {
                        out.append(inner.get(0).describeConstable().get()).append(await(get(";")));
                    }
                    Supplier<String> last = () -> "" + zs.get(1).describeConstable().get();
                    class Shown {
                        String show() { return "" + map.get("a").describeConstable().get(); }
                    }
                    return Task.of(out + await(get(last.get())) + new Shown().show());
                }

                @Async
                static <E> Task<String> generic(E e) {
                    var xs = List.of(e, 2.5);
                    var ns = List.of(1, 2.5);
                    await(get(0));
                    return Task.of(xs.get(0) + " " + ns.get(1).describeConstable().get());
                }
                """);
        assertEquals("truec2true2.52.573,4,1;2.5;4.51", p.run(mode, "run"));
        assertEquals("e 2.5", p.run(mode, "generic", "e"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void intersectionsWhoseClassBoundHasWildcardsAcrossAwaits(Mode mode) {
        // flag ? ArrayList<Integer> : LinkedList<Double> is an AbstractList<? extends Number & ...> &
        // Serializable & Cloneable, which javac cannot cast to: kept as the AbstractList, read where
        // needed as AbstractList<$I0> & Serializable & Cloneable, also as elements of a List.of.
        // (javac itself rejects an enhanced for over ls, hence the indexed loop.)
        var p = DualModeProgram.compile("WildcardClassBound", """
                static <T extends Number> double total(Collection<? extends T> xs) {
                    double s = 0;
                    for (T x : xs) {
                        s += x.doubleValue();
                    }
                    return s;
                }
                static String ser(java.io.Serializable s) { return "S"; }
                static <L extends List<?>> int first(List<L> ls) { return ls.get(0).size(); }

                @Async
                static Task<String> run(boolean flag) {
                    var xs = flag ? new ArrayList<Integer>(List.of(1, 2)) : new LinkedList<Double>(List.of(2.5));
                    var ls = List.of(new ArrayList<Integer>(List.of(3)), new LinkedList<Double>(List.of(4.5, 5.5)));
                    var rs = flag ? new ArrayList<Thread>() : new LinkedList<Runnable>(List.of(() -> { }));
                    await(get(0));
                    StringBuilder out = new StringBuilder();
                    out.append(ser(xs)).append(total(xs)).append(xs.get(0).describeConstable().get());
                    for (var n : xs) {
                        out.append(n.intValue()).append(await(get("|")));
                    }
                    for (int i = 0; i < ls.size(); i++) {
                        var l = ls.get(i);
                        out.append(l.size()).append(ser(l)).append(l.get(0).describeConstable().get()).append(await(get(",")));
                    }
                    out.append(first(ls)).append(ls.get(1).get(1).intValue()).append(rs.size()).append(ser(rs));
                    rs.clear();
                    xs = flag ? new LinkedList<Integer>() : new ArrayList<Double>(List.of(9.0));
                    return Task.of(out + " " + xs.size() + ser(xs) + xs.subList(0, xs.size()).size() + rs.size());
                }

                @Async
                static Task<String> unboundedAndEnumWildcards(boolean flag, ArrayList<? super Integer> a,
                        LinkedList<? super Integer> b) {
                    var xs = flag ? a : b;
                    var es = flag ? EnumSet.of(Thread.State.NEW) : new HashSet<TimeUnit>();
                    await(get(0));
                    xs.clear();
                    return Task.of(ser(xs) + ser(es) + es.size() + es.contains(Thread.State.NEW) + xs.size());
                }
                """);
        assertEquals("S3.011|2|1S3,2S4.5,150S 0S00", p.run(mode, "run", true));
        assertEquals("S2.52.52|1S3,2S4.5,151S 1S10", p.run(mode, "run", false));
        assertEquals("SS1true0", p.run(mode, "unboundedAndEnumWildcards", true, new ArrayList<>(List.of(1)),
                new LinkedList<>()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void temporariesOfIntersectionTypesAcrossAnAwaitInTheSameExpression(Mode mode) {
        // A value computed before an await later in the same expression (a receiver, an argument, an
        // arm of ?:, an awaited value, a switch expression's result) whose type nests an intersection
        // or is one with a wildcard class bound is kept as List<$I0> (or AbstractList<$I0> & ...),
        // not as List<? extends Number>, which passing it as a List<? extends Comparable<?>> or two
        // of them as the same List<T> would not compile with.
        var p = DualModeProgram.compile("TempLubs", """
                static String comparables(List<? extends Comparable<?>> c, int k) { return "c" + c.size() + k; }
                static <T> boolean same(List<T> a, List<T> b, int k) { return a.size() == b.size(); }
                static String ser(java.io.Serializable s, int k) { return "S" + k; }

                @Async
                static Task<String> run(boolean flag) {
                    String out = List.of(1, 2.5).get(0).describeConstable().get() + " " + await(get(1))
                            + comparables(List.of(1, 2.5), await(get(3))) + same(List.of(1, 2.5), List.of(3, 4.5), await(get(3)))
                            + (flag ? new ArrayList<Integer>(List.of(4)) : new LinkedList<Double>(List.of(5.5))).subList(0, await(get(1))).size()
                            + ser((flag ? new ArrayList<Integer>(List.of(1)) : new LinkedList<Double>(List.of(2.5))).get(0), await(get(2)));
                    var r = await(get(List.of(1, 2.5)));
                    String s = comparables(flag ? List.of(1, 2.5) : await(get(List.of(3, 4.5, 5))), 1);
                    String t = comparables(switch (r.size()) {
                        case 2 -> await(get(List.of(5, 6.5)));
                        default -> List.of(7, 8.5);
                    }, 2);
                    return Task.of(out + " " + r.get(1).describeConstable().get() + s + t
                            + await(get(List.of(1, 2.5))).get(0).describeConstable().get());
                }
                """);
        assertEquals("1 1c23true1S2 2.5c21c221", p.run(mode, "run", true));
        assertEquals("1 1c23true1S2 2.5c31c221", p.run(mode, "run", false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchAndConditionalArgumentsOfAListOfSuperWildcardAcrossAwaits(Mode mode) {
        // The argument's type is a capture of ? super Integer; its temporary must be an Integer, not an Object.
        var p = DualModeProgram.compile("SuperWildcardArgument", """
                @Async
                static Task<String> run(int k) {
                    List<? super Integer> xs = new ArrayList<Number>();
                    xs.add(switch (k) {
                        case 1 -> await(get(10));
                        default -> { int v = await(get(20)); yield v + 1; }
                    });
                    xs.add(k > 0 ? await(get(30)) : nothing());
                    return Task.of(xs.toString());
                }

                static <T> T nothing() { return null; }
                """);
        assertEquals("[10, 30]", p.run(mode, "run", 1));
        assertEquals("[21, null]", p.run(mode, "run", 0));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousAndIntersectionTypedVarsUsedThroughWhatCanBeNamedAcrossAwaits(Mode mode) {
        // An anonymous class's supertype's members and its overrides of them work without naming the
        // class (its own members: AnonymousClassesAcrossAwaitsTest), and so does every bound of an
        // inferred intersection.
        var p = DualModeProgram.compile("AnonymousSupertypes", """
                static final class Both implements Runnable, Supplier<String> {
                    int runs;
                    public void run() { runs++; }
                    public String get() { return "both" + runs; }
                }

                @SuppressWarnings("unchecked")
                static <T extends Runnable & Supplier<String>> T both(Object o) { return (T) o; }

                @Async
                static Task<String> run() {
                    var s = new Supplier<String>() { int calls; public String get() { return "s" + ++calls; } };
                    var items = List.of(new Supplier<String>() { public String get() { return "i"; } });
                    var b = both(new Both());
                    await(get(0));
                    String out = s.get() + s.get();
                    for (var item : items) {
                        out += item.get() + await(get("-"));
                    }
                    b.run();
                    await(get(0));
                    b.run();
                    return Task.of(out + b.get());
                }
                """);
        assertEquals("s1s2i-both2", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaitedCallsWhoseLambdaArgumentsNeedTheAwaitsTargetType(Mode mode) {
        // get's T is inferred from what await's result is assigned to: alone, get(() -> ..) infers
        // T = Object, which no lambda or method reference fits.
        var p = DualModeProgram.compile("TargetTypedOperands", """
                static <T> Task<T> later(Supplier<T> s) { return get(s.get()); }

                @Async
                static Task<String> run(boolean flag) {
                    Supplier<String> sup = await(get(() -> "supplied"));
                    Function<String, Integer> len = await(get(String::length));
                    IntBinaryOperator op = await(flag ? get((a, b) -> a + b) : get((a, b) -> a * b));
                    Comparator<String> byLength = await(later(() -> Comparator.comparing(String::length)));
                    Optional<Supplier<Integer>> five = await(get(Optional.of(() -> 5)));
                    String s = sup.get() + len.apply("abcd") + op.applyAsInt(2, 3)
                            + (byLength.compare("aa", "b") > 0) + five.map(Supplier::get).orElse(0);
                    return Task.of(s);
                }
                """);
        assertEquals("supplied45true5", p.run(mode, "run", true));
        assertEquals("supplied46true5", p.run(mode, "run", false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void intersectionsOfLocalTypesNestedInTypeArgumentsAcrossAwaits(Mode mode) {
        // List.of(new A(), new B()) is a List<Base & Runnable> naming local classes, which the step
        // method's type variables cannot name: declared as List<? extends Base>, enough here (the next
        // test has the uses that need the exact type). Also with A capturing a local and used across
        // the await itself (in the CaptureHolder), and records, and a local class's type argument.
        var p = DualModeProgram.compile("LocalNestedLub", """
                @Async
                static Task<String> records() {
                    interface Tag { String tag(); }
                    record A(String s) implements Tag, java.io.Serializable { public String tag() { return "a" + s; } }
                    record B(int n) implements Tag, java.io.Serializable { public String tag() { return "b" + n; } }
                    var xs = List.of(new A("x"), new B(1));
                    int k = await(get(1));
                    String out = "";
                    for (var x : xs) out += x + "" + k + (x instanceof java.io.Serializable);
                    return Task.of(out);
                }

                @Async
                static Task<String> bound() {
                    interface Tag { String tag(); }
                    class Box<T extends Tag> { T t; Box(T t) { this.t = t; } }
                    class A implements Tag, Runnable { public String tag() { return "a"; } public void run() { } }
                    class B implements Tag, Runnable { public String tag() { return "b"; } public void run() { } }
                    var xs = List.of(new Box<>(new A()), new Box<>(new B()));
                    int k = await(get(3));
                    String out = "";
                    for (var x : xs) out += x.t.tag() + k;
                    return Task.of(out);
                }

                @Async
                static Task<String> capturing() {
                    String pre = "p";
                    interface Tag { String tag(); }
                    abstract class Base implements Tag { }
                    class A extends Base implements Runnable { public String tag() { return pre + "a"; } public void run() { } }
                    class B extends Base implements Runnable { public String tag() { return "b"; } public void run() { } }
                    var xs = List.of(new A(), new B());
                    int k = await(get(4));
                    String out = "";
                    for (var x : xs) out += x.tag() + k;
                    A a = new A();
                    Tag t = new B();
                    out += await(get(a.tag())) + t.tag();
                    var ys = List.of(new A(), new B());
                    for (var y : ys) out += y.tag() + await(get(k));
                    return Task.of(out);
                }
                """);
        assertEquals("A[s=x]1trueB[n=1]1true", p.run(mode, "records"));
        assertEquals("a3b3", p.run(mode, "bound"));
        assertEquals("pa4b4pabpa4b4", p.run(mode, "capturing"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void intersectionsOfLocalTypesKeepEveryBoundWhereTheCodeNeedsTheExactType(Mode mode) {
        // The uses need the intersection that names the local Tag (an element's tag(), the list put
        // into another of the same element type, a value put into the map): read as the exact type
        // through a generic method declared where it is read, whose variables can name Tag. Also
        // from a lambda, after the local is assigned again, a top-level intersection whose bound
        // Comparable<? extends ...> nests one, a class bound with a wildcard, and a local class
        // capturing a local (declared in the CaptureHolder). Expected: the same code with a blocking await.
        var p = DualModeProgram.compile("LocalExactLub", """
                static <T> List<T> same(List<T> a, List<T> b) { return a; }

                @Async
                static Task<String> records() {
                    interface Tag { String tag(); }
                    record A(String s) implements Tag, java.io.Serializable { public String tag() { return "a" + s; } }
                    record B(int n) implements Tag, java.io.Serializable { public String tag() { return "b" + n; } }
                    var xs = List.of(new A("x"), new B(1));
                    await(get(0));
                    int k = 1;
                    String out = "";
                    for (var x : xs) out += x.tag() + k;
                    Function<Integer, String> f = i -> xs.get(i).tag();
                    out += f.apply(1) + await(get(xs.get(0).tag()));
                    return Task.of(out);
                }

                @Async
                static Task<String> capturing() {
                    String pre = "p";
                    interface Tag { String tag(); }
                    class A implements Tag, Runnable { public String tag() { return pre + "a"; } public void run() { } }
                    class B implements Tag, Runnable { public String tag() { return "b"; } public void run() { } }
                    var xs = List.of(new A(), new B());
                    await(get(0));
                    String out = new A().tag();
                    for (var x : xs) { x.run(); out += x.tag(); }
                    xs = List.of(new B(), new A());
                    out += await(get("|"));
                    for (var x : xs) { x.run(); out += x.tag(); }
                    var ys = new ArrayList<>(xs);
                    ys.add(new A());
                    out += ys.size() + ys.get(2).tag();
                    return Task.of(out);
                }

                @Async
                static Task<String> sameAndPut() {
                    interface Tag { String tag(); }
                    class A implements Tag, Runnable { public String tag() { return "a"; } public void run() { } }
                    class B implements Tag, Runnable { public String tag() { return "b"; } public void run() { } }
                    var xs = List.of(new A(), new B());
                    var zs = List.of(new B(), new A());
                    await(get(0));
                    var m = new HashMap<>(Map.of("a", new A(), "b", new B()));
                    await(get(0));
                    m.put("c", new A());
                    String out = same(xs, zs).get(0).tag() + m.get("c").tag();
                    xs = zs;
                    return Task.of(out + xs.get(0).tag());
                }

                @Async
                static Task<String> topLevel(boolean cond) {
                    interface Tag { String tag(); }
                    class L implements Tag, Comparable<L> { public String tag() { return "l"; } public int compareTo(L o) { return 0; } }
                    class M implements Tag, Comparable<M> { public String tag() { return "m"; } public int compareTo(M o) { return 1; } }
                    var x = cond ? new L() : new M();
                    int k = await(get(1));
                    Comparable<?> c = x;
                    Tag t = x;
                    Supplier<String> s = () -> x.tag() + k;
                    return Task.of(x.tag() + t.tag() + s.get() + (c == x));
                }

                @Async
                static Task<String> wildcardClassBound(boolean f) {
                    interface Tag { String tag(); }
                    class A<T> extends ArrayList<T> implements Tag { public String tag() { return "a"; } }
                    class B<T> extends ArrayList<T> implements Tag { public String tag() { return "b"; } }
                    var xs = f ? new A<Integer>() : new B<Double>();
                    await(get(0));
                    return Task.of(xs.tag() + xs.size() + xs.isEmpty());
                }
                """);
        assertEquals("ax1b11b1ax", p.run(mode, "records"));
        assertEquals("papab|bpa3pa", p.run(mode, "capturing"));
        assertEquals("aab", p.run(mode, "sameAndPut"));
        assertEquals("lll1true", p.run(mode, "topLevel", true));
        assertEquals("mmm1true", p.run(mode, "topLevel", false));
        assertEquals("a0true", p.run(mode, "wildcardClassBound", true));
        assertEquals("b0true", p.run(mode, "wildcardClassBound", false));
    }
}
