package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fifth and sixth rounds of programs written the way users write them (2026-12-07). The fifth,
 * in areas the earlier rounds did not reach: generic classes and wildcards, interfaces, enums, records
 * and inner classes with {@code @Async} methods, arrays, primitive narrowing, unboxing, switches,
 * labeled jumps, resources, nested finally blocks, overloads, class initialization, local types, text
 * blocks and patterns. The sixth: what a user porting asyncio, kotlinx.coroutines or C# code writes (a
 * crawler on fake I/O, a rate limiter, a tokenizer state machine, retry with backoff, producer/consumer
 * over an AsyncQueue, a generic cache, template methods with overridden {@code @Async} hooks, default
 * methods of two interfaces, AsyncCloseable pools, recursion 5,000 deep, cancellation in a loop whose
 * finally blocks await). Each expected string is what the same members give compiled without the
 * processor, with await(t) blocking (the fifth round: t.join(); the sixth: driving the loop until t is
 * done, so that timers and spawned tasks progress meanwhile), but for those whose point is where
 * jawait's task semantics differ from a blocking call (cancellation, the first step of a call,
 * recursion deeper than the stack, consumers running side by side), whose expected strings are what
 * docs/semantics.md promises. The seventh round is {@link HandWrittenProgramsSeventhRoundTest}.
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

    // ---- the sixth round (2026-12-07): programs as a user porting asyncio, kotlinx.coroutines or C# code writes them ----

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBreadthFirstCrawlerOnFakeIoWithSpawnedFetchesAndALabeledBreak(Mode mode) {
        // A crawler over a fake web (a Map of links): each level's fetches spawned, then awaited in order; a
        // checked NotFound caught in a helper that returns null; break of the labeled level loop from the
        // inner for-each once the depth limit is passed.
        var p = compile("Crawler", """
                static final Map<String, List<String>> WEB = Map.of(
                        "/", List.of("/a", "/b", "/c"),
                        "/a", List.of("/a/1", "/b", "/"),
                        "/b", List.of("/b/1", "/b/2"),
                        "/c", List.of("/missing", "/a/1"),
                        "/a/1", List.of("/deep"),
                        "/b/1", List.of(),
                        "/b/2", List.of("/b/1", "/deep"),
                        "/deep", List.of("/deeper"),
                        "/deeper", List.of());

                static final class NotFound extends Exception {
                    NotFound(String path) { super("404 " + path); }
                }

                record Page(String path, int depth, List<String> links) { }

                @Async
                static Task<Page> fetch(String path, int depth) throws NotFound {
                    List<String> links = await(get(WEB.get(path)));
                    if (links == null) throw new NotFound(path);
                    return Task.of(new Page(path, depth, links));
                }

                @Async
                static Task<String> crawl(String root, int maxDepth) {
                    Set<String> seen = new LinkedHashSet<>();
                    Deque<String> frontier = new ArrayDeque<>();
                    frontier.add(root);
                    seen.add(root);
                    List<String> errors = new ArrayList<>();
                    int depth = 0;
                    levels:
                    while (!frontier.isEmpty()) {
                        List<String> level = new ArrayList<>(frontier);
                        frontier.clear();
                        List<Task<Page>> inFlight = new ArrayList<>();
                        for (String p : level) {
                            inFlight.add(spawn(fetchOrNull(p, depth, errors)));
                        }
                        for (Task<Page> t : inFlight) {
                            Page page = await(t);
                            if (page == null) continue;
                            for (String link : page.links()) {
                                if (depth + 1 > maxDepth) break levels;
                                if (seen.add(link)) frontier.add(link);
                            }
                        }
                        depth++;
                    }
                    return Task.of(depth + " " + seen + " " + errors);
                }

                @Async
                static Task<Page> fetchOrNull(String path, int depth, List<String> errors) {
                    try {
                        return Task.of(await(fetch(path, depth)));
                    } catch (NotFound e) {
                        errors.add(e.getMessage() + "@" + depth);
                        return Task.of(null);
                    }
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(crawl("/", 10)) + " | " + await(crawl("/", 1)) + " | " + await(crawl("/b", 0)));
                }
                """);
        assertEquals("5 [/, /a, /b, /c, /a/1, /b/1, /b/2, /missing, /deep, /deeper] [404 /missing@2] | 1 [/, /a, /b, /c] [] | 0 [/b] []",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTokenBucketRateLimiterWithPrivateAsyncRefillAndCompoundAssignmentReturned(Mode mode) {
        // A token bucket whose acquire spins on a private @Async refill, returns the value of a compound
        // assignment to a field (granted += n) and throws before its first await for an impossible request.
        var p = compile("RateLimiter", """
                static final class TokenBucket {
                    private final int capacity;
                    private int tokens;
                    private long granted;
                    private final List<String> waits = new ArrayList<>();

                    TokenBucket(int capacity) { this.capacity = capacity; this.tokens = capacity; }

                    @Async
                    Task<Long> acquire(String who, int n) {
                        if (n > capacity) throw new IllegalArgumentException(who + " wants " + n + " > " + capacity);
                        int spins = 0;
                        while (tokens < n) {
                            spins++;
                            await(refill(1));
                        }
                        tokens -= n;
                        if (spins > 0) waits.add(who + ":" + spins);
                        return Task.of(granted += n);
                    }

                    @Async
                    private Task<Void> refill(int k) {
                        await(get(k));
                        tokens = Math.min(capacity, tokens + k);
                        return Task.done();
                    }
                }

                @Async
                static Task<String> run() {
                    TokenBucket b = new TokenBucket(3);
                    StringBuilder sb = new StringBuilder();
                    String[] clients = {"alpha", "beta", "gamma", "delta"};
                    int[] wants = {2, 2, 3, 1};
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < clients.length; i++) {
                            long total = await(b.acquire(clients[i], wants[i]));
                            sb.append(clients[i].charAt(0)).append(total).append(' ');
                        }
                    }
                    try {
                        await(b.acquire("omega", 4));
                    } catch (IllegalArgumentException e) {
                        sb.append(e.getMessage());
                    }
                    return Task.of(sb + " " + b.waits + " " + b.tokens);
                }
                """);
        assertEquals("a2 b4 g7 d8 a10 b12 g15 d16 omega wants 4 > 3 [beta:1, gamma:3, delta:1, alpha:2, beta:2, gamma:3, delta:1] 0",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTokenizerStateMachineOverChunkedReadsWithEnumStatesAndIndexRewinds(Mode mode) {
        // A state-machine tokenizer reading four chars at a time: an enum state switched on in a colon-form
        // switch inside a for loop over the awaited chunk, i-- to re-read a char, an escape state with a
        // switch expression over char, the loop condition an assignment of an await.
        var p = compile("TokenizerStateMachine", """
                enum State { START, IDENT, NUMBER, STRING, ESCAPE, OP }

                record Token(String kind, String text) {
                    @Override public String toString() { return kind + "(" + text + ")"; }
                }

                static final class ChunkReader {
                    private final String text;
                    private int pos;
                    ChunkReader(String text) { this.text = text; }

                    @Async
                    Task<char[]> read(int max) {
                        int n = Math.min(max, text.length() - pos);
                        char[] buf = new char[n];
                        text.getChars(pos, pos + n, buf, 0);
                        pos += n;
                        return Task.of(await(get(buf)));
                    }
                }

                @Async
                static Task<List<Token>> tokenize(ChunkReader r) {
                    List<Token> out = new ArrayList<>();
                    StringBuilder cur = new StringBuilder();
                    State st = State.START;
                    char[] chunk;
                    while ((chunk = await(r.read(4))).length > 0) {
                        for (int i = 0; i < chunk.length; i++) {
                            char c = chunk[i];
                            switch (st) {
                                case START:
                                    if (Character.isWhitespace(c)) break;
                                    cur.setLength(0);
                                    if (Character.isLetter(c) || c == '_') { st = State.IDENT; cur.append(c); }
                                    else if (c >= '0' && c <= '9') { st = State.NUMBER; cur.append(c); }
                                    else if (c == '"') st = State.STRING;
                                    else { st = State.OP; cur.append(c); }
                                    break;
                                case IDENT:
                                    if (Character.isLetterOrDigit(c) || c == '_') { cur.append(c); break; }
                                    out.add(new Token("id", cur.toString()));
                                    st = State.START;
                                    i--;
                                    break;
                                case NUMBER:
                                    if (Character.isDigit(c)) { cur.append((char) (c - '0' + '0')); break; }
                                    out.add(new Token("num", String.valueOf(Integer.parseInt(cur.toString()) * 2)));
                                    st = State.START;
                                    i--;
                                    break;
                                case STRING:
                                    if (c == '\\\\') st = State.ESCAPE;
                                    else if (c == '"') { out.add(new Token("str", cur.toString())); st = State.START; }
                                    else cur.append(c);
                                    break;
                                case ESCAPE:
                                    cur.append(switch (c) { case 'n' -> '\\n'; case 't' -> '\\t'; default -> c; });
                                    st = State.STRING;
                                    break;
                                case OP:
                                    String two = "" + cur.charAt(0) + c;
                                    if (two.equals("==") || two.equals("<=") || two.equals("->")) {
                                        out.add(new Token("op", two));
                                        st = State.START;
                                    } else {
                                        out.add(new Token("op", cur.toString()));
                                        st = State.START;
                                        i--;
                                    }
                                    break;
                            }
                        }
                    }
                    switch (st) {
                        case IDENT -> out.add(new Token("id", cur.toString()));
                        case NUMBER -> out.add(new Token("num", cur.toString()));
                        case OP -> out.add(new Token("op", cur.toString()));
                        case STRING, ESCAPE -> out.add(new Token("unterminated", cur.toString()));
                        default -> { }
                    }
                    return Task.of(out);
                }

                @Async
                static Task<String> run() {
                    List<Token> a = await(tokenize(new ChunkReader("x1 == 42 -> foo_bar(\\"a\\\\\\"b\\\\n\\", 7) <= y")));
                    List<Token> b = await(tokenize(new ChunkReader("abc \\"open")));
                    return Task.of((a + " " + b).replace("\\n", "\\\\n"));
                }
                """);
        assertEquals("[id(x1), op(==), num(84), op(->), id(foo_bar), op((), str(a\"b\\n), op(,), num(14), op()), op(<=), id(y)] [id(abc), unterminated(open)]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retryWithBackoffGenericOverAFunctionalInterfaceWithCausesAndSuppressed(Mode mode) {
        // Retry with exponential backoff, generic in the result (Attempt<? extends T> that may throw):
        // transient failures retried, the last one the cause and the earlier ones suppressed of GaveUp, a
        // fatal checked exception wrapped at once, a return from inside the infinite for loop's try.
        var p = compile("RetryBackoff", """
                static final class TransientException extends RuntimeException {
                    TransientException(String m, Throwable cause) { super(m, cause); }
                }

                static final class GaveUp extends Exception {
                    GaveUp(String m, Throwable last) { super(m, last); }
                }

                interface Attempt<T> { Task<T> call(int n) throws Exception; }

                @Async
                static <T> Task<T> retry(String what, int max, long baseDelay, Attempt<? extends T> attempt, List<String> log) throws GaveUp {
                    long delay = baseDelay;
                    List<Throwable> failures = new ArrayList<>();
                    for (int n = 1; ; n++) {
                        try {
                            T v = await(attempt.call(n));
                            log.add(what + " ok@" + n);
                            return Task.of(v);
                        } catch (TransientException e) {
                            failures.add(e);
                            log.add(what + " retry " + n + " after " + delay + " (" + e.getCause().getMessage() + ")");
                            if (n == max) {
                                GaveUp g = new GaveUp(what + " gave up after " + n, e);
                                for (Throwable f : failures.subList(0, failures.size() - 1)) g.addSuppressed(f);
                                throw g;
                            }
                            await(sleep(delay % 3));
                            delay = Math.min(delay * 2, 40);
                        } catch (Exception e) {
                            log.add(what + " fatal " + e);
                            throw new GaveUp(what + " fatal", e);
                        }
                    }
                }

                @Async
                static Task<String> flaky(int n, int okAt) throws java.io.IOException {
                    if (n == 99) throw new java.io.IOException("disk");
                    if (n < okAt) {
                        String m = await(get("timeout#" + n));
                        throw new TransientException("try " + n, new java.net.SocketTimeoutException(m));
                    }
                    return Task.of("payload" + n);
                }

                @Async
                static Task<String> run() throws GaveUp {
                    List<String> log = new ArrayList<>();
                    StringBuilder sb = new StringBuilder();
                    sb.append(await(RunHolder.<String>retryString("a", log, 3))).append(';');
                    try {
                        await(retry("b", 3, 5, n -> flaky(n, 10), log));
                    } catch (GaveUp g) {
                        sb.append(g.getMessage()).append(" cause=").append(g.getCause().getMessage())
                          .append(" suppressed=").append(g.getSuppressed().length)
                          .append(" root=").append(g.getCause().getCause().getClass().getSimpleName()).append(';');
                    }
                    try {
                        await(retry("c", 3, 5, n -> flaky(99, 1), log));
                    } catch (GaveUp g) {
                        sb.append(g.getMessage()).append(" <- ").append(g.getCause());
                    }
                    Object o = await(retry("d", 2, 1, n -> Task.of(n * 1.5), log));
                    return Task.of(sb + " " + o + " " + log);
                }

                static final class RunHolder {
                    @Async
                    static <T> Task<String> retryString(String what, List<String> log, int okAt) throws GaveUp {
                        return Task.of(await(RetryBackoff.<String>retry(what, 5, 3, n -> flaky(n, okAt), log)));
                    }
                }
                """);
        assertEquals("payload3;b gave up after 3 cause=try 3 suppressed=2 root=SocketTimeoutException;c fatal <- java.io.IOException: disk 1.5 [a retry 1 after 3 (timeout#1), a retry 2 after 6 (timeout#2), a ok@3, b retry 1 after 5 (timeout#1), b retry 2 after 10 (timeout#2), b retry 3 after 20 (timeout#3), c fatal java.io.IOException: disk, d ok@1]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void producersAndConsumersOverAnAsyncQueueWithTaskDoneJoinAndClose(Mode mode) {
        // Producer/consumer over an AsyncQueue: two producers fill it, three spawned consumers take until
        // QueueClosedException, count failures in try/finally with taskDone; join, close, gather the stats.
        // (Consumers running side by side have no blocking counterpart: the figures are the sums.)
        var p = compile("ProducerConsumer", """
                record Job(int id, String payload) { }

                @Async
                static Task<Integer> producer(io.jawait.sync.AsyncQueue<Job> q, int first, int count) {
                    int sent = 0;
                    for (int i = first; i < first + count; i++) {
                        String p = await(get("job-" + i));
                        await(q.put(new Job(i, p)));
                        sent++;
                    }
                    return Task.of(sent);
                }

                @Async
                static Task<Map<String, Integer>> consumer(String name, io.jawait.sync.AsyncQueue<Job> q, Map<Integer, String> done) {
                    Map<String, Integer> stats = new TreeMap<>();
                    while (true) {
                        Job j;
                        try {
                            j = await(q.take());
                        } catch (io.jawait.sync.QueueClosedException e) {
                            break;
                        }
                        try {
                            if (j.id() % 7 == 0) throw new IllegalStateException("bad " + j.id());
                            String r = await(get(j.payload().toUpperCase()));
                            done.put(j.id(), r);
                            stats.merge("ok", 1, Integer::sum);
                        } catch (IllegalStateException e) {
                            stats.merge("failed", 1, Integer::sum);
                        } finally {
                            q.taskDone();
                        }
                    }
                    return Task.of(stats);
                }

                @Async
                static Task<String> run() {
                    io.jawait.sync.AsyncQueue<Job> q = new io.jawait.sync.AsyncQueue<>();
                    Map<Integer, String> done = new TreeMap<>();
                    int produced = await(producer(q, 1, 10)) + await(producer(q, 100, 5));
                    List<Task<Map<String, Integer>>> consumers = new ArrayList<>();
                    for (String n : new String[] {"c1", "c2", "c3"}) consumers.add(spawn(consumer(n, q, done)));
                    await(q.join());
                    q.close();
                    int ok = 0, failed = 0;
                    for (Map<String, Integer> m : await(gather(consumers))) {
                        ok += m.getOrDefault("ok", 0);
                        failed += m.getOrDefault("failed", 0);
                    }
                    return Task.of(produced + " " + ok + " " + failed + " " + done.keySet() + " " + done.get(105));
                }
                """);
        assertEquals("15 14 1 [1, 2, 3, 4, 5, 6, 8, 9, 10, 100, 101, 102, 103, 104] null",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aGenericAsyncCacheSharingInFlightLoadsAcrossCallers(Mode mode) {
        // A cache AsyncCache<K extends Comparable<? super K>, V> whose loader is a Function<? super K, ? extends
        // Task<? extends V>>: concurrent gets of one key share the spawned load (a finally removes it from
        // the in-flight map), a generic method with a BiFunction, V a wildcard type List<? extends Number>.
        var p = compile("GenericCache", """
                static final class AsyncCache<K extends Comparable<? super K>, V> {
                    private final Map<K, Task<V>> inFlight = new HashMap<>();
                    private final TreeMap<K, V> values = new TreeMap<>();
                    private final Function<? super K, ? extends Task<? extends V>> loader;
                    int loads;

                    AsyncCache(Function<? super K, ? extends Task<? extends V>> loader) { this.loader = loader; }

                    @Async
                    Task<V> get(K key) {
                        V v = values.get(key);
                        if (v != null) return Task.of(v);
                        Task<V> pending = inFlight.get(key);
                        if (pending == null) {
                            pending = spawn(load(key));
                            inFlight.put(key, pending);
                        }
                        return Task.of(await(pending));
                    }

                    @Async
                    private Task<V> load(K key) {
                        loads++;
                        try {
                            V v = await(loader.apply(key));
                            values.put(key, v);
                            return Task.of(v);
                        } finally {
                            inFlight.remove(key);
                        }
                    }

                    @Async
                    <R> Task<List<R>> getAll(Collection<? extends K> keys, BiFunction<? super K, ? super V, ? extends R> f) {
                        List<R> out = new ArrayList<>();
                        for (K k : keys) out.add(f.apply(k, await(get(k))));
                        return Task.of(out);
                    }

                    SortedMap<K, V> snapshot() { return Collections.unmodifiableSortedMap(values); }
                }

                @Async
                static Task<String> run() {
                    AsyncCache<String, Integer> c = new AsyncCache<>(k -> RunTasks.length(k));
                    Task<Integer> a1 = c.get("alpha");
                    Task<Integer> a2 = c.get("alpha");
                    int a = await(a1) + await(a2);
                    List<String> all = await(c.<String>getAll(List.of("beta", "alpha", "gamma", "beta"), (k, v) -> k.charAt(0) + "" + v));
                    AsyncCache<Integer, List<? extends Number>> d = new AsyncCache<>(n -> Task.of(List.of(n, n * 0.5)));
                    List<? extends Number> ns = await(d.get(4));
                    double sum = 0;
                    for (Number n : ns) sum += n.doubleValue();
                    return Task.of(a + " " + all + " " + c.loads + " " + c.snapshot() + " " + sum);
                }

                static final class RunTasks {
                    @Async
                    static Task<Integer> length(String s) {
                        return Task.of(await(get(s.length())));
                    }
                }
                """);
        assertEquals("10 [b4, a5, g5, b4] 3 {alpha=5, beta=4, gamma=5} 6.0",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousLocalAndLambdaListenersCapturingLocalsAssignedFromAwaits(Mode mode) {
        // Listeners registered after awaits: an anonymous class with its own field and an outer field
        // incremented, a local class with a constructor capturing a local, a lambda, a Supplier creating the
        // local class later; all capture locals assigned from awaits.
        var p = compile("InnerAnonLocalCaptures", """
                interface Listener { String on(String event); }

                final class Bus {
                    private final List<Listener> ls = new ArrayList<>();
                    final String name;
                    Bus(String name) { this.name = name; }
                    void add(Listener l) { ls.add(l); }
                    List<String> fire(String e) {
                        List<String> out = new ArrayList<>();
                        for (Listener l : ls) out.add(l.on(e));
                        return out;
                    }
                }

                int instanceCounter = 100;

                @Async
                Task<String> wire(String prefix) {
                    int base = await(get(10));
                    final String tag = prefix + await(get("#"));
                    Bus bus = new Bus(await(get("bus-" + prefix)));
                    bus.add(new Listener() {
                        int calls;
                        @Override public String on(String e) { return tag + e + (base + ++calls) + "/" + (++instanceCounter); }
                    });
                    class Counting implements Listener {
                        final int start;
                        int seen;
                        Counting(int start) { this.start = start; }
                        @Override public String on(String e) { seen++; return bus.name + ":" + e.length() * start + ":" + seen; }
                    }
                    Counting c = new Counting(await(get(3)));
                    bus.add(c);
                    int extra = await(get(7));
                    bus.add(e -> e.repeat(2) + extra + tag);
                    List<String> first = bus.fire("x");
                    String more = await(get("yy"));
                    List<String> second = bus.fire(more);
                    Supplier<Counting> fresh = () -> new Counting(base + extra);
                    Counting d = fresh.get();
                    return Task.of(first + " " + second + " " + c.seen + " " + d.on(await(get("zzz"))) + " " + instanceCounter);
                }

                @Async
                static Task<String> run() {
                    InnerAnonLocalCaptures o = new InnerAnonLocalCaptures();
                    String a = await(o.wire("p"));
                    String b = await(o.wire("q"));
                    return Task.of(a + " | " + b);
                }
                """);
        assertEquals("[p#x11/101, bus-p:3:1, xx7p#] [p#yy12/102, bus-p:6:2, yyyy7p#] 2 bus-p:51:1 102 | [q#x11/103, bus-q:3:1, xx7q#] [q#yy12/104, bus-q:6:2, yyyy7q#] 2 bus-q:51:1 104",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void templateMethodsWithOverriddenAsyncHooksAndSuperCallsThroughThreeLevels(Mode mode) {
        // A template method handle() calling @Async hooks that subclasses override, each override awaiting
        // super's (also a non-@Async after() overridden by an @Async one), and a third level overriding
        // handle itself.
        var p = compile("TemplateMethodInheritance", """
                static abstract class Handler {
                    final List<String> log = new ArrayList<>();

                    @Async
                    Task<String> handle(String req) {
                        log.add(name() + ".handle " + req);
                        String pre = await(before(req));
                        String body = await(process(pre));
                        return Task.of(await(after(body)));
                    }

                    @Async
                    protected Task<String> before(String req) {
                        return Task.of(await(get(req.trim())));
                    }

                    protected abstract Task<String> process(String s);

                    protected Task<String> after(String s) { return Task.of("[" + s + "]"); }

                    String name() { return "Handler"; }
                }

                static class Upper extends Handler {
                    @Async
                    @Override
                    protected Task<String> process(String s) {
                        return Task.of(await(get(s.toUpperCase())));
                    }

                    @Override String name() { return "Upper"; }
                }

                static class Logged extends Upper {
                    int count;

                    @Async
                    @Override
                    protected Task<String> before(String req) {
                        count++;
                        String base = await(super.before(req));
                        log.add("before " + base);
                        return Task.of(base + "!" + count);
                    }

                    @Async
                    @Override
                    protected Task<String> process(String s) {
                        String up = await(super.process(s));
                        return Task.of(up + up.length());
                    }

                    @Async
                    @Override
                    protected Task<String> after(String s) {
                        String wrapped = await(super.after(s));
                        return Task.of(await(get("<" + wrapped + ">")));
                    }

                    @Override String name() { return "Logged:" + super.name(); }
                }

                static final class Reverse extends Logged {
                    @Async
                    @Override
                    Task<String> handle(String req) {
                        String h = await(super.handle(req));
                        return Task.of(new StringBuilder(h).reverse().toString());
                    }
                }

                @Async
                static Task<String> run() {
                    List<Handler> hs = List.of(new Upper(), new Logged(), new Reverse());
                    StringBuilder sb = new StringBuilder();
                    for (Handler h : hs) {
                        sb.append(await(h.handle("  ab c ")));
                        sb.append(await(h.handle("d"))).append(' ');
                    }
                    for (Handler h : hs) sb.append(h.log);
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("[AB C][D] <[AB C!16]><[D!23]> >]61!C BA[<>]32!D[< [Upper.handle   ab c , Upper.handle d][Logged:Upper.handle   ab c , before ab c, Logged:Upper.handle d, before d][Logged:Upper.handle   ab c , before ab c, Logged:Upper.handle d, before d]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void defaultAsyncMethodsOfTwoInterfacesChosenWithInterfaceSuper(Mode mode) {
        // Two interfaces with a default @Async describe(), a class implementing both that awaits
        // Source.super.describe() and Named.super.describe(); a generic interface overriding next() with a
        // default @Async method, implemented by an anonymous class.
        var p = compile("DefaultMethodsDiamond", """
                interface Source<T> {
                    Task<T> next();

                    @Async
                    default Task<List<T>> take(int n) {
                        List<T> out = new ArrayList<>();
                        for (int i = 0; i < n; i++) out.add(await(next()));
                        return Task.of(out);
                    }

                    @Async
                    default Task<String> describe() {
                        return Task.of("Source" + await(take(2)));
                    }
                }

                interface Named {
                    String name();

                    @Async
                    default Task<String> describe() {
                        return Task.of("Named(" + await(get(name())) + ")");
                    }
                }

                static final class Counter implements Source<Integer>, Named {
                    private int n;
                    private final int step;
                    Counter(int step) { this.step = step; }

                    @Override
                    @Async
                    public Task<Integer> next() {
                        n += await(get(step));
                        return Task.of(n);
                    }

                    @Override public String name() { return "counter" + step; }

                    @Override
                    @Async
                    public Task<String> describe() {
                        String a = await(Source.super.describe());
                        String b = await(Named.super.describe());
                        return Task.of(a + "&" + b + "&" + await(take(1)));
                    }
                }

                interface Mapped<A, B> extends Source<B> {
                    Source<A> inner();
                    B apply(A a);

                    @Override
                    @Async
                    default Task<B> next() {
                        return Task.of(apply(await(inner().next())));
                    }
                }

                @Async
                static Task<String> run() {
                    Counter c = new Counter(3);
                    String d = await(c.describe());
                    Mapped<Integer, String> m = new Mapped<>() {
                        final Counter in = new Counter(10);
                        @Override public Source<Integer> inner() { return in; }
                        @Override public String apply(Integer a) { return "v" + a; }
                    };
                    List<String> ms = await(m.take(3));
                    String md = await(m.describe());
                    return Task.of(d + " " + ms + " " + md);
                }
                """);
        assertEquals("Source[3, 6]&Named(counter3)&[9] [v10, v20, v30] Source[v40, v50]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void boundedWildcardsVarargsAndArraysOfGenericsAcrossAwaits(Mode mode) {
        // Generic @Async methods over bounded wildcards (List<? extends Task<? extends List<? extends T>>>),
        // @SafeVarargs generic varargs called with none, explicit type arguments and mixed arguments, Object...
        // with a null element and an array passed as one Object, arrays of List<String> and Task<Integer>.
        var p = compile("BoundedWildcardsVarargs", """
                @Async
                static <T extends Comparable<? super T>> Task<List<T>> mergeSorted(List<? extends Task<? extends List<? extends T>>> parts) {
                    List<T> out = new ArrayList<>();
                    for (Task<? extends List<? extends T>> p : parts) out.addAll(await(p));
                    Collections.sort(out);
                    return Task.of(out);
                }

                @Async
                @SafeVarargs
                static <T> Task<Integer> countAll(Predicate<? super T> p, T... xs) {
                    int n = 0;
                    for (T x : xs) if (await(get(p.test(x)))) n++;
                    return Task.of(n);
                }

                @Async
                static Task<String> joinAll(String sep, Object... parts) {
                    StringJoiner j = new StringJoiner(sep);
                    for (Object o : parts) j.add(String.valueOf(await(get(o))));
                    return Task.of(j.toString() + "#" + parts.length);
                }

                @Async
                static Task<Double> sum(Collection<? extends Number> ns, List<? super Double> sink) {
                    double s = 0;
                    for (Number n : ns) {
                        s += await(get(n)).doubleValue();
                        sink.add(s);
                    }
                    return Task.of(s);
                }

                @SuppressWarnings("unchecked")
                @Async
                static Task<String> arraysOfGenerics() {
                    List<String>[] buckets = (List<String>[]) new List<?>[3];
                    for (int i = 0; i < buckets.length; i++) buckets[i] = new ArrayList<>();
                    String[] words = {"pear", "fig", "apple", "kiwi", "banana", "plum"};
                    for (String w : words) buckets[await(get(w.length() % 3))].add(w);
                    Map<String, Integer>[] counts = new Map[] {new TreeMap<String, Integer>(), new TreeMap<String, Integer>()};
                    int k = 0;
                    for (List<String> b : buckets) for (String w : b) counts[k++ % 2].merge(w.substring(0, 1), await(get(1)), Integer::sum);
                    Task<Integer>[] ts = new Task[] {get(1), get(2), get(3)};
                    int tot = 0;
                    for (Task<Integer> t : ts) tot += await(t);
                    return Task.of(Arrays.toString(buckets) + Arrays.toString(counts) + tot);
                }

                @Async
                static Task<String> run() {
                    List<Task<List<Integer>>> parts = List.of(get(List.of(5, 1)), get(List.of(4)), get(List.of()));
                    List<Integer> merged = await(mergeSorted(parts));
                    List<String> strs = await(BoundedWildcardsVarargs.<String>mergeSorted(List.of(get(List.of("b", "a")))));
                    int c1 = await(countAll((Object o) -> o instanceof String, "a", 1, "b", 2.0));
                    int c2 = await(countAll((Integer x) -> x > 2));
                    int c3 = await(BoundedWildcardsVarargs.<Integer>countAll(x -> x > 2, 1, 2, 3, 4));
                    String j1 = await(joinAll("-"));
                    String j2 = await(joinAll("-", (Object[]) new String[] {"x", "y"}));
                    String j3 = await(joinAll("-", (Object) new String[] {"x", "y"})).startsWith("[L") ? "arr" : "none";
                    String j4 = await(joinAll(",", 1, 'c', 2L, null, true));
                    List<Object> sink = new ArrayList<>();
                    double s = await(sum(List.of(1, 2.5f, 3L), sink));
                    return Task.of(merged + " " + strs + " " + c1 + c2 + c3 + " " + j1 + " " + j2 + " " + j3 + " " + j4 + " " + s + sink + " " + await(arraysOfGenerics()));
                }
                """);
        assertEquals("[1, 4, 5] [a, b] 202 #0 x-y#2 arr 1,c,2,null,true#5 6.5[1.0, 3.5, 6.5] [[fig, banana], [pear, kiwi, plum], [apple]][{f=1, p=2}, {a=1, b=1, k=1}]6",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void labeledLoopsAndReturnsThroughFinallyBlocksThatAwait(Mode mode) {
        // A grid search with labeled continue/break of nested loops through a finally that awaits on one
        // row, a return inside a try whose finally awaits, a finally that overrides the return of a
        // catch, a switch with continue of the labeled while and a do/while continue.
        var p = compile("FinallyReturnsLabeled", """
                static final List<String> log = new ArrayList<>();

                @Async
                static Task<Integer> search(int[][] grid, int target) {
                    int steps = 0;
                    outer:
                    for (int r = 0; r < grid.length; r++) {
                        try {
                            inner:
                            for (int c = 0; c < grid[r].length; c++) {
                                steps++;
                                int v = await(get(grid[r][c]));
                                if (v < 0) continue outer;
                                if (v == 0) continue inner;
                                if (v == target) {
                                    try {
                                        return Task.of(r * 100 + c);
                                    } finally {
                                        log.add("found " + await(get(steps)));
                                    }
                                }
                                if (v > 90) break outer;
                            }
                        } finally {
                            log.add("row " + r);
                            if (r == 3) {
                                await(get(0));
                                log.add("row 3 finally awaited");
                            }
                        }
                    }
                    return Task.of(-steps);
                }

                @Async
                @SuppressWarnings("finally")
                static Task<String> overridden(boolean fail) {
                    String s = "start";
                    try {
                        try {
                            s = await(get("try"));
                            if (fail) throw new IllegalStateException("boom");
                            return Task.of(s);
                        } finally {
                            s += await(get("+f1"));
                            log.add("f1 " + s);
                        }
                    } catch (IllegalStateException e) {
                        s += "+caught";
                        return Task.of(s);
                    } finally {
                        if (s.endsWith("caught")) {
                            return Task.of(await(get(s + "+override")));
                        }
                    }
                }

                @Async
                static Task<Integer> whileWithBreaks() {
                    int i = 0, acc = 0;
                    loop:
                    while (true) {
                        i++;
                        switch (await(get(i % 4))) {
                            case 0:
                                continue loop;
                            case 3:
                                if (i > 10) break loop;
                                break;
                            default:
                                acc += i;
                        }
                        do {
                            acc++;
                            if (acc % 5 == 0) continue loop;
                        } while (await(get(acc)) % 3 != 0);
                    }
                    return Task.of(acc * 1000 + i);
                }

                @Async
                static Task<String> run() {
                    log.clear();
                    int[][] g = {{1, 0, 2}, {-1, 5}, {3, 0}, {7, 8, 9}, {95, 4}};
                    int a = await(search(g, 8));
                    int b = await(search(g, 42));
                    int c = await(search(new int[][] {{1}, {}, {2}}, 2));
                    String d = await(overridden(false));
                    String e = await(overridden(true));
                    int w = await(whileWithBreaks());
                    return Task.of(a + " " + b + " " + c + " " + d + " " + e + " " + w + " " + log);
                }
                """);
        assertEquals("301 -10 200 try try+f1+caught+override 48011 [row 0, row 1, row 2, found 8, row 3, row 3 finally awaited, row 0, row 1, row 2, row 3, row 3 finally awaited, row 4, row 0, row 1, found 2, row 2, f1 try+f1, f1 try+f1]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void innerClassInstancesCreatedWithQualifiedNewAcrossAwaits(Mode mode) {
        // Inner classes two deep (Session.Request) created with s.new Request(await(..)) and
        // this.new Session(.., await(..)).new Request(await(..)), an outer field counted by the inner
        // constructor, a static nested class's static counter, a chained fluent call with awaited arguments.
        var p = compile("InnerInstancesAcrossAwaits", """
                final String id;
                int made;

                InnerInstancesAcrossAwaits(String id) { this.id = id; }

                class Session {
                    final String user;
                    final int n;
                    Session(String user, int n) { this.user = user; this.n = n; made++; }

                    class Request {
                        final String path;
                        Request(String path) { this.path = path; }
                        @Override public String toString() { return id + "/" + user + "#" + n + path; }
                    }

                    @Async
                    Task<Request> open(String p) {
                        return Task.of(new Request(await(get(p))));
                    }
                }

                static final class Stats {
                    static int created;
                    final Map<String, Integer> hits = new TreeMap<>();
                    Stats() { created++; }
                    Stats hit(String k, int by) { hits.merge(k, by, Integer::sum); return this; }
                }

                @Async
                Task<String> handle(List<String> users) {
                    List<Session.Request> reqs = new ArrayList<>();
                    Stats stats = new Stats();
                    for (String u : users) {
                        Session s = new Session(await(get(u)), made);
                        Session.Request r1 = s.new Request(await(get("/home")));
                        Session.Request r2 = await(s.open("/" + u.length()));
                        Session.Request r3 = this.new Session(u.toUpperCase(), await(get(-1))).new Request(await(get("/x")));
                        reqs.add(r1);
                        reqs.add(r2);
                        reqs.add(r3);
                        stats = stats.hit(u, await(get(1))).hit("total", await(get(u.length())));
                    }
                    return Task.of(reqs + " " + made + " " + stats.hits);
                }

                @Async
                static Task<String> run() {
                    Stats.created = 0;
                    InnerInstancesAcrossAwaits a = new InnerInstancesAcrossAwaits(await(get("A")));
                    String r1 = await(a.handle(List.of("ann", "bo")));
                    String r2 = await(new InnerInstancesAcrossAwaits("B").handle(List.of("cy")));
                    InnerInstancesAcrossAwaits.Session s = a.new Session("zed", await(get(9)));
                    return Task.of(r1 + " | " + r2 + " | " + await(s.open("/z")) + " " + a.made + " " + Stats.created);
                }
                """);
        assertEquals("[A/ann#0/home, A/ann#0/3, A/ANN#-1/x, A/bo#2/home, A/bo#2/2, A/BO#-1/x] 4 {ann=1, bo=1, total=5} | [B/cy#0/home, B/cy#0/2, B/CY#-1/x] 2 {cy=1, total=2} | A/zed#9/z 5 2",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constantsAndByteShortCharArithmeticWithStringSwitches(Mode mode) {
        // byte, short and char compound assignments (^=, +=, >>=, ++, --) of awaited values, casts
        // that wrap, constant expressions as case labels (PREFIX + "nested", 'A' - 64, MAX), a string
        // switch with fall-through of two labels and a nested switch expression.
        var p = compile("ConstantsAndNarrowArithmetic", """
                static final int MAX = 1 << 4;
                static final char BASE = 'A';
                static final String PREFIX = "cmd:";
                static final byte MASK = 0x0F;
                static final long BIG = Integer.MAX_VALUE + 1L;

                @Async
                static Task<String> checksum(String s) {
                    byte b = 0;
                    short sh = 0;
                    char c = BASE;
                    int i = 0;
                    for (char ch : s.toCharArray()) {
                        b ^= (byte) (int) await(get((int) ch));
                        sh += await(get(ch)) * 31;
                        c += (char) (await(get(ch)) & MASK);
                        i = (i << 3) ^ (i >>> 5) ^ await(get(ch));
                    }
                    c++;
                    b--;
                    sh >>= 1;
                    char d = (char) (c + await(get(1)));
                    byte neg = (byte) (await(get(200)) + b);
                    short wrap = (short) (int) (await(get(40000)));
                    long l = BIG * await(get(2)) + sh;
                    return Task.of(b + "," + sh + "," + (int) c + "," + (int) d + "," + neg + "," + wrap + "," + i + "," + l + "," + (c > 'z') + "," + (char) (BASE + MAX));
                }

                @Async
                static Task<String> dispatch(String line) {
                    String cmd = line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line;
                    String out;
                    switch (await(get(cmd))) {
                        case "add":
                        case "plus":
                            out = "+" + await(get(MAX));
                            break;
                        case PREFIX + "nested":
                            out = "nested";
                            break;
                        case "":
                            out = "empty";
                            break;
                        default:
                            out = switch (cmd.length()) {
                                case MAX -> "max";
                                case 'A' - 64 -> "one";
                                default -> { String t = await(get(cmd.toUpperCase())); yield t.isEmpty() ? "?" : t; }
                            };
                    }
                    return Task.of(out);
                }

                @Async
                static Task<String> run() {
                    String a = await(checksum("Hello, world"));
                    String b = await(checksum(""));
                    List<String> outs = new ArrayList<>();
                    for (String l : new String[] {"cmd:add", "plus", "cmd:cmd:nested", "cmd:", "0123456789abcdef", "x", "other"}) {
                        outs.add(await(dispatch(l)));
                    }
                    return Task.of(a + " " + b + " " + outs);
                }
                """);
        assertEquals("43,-15284,170,171,-13,-25536,-876269560,4294952012,true,Q -1,0,66,67,-57,-25536,0,4294967296,false,Q [+16, +16, nested, empty, max, one, OTHER]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void conditionalExpressionsOfMixedBoxedAndPrimitiveAwaitedOperands(Mode mode) {
        // Conditionals whose operands are awaited values of different boxed types (Integer and double,
        // Character and int, Short and Byte, String and Integer), with null and an unboxing null (NPE),
        // typed as javac types them.
        var p = compile("MixedBoxingTernaries", """
                @Async
                static Task<String> run() {
                    boolean t = await(get(true)), f = !t;
                    Integer none = null;
                    Object o1 = t ? await(get(1)) : 2.0;
                    Object o2 = f ? await(get(1)) : 'c';
                    Object o3 = t ? await(get('a')) : 0;
                    Object o4 = t ? (Integer) await(get(5)) : (Long) 6L;
                    Object o5 = f ? await(get("s")) : await(get(7));
                    Integer i6 = t ? await(get(8)) : none;
                    long l7 = t ? await(get(9)) : 10L;
                    Object o8 = t ? null : await(get(3));
                    Object o9 = f ? await(get((short) 3)) : await(get((byte) 4));
                    Object o10 = t ? await(get((short) 3)) : 'x';
                    String npe;
                    try {
                        int bad = f ? await(get(1)) : none;
                        npe = "no npe " + bad;
                    } catch (NullPointerException e) {
                        npe = "npe";
                    }
                    Number n = t ? await(get(1.5f)) : await(get(2));
                    Comparable<?> cmp = f ? await(get("z")) : await(get(4));
                    double d = (t ? await(get(1)) : await(get(2L))) / 2;
                    return Task.of(describe(o1) + describe(o2) + describe(o3) + describe(o4) + describe(o5) + " " + i6 + " " + l7 + " "
                            + o8 + describe(o9) + describe(o10) + " " + npe + describe(n) + describe(cmp) + " " + d);
                }

                static String describe(Object o) {
                    return " " + o + ":" + (o == null ? "null" : o.getClass().getSimpleName());
                }
                """);
        assertEquals(" 1:Integer c:Character a:Character 5:Long 7:Integer 8 9 null 4:Byte 3:Short npe 1.5:Float 4:Integer 0.0",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void iteratorsListIteratorsAndMapEntriesKeptAcrossAwaits(Mode mode) {
        // Map.Entry.setValue in a for-each over entrySet, Iterator.remove after an await, a ListIterator
        // that sets and adds across awaits and walks back, for-each over int[] and char[][] arrays, a
        // Spliterator, a TreeMap with a reversed comparator.
        var p = compile("IteratorsAndMaps", """
                @Async
                static Task<String> run() {
                    Map<String, List<Integer>> scores = new LinkedHashMap<>();
                    scores.put("ann", new ArrayList<>(List.of(3, 9, 4)));
                    scores.put("bob", new ArrayList<>(List.of(1)));
                    scores.put("cat", new ArrayList<>());
                    scores.put("dan", new ArrayList<>(List.of(7, 7)));
                    StringBuilder sb = new StringBuilder();
                    for (Map.Entry<String, List<Integer>> e : scores.entrySet()) {
                        int sum = 0;
                        for (int s : e.getValue()) sum += await(get(s));
                        e.setValue(List.of(sum));
                        sb.append(e.getKey()).append('=').append(sum).append(' ');
                    }
                    Iterator<Map.Entry<String, List<Integer>>> it = scores.entrySet().iterator();
                    while (it.hasNext()) {
                        Map.Entry<String, List<Integer>> e = it.next();
                        if (await(get(e.getValue().get(0))) < 5) it.remove();
                    }
                    ListIterator<String> li = new ArrayList<>(List.of("a", "b", "c", "d")).listIterator();
                    List<String> seen = new ArrayList<>();
                    while (li.hasNext()) {
                        int idx = li.nextIndex();
                        String s = li.next();
                        if (await(get(idx)) % 2 == 0) li.set(s.toUpperCase() + await(get(idx)));
                        else li.add(s + s);
                        seen.add(s);
                    }
                    while (li.hasPrevious()) seen.add(await(get(li.previous())));
                    int[] primes = {2, 3, 5, 7, 11};
                    long prod = 1;
                    for (final int p : primes) prod *= await(get(p));
                    char[][] grid = {"ab".toCharArray(), "cd".toCharArray()};
                    StringBuilder g = new StringBuilder();
                    for (char[] row : grid) for (char ch : row) g.append(await(get((char) (ch + 1))));
                    Spliterator<Integer> sp = List.of(1, 2, 3).spliterator();
                    int[] acc = {0};
                    while (sp.tryAdvance(x -> acc[0] += x)) acc[0] += await(get(10));
                    Map<Character, Integer> freq = new TreeMap<>(Comparator.reverseOrder());
                    for (char ch : await(get("mississippi")).toCharArray()) freq.merge(ch, 1, Integer::sum);
                    return Task.of(sb + "" + scores + " " + seen + " " + prod + " " + g + " " + acc[0] + " " + freq);
                }
                """);
        assertEquals("ann=16 bob=1 cat=0 dan=14 {ann=[16], dan=[14]} [a, b, c, d, dd, d, cc, c, bb, b, A0] 2310 bcde 36 {s=4, p=2, m=1, i=4}",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exceptionsWithCausesAndSuppressedFromResourcesThatFailToClose(Mode mode) {
        // Try-with-resources of two resources (the second's initializer awaits) whose close() fails,
        // multi-catch wrapping into a checked exception with a code and the suppressed carried over, a
        // close failure alone, the identity of an exception and its cause through an await.
        var p = compile("ExceptionsCausesSuppressed", """
                static final class Conn implements AutoCloseable {
                    final String name;
                    final List<String> log;
                    final boolean failClose;
                    Conn(String name, List<String> log, boolean failClose) { this.name = name; this.log = log; this.failClose = failClose; log.add("open " + name); }
                    @Override public void close() {
                        log.add("close " + name);
                        if (failClose) throw new IllegalStateException("close " + name);
                    }
                }

                static final class ServiceException extends Exception {
                    final int code;
                    ServiceException(String m, int code, Throwable cause) { super(m, cause); this.code = code; }
                }

                @Async
                static Task<String> query(String q, List<String> log) throws ServiceException {
                    try (Conn a = new Conn("a", log, true); Conn b = new Conn(await(get("b")), log, q.contains("b"))) {
                        String r = await(get(q));
                        if (r.startsWith("bad")) throw new IllegalArgumentException("bad query " + r);
                        if (r.startsWith("io")) throw new java.io.UncheckedIOException(new java.io.IOException("io " + r));
                        return Task.of(r.toUpperCase());
                    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                        ServiceException se = new ServiceException("failed: " + q, e instanceof IllegalArgumentException ? 400 : 500, e);
                        for (Throwable s : e.getSuppressed()) se.addSuppressed(new RuntimeException("was suppressed: " + s.getMessage()));
                        throw se;
                    }
                }

                static String chain(Throwable t) {
                    StringBuilder sb = new StringBuilder();
                    for (Throwable c = t; c != null; c = c.getCause()) {
                        sb.append(c.getClass().getSimpleName()).append('(').append(c.getMessage()).append(')');
                        for (Throwable s : c.getSuppressed()) sb.append("{").append(s.getMessage()).append("}");
                        sb.append(c.getCause() != null ? " <- " : "");
                    }
                    return sb.toString();
                }

                @Async
                static Task<String> run() {
                    List<String> out = new ArrayList<>();
                    for (String q : List.of("ok", "bad1", "io2", "bad-b")) {
                        List<String> log = new ArrayList<>();
                        try {
                            out.add(await(query(q, log)) + log);
                        } catch (ServiceException e) {
                            out.add(e.code + " " + chain(e) + " " + log);
                        } catch (IllegalStateException e) {
                            out.add("ise " + chain(e) + " " + log);
                        }
                    }
                    Throwable root = new Error("root");
                    RuntimeException wrapped = new RuntimeException("wrap", root);
                    try {
                        await(fail(wrapped));
                    } catch (RuntimeException e) {
                        out.add((e == wrapped) + " " + (e.getCause() == root));
                    }
                    try {
                        await(direct());
                    } catch (ServiceException e) {
                        out.add("checked " + e.getMessage());
                    }
                    return Task.of(String.join("\\n", out));
                }

                @Async
                static Task<Void> direct() throws ServiceException {
                    await(get(0));
                    throw new ServiceException("direct", 1, await(get((Throwable) null)) == null ? null : new Error());
                }
                """);
        assertEquals("ise IllegalStateException(close a) [open a, open b, close b, close a]\n400 ServiceException(failed: bad1){was suppressed: close b}{was suppressed: close a} <- IllegalArgumentException(bad query bad1){close b}{close a} [open a, open b, close b, close a]\n500 ServiceException(failed: io2){was suppressed: close a} <- UncheckedIOException(java.io.IOException: io io2){close a} <- IOException(io io2) [open a, open b, close b, close a]\n400 ServiceException(failed: bad-b){was suppressed: close b}{was suppressed: close a} <- IllegalArgumentException(bad query bad-b){close b}{close a} [open a, open b, close b, close a]\ntrue true\nchecked direct",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recursionFiveThousandDeepOverASealedExpressionTree(Mode mode) {
        // Recursion 5,000 deep over a sealed expression tree (instanceof patterns, try/finally at each
        // Add) and a countdown: as with a blocking await (which does not overflow at this depth).
        var p = compile("DeepRecursion5000", """
                sealed interface Expr permits Num, Add, Neg { }
                record Num(int v) implements Expr { }
                record Add(Expr l, Expr r) implements Expr { }
                record Neg(Expr e) implements Expr { }

                @Async
                static Task<Long> eval(Expr e) {
                    if (e instanceof Num n) return Task.of((long) await(get(n.v())));
                    if (e instanceof Neg ng) return Task.of(-await(eval(ng.e())));
                    Add a = (Add) e;
                    long l = await(eval(a.l()));
                    try {
                        return Task.of(l + await(eval(a.r())));
                    } finally {
                        depthSeen++;
                    }
                }

                static int depthSeen;

                @Async
                static Task<Integer> countDown(int n, StringBuilder trail) {
                    if (n == 0) return Task.of(0);
                    if (n % 1000 == 0) trail.append(n).append(',');
                    int below = await(countDown(n - 1, trail));
                    return Task.of(below + 1);
                }

                @Async
                static Task<String> run() {
                    Expr e = new Num(1);
                    for (int i = 2; i <= 5000; i++) e = i % 2 == 0 ? new Add(new Num(i), e) : new Add(e, new Neg(new Num(i)));
                    depthSeen = 0;
                    long v = await(eval(e));
                    StringBuilder trail = new StringBuilder();
                    int c = await(countDown(5000, trail));
                    return Task.of(v + " " + depthSeen + " " + c + " " + trail);
                }
                """);
        assertEquals("2502 4999 5000 5000,4000,3000,2000,1000,",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cancellingAWorkerMidLoopRunsTheFinallyBlocksThatAwait(Mode mode) {
        // A spawned worker cancelled while it awaits in the finally of its third item: the rest of that
        // finally is skipped (the await throws), the outer finally runs and its await completes, the task
        // ends cancelled; another worker is unaffected (docs/semantics.md, as asyncio).
        var p = compile("CancelMidLoop", """
                static final List<String> log = new ArrayList<>();

                @Async
                static Task<Integer> worker(String name, int items) {
                    int done = 0;
                    try {
                        for (int i = 0; i < items; i++) {
                            try {
                                await(sleep(5));
                                done++;
                                log.add(name + " item " + i);
                            } finally {
                                if (i == 2) {
                                    log.add(name + " cleanup item " + i + " start");
                                    await(sleep(1));
                                    log.add(name + " cleanup item " + i + " end");
                                }
                            }
                        }
                        return Task.of(done);
                    } finally {
                        log.add(name + " flushing " + done);
                        await(yieldNow());
                        log.add(name + " flushed");
                    }
                }

                @Async
                static Task<String> run() {
                    log.clear();
                    Task<Integer> a = spawn(worker("a", 10));
                    Task<Integer> b = spawn(worker("b", 2));
                    while (log.stream().filter(s -> s.startsWith("a item")).count() < 3) await(sleep(1));
                    boolean requested = a.cancel();
                    String ra;
                    try {
                        ra = "a=" + await(a);
                    } catch (CancellationException e) {
                        ra = "a cancelled";
                    }
                    int rb = await(b);
                    List<String> aLog = new ArrayList<>();
                    for (String s : log) if (s.startsWith("a")) aLog.add(s);
                    return Task.of(requested + " " + ra + " " + a.isCancelled() + " b=" + rb + " " + aLog);
                }
                """);
        assertEquals("true a cancelled true b=2 [a item 0, a item 1, a item 2, a cleanup item 2 start, a flushing 3, a flushed]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchOverASealedMessageHierarchyOfRecordsAndAnEnum(Mode mode) {
        // A switch expression over a sealed interface whose permitted types are records and an enum: guarded
        // type and record patterns, var components, a byte[] component summed across awaits, recursion for
        // batches, a case that throws (JDK 21+).
        assumeTrue(Runtime.version().feature() >= 21, "record patterns and pattern switches are Java 21");
        var p = compile("SealedShapesPatterns", """
                sealed interface Msg permits Ping, Data, Batch, Close { }
                record Ping(long at) implements Msg { }
                record Data(String topic, byte[] body) implements Msg { }
                record Batch(List<Msg> items) implements Msg { }
                enum Close implements Msg { NORMAL, ABORT }

                @Async
                static Task<String> handle(Msg m, int depth) {
                    return Task.of(switch (m) {
                        case Ping p when p.at() < 0 -> "bad ping";
                        case Ping(long at) -> "pong " + await(get(at + 1));
                        case Data(String t, byte[] b) when b.length == 0 -> "empty " + t;
                        case Data(var t, var b) -> {
                            int sum = 0;
                            for (byte x : b) sum += await(get(x));
                            yield t + ":" + sum;
                        }
                        case Batch(List<Msg> items) when items.isEmpty() -> "[]";
                        case Batch(var items) -> {
                            StringJoiner j = new StringJoiner(",", "[", "]");
                            for (Msg x : items) j.add(await(handle(x, depth + 1)));
                            yield j.toString();
                        }
                        case Close c when c == Close.ABORT -> throw new IllegalStateException("abort at " + depth);
                        case Close c -> "bye " + c.ordinal() + await(get(""));
                    });
                }

                @Async
                static Task<String> run() {
                    List<String> out = new ArrayList<>();
                    List<Msg> msgs = List.of(new Ping(-1), new Ping(41), new Data("t", new byte[0]), new Data("u", new byte[] {1, -2, 127}),
                            new Batch(List.of()), new Batch(List.of(new Ping(1), new Batch(List.of(Close.NORMAL)))), Close.NORMAL,
                            new Batch(List.of(new Ping(2), Close.ABORT)));
                    for (Msg m : msgs) {
                        try {
                            out.add(await(handle(m, 0)));
                        } catch (IllegalStateException e) {
                            out.add("error " + e.getMessage());
                        }
                    }
                    return Task.of(out.toString());
                }
                """);
        assertEquals("[bad ping, pong 42, empty t, u:126, [], [pong 2,[bye 0]], bye 0, error abort at 1]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEnumsAsyncMethodCallingItsConstantsBodiesInAnRpnEvaluator(Mode mode) {
        // An RPN evaluator: an @Async method of an enum whose constants have bodies overriding a plain
        // method (@Async is not allowed in the bodies: docs/limits.md), an enum switch expression with
        // awaits in its rules, a multi-catch.
        var p = compile("EnumConstantBodies", """
                enum Op {
                    ADD("+") {
                        @Override int combine(int a, int b) { return a + b; }
                    },
                    SUB("-") {
                        @Override int combine(int a, int b) { return a - b; }
                    },
                    DIV("/") {
                        @Override int combine(int a, int b) {
                            if (b == 0) throw new ArithmeticException("div by zero: " + a + symbol + b);
                            return a / b;
                        }
                    },
                    POW("^");

                    int combine(int a, int b) { return -1; }

                    final String symbol;
                    Op(String s) { symbol = s; }

                    @Async
                    Task<Integer> apply(int a, int b) {
                        if (this != POW) return Task.of(combine(await(get(a)), await(get(b))));
                        int r = 1;
                        for (int i = 0; i < b; i++) r *= await(get(a));
                        return Task.of(r);
                    }

                    static Op of(char c) {
                        for (Op o : values()) if (o.symbol.charAt(0) == c) return o;
                        throw new IllegalArgumentException("op " + c);
                    }
                }

                @Async
                static Task<Integer> evalRpn(String expr) {
                    Deque<Integer> stack = new ArrayDeque<>();
                    for (String tok : expr.split(" ")) {
                        if (tok.chars().allMatch(Character::isDigit)) {
                            stack.push(Integer.parseInt(tok));
                        } else {
                            int b = stack.pop(), a = stack.pop();
                            Op op = Op.of(tok.charAt(0));
                            stack.push(switch (op) {
                                case ADD, SUB -> await(op.apply(a, b));
                                case DIV -> await(Op.DIV.apply(a, b));
                                case POW -> await(op.apply(a, b)) + 0;
                            });
                        }
                    }
                    return Task.of(stack.pop());
                }

                @Async
                static Task<String> run() {
                    List<String> out = new ArrayList<>();
                    for (String e : List.of("1 2 +", "2 3 ^ 4 -", "9 2 / 3 ^", "1 0 /", "2 3 x")) {
                        try {
                            out.add(e + "=" + await(evalRpn(e)));
                        } catch (ArithmeticException | IllegalArgumentException ex) {
                            out.add(ex.getClass().getSimpleName() + ":" + ex.getMessage());
                        }
                    }
                    return Task.of(out + " " + Op.ADD.getClass().getSuperclass().getSimpleName() + " " + Op.POW.getDeclaringClass().getSimpleName());
                }
                """);
        assertEquals("[1 2 +=3, 2 3 ^ 4 -=4, 9 2 / 3 ^=64, ArithmeticException:div by zero: 1/0, IllegalArgumentException:op x] Op Op",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericRepositoriesOverridingAsyncMethodsThroughBridges(Mode mode) {
        // A generic interface Repo<ID, E> implemented by an abstract BaseRepo<ID extends Comparable<ID>, E>
        // with @Async methods, overridden in UserRepo (find(Integer), a bridge) awaiting super.find; called
        // through the interface, the base class and a generic @Async method.
        var p = compile("GenericBridgesOverride", """
                interface Repo<ID, E> {
                    Task<E> find(ID id);
                    Task<List<E>> findAll(Collection<? extends ID> ids);
                }

                static abstract class BaseRepo<ID extends Comparable<ID>, E> implements Repo<ID, E> {
                    protected final SortedMap<ID, E> store = new TreeMap<>();
                    int finds;

                    @Async
                    @Override
                    public Task<E> find(ID id) {
                        finds++;
                        E e = store.get(await(get(id)));
                        if (e == null) throw new NoSuchElementException("no " + id);
                        return Task.of(e);
                    }

                    @Async
                    @Override
                    public Task<List<E>> findAll(Collection<? extends ID> ids) {
                        List<E> out = new ArrayList<>();
                        for (ID id : ids) {
                            try {
                                out.add(await(find(id)));
                            } catch (NoSuchElementException ex) {
                                out.add(null);
                            }
                        }
                        return Task.of(out);
                    }
                }

                record User(String name, int age) { }

                static final class UserRepo extends BaseRepo<Integer, User> {
                    UserRepo() { store.put(1, new User("ann", 30)); store.put(2, new User("bo", 17)); }

                    @Async
                    @Override
                    public Task<User> find(Integer id) {
                        if (id < 0) return Task.of(new User("anon", 0));
                        User u = await(super.find(id));
                        return Task.of(u.age() < 18 ? new User(u.name() + "(minor)", u.age()) : u);
                    }
                }

                @Async
                static <ID, E> Task<String> describe(Repo<ID, E> repo, List<ID> ids) {
                    List<E> all = await(repo.findAll(ids));
                    return Task.of(all.toString());
                }

                @Async
                static Task<String> run() {
                    UserRepo r = new UserRepo();
                    Repo<Integer, User> asRepo = r;
                    String a = await(describe(asRepo, List.of(1, 2, 3, -5)));
                    User u = await(asRepo.find(2));
                    BaseRepo<Integer, User> base = r;
                    User v = await(base.find(-1));
                    return Task.of(a + " " + u + " " + v + " " + r.finds);
                }
                """);
        assertEquals("[User[name=ann, age=30], User[name=bo(minor), age=17], null, User[name=anon, age=0]] User[name=bo(minor), age=17] User[name=anon, age=0] 4",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncCloseablePoolsLeasesAndMethodReferencesToAsyncMethods(Mode mode) {
        // An AsyncCloseable pool whose closeAsync awaits, leases that are records closing in reverse order,
        // a pipeline of Function<String, Task<String>> built from references to static and private
        // interface @Async methods, an instance @Async method and a lambda; a failure leaving both tries.
        var p = compile("AsyncResourcesAndMethodRefs", """
                static final List<String> log = new ArrayList<>();

                static final class Pool implements AsyncCloseable {
                    final String name;
                    int leased;
                    Pool(String name) { this.name = name; log.add("pool " + name); }

                    @Async
                    Task<Lease> lease() {
                        await(get(0));
                        leased++;
                        return Task.of(new Lease(this, leased));
                    }

                    @Async
                    @Override
                    public Task<Void> closeAsync() {
                        log.add("closing " + name + " leased=" + leased);
                        await(sleep(1));
                        log.add("closed " + name);
                        return Task.done();
                    }
                }

                record Lease(Pool pool, int n) implements AutoCloseable {
                    @Override public void close() { log.add("release " + pool.name + n); }
                }

                interface Step {
                    @Async
                    static Task<String> twice(String s) { return Task.of(await(get(s)) + s); }

                    @Async
                    private static Task<String> hidden(String s) { return Task.of("<" + await(get(s)) + ">"); }

                    @Async
                    static Task<String> wrapped(String s) { return Task.of(await(hidden(s))); }
                }

                @Async
                Task<String> instanceStep(String s) { return Task.of(await(get(s.length())) + s); }

                @Async
                static Task<String> pipeline(String input, List<Function<String, Task<String>>> steps) {
                    String cur = input;
                    for (Function<String, Task<String>> f : steps) cur = await(f.apply(cur));
                    return Task.of(cur);
                }

                @Async
                static Task<String> run() {
                    log.clear();
                    String r;
                    try (Pool p = new Pool(await(get("db")))) {
                        try (Lease a = await(p.lease()); Lease b = await(p.lease())) {
                            log.add("using " + a.n() + b.n());
                            AsyncResourcesAndMethodRefs self = new AsyncResourcesAndMethodRefs();
                            r = await(pipeline("x", List.of(Step::twice, Step::wrapped, self::instanceStep, s -> Step.twice(s.toUpperCase()))));
                            if (r.length() > 3) throw new IllegalStateException(r);
                        }
                    } catch (IllegalStateException e) {
                        r = "failed " + e.getMessage();
                    }
                    return Task.of(r + " " + log);
                }
                """);
        assertEquals("failed 4<XX>4<XX> [pool db, using 12, release db2, release db1, closing db leased=2, closed db]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchBlockScopesDefiniteAssignmentAndPerIterationCaptures(Mode mode) {
        // A local declared in one case of a colon-form switch and assigned in the next across awaits, a
        // block-local shadowing a field, finals definitely assigned in branches that await, a labeled
        // block, lambdas and anonymous classes capturing each iteration's locals, var of anonymous types.
        var p = compile("ScopesAndDeclarations", """
                int count = 5;

                @Async
                Task<String> oldSwitchScopes(int k) {
                    StringBuilder sb = new StringBuilder();
                    switch (k) {
                        case 1:
                            int x = await(get(10));
                            String label = "one";
                            sb.append(label).append(x);
                        case 2:
                            x = await(get(20)) + k;
                            label = "two";
                            sb.append(label).append(x);
                            break;
                        case 3: {
                            int count = this.count + await(get(100));
                            sb.append("three").append(count).append(this.count);
                        }
                        default:
                            x = -1;
                            sb.append("d").append(x);
                    }
                    return Task.of(sb.toString());
                }

                @Async
                Task<String> definiteAssignment(int k) {
                    final String kind;
                    int n;
                    if (k > 0) {
                        n = await(get(k * 2));
                        kind = "pos";
                    } else if (k == 0) {
                        kind = await(get("zero"));
                        n = 0;
                    } else {
                        try {
                            n = await(fail(new ArithmeticException("neg")));
                        } catch (ArithmeticException e) {
                            n = -1;
                        }
                        kind = "neg";
                    }
                    String out;
                    block:
                    {
                        if (n < 0) {
                            out = "early " + kind;
                            break block;
                        }
                        out = kind + n + await(get("!"));
                    }
                    return Task.of(out);
                }

                @Async
                Task<String> capturesPerIteration() {
                    List<Supplier<String>> later = new ArrayList<>();
                    List<Object> objs = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        String v = await(get("v" + i));
                        int sq = i * i;
                        later.add(() -> v + sq + count);
                        objs.add(new Object() {
                            final String mine = v.toUpperCase();
                            @Override public String toString() { return mine + sq; }
                        });
                        count++;
                    }
                    var acc = new Object() {
                        int hits;
                        String seen = "";
                        void hit(String s) { hits++; seen += s.charAt(0); }
                    };
                    for (Supplier<String> s : later) acc.hit(await(get(s.get())));
                    String loc = "local";
                    var holder = new Object() { String name = loc + acc.hits; };
                    int after = await(get(1));
                    holder.name += after;
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<String> s : later) sb.append(s.get()).append(' ');
                    return Task.of(sb + "" + objs + " " + acc.hits + acc.seen + " " + holder.name);
                }

                @Async
                static Task<String> run() {
                    ScopesAndDeclarations o = new ScopesAndDeclarations();
                    List<String> out = new ArrayList<>();
                    for (int k = 0; k <= 4; k++) out.add(await(o.oldSwitchScopes(k)));
                    for (int k = -1; k <= 1; k++) out.add(await(o.definiteAssignment(k)));
                    out.add(await(o.capturesPerIteration()));
                    return Task.of(out.toString());
                }
                """);
        assertEquals("[d-1, one10two21, two22, three1055d-1, d-1, early neg, zero0!, pos2!, v008 v118 v248 [V00, V11, V24] 3vvv local31]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void innerClassesOfAGenericGraphWalkingItRecursively(Mode mode) {
        // An inner class Walker of a generic Graph<N extends Comparable<N>> doing a recursive depth-first
        // search with awaits in the for-each header and the condition, a generic @Async map to Graph<M>,
        // Graph<Integer>.Walker created with gi.new Walker().
        var p = compile("GenericOuterInner", """
                static final class Graph<N extends Comparable<N>> {
                    final Map<N, List<N>> edges = new TreeMap<>();

                    Graph<N> edge(N a, N b) {
                        edges.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                        edges.computeIfAbsent(b, k -> new ArrayList<>());
                        return this;
                    }

                    class Walker {
                        final Set<N> visited = new LinkedHashSet<>();
                        final Deque<N> path = new ArrayDeque<>();

                        @Async
                        Task<Boolean> dfs(N from, N to) {
                            if (!visited.add(from)) return Task.of(false);
                            path.addLast(from);
                            if (from.compareTo(to) == 0) return Task.of(true);
                            for (N next : await(neighbours(from))) {
                                if (await(dfs(next, to))) return Task.of(true);
                            }
                            path.removeLast();
                            return Task.of(false);
                        }

                        @Async
                        Task<List<N>> neighbours(N n) {
                            return Task.of(await(get(edges.getOrDefault(n, List.of()))));
                        }
                    }

                    @Async
                    Task<Optional<List<N>>> route(N a, N b) {
                        Walker w = new Walker();
                        return Task.of(await(w.dfs(a, b)) ? Optional.of(List.copyOf(w.path)) : Optional.empty());
                    }

                    @Async
                    <M extends Comparable<M>> Task<Graph<M>> map(Function<? super N, ? extends M> f) {
                        Graph<M> g = new Graph<>();
                        for (Map.Entry<N, List<N>> e : edges.entrySet()) {
                            for (N t : e.getValue()) g.edge(f.apply(await(get(e.getKey()))), f.apply(t));
                        }
                        return Task.of(g);
                    }
                }

                @Async
                static Task<String> run() {
                    Graph<String> g = new Graph<String>().edge("a", "b").edge("b", "c").edge("a", "d").edge("d", "e").edge("e", "c");
                    Optional<List<String>> r1 = await(g.route("a", "e"));
                    Optional<List<String>> r2 = await(g.route("c", "a"));
                    Graph<Integer> gi = await(g.<Integer>map(s -> s.charAt(0) - 'a'));
                    Graph<Integer>.Walker w = gi.new Walker();
                    boolean found = await(w.dfs(0, 2));
                    return Task.of(r1 + " " + r2 + " " + gi.edges + " " + found + w.path + w.visited);
                }
                """);
        assertEquals("Optional[[a, d, e]] Optional.empty {0=[1, 3], 1=[2], 2=[], 3=[4], 4=[2]} true[0, 1, 2][0, 1, 2]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void operandOrderOfArrayStoresCompoundsAndShortCircuitsAroundAwaits(Mode mode) {
        // a[i++] = i = await(..) + i, a[idx(3)] += await(..) + a[idx(2)] with side-effecting indices, <<=
        // of a long element, String and char element compounds, a boxed Integer element that is null
        // (NPE), operands evaluated left to right around awaited calls, && and || skipping awaits.
        var p = compile("OperandOrderAndArrayCompounds", """
                static int sideEffects;
                static int idx(int i) { sideEffects = sideEffects * 10 + i; return i; }

                @Async
                static Task<String> run() {
                    sideEffects = 0;
                    int[] a = new int[4];
                    int i = 0;
                    a[i++] = i = await(get(2)) + i;
                    a[idx(3)] += await(get(5)) + a[idx(2)];
                    long[] l = {1L};
                    l[0] <<= await(get(3));
                    String[] s = {"x"};
                    s[0] += await(get('y'));
                    s[0] += await(get(1)) + 1;
                    char[] cs = {'a'};
                    cs[0] += await(get(2));
                    Integer boxed = 5;
                    boxed += await(get(3));
                    boxed++;
                    Integer[] ba = {1, null};
                    ba[0] *= await(get(7));
                    String npe;
                    try {
                        ba[1] += await(get(1));
                        npe = "none";
                    } catch (NullPointerException e) {
                        npe = "npe";
                    }
                    StringBuilder order = new StringBuilder();
                    int r = f(order, "a", 1) + await(g(order, "b", 2)) * f(order, "c", 3) - await(g(order, "d", 4));
                    boolean sc = f(order, "e", 0) > 0 && await(g(order, "x", 1)) > 0 || await(g(order, "f", 1)) > 0;
                    int t = i > 1 ? await(g(order, "t", i)) : await(g(order, "u", -i));
                    double dv = 7 / await(get(2)) + 7 % await(get(4)) * 1.5;
                    int sh = -17 >> await(get(2)) >>> 0;
                    return Task.of(Arrays.toString(a) + " " + i + " " + sideEffects + " " + l[0] + " " + s[0] + " " + cs[0] + " " + boxed + " "
                            + Arrays.toString(ba) + " " + npe + " " + r + " " + sc + " " + t + " " + order + " " + dv + " " + sh);
                }

                static int f(StringBuilder sb, String n, int v) { sb.append(n); return v; }

                @Async
                static Task<Integer> g(StringBuilder sb, String n, int v) {
                    sb.append(n).append('(');
                    int r = await(get(v));
                    sb.append(')');
                    return Task.of(r);
                }
                """);
        assertEquals("[3, 0, 0, 5] 3 32 8 xy2 c 9 [7, null] npe 3 true 3 ab()cd()ef()t() 7.5 -5",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousSubclassesCreatedAfterAwaitsAndCovariantArrayStores(Mode mode) {
        // Anonymous subclasses of a nested class created with an awaited constructor argument in a loop, a
        // bounded generic @Async method with an explicit type argument, a store of an awaited String into a
        // Shape[] seen as Object[] (ArrayStoreException).
        var p = compile("ShapesCovariantArrays", """
                static abstract class Shape implements Comparable<Shape> {
                    private static int created;
                    protected final int id = ++created;
                    abstract double area();
                    @Override public int compareTo(Shape o) { return Double.compare(area(), o.area()); }
                    @Override public String toString() { return getClass().getSimpleName() + id; }
                }

                static final class Sq extends Shape {
                    final double s;
                    Sq(double s) { this.s = s; }
                    @Override double area() { return s * s; }
                }

                static class Circ extends Shape {
                    final double r;
                    Circ(double r) { this.r = r; }
                    @Override double area() { return 3 * r * r; }
                }

                @Async
                static <S extends Shape> Task<S> biggest(List<? extends S> shapes) {
                    S best = null;
                    for (S s : shapes) {
                        Shape cmp = await(get(best));
                        if (cmp == null || s.compareTo(cmp) > 0) best = s;
                    }
                    return Task.of(best);
                }

                @Async
                static Task<String> run() {
                    Shape.created = 0;
                    List<Shape> all = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        all.add(await(get(new Sq(i))));
                        all.add(new Circ(await(get(i * 0.5))) {
                            @Override double area() { return super.area() + id; }
                            @Override public String toString() { return "anon" + super.toString(); }
                        });
                    }
                    Shape b = await(biggest(all));
                    Circ c = await(ShapesCovariantArrays.<Circ>biggest(List.of(new Circ(1), new Circ(2))));
                    Collections.sort(all);
                    Shape[] arr = all.toArray(new Shape[0]);
                    Object[] objs = arr;
                    String store;
                    try {
                        objs[0] = await(get("not a shape"));
                        store = "stored";
                    } catch (ArrayStoreException e) {
                        store = "ASE";
                    }
                    return Task.of(b + " " + c + " " + all + " " + store + " " + Shape.created);
                }
                """);
        assertEquals("anon6 Circ8 [Sq1, anon2, Sq3, anon4, Sq5, anon6] ASE 8",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncOverloadsAndUserNamesLikeTheGeneratedOnes(Mode mode) {
        // Five @Async overloads of one name (int, Integer, varargs, List<String>, a generic pair) chosen
        // as javac chooses; member classes named Coroutine, Machine and State and locals named task,
        // value, ex, state, label, resume and step$0 across awaits.
        var p = compile("OverloadsAndGeneratedLikeNames", """
                static final class Coroutine { final String v; Coroutine(String v) { this.v = v; } }
                static final class Machine { static String name() { return "user machine"; } }
                static final class State { int state = 7; }

                @Async
                static Task<String> process(int x) { return Task.of("int" + await(get(x))); }

                @Async
                static Task<String> process(Integer x) { return Task.of("Integer" + await(get(x))); }

                @Async
                static Task<String> process(Object... xs) { return Task.of("varargs" + await(get(xs.length))); }

                @Async
                static Task<String> process(List<String> xs) { return Task.of("list" + await(get(xs))); }

                @Async
                static <T extends Number> Task<String> process(T t, T u) { return Task.of("numbers" + await(get(t.intValue() + u.intValue()))); }

                @Async
                static Task<String> run() {
                    Coroutine c = new Coroutine(await(get("mine")));
                    State state = new State();
                    int task = await(get(1));
                    String value = "v";
                    Throwable ex = null;
                    Object step$0 = "s";
                    int label = 3;
                    for (int resume = 0; resume < 2; resume++) {
                        state.state += await(get(resume));
                    }
                    StringBuilder sb = new StringBuilder();
                    sb.append(await(process(1))).append(' ')
                      .append(await(process(Integer.valueOf(2)))).append(' ')
                      .append(await(process())).append(' ')
                      .append(await(process("a", "b"))).append(' ')
                      .append(await(process(List.of("q")))).append(' ')
                      .append(await(process(1.5, 2L))).append(' ')
                      .append(await(process((Object) List.of()))).append(' ');
                    return Task.of(sb + c.v + state.state + task + value + ex + step$0 + label + Machine.name());
                }
                """);
        assertEquals("int1 Integer2 varargs0 varargs2 list[q] numbers3 varargs1 mine81vnulls3user machine",
                p.run(mode, "run"));
    }
}
