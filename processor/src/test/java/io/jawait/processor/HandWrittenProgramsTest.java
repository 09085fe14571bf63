package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fifth round of programs written the way users write them (2026-12-07), in areas the earlier
 * rounds did not reach: generic classes and wildcards, interfaces, enums, records and inner classes
 * with {@code @Async} methods, arrays, primitive narrowing, unboxing, switches, labeled jumps,
 * resources, nested finally blocks, overloads, class initialization, local types, text blocks and
 * patterns. Each expected string is what the same members give compiled without the processor, with
 * await(t) blocking (t.join()), but for the three whose point is where jawait's task semantics differ
 * from a blocking call (cancellation, the first step of a call, recursion deeper than the stack),
 * whose expected strings are what docs/semantics.md promises.
 */
class HandWrittenProgramsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericRepositoryWithBoundedAndWildcardTypeParametersAcrossAwaits(Mode mode) {
        // A generic repository Repo<K extends Comparable<K>, V extends Number>: @Async methods
        // returning Task<Repo<K, V>>, Task<Map<K, List<? extends V>>>, a generic method <R extends
        // Comparable<? super R>> called with explicit type arguments, a Predicate<? super K> and a
        // List<? super Double> sink; an intersection-bounded static generic method.
        var p = compile("GenericRepo", """
                static final class Repo<K extends Comparable<K>, V extends Number> {
                    private final TreeMap<K, List<V>> data = new TreeMap<>();

                    @Async
                    Task<Repo<K, V>> put(K key, V value) {
                        List<V> list = data.computeIfAbsent(await(get(key)), k -> new ArrayList<>());
                        list.add(await(get(value)));
                        return Task.of(this);
                    }

                    @Async
                    Task<Map<K, List<? extends V>>> snapshot(Predicate<? super K> keep) {
                        Map<K, List<? extends V>> out = new LinkedHashMap<>();
                        for (Map.Entry<K, List<V>> e : data.entrySet()) {
                            if (await(get(keep.test(e.getKey())))) {
                                out.put(e.getKey(), List.copyOf(e.getValue()));
                            }
                        }
                        return Task.of(out);
                    }

                    @Async
                    Task<Double> total(List<? super Double> sink) {
                        double sum = 0;
                        for (List<V> vs : data.values()) {
                            for (V v : vs) {
                                sum += await(get(v)).doubleValue();
                                sink.add(sum);
                            }
                        }
                        return Task.of(sum);
                    }

                    @Async
                    <R extends Comparable<? super R>> Task<R> maxOf(Function<? super V, ? extends R> f) {
                        R best = null;
                        for (List<V> vs : data.values()) {
                            for (V v : vs) {
                                R r = await(get(f.apply(v)));
                                if (best == null || r.compareTo(best) > 0) best = r;
                            }
                        }
                        return Task.of(best);
                    }
                }

                @Async
                static <T extends Number & Comparable<T>> Task<T> largest(List<? extends T> xs) {
                    T m = xs.get(0);
                    for (T x : xs) if (await(get(x)).compareTo(m) > 0) m = x;
                    return Task.of(m);
                }

                @Async
                static Task<String> run() {
                    Repo<String, Integer> r = new Repo<>();
                    await(await(r.put("b", 2)).put("a", 5));
                    await(r.<Integer>put("b", 7));
                    List<Number> sink = new ArrayList<>();
                    Map<String, List<? extends Integer>> snap = await(r.snapshot(k -> !k.equals("z")));
                    double t = await(r.total(sink));
                    String m = await(r.<String>maxOf(v -> "v" + v));
                    Integer big = await(GenericRepo.<Integer>largest(List.of(3, 9, 4)));
                    Long bigL = await(largest(List.of(3L, -1L)));
                    return Task.of(snap + " " + t + " " + sink + " " + m + " " + big + " " + bigL);
                }
                """);
        assertEquals("{a=[5], b=[2, 7]} 14.0 [5.0, 7.0, 14.0] v7 9 3",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncMethodsOfInterfacesEnumsAndRecords(Mode mode) {
        // @Async default, private and static interface methods (the static one returning a lambda
        // as the interface), an enum's instance and static @Async methods next to constant bodies,
        // a record's @Async methods whose compact constructor throws for an awaited argument.
        var p = compile("Interfaces", """
                interface Store {
                    Map<String, Integer> map();

                    @Async
                    default Task<Integer> incr(String k, int by) {
                        int old = await(read(k));
                        int now = old + await(get(by));
                        map().put(k, now);
                        return Task.of(now);
                    }

                    @Async
                    private Task<Integer> read(String k) {
                        await(get(0));
                        return Task.of(map().getOrDefault(k, 0));
                    }

                    @Async
                    static Task<Store> open(String... keys) {
                        Map<String, Integer> m = new TreeMap<>();
                        for (String k : keys) m.put(await(get(k)), 0);
                        return Task.of(() -> m);
                    }
                }

                enum Op {
                    ADD { int apply(int a, int b) { return a + b; } },
                    MUL { int apply(int a, int b) { return a * b; } };

                    abstract int apply(int a, int b);

                    @Async
                    Task<Integer> fold(List<Integer> xs) {
                        int acc = this == MUL ? 1 : 0;
                        for (int x : xs) acc = apply(acc, await(get(x)));
                        return Task.of(acc);
                    }

                    @Async
                    static Task<Op> parse(String s) {
                        return Task.of(valueOf(await(get(s.toUpperCase()))));
                    }
                }

                record Point(int x, int y) {
                    Point {
                        if (x < 0) throw new IllegalArgumentException("x<0: " + x);
                    }

                    @Async
                    Task<Point> plus(Point o) {
                        return Task.of(new Point(await(get(x + o.x)), await(get(y + o.y))));
                    }

                    @Async
                    static Task<Point> origin() {
                        return Task.of(new Point(await(get(0)), 0));
                    }
                }

                @Async
                static Task<String> run() {
                    Store s = await(Store.open("a", "b"));
                    await(s.incr("a", 3));
                    int n = await(s.incr("a", 4)) + await(s.incr("c", 1));
                    int f = await(await(Op.parse("mul")).fold(List.of(2, 3, 4))) + await(Op.ADD.fold(List.of(1, 2)));
                    Point p = await(await(Point.origin()).plus(new Point(2, 3)));
                    String bad;
                    try {
                        bad = "" + await(p.plus(new Point(-5, 0)));
                    } catch (IllegalArgumentException e) {
                        bad = e.getMessage();
                    }
                    return Task.of(s.map() + " " + n + " " + f + " " + p + " " + bad);
                }
                """);
        assertEquals("{a=7, b=0, c=1} 8 27 Point[x=2, y=3] x<0: -5",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void thisAndOuterThisEscapeAcrossAwaitsAndQualifiedInnerCreation(Mode mode) {
        // this and Outer.this kept in locals and lambdas across awaits, an inner class of an inner
        // class reading both enclosing instances, outer.new Inner(await(..)) for this, another and
        // a null outer.
        var p = compile("InnerEscapes", """
                static final class Outer {
                    final String name;
                    int count;
                    final List<Runnable> later = new ArrayList<>();
                    Outer(String name) { this.name = name; }

                    final class Inner {
                        final int id;
                        Inner(int id) { this.id = id; count++; }

                        @Async
                        Task<String> describe() {
                            Outer self = Outer.this;
                            int before = count;
                            await(get(0));
                            later.add(() -> count += id);
                            Inner me = this;
                            String s = await(get(name)) + "#" + id;
                            return Task.of(s + " " + before + "->" + Outer.this.count + " " + (self == Outer.this) + (me == this));
                        }

                        final class Deeper {
                            @Async
                            Task<String> path() {
                                String a = Outer.this.name;
                                await(get(1));
                                return Task.of(a + "/" + Inner.this.id + "/" + await(Inner.this.describe()));
                            }
                        }
                    }

                    @Async
                    Task<Inner> make(Outer other) {
                        Inner mine = new Inner(await(get(1)));
                        Inner theirs = other.new Inner(await(get(2)));
                        Inner third = this.new Inner(mine.id + await(get(theirs.id)));
                        return Task.of(third);
                    }
                }

                @Async
                static Task<String> run() {
                    Outer a = new Outer("a"), b = new Outer("b");
                    Outer.Inner i = await(a.make(b));
                    String d = await(i.describe());
                    Outer.Inner.Deeper deep = i.new Deeper();
                    String p = await(deep.path());
                    a.later.forEach(Runnable::run);
                    String npe;
                    Outer nul = null;
                    try {
                        Outer.Inner x = nul.new Inner(await(get(9)));
                        npe = "no " + x;
                    } catch (NullPointerException e) {
                        npe = "npe";
                    }
                    return Task.of(d + " | " + p + " | " + a.count + " " + b.count + " " + npe);
                }
                """);
        assertEquals("a#3 2->2 truetrue | a/3/a#3 2->2 truetrue | 8 1 npe",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void multiDimensionalArraysCompoundAssignmentsAndArrayStoreChecks(Mode mode) {
        // new int[await(..)][await(..)], g[r][c++] += await(..), long[][][] compound assignment
        // through counted indices, char[] compound assignments, ArrayStoreException of a covariant
        // String[] after the awaited value, an index out of bounds after the right side's await,
        // jagged initializers with awaits.
        var p = compile("Arrays2D", """
                static int calls;
                static int idx(int i) { calls++; return i; }

                @Async
                static Task<String> run() {
                    calls = 0;
                    int[][] g = new int[await(get(2))][await(get(3))];
                    int i = 0;
                    for (int r = 0; r < g.length; r++) {
                        int c = 0;
                        while (c < g[r].length) {
                            g[r][c++] += await(get(r * 10 + c)) + i++;
                        }
                    }
                    long[][][] cube = new long[2][][];
                    cube[await(get(1))] = new long[][] {{await(get(5L))}, {6L, await(get(7L))}};
                    cube[idx(1)][idx(1)][idx(0)] *= await(get(3L));
                    char[] cs = "abc".toCharArray();
                    int k = 0;
                    cs[k++] += await(get(2));
                    cs[k++] -= await(get(1));
                    cs[await(get(2))] ^= ' ';
                    Object[] objs = new String[3];
                    String ase;
                    try {
                        objs[idx(0)] = await(get("ok"));
                        objs[idx(1)] = await(get(42));
                        ase = "stored";
                    } catch (ArrayStoreException e) {
                        ase = "ASE " + e.getMessage();
                    }
                    int[] small = new int[1];
                    String oob;
                    try {
                        small[idx(3)] = await(get(idx(100)));
                        oob = "no";
                    } catch (ArrayIndexOutOfBoundsException e) {
                        oob = "AIOOBE " + calls;
                    }
                    int[][] jag = {{1}, {await(get(2)), 3}, {}};
                    int sum = 0;
                    for (int[] row : jag) for (int v : row) sum += await(get(v));
                    String[][] names = new String[await(get(2))][];
                    names[0] = new String[] {"x", await(get("y"))};
                    return Task.of(Arrays.deepToString(g) + " " + Arrays.deepToString(cube) + " " + new String(cs) + " "
                            + Arrays.toString(objs) + " " + ase + " " + oob + " " + sum + " " + Arrays.deepToString(names) + " " + calls);
                }
                """);
        assertEquals("[[1, 3, 5], [14, 16, 18]] [null, [[5], [18, 7]]] caC [ok, null, null] ASE java.lang.Integer AIOOBE 7 6 [[x, y], null] 7",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void primitiveCompoundAssignmentsNarrowAndPromoteAsJavaDoes(Mode mode) {
        // byte, short, char, int, long, float and double compound assignments with awaited
        // operands of other types (implicit narrowing, int /= double), shifts past the width,
        // overflow, division of doubles by zero and ArithmeticException of ints, char increments
        // inside concatenation.
        var p = compile("Narrowing", """
                @Async
                static Task<String> run() {
                    byte b = 100;
                    b += await(get(100));
                    b *= await(get(3));
                    b >>= await(get(1));
                    short s = Short.MAX_VALUE;
                    s += await(get(1));
                    s >>>= await(get(2));
                    s |= await(get((short) 3));
                    char c = 'y';
                    c += await(get(3));
                    c -= await(get('A'));
                    char d = 'a';
                    String seq = "" + d++ + ++d + await(get(d)) + (char) (d + await(get(1)));
                    int i = 7;
                    i /= await(get(0.5));
                    i *= await(get(1.5f));
                    long l = 1;
                    l <<= await(get(65));
                    l += await(get(Integer.MAX_VALUE)) + await(get(Integer.MAX_VALUE));
                    long m = 1;
                    m += (long) await(get(Integer.MAX_VALUE)) + await(get(Integer.MAX_VALUE));
                    float f = 0.1f;
                    f += await(get(0.2));
                    double x = 0.1;
                    x += await(get(0.2f));
                    float g = 16777216f;
                    g += await(get(1));
                    int overflow = await(get(Integer.MAX_VALUE)) + 1;
                    long shifted = await(get(1)) << 40;
                    long shiftedL = await(get(1L)) << 40;
                    int neg = -await(get(Integer.MIN_VALUE));
                    double dz = await(get(1.0)) / await(get(0));
                    int rem = await(get(-7)) % await(get(3));
                    double frem = await(get(-7.5)) % 2;
                    String az;
                    try {
                        az = "" + (await(get(5)) / await(get(0)));
                    } catch (ArithmeticException e) {
                        az = e.getMessage();
                    }
                    byte[] bs = {10};
                    bs[0] -= await(get(300));
                    char[] chars = {'z'};
                    chars[0]++;
                    chars[0] += await(get(-26));
                    return Task.of(b + " " + s + " " + (int) c + c + " " + seq + " " + i + " " + l + " " + m + " " + f + " " + x + " "
                            + g + " " + overflow + " " + shifted + " " + shiftedL + " " + neg + " " + dz + " " + rem + " " + frem + " " + az
                            + " " + bs[0] + " " + chars[0]);
                }
                """);
        assertEquals("44 -8189 59; accd 21 0 4294967295 0.3 0.3000000029802322 1.6777216E7 -2147483648 256 1099511627776 -2147483648 Infinity -1 -1.5 / by zero -34 a",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unboxingThrowsNullPointerExceptionWhereJavaDoes(Mode mode) {
        // A null Integer, Boolean, Long, Double unboxed on either side of an await: the
        // NullPointerException comes before or after the await's side effect exactly as in plain
        // Java (the log shows which awaits ran).
        var p = compile("BoxingNpe", """
                static List<String> log = new ArrayList<>();
                static <T> Task<T> logged(String what, T v) { log.add(what); return get(v); }

                static String npe(Runnable r) {
                    try { r.run(); return "ok"; } catch (NullPointerException e) { return "NPE"; }
                }

                @Async
                static Task<String> attempt(int which) {
                    Integer none = null;
                    Map<String, Integer> m = new HashMap<>();
                    Boolean flag = null;
                    switch (which) {
                        case 0: { int r = await(logged("a", 1)) + none; return Task.of("r" + r); }
                        case 1: { int r = none + await(logged("b", 1)); return Task.of("r" + r); }
                        case 2: { int r = m.get("k") * await(logged("c", 2)); return Task.of("r" + r); }
                        case 3: { if (await(logged("d", flag))) return Task.of("t"); return Task.of("f"); }
                        case 4: { int v = await(logged("e", (Integer) null)); return Task.of("v" + v); }
                        case 5: { Integer v = await(logged("f", (Integer) null)); return Task.of("v" + v); }
                        case 6: { long w = await(logged("g", 3)); Long boxed = w + await(logged("h", (Long) null)); return Task.of("w" + boxed); }
                        case 7: { int[] arr = new int[2]; arr[none] = await(logged("i", 1)); return Task.of("arr"); }
                        case 8: { Integer acc = none; acc += await(logged("j", 1)); return Task.of("acc" + acc); }
                        case 9: { Integer acc = 5; acc++; acc += await(logged("k", 2)); Integer b = acc; acc--; return Task.of("ok" + acc + b); }
                        case 10: { boolean b = flag != null && await(logged("l", flag)); return Task.of("b" + b); }
                        case 11: { Character ch = await(logged("m", 'x')); char c = ch; c++; return Task.of("c" + c + (ch == 'x')); }
                        default: { double d = await(logged("n", (Double) null)) * 2; return Task.of("d" + d); }
                    }
                }

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i <= 12; i++) {
                        log.clear();
                        try {
                            sb.append(await(attempt(i)));
                        } catch (NullPointerException e) {
                            sb.append("NPE");
                        }
                        sb.append(log).append(' ');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("NPE[a] NPE[] NPE[] NPE[d] NPE[e] vnull[f] NPE[g, h] NPE[] NPE[] ok78[k] bfalse[] cytrue[m] NPE[n] ",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stringEnumCharAndBoxedSwitchesWithYieldAndNullSelectors(Mode mode) {
        // Arrow switches over strings with colliding hash codes, an enum switch expression with
        // yield after an await and a nested switch expression on an awaited selector, a classic
        // fall-through switch over an Integer, a char switch expression; null String, enum and
        // Integer selectors throw NullPointerException.
        var p = compile("Switches", """
                enum Color { RED, GREEN, BLUE }

                @Async
                static Task<String> classify(String s, Color c, Integer boxed) {
                    StringBuilder out = new StringBuilder();
                    switch (s) {
                        case "Aa", "BB" -> out.append("hash").append(await(get(s.length())));
                        case "stop" -> { out.append("stop"); return Task.of(out.toString()); }
                        default -> out.append(await(get(s.toUpperCase())));
                    }
                    int code = switch (c) {
                        case RED -> await(get(1));
                        case GREEN -> {
                            int g = await(get(20));
                            if (g > 10) yield g + await(get(2));
                            yield -1;
                        }
                        case BLUE -> switch (await(get(s.length()))) {
                            case 0 -> 0;
                            case 1, 2 -> { yield 12 + await(get(1)); }
                            default -> 100;
                        };
                    };
                    out.append(':').append(code);
                    switch (boxed) {
                        case 1:
                            out.append(await(get("one")));
                        case 2:
                            out.append("two");
                            break;
                        default:
                            out.append(await(get("d")));
                    }
                    char ch = s.isEmpty() ? '?' : s.charAt(0);
                    String kind = switch (ch) {
                        case 'a', 'e', 'i' -> "vowel";
                        case '?' -> { String q = await(get("empty")); yield q; }
                        default -> { if (Character.isDigit(ch)) yield "digit" + await(get(ch)); yield "other"; }
                    };
                    return Task.of(out.append(':').append(kind).toString());
                }

                @Async
                static Task<String> run() {
                    List<String> rs = new ArrayList<>();
                    rs.add(await(classify("Aa", Color.RED, 1)));
                    rs.add(await(classify("x", Color.BLUE, 2)));
                    rs.add(await(classify("", Color.GREEN, 3)));
                    rs.add(await(classify("9z", Color.BLUE, 1)));
                    rs.add(await(classify("stop", Color.RED, null)));
                    for (Object[] bad : new Object[][] {{null, Color.RED, 1}, {"a", null, 1}, {"e", Color.RED, null}}) {
                        try {
                            rs.add(await(classify((String) bad[0], (Color) bad[1], (Integer) bad[2])));
                        } catch (NullPointerException e) {
                            rs.add("NPE");
                        }
                    }
                    return Task.of(String.join(",", rs));
                }
                """);
        assertEquals("hash2:1onetwo:other,X:13two:other,:22d:empty,9Z:13onetwo:digit9,stop,NPE,NPE,NPE",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void labeledBreakAndContinueOutOfNestedLoopsThroughFinallyThatAwaits(Mode mode) {
        // continue outer, continue inner and break outer from a try whose finally awaits, break
        // out of a labeled block from a do/while, continue of a labeled do/while whose condition
        // awaits.
        var p = compile("LabeledLoops", """
                @Async
                static Task<String> search(int[][] grid, int target) {
                    StringBuilder trace = new StringBuilder();
                    int found = -1;
                    outer:
                    for (int r = 0; r < grid.length; r++) {
                        int c = 0;
                        inner:
                        while (true) {
                            if (c >= grid[r].length) break;
                            int v = await(get(grid[r][c]));
                            c++;
                            try {
                                if (v < 0) continue outer;
                                if (v == 0) continue inner;
                                if (v == target) {
                                    found = r * 10 + c - 1;
                                    break outer;
                                }
                                trace.append(v);
                            } finally {
                                trace.append(await(get(v < 0 ? "!" : ".")));
                            }
                        }
                        trace.append('|');
                    }
                    int n = 0;
                    block: {
                        do {
                            n += await(get(1));
                            if (n == 3) break block;
                        } while (n < 5);
                        trace.append("never");
                    }
                    int k = 0;
                    retry:
                    do {
                        k++;
                        for (int j = 0; j < 3; j++) {
                            if (await(get(j)) == 1 && k < 3) continue retry;
                        }
                        trace.append("k").append(k);
                    } while (await(get(k)) < 2);
                    return Task.of(found + " " + trace + " " + n + " " + k);
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(search(new int[][] {{1, 0, 2}, {3, -1, 9}, {4, 7, 5}}, 7)) + " ; "
                            + await(search(new int[][] {{}, {1}}, 8)));
                }
                """);
        assertEquals("21 1..2.|3.!4.. 3 2 ; -1 |1.| 3 2",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void severalResourcesWithAwaitingInitializersFailingOpensAndCloses(Mode mode) {
        // Three resources whose initializers await (one null), bodies that fail, opens that fail
        // after earlier resources opened, closes that fail: closing order, suppressed exceptions,
        // multi-catch and a finally that awaits, as JLS 14.20.3.
        var p = compile("Resources", """
                static final List<String> log = new ArrayList<>();

                static final class Res implements AutoCloseable {
                    final String name;
                    final boolean failClose;
                    Res(String name, boolean failClose) {
                        if (name.startsWith("bad")) throw new IllegalStateException("open " + name);
                        this.name = name;
                        this.failClose = failClose;
                        log.add("open " + name);
                    }
                    @Override
                    public void close() {
                        log.add("close " + name);
                        if (failClose) throw new UncheckedIOExceptionLike("close " + name);
                    }
                }

                static final class UncheckedIOExceptionLike extends RuntimeException {
                    UncheckedIOExceptionLike(String m) { super(m); }
                }

                @Async
                static Task<String> use(String a, String b, String c, boolean failBody) {
                    try (Res r1 = new Res(await(get(a)), a.endsWith("!"));
                         Res r2 = new Res(b, await(get(b.endsWith("!"))));
                         var r3 = c == null ? null : new Res(await(get(c)), c.endsWith("!"))) {
                        log.add("body " + r1.name + r2.name + (r3 == null ? "-" : r3.name));
                        if (await(get(failBody))) throw new IllegalArgumentException("body");
                        return Task.of("ok");
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        StringBuilder s = new StringBuilder(e.getMessage());
                        for (Throwable t : e.getSuppressed()) s.append("+").append(t.getMessage());
                        log.add("caught " + s);
                        return Task.of("caught");
                    } finally {
                        log.add("finally " + await(get(log.size())));
                    }
                }

                @Async
                static Task<String> run() {
                    List<String> results = new ArrayList<>();
                    String[][] cases = {{"a", "b", "c", "f"}, {"a!", "b!", null, "t"}, {"a", "bad", "c", "f"}, {"a!", "b", "bad", "f"},
                            {"a!", "b!", "c!", "f"}};
                    for (String[] k : cases) {
                        log.clear();
                        try {
                            results.add(await(use(k[0], k[1], k[2], k[3].equals("t"))));
                        } catch (RuntimeException e) {
                            StringBuilder s = new StringBuilder("threw " + e.getMessage());
                            for (Throwable t : e.getSuppressed()) s.append("+").append(t.getMessage());
                            results.add(s.toString());
                        }
                        results.add(log.toString());
                    }
                    return Task.of(String.join("\\n", results));
                }
                """);
        assertEquals("ok\n[open a, open b, open c, body abc, close c, close b, close a, finally 7]\ncaught\n[open a!, open b!, body a!b!-, close b!, close a!, caught body+close b!+close a!, finally 6]\ncaught\n[open a, close a, caught open bad, finally 3]\ncaught\n[open a!, open b, close b, close a!, caught open bad+close a!, finally 5]\nthrew close c!+close b!+close a!\n[open a!, open b!, open c!, body a!b!c!, close c!, close b!, close a!, finally 7]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nestedFinallyBlocksOverridingReturnsAndThrows(Mode mode) {
        // Three nested try statements whose finally blocks await, return and throw, overriding
        // returns and exceptions of the inner ones.
        var p = compile("NestedFinally", """
                static List<String> log = new ArrayList<>();

                @SuppressWarnings("finally")
                @Async
                static Task<Integer> layers(int mode) {
                    int x = 1;
                    try {
                        try {
                            try {
                                x = await(get(10));
                                if (mode == 1) throw new IllegalStateException("inner");
                                return Task.of(x);
                            } finally {
                                log.add("f1:" + x);
                                x += await(get(5));
                                if (mode == 2) return Task.of(-x);
                            }
                        } catch (IllegalStateException e) {
                            log.add("c2:" + e.getMessage());
                            x *= 2;
                            throw new IllegalArgumentException("from catch " + x);
                        } finally {
                            log.add("f2:" + x);
                            if (mode == 3) throw new UnsupportedOperationException("f2 " + await(get(x)));
                        }
                    } catch (IllegalArgumentException e) {
                        log.add("c3:" + e.getMessage());
                        return Task.of(x + await(get(100)));
                    } finally {
                        log.add("f3:" + x);
                        if (mode == 4) {
                            x = await(get(999));
                        }
                        if (mode == 5) return Task.of(await(get(555)));
                    }
                }

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    for (int m = 0; m <= 5; m++) {
                        log.clear();
                        try {
                            sb.append(m).append("=").append(await(layers(m)));
                        } catch (RuntimeException e) {
                            sb.append(m).append("!").append(e.getClass().getSimpleName()).append(":").append(e.getMessage());
                        }
                        sb.append(log).append('\\n');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("0=10[f1:10, f2:15, f3:15]\n1=130[f1:10, c2:inner, f2:30, c3:from catch 30, f3:30]\n2=-15[f1:10, f2:15, f3:15]\n3=3!UnsupportedOperationException:f2 15[f1:10, f2:15, f3:15]\n4=10[f1:10, f2:15, f3:15]\n5=555[f1:10, f2:15, f3:15]\n",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exceptionsRethrownThroughLayersPointAtTheUsersLines(Mode mode) {
        // An exception thrown after awaits, wrapped and rethrown by the awaiting method: the top
        // frames of both name the user's methods, lines, class and file.
        var p = compile("StackLines", """
                static final class AppException extends Exception {
                    AppException(String m, Throwable cause) { super(m, cause); }
                }

                @Async
                static Task<Integer> leaf(int n) {
                    int v = await(get(n));
                    if (v > 2) {
                        throw new IllegalStateException("leaf " + v); // LEAF_LINE
                    }
                    return Task.of(v);
                }

                @Async
                static Task<Integer> middle(int n) throws AppException {
                    try {
                        return Task.of(await(leaf(n)) + await(leaf(n + 1)));
                    } catch (IllegalStateException e) {
                        throw new AppException("middle", e); // MIDDLE_LINE
                    }
                }

                @Async
                static Task<String> top(int n) {
                    try {
                        int r = await(middle(n));
                        return Task.of("ok " + r);
                    } catch (AppException e) {
                        Throwable root = e;
                        while (root.getCause() != null) root = root.getCause();
                        StackTraceElement a = e.getStackTrace()[0], b = root.getStackTrace()[0];
                        return Task.of(e.getMessage() + "@" + a.getMethodName() + ":" + a.getLineNumber() + " <- " + root.getMessage()
                                + "@" + b.getMethodName() + ":" + b.getLineNumber() + " " + b.getClassName() + " " + b.getFileName());
                    }
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(top(0)) + " | " + await(top(2)) + " | " + await(top(5)));
                }
                """);
        assertEquals("ok 1 | middle@middle:56 <- leaf 3@leaf:46 StackLines StackLines.java | middle@middle:56 <- leaf 5@leaf:46 StackLines StackLines.java",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void overloadsAndVarargsChosenByTheStaticTypesOfAwaitedArguments(Mode mode) {
        // Overloads picked by boxing, widening, varargs, generic and Collection/List arguments
        // whose values are awaited, a null array passed as varargs, char versus int.
        var p = compile("Overloads", """
                static String f(Object o) { return "Object"; }
                static String f(Integer i) { return "Integer"; }
                static String f(long l) { return "long"; }
                static String f(Object... xs) { return "Object..." + xs.length; }
                static String g(double d) { return "double"; }
                static String g(Number n) { return "Number"; }
                static String h(char c) { return "char"; }
                static String h(int i) { return "int"; }
                static String h(String s) { return "String"; }
                static <T> String k(T a, T b) { return "T:" + a.getClass().getSimpleName() + "," + b.getClass().getSimpleName(); }
                static String k(Object a, String b) { return "Object,String"; }
                static String v(String fmt, Object... args) { return args == null ? "null-array" : fmt + args.length; }
                static String list(List<? extends Number> xs) { return "list" + xs.size(); }
                static String list(Collection<?> xs) { return "coll" + xs.size(); }

                @Async
                static Task<String> run() {
                    List<String> r = new ArrayList<>();
                    r.add(f(await(get(1))));
                    int prim = await(get(2));
                    r.add(f(prim));
                    r.add(f(await(get(1)), await(get(2))));
                    r.add(f(prim, await(get(3))));
                    r.add(f((Object) await(get("s"))));
                    r.add(f(await(get("s")), 1));
                    r.add(f());
                    r.add(f(await(get(5L))));
                    r.add(g(await(get(1))));
                    r.add(g(await(get(1)).intValue()));
                    r.add(h(await(get('c'))));
                    r.add(h(await(get('c')) + 1));
                    r.add(h("" + await(get('c'))));
                    char cc = await(get('z'));
                    r.add(h(cc++));
                    r.add(k(await(get(1)), await(get("x"))));
                    r.add(k(await(get(1)), await(get(2.0))));
                    r.add(v("a", (Object[]) await(get((Object[]) null))));
                    r.add(v("a", (Object) await(get((Object[]) null))));
                    r.add(v("a", await(get(new Object[] {1, 2}))));
                    r.add(v("a", await(get(new String[] {"q"})), "z"));
                    r.add(list(await(get(List.of(1)))));
                    r.add(list(await(get(Set.of(1)))));
                    r.add(String.valueOf(await(get(new char[] {'h', 'i'}))));
                    r.add(String.valueOf((Object) await(get("obj"))));
                    r.add(Arrays.asList(await(get(new Integer[] {1, 2}))).toString());
                    r.add(Arrays.asList(await(get(new int[] {1, 2}))).size() + "");
                    return Task.of(String.join(" ", r) + " " + cc);
                }
                """);
        assertEquals("Integer long Object...2 Object...2 Object Object...2 Object...0 Object Number double char int String char Object,String T:Integer,Double null-array a1 a2 a2 list1 coll1 hi obj [1, 2] 1 {",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classesAreInitializedWhenPlainJavaInitializesThem(Mode mode) {
        // Static initializers of a class, its subclass and an interface's field run at the first
        // use after awaits, not before; constant fields do not initialize their class.
        var p = compile("StaticInit" + mode, """
                static final List<String> log = new ArrayList<>();

                static class A {
                    static { log.add("A<clinit>"); }
                    static int counter = init("A.counter");
                    static final int CONST = 7;
                    static int init(String s) { log.add(s); return 1; }
                    static int bump() { return ++counter; }
                }

                static class B extends A {
                    static { log.add("B<clinit>"); }
                    final int v;
                    B(int v) { this.v = v; log.add("new B " + v); }
                }

                interface WithField {
                    int X = A.init("WithField.X");
                }

                static class C implements WithField {
                    static { log.add("C<clinit>"); }
                    static String name() { return "C"; }
                }

                static String side(String s) { log.add(s); return s; }

                @Async
                static Task<String> run() {
                    log.add("start " + A.CONST);
                    int w = await(get(1));
                    log.add("after await");
                    B b = new B(await(get(side("arg"))).length());
                    log.add("b " + b.v);
                    String n = C.name() + await(get(C.X));
                    int bumped = A.bump() + await(get(B.bump()));
                    return Task.of(n + " " + bumped + " " + log);
                }
                """);
        assertEquals("C1 5 [start 7, after await, A<clinit>, A.counter, B<clinit>, arg, new B 3, b 3, C<clinit>, WithField.X]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void instanceInitializersAndOverridesCalledFromSuperConstructors(Mode mode) {
        // Field and instance initializers, a superclass constructor calling an override, an @Async
        // override calling super's @Async method, an anonymous subclass with an initializer
        // created with an awaited argument.
        var p = compile("InstanceInit", """
                static final List<String> log = new ArrayList<>();

                static abstract class Base {
                    protected final String tag;
                    { log.add("Base init block"); }
                    Base(String tag) {
                        this.tag = tag;
                        log.add("Base ctor sees " + describe());
                    }
                    abstract String describe();

                    @Async
                    Task<String> render() {
                        String d = await(get(describe()));
                        return Task.of("[" + tag + ":" + d + "]");
                    }
                }

                static class Derived extends Base {
                    private String detail = "set";
                    private final int n;
                    { log.add("Derived init block detail=" + detail); }
                    Derived(String tag, int n) {
                        super(tag + n);
                        this.n = n;
                        log.add("Derived ctor");
                    }
                    @Override
                    String describe() { return detail + "/" + n; }

                    @Async
                    @Override
                    Task<String> render() {
                        String up = await(super.render());
                        detail = await(get("changed"));
                        return Task.of(up + await(super.render()));
                    }
                }

                @Async
                static Task<String> run() {
                    log.clear();
                    Derived d = new Derived(await(get("t")), await(get(3)));
                    String r = await(d.render());
                    Base anon = new Base(await(get("anon"))) {
                        final int extra = 5;
                        { log.add("anon init extra=" + extra); }
                        @Override
                        String describe() { return "anon" + extra; }
                    };
                    String r2 = await(anon.render());
                    return Task.of(r + r2 + " " + log);
                }
                """);
        assertEquals("[t3:set/3][t3:changed/3][anon:anon5] [Base init block, Base ctor sees null/0, Derived init block detail=set, Derived ctor, Base init block, Base ctor sees anon5, anon init extra=5]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localEnumsInterfacesAndRecordsAcrossAwaits(Mode mode) {
        // A local enum with a method, a local interface with a default method, a local Comparable
        // record with a compact constructor and a generic local record, used in switches, EnumMaps
        // and sorting across awaits.
        var p = compile("LocalTypes", """
                @Async
                static Task<String> run() {
                    enum Level { LOW, MID, HIGH; Level next() { return values()[Math.min(ordinal() + 1, 2)]; } }
                    interface Scorer { int score(String s); default int twice(String s) { return 2 * score(s); } }
                    record Item(String name, Level level) implements Comparable<Item> {
                        Item { Objects.requireNonNull(name); }
                        public int compareTo(Item o) { return level.compareTo(o.level) != 0 ? level.compareTo(o.level) : name.compareTo(o.name); }
                    }
                    record Pair<A, B>(A a, B b) { }

                    Scorer len = String::length;
                    List<Item> items = new ArrayList<>();
                    for (String s : List.of("bb", "a", "cccc")) {
                        Level l = switch (await(get(len.twice(s)))) {
                            case 2 -> Level.LOW;
                            case 4 -> Level.MID;
                            default -> Level.HIGH;
                        };
                        items.add(new Item(await(get(s)), l.next()));
                    }
                    Collections.sort(items);
                    Map<Level, Integer> counts = new EnumMap<>(Level.class);
                    for (Item it : items) counts.merge(await(get(it.level())), 1, Integer::sum);
                    Pair<Item, Level> p = new Pair<>(items.get(0), await(get(Level.LOW)));
                    String sw = switch (p.b()) { case LOW -> "low" + await(get(1)); case MID, HIGH -> "hi"; };
                    String npe;
                    try {
                        new Item(await(get((String) null)), Level.LOW);
                        npe = "none";
                    } catch (NullPointerException e) {
                        npe = "npe";
                    }
                    return Task.of(items + " " + counts + " " + p + " " + sw + " " + npe + " " + Level.valueOf("MID").next());
                }
                """);
        assertEquals("[Item[name=a, level=MID], Item[name=bb, level=HIGH], Item[name=cccc, level=HIGH]] {MID=1, HIGH=2} Pair[a=Item[name=a, level=MID], b=LOW] low1 npe HIGH",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void locallyInferredWildcardTypesAcrossAwaits(Mode mode) {
        // var locals of wildcard-typed iterators and entries (ListIterator<? extends
        // CharSequence>, Map.Entry<String, ? extends Number>), a List<? super Integer> sink, and a
        // generic method over Collection<? extends T> with explicit type arguments.
        var p = compile("Captures", """
                static <T> void swapFirstTwo(List<T> l) { T a = l.get(0); l.set(0, l.get(1)); l.set(1, a); }

                @Async
                static Task<String> reorder(List<? extends CharSequence> words, Map<String, ? extends Number> weights) {
                    var it = words.listIterator();
                    var first = it.next();
                    await(get(0));
                    var second = it.next();
                    int len = await(get(second.length())) + first.length();
                    it.remove();
                    StringBuilder sb = new StringBuilder();
                    for (var e : weights.entrySet()) {
                        var v = e.getValue();
                        sb.append(e.getKey()).append(await(get("="))).append(v.intValue() + len).append(';');
                    }
                    var best = Collections.max(weights.values(), Comparator.comparingDouble(Number::doubleValue));
                    await(get(1));
                    sb.append(best);
                    return Task.of(words + " " + sb);
                }

                @Async
                static Task<String> wild(List<?> any, List<? super Integer> sink) {
                    var x = any.get(0);
                    var copy = new ArrayList<>(any);
                    await(get(x));
                    swapFirstTwo(copy);
                    sink.add(await(get(7)));
                    var s = sink.get(0);
                    await(get(1));
                    return Task.of(x + " " + copy + " " + s + " " + sink);
                }

                @Async
                static <T extends Comparable<? super T>> Task<T> maxWild(Collection<? extends T> xs) {
                    var it = xs.iterator();
                    T best = it.next();
                    while (it.hasNext()) {
                        var n = it.next();
                        if (await(get(n.compareTo(best))) > 0) best = n;
                    }
                    return Task.of(best);
                }

                @Async
                static Task<String> run() {
                    List<StringBuilder> words = new ArrayList<>(List.of(new StringBuilder("ab"), new StringBuilder("cde"), new StringBuilder("f")));
                    Map<String, Double> w = new TreeMap<>(Map.of("x", 1.5, "y", 2.5));
                    List<Number> sink = new ArrayList<>();
                    return Task.of(await(reorder(words, w)) + " | " + await(wild(List.of("p", "q"), sink)) + " | "
                            + await(maxWild(List.of(3, 8, 1))) + await(Captures.<String>maxWild(Set.of("k"))));
                }
                """);
        assertEquals("[ab, f] x=6;y=7;2.5 | p [q, p] 7 [7] | 8k",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void innerClassesOfGenericClassesCreatedWithDiamondsAndQualifiedNew(Mode mode) {
        // Outer<T>.Inner<U> created with outer.new Inner<>(await(..)), typed as
        // Outer<String>.Inner<Integer> across awaits, @Async methods of it returning Task<Map<T,
        // U>>, an inner class of a generic outer of List<Integer>.
        var p = compile("GenericInner", """
                static final class Outer<T> {
                    final T seed;
                    Outer(T seed) { this.seed = seed; }

                    final class Inner<U> {
                        final U u;
                        Inner(U u) { this.u = u; }

                        @Async
                        Task<Map<T, U>> pair() {
                            T t = await(get(seed));
                            Map<T, U> m = new LinkedHashMap<>();
                            m.put(t, await(get(u)));
                            return Task.of(m);
                        }
                    }

                    class Counter {
                        int n;
                        @Async
                        Task<Integer> add(int k) { n += await(get(k)); return Task.of(n); }
                    }

                    @Async
                    <U> Task<Inner<U>> inner(U u) {
                        var in = new Inner<>(await(get(u)));
                        Outer<T>.Inner<U> typed = this.new Inner<U>(u);
                        await(get(0));
                        return Task.of(typed.u == in.u ? in : typed);
                    }
                }

                @Async
                static Task<String> run() {
                    Outer<String> o = new Outer<>("s");
                    var in = o.new Inner<>(await(get(4)));
                    Outer<String>.Inner<Integer> other = await(o.inner(await(get(5))));
                    Map<String, Integer> m1 = await(in.pair());
                    var m2 = await(other.pair());
                    var counter = o.new Counter();
                    Outer<String>.Counter c2 = new Outer<>("t").new Counter();
                    await(counter.add(2));
                    await(c2.add(await(counter.add(3))));
                    Outer<List<Integer>>.Inner<String> deep = new Outer<>(List.of(1)).new Inner<>("d");
                    var dm = await(deep.pair());
                    return Task.of(m1 + " " + m2 + " " + counter.n + " " + c2.n + " " + dm + " " + in.u + other.u);
                }
                """);
        assertEquals("{s=4} {s=5} 5 5 {[1]=d} 45",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void assignmentsIncrementsAndStringConversionsAroundAwaits(Mode mode) {
        // i = i++ + await(..), a[k] = k = await(..), a[k++] = a[k] + await(..), String += of null
        // and char, compound boolean operators, shifts, nested conditionals, throw of an awaited
        // null, parameters named like fields next to this.field, unicode escapes in names and in
        // await itself.
        var p = compile("Operators", """
                int count = 1;
                String name = "field";
                static String sfield;

                @Async
                Task<String> shadowing(int count, String name) {
                    int x = await(get(count));
                    this.count = count + this.count;
                    String name2 = name;
                    name = await(get(name + "!"));
                    this.name = name2 + name;
                    return Task.of(x + " " + this.count + " " + this.name + " " + name);
                }

                @Async
                static Task<String> run() {
                    sfield = null;
                    int i = 0;
                    i = i++ + await(get(10));
                    int j = 5;
                    j = j++ * await(get(2)) + j;
                    int[] a = new int[4];
                    int k = 0;
                    a[k] = k = await(get(2));
                    a[k++] = a[k] + await(get(7));
                    String s = null;
                    s += await(get((String) null));
                    s += await(get('c'));
                    s += await(get(1)) + 2;
                    String t = "" + await(get('a')) + await(get('b'));
                    String u = await(get('a')) + await(get('b')) + "";
                    sfield += await(get(1.5f));
                    boolean b = false;
                    b |= await(get(true));
                    b &= !await(get(false));
                    b ^= await(get(b));
                    int sh = -1;
                    sh >>>= await(get(28));
                    long big = 1L << await(get(63));
                    String tern = await(get(true)) ? await(get(1)) == 1 ? "one" : "no" : "never";
                    String npe;
                    try {
                        throw await(get((RuntimeException) null));
                    } catch (NullPointerException e) {
                        npe = "NPE";
                    }
                    Operators o = new Operators();
                    String sh2 = await(o.shadowing(5, "p"));
                    int \\u0062b = await(get(3));
                    int caf\\u00e9 = \\u0061wait(get(a /* array */ [2])) + /* c */ await(get(bb));
                    return Task.of(i + " " + j + " " + Arrays.toString(a) + " " + k + " " + s + " " + t + " " + u + " " + sfield + " " + b
                            + " " + sh + " " + big + " " + tern + " " + npe + " " + sh2 + " " + o.count + " " + café);
                }
                """);
        assertEquals("10 16 [2, 0, 7, 0] 3 nullnullc3 ab 195 null1.5 false 15 -9223372036854775808 one NPE 5 6 pp! p! 6 10",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void catchParametersReassignedAndAddedToAcrossAwaits(Mode mode) {
        // A uni-catch parameter reassigned after an await in a retry loop, suppressed exceptions
        // added after awaits, final and multi-catch parameters rethrown.
        var p = compile("CatchParams", """
                static final class Retry extends Exception {
                    final int attempt;
                    Retry(int attempt, Throwable cause) { super("attempt " + attempt, cause); this.attempt = attempt; }
                }

                @Async
                static Task<Integer> flaky(int attempt) throws Retry {
                    if (await(get(attempt)) < 3) throw new Retry(attempt, new IllegalStateException("boom" + attempt));
                    return Task.of(attempt * 10);
                }

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    int attempt = 0;
                    Exception last = null;
                    while (true) {
                        try {
                            sb.append(await(flaky(attempt++)));
                            break;
                        } catch (Retry e) {
                            int was = e.attempt;
                            await(get(0));
                            if (last != null) e.addSuppressed(last);
                            last = e;
                            e = new Retry(was * 100, e.getCause());
                            sb.append(e.getMessage()).append(await(get(";")));
                        }
                    }
                    try {
                        await(fail(new java.io.IOException("io")));
                    } catch (final Exception e) {
                        Exception wrapped = new RuntimeException(await(get("wrap")), e);
                        sb.append(wrapped.getCause().getMessage());
                    }
                    try {
                        try {
                            await(fail(new UnsupportedOperationException("uoe")));
                        } catch (IllegalStateException | UnsupportedOperationException e) {
                            sb.append(" multi ").append(e.getClass().getSimpleName());
                            e.addSuppressed(new Error(await(get("sup"))));
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        sb.append(" ").append(e.getSuppressed()[0].getMessage());
                    }
                    return Task.of(sb + " " + last.getMessage() + " " + last.getSuppressed().length);
                }
                """);
        assertEquals("attempt 0;attempt 100;attempt 200;30io multi UnsupportedOperationException sup attempt 2 1",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncMethodsOfTypesNestedInEnumsRecordsAndInterfaces(Mode mode) {
        // A static @Async method of an interface nested in an enum, a record's nested class with
        // @Async methods, a record and a class nested in an interface, a generic static method
        // called with explicit type arguments.
        var p = compile("NestedTypesAsync", """
                enum Planet {
                    MERCURY(3.303e+23), EARTH(5.976e+24);
                    final double mass;
                    Planet(double mass) { this.mass = mass; }

                    interface Probe {
                        @Async
                        static Task<String> scan(Planet p) {
                            return Task.of(p.name().charAt(0) + ":" + await(get((int) Math.log10(p.mass))));
                        }
                    }

                    @Async
                    Task<Planet> heavier() {
                        Planet best = this;
                        for (Planet p : values()) if (await(get(p.mass)) > best.mass) best = p;
                        return Task.of(best);
                    }
                }

                record Account(String id, long cents) {
                    static final class Ledger {
                        private final Map<String, Account> byId = new TreeMap<>();

                        @Async
                        Task<Account> deposit(String id, long amount) {
                            Account old = byId.getOrDefault(id, new Account(id, 0));
                            Account now = new Account(id, old.cents() + await(get(amount)));
                            byId.put(id, now);
                            return Task.of(now);
                        }
                    }

                    @Async
                    Task<Account> withInterest(double rate) {
                        long extra = Math.round(cents * await(get(rate)));
                        return Task.of(new Account(id, cents + extra));
                    }
                }

                interface Shapes {
                    record Sq(int side) { @Async Task<Integer> area() { return Task.of(side * await(get(side))); } }
                    class Util {
                        @Async
                        static <T extends Comparable<T>> Task<T> min(T a, T b) { return Task.of(await(get(a.compareTo(b))) <= 0 ? a : b); }
                    }
                }

                @Async
                static Task<String> run() {
                    String scan = await(Planet.Probe.scan(Planet.EARTH));
                    Planet h = await(Planet.MERCURY.heavier());
                    Account.Ledger l = new Account.Ledger();
                    await(l.deposit("x", 100));
                    Account acc = await(l.deposit("x", 50));
                    Account rich = await(acc.withInterest(0.1));
                    int area = await(new Shapes.Sq(4).area());
                    String m = await(Shapes.Util.<String>min("pear", "apple"));
                    return Task.of(scan + " " + h + " " + acc + " " + rich + " " + area + " " + m);
                }
                """);
        assertEquals("E:24 EARTH Account[id=x, cents=150] Account[id=x, cents=165] 16 apple",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaitedReceiversOfFieldsStaticMembersAndIncrements(Mode mode) {
        // Compound assignments and increments on fields and array elements of awaited receivers, a
        // static field and a static method reached through an awaited null (no
        // NullPointerException, as in Java), an instance field through an awaited null
        // (NullPointerException after the right side), a for loop with two variables whose update
        // awaits, a switch expression falling through colon cases.
        var p = compile("Receivers", """
                static final class Counter {
                    static int created;
                    static String label = "L";
                    int count;
                    int[] slots = new int[3];
                    Counter next;
                    static String shout(String s) { return s.toUpperCase(); }
                }
                static int evals;
                static <T> Task<T> counted(T v) { evals++; return get(v); }

                @Async
                static Task<String> run() {
                    evals = 0;
                    Counter.created = 0;
                    Counter c = new Counter();
                    c.next = new Counter();
                    await(counted(c)).count += await(counted(5));
                    ++await(counted(c)).count;
                    await(counted(c)).next.count--;
                    await(counted(c.slots))[await(counted(1))]++;
                    await(counted(c)).slots[await(counted(2))] += await(counted(10));
                    int[] arr = {1, 2, 3};
                    int old = await(counted(arr))[await(counted(0))]++;
                    Counter none = null;
                    await(counted(none)).created += await(counted(3));
                    String shouted = await(counted(none)).shout("hi");
                    String label = await(counted(none)).label + await(counted("!"));
                    String npe;
                    try {
                        await(counted(none)).count += await(counted(1));
                        npe = "no";
                    } catch (NullPointerException e) {
                        npe = "NPE after " + evals;
                    }
                    int k = 0;
                    String ft = "";
                    for (int i = 0, j = await(counted(6)); i < j; i++, j -= await(counted(1))) {
                        ft += i + "" + j + ",";
                        if (i == 1) continue;
                        k += switch (i) {
                            case 0:
                                k++;
                            case 2:
                                yield k + await(counted(100));
                            default:
                                yield -1;
                        };
                    }
                    return Task.of(c.count + " " + c.next.count + " " + Arrays.toString(c.slots) + " " + Arrays.toString(arr) + " " + old + " "
                            + Counter.created + " " + shouted + " " + label + " " + npe + " " + ft + " " + k + " " + evals);
                }
                """);
        assertEquals("6 -1 [0, 1, 10] [2, 2, 3] 1 3 HI L! NPE after 17 06,15,24, 302 23",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void textBlocksAndNegatedInstanceofBindingsAcrossAwaits(Mode mode) {
        // Text blocks with escapes and line continuations formatted with awaited values;
        // instanceof bindings from positive, negated and loop conditions read after awaits.
        var p = compile("TextBlocksInstanceof", """
                static final String TEMPLATE = \"""
                        {
                          "user": "%s",\\
                         "n": %d
                        }\""";

                @Async
                static Task<String> render(Object o) {
                    String body;
                    if (o instanceof String s && !s.isBlank()) {
                        int n = await(get(s.length()));
                        body = TEMPLATE.formatted(s, n);
                    } else if (!(o instanceof Number num)) {
                        return Task.of("none:" + await(get(String.valueOf(o))));
                    } else {
                        double d = await(get(num.doubleValue()));
                        body = \"""
                            num\\t%s \\s
                            line2 "quoted" \\\"""
                            \""".formatted(d + num.intValue());
                    }
                    Object again = await(get(o));
                    while (!(again instanceof Integer i)) {
                        again = again instanceof String s2 ? await(get(s2.length())) : await(get(0));
                    }
                    return Task.of(body + "|" + i);
                }

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : List.of("bob", 3.5, " ", 7)) {
                        sb.append(await(render(o))).append("\\n---\\n");
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("{\n  \"user\": \"bob\", \"n\": 3\n}|3\n---\nnum\t6.5  \nline2 \"quoted\" \"\"\"\n|0\n---\nnone: \n---\nnum\t14.0  \nline2 \"quoted\" \"\"\"\n|7\n---\n",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void doWhileLoopsAndAssertionsThatAreDisabled(Mode mode) {
        // do/while loops with continue, awaited conditions and bodies without braces, nested;
        // assert statements with awaits are not evaluated when assertions are disabled.
        var p = compile("DoWhileAssert", """
                static int checks;
                static boolean check(boolean b) { checks++; return b; }

                @Async
                static Task<String> run() {
                    checks = 0;
                    int n = 0;
                    StringBuilder sb = new StringBuilder();
                    do {
                        n++;
                        if (n % 2 == 0) continue;
                        sb.append(await(get(n)));
                    } while (await(get(n)) < 5);
                    int m = 10;
                    do m -= await(get(3)); while (m > 0);
                    assert await(get(check(n == 5))) : "n was " + n;
                    String msg;
                    try {
                        assert await(get(check(m > 100))) : "m=" + await(get(m));
                        msg = "no assertion";
                    } catch (AssertionError e) {
                        msg = e.getMessage();
                    }
                    int i = 0;
                    do {
                        do {
                            i += await(get(1));
                        } while (i % 3 != 0);
                        sb.append('/').append(i);
                    } while (i < 9);
                    return Task.of(sb + " " + m + " " + msg + " " + checks);
                }
                """);
        assertEquals("135/3/6/9 -2 no assertion 0",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancellingATaskSuspendedAtEachAwaitRunsItsCatchFinallyAndCloses(Mode mode) {
        // Cancelling a chain of two methods while the inner one waits at each of its awaits (a
        // future completed by the test, inside a try-with-resources, after it): the resource
        // closes, catch (RuntimeException) sees the CancellationException, catch
        // (CancellationException) and finally await and rethrow, the outer finally runs, the task
        // ends cancelled; uncancelled, it returns (docs/semantics.md: innermost first, as
        // asyncio).
        var p = compile("CancelEach", """
                static final List<String> log = new ArrayList<>();
                static final List<CompletableFuture<Void>> gates = new ArrayList<>();

                static CompletableFuture<Void> gate() {
                    CompletableFuture<Void> g = new CompletableFuture<>();
                    gates.add(g);
                    return g;
                }

                static final class Res implements AutoCloseable {
                    @Override public void close() { log.add("closed"); }
                }

                @Async
                static Task<String> worker() {
                    try {
                        log.add("a");
                        await(gate());
                        try (Res r = new Res()) {
                            log.add("b");
                            await(gate());
                            log.add("c");
                        } catch (RuntimeException e) {
                            log.add("caught " + e.getClass().getSimpleName());
                            throw e;
                        }
                        await(gate());
                        log.add("d");
                        return Task.of("done");
                    } catch (CancellationException e) {
                        log.add("cancel seen");
                        await(sleep(1));
                        log.add("after sleep in catch");
                        throw e;
                    } finally {
                        log.add("finally");
                        await(sleep(1));
                        log.add("finally end");
                    }
                }

                @Async
                static Task<String> middle() {
                    try {
                        return Task.of(await(worker()));
                    } finally {
                        log.add("middle finally");
                    }
                }

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    for (int at = 0; at <= 3; at++) {
                        log.clear();
                        gates.clear();
                        Task<String> t = middle();
                        for (int k = 0; k < at; k++) {
                            gates.get(k).complete(null);
                            await(yieldNow());
                        }
                        boolean c = at < 3 && t.cancel();
                        try {
                            sb.append(await(t));
                        } catch (CancellationException e) {
                            sb.append("cancelled");
                        }
                        sb.append(" ").append(c).append(" ").append(t.isCancelled()).append(" ").append(log).append('\\n');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("cancelled true true [a, cancel seen, after sleep in catch, finally, finally end, middle finally]\ncancelled true true [a, b, closed, caught CancellationException, cancel seen, after sleep in catch, finally, finally end, middle finally]\ncancelled true true [a, b, c, closed, cancel seen, after sleep in catch, finally, finally end, middle finally]\ndone false false [a, b, c, closed, d, finally, finally end, middle finally]\n",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void callsRunToTheFirstSuspensionAndFailuresArriveAtTheAwait(Mode mode) {
        // C#'s and JavaScript's start: a call runs its method until the first real suspension; an
        // exception before it fails the task rather than the call and is thrown by the await; a
        // failing gather cancels the other child at its suspension (docs/semantics.md).
        var p = compile("StartSemantics", """
                static final List<String> log = new ArrayList<>();

                @Async
                static Task<Integer> child(String name, boolean failEarly) {
                    log.add(name + " start");
                    if (failEarly) throw new IllegalStateException(name + " early");
                    await(yieldNow());
                    log.add(name + " after yield");
                    await(sleep(1));
                    log.add(name + " end");
                    return Task.of(name.length());
                }

                @Async
                static Task<String> run() {
                    log.clear();
                    Task<Integer> a = child("a", false);
                    log.add("called a " + a.isDone());
                    Task<Integer> b = child("bb", true);
                    log.add("called b " + b.isDone() + " " + b.isFailed());
                    Task<Integer> c = child("ccc", false);
                    log.add("before await");
                    int r = await(c);
                    log.add("c=" + r + " a done " + a.isDone());
                    String bs;
                    try {
                        await(b);
                        bs = "no";
                    } catch (IllegalStateException e) {
                        bs = e.getMessage();
                    }
                    int sum = await(a) + r;
                    List<Integer> all = await(gather(child("x", false), child("yy", false)));
                    String gs;
                    try {
                        await(gather(child("p", false), child("qq", true)));
                        gs = "no";
                    } catch (IllegalStateException e) {
                        gs = e.getMessage();
                    }
                    return Task.of(bs + " " + sum + " " + all + " " + gs + " " + log);
                }
                """);
        assertEquals("bb early 4 [1, 2] qq early [a start, called a false, bb start, called b true true, ccc start, before await, a after yield, ccc after yield, a end, ccc end, c=3 a done true, x start, yy start, x after yield, yy after yield, x end, yy end, p start, qq start]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncRecursionTwentyThousandDeepOnTheDefaultStack(Mode mode) {
        // Recursion 20,000 deep through an interface's default @Async method, through try/finally
        // at every level failing from the bottom, between two instance methods (one returning the
        // other's task un-awaited) and awaiting at every level: with a blocking await it overflows
        // the stack, the transformed code does not (docs/semantics.md: bound by the heap).
        var p = compile("DeepRecursion", """
                interface Tree {
                    @Async
                    default Task<Long> sumDepth(int n) {
                        if (n == 0) return Task.of(0L);
                        long below = await(sumDepth(n - 1));
                        return Task.of(below + n);
                    }
                }
                static final class Impl implements Tree { }

                static int finallies;

                @Async
                static Task<Integer> guarded(int n) {
                    try {
                        if (n == 0) throw new IllegalStateException("bottom");
                        return Task.of(await(guarded(n - 1)) + 1);
                    } finally {
                        finallies++;
                    }
                }

                @Async
                Task<Integer> ping(int n) { return n == 0 ? Task.of(0) : Task.of(1 + await(pong(n - 1))); }
                @Async
                Task<Integer> pong(int n) { return n == 0 ? Task.of(0) : ping(n - 1); }

                @Async
                static Task<Integer> countdown(int n, int[] seen) {
                    int mine = await(get(n));
                    seen[0] = Math.max(seen[0], mine);
                    return n == 0 ? Task.of(0) : Task.of(await(countdown(n - 1, seen)) + 1);
                }

                @Async
                static Task<String> run() {
                    finallies = 0;
                    int depth = 20_000;
                    long s = await(new Impl().sumDepth(depth));
                    String g;
                    try {
                        g = "" + await(guarded(depth));
                    } catch (IllegalStateException e) {
                        g = e.getMessage() + " " + finallies;
                    }
                    int pp = await(new DeepRecursion().ping(depth));
                    int[] seen = {0};
                    int cd = await(countdown(depth, seen));
                    return Task.of(s + " " + g + " " + pp + " " + cd + " " + seen[0]);
                }
                """);
        assertEquals("200010000 bottom 20001 10000 20000 20000",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void patternSwitchesOverSealedRecordsAndGenericRecordPatternsAcrossAwaits(Mode mode) {
        // A switch expression over a sealed hierarchy with guarded record patterns and a recursive
        // case, a switch statement with case null, generic and nested record patterns, a record
        // pattern in instanceof followed by an awaited instanceof in the same && chain (JDK 21+).
        assumeTrue(Runtime.version().feature() >= 21, "record patterns and pattern switches are Java 21");
        var p = compile("Patterns", """
                sealed interface Shape permits Circle, Rect, Group { }
                record Circle(double r) implements Shape { }
                record Rect(double w, double h) implements Shape { }
                record Group(String name, List<Shape> parts) implements Shape { }
                record Box<T>(T value) { }

                @Async
                static Task<Double> area(Shape s) {
                    return Task.of(switch (s) {
                        case Circle c when c.r() == 0 -> 0.0;
                        case Circle(double r) -> Math.PI * r * await(get(r));
                        case Rect(double w, double h) when w == h -> { double side = await(get(w)); yield side * side; }
                        case Rect(var w, var h) -> w * await(get(h));
                        case Group(String n, List<Shape> parts) -> {
                            double sum = 0;
                            for (Shape p : parts) sum += await(area(p));
                            yield sum;
                        }
                    });
                }

                @Async
                static Task<String> describe(Object o) {
                    String r;
                    switch (o) {
                        case null -> r = "null" + await(get("!"));
                        case Box(String s) when s.isEmpty() -> r = "empty box";
                        case Box(String s) -> r = "box of string " + await(get(s.length()));
                        case Box(Integer i) -> { int d = await(get(i * 2)); r = "box of int " + d; }
                        case Box(Box(var inner)) -> r = "nested " + await(describe(inner));
                        case Box<?> b -> r = "box of " + b.value();
                        case Integer i when i > 0 -> r = "positive";
                        case Integer i -> r = "int " + i;
                        default -> r = "other " + o;
                    }
                    if (o instanceof Box(var v) && await(get(v)) instanceof String s && !s.isEmpty()) {
                        r += " [" + s.charAt(0) + "]";
                    }
                    return Task.of(r);
                }

                @Async
                static Task<String> run() {
                    double a = await(area(new Group("g", List.of(new Circle(0), new Rect(2, 2), new Rect(2, 3), new Group("h", List.of(new Rect(1, 1)))))));
                    List<String> d = new ArrayList<>();
                    for (Object o : new Object[] {null, new Box<>(""), new Box<>("abc"), new Box<>(4), new Box<>(new Box<>("x")),
                            new Box<>(2.5), 5, -5, "s"}) {
                        d.add(await(describe(o)));
                    }
                    return Task.of(a + " " + d);
                }
                """);
        assertEquals("11.0 [null!, empty box, box of string 3 [a], box of int 8, nested other x, box of 2.5, positive, int -5, other s]",
                p.run(mode, "run"));
    }
}
