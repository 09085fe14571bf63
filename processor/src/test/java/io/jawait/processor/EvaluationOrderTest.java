package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Awaits nested inside expressions keep Java's left-to-right evaluation order (JLS 15.7): operands,
 * arguments, receivers, array references and indices, and compound-assignment targets to the left of
 * an await are evaluated before it; conditional operators evaluate only the operands they must.
 */
class EvaluationOrderTest {

    /** Members shared by the programs below: a log and logging helpers. */
    private static final String HELPERS = """
            static List<String> log = new ArrayList<>();

            static <T> T tr(T value) {
                log.add(String.valueOf(value));
                return value;
            }

            static <T> Task<T> logged(String name, T value) {
                log.add(name);
                return get(value);
            }

            static String result(Object value) {
                String r = String.join(" ", log) + " = " + value;
                log = new ArrayList<>();
                return r;
            }
            """;

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, HELPERS + members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodArgumentsLeftToRight(Mode mode) {
        var p = compile("Arguments", """
                static String f3(Object a, Object b, Object c) { return a + "," + b + "," + c; }

                static Task<Integer> bump(int[] box, int v) { box[0] = 10; return get(v); }

                @Async
                static Task<String> run() {
                    String r = f3(tr("a"), await(logged("b", "B")), tr("c"));
                    int[] box = {1};
                    String s = f3(box[0], await(bump(box, 5)), box[0]);
                    return Task.of(result(r + " " + s));
                }
                """);
        assertEquals("a b c = a,B,c 1,5,10", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void receiverIsEvaluatedBeforeAwaitedArgument(Mode mode) {
        var p = compile("Receivers", """
                static class Rec {
                    final String name;
                    Rec(String name) { this.name = name; }
                    String g(Object o) { return name + ":" + o; }
                }

                static Rec f(String n) { log.add("f" + n); return new Rec(n); }

                static Rec current = new Rec("old");

                static Task<String> swap() { current = new Rec("new"); return get("arg"); }

                @Async
                static Task<String> run() {
                    String a = f("1").g(await(logged("arg", "x")));
                    current = new Rec("old");
                    String b = current.g(await(swap()));
                    String c = await(get(new Rec("r"))).g(await(logged("second", "y")));
                    return Task.of(result(a + " " + b + " " + c + " " + current.name));
                }
                """);
        assertEquals("f1 arg second = 1:x old:arg r:y new", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void arrayReferenceThenIndexThenRightHandSide(Mode mode) {
        var p = compile("ArrayIndex", """
                static int[] arr;
                static int idx;

                static int[] arrRef() { log.add("arr"); return arr; }
                static int index() { log.add("idx"); return idx; }

                static Task<Integer> mutate(int v) {
                    log.add("rhs");
                    arr = new int[3];
                    idx = 2;
                    return get(v);
                }

                @Async
                static Task<String> run() {
                    arr = new int[] {0, 0, 0};
                    idx = 0;
                    int[] original = arr;
                    arrRef()[index()] = await(mutate(7));
                    int read = original[idx - 2] + await(get(original[0]));
                    int[] a = {10, 20, 30};
                    int i = 0;
                    int sum = a[i++] + a[await(get(i))] + a[i];
                    return Task.of(result(Arrays.toString(original) + Arrays.toString(arr) + read + "," + sum + "," + i));
                }
                """);
        // a[i++] reads a[0]=10 (i becomes 1), a[await(get(1))]=20, a[i]=a[1]=20
        assertEquals("arr idx rhs = [7, 0, 0][0, 0, 0]14,50,1", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void compoundAssignmentReadsTargetBeforeAwaitedOperandRuns(Mode mode) {
        var p = compile("CompoundAssignment", """
                static int counter;
                int field;
                static String text;

                static Task<Integer> setCounter() { counter = 100; return get(10); }
                Task<Integer> setField() { field = 100; return get(10); }
                static Task<String> setText() { text = "changed"; return get("+tail"); }
                static Task<Integer> setElement(int[] a) { a[0] = 50; return get(2); }

                @Async
                static Task<String> run() {
                    counter = 1;
                    counter += await(setCounter());          // 1 + 10
                    CompoundAssignment self = new CompoundAssignment();
                    self.field = 1;
                    self.field += await(self.setField());    // 1 + 10
                    self.field *= await(get(3));             // 33
                    text = "orig";
                    text += await(setText());                // "orig+tail"
                    int[] a = {1};
                    a[0] += await(setElement(a));            // 1 + 2
                    int x = 5;
                    x -= await(get(x + 1));                  // 5 - 6
                    x = x * 10 + await(get(x));              // -10 + -1
                    long l = 1;
                    l <<= await(get(4));
                    return Task.of(counter + " " + self.field + " " + text + " " + a[0] + " " + x + " " + l);
                }
                """);
        assertEquals("11 33 orig+tail 3 -11 16", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stringConcatenationAndIncrementsAroundAwaits(Mode mode) {
        var p = compile("Concatenation", """
                static String name = "before";

                static Task<String> rename() { name = "after"; return get("|"); }

                @Async
                static Task<String> run() {
                    name = "before";
                    String s = tr("a") + await(logged("b", "B")) + tr("c");
                    String t = name + await(rename()) + name;
                    int i = 0;
                    String u = "" + (i++) + await(get(i)) + (i++) + (++i);
                    return Task.of(result(s + " " + t + " " + u + " " + i));
                }
                """);
        assertEquals("a b c = aBc before|after 0113 3", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void conditionalOperatorEvaluatesOnlyTheChosenBranch(Mode mode) {
        var p = compile("Conditional", """
                @Async
                static Task<String> run(boolean cond) {
                    String a = cond ? await(logged("yes", "Y")) : await(logged("no", "N"));
                    String b = await(logged("cond", !cond)) ? tr("t") : await(logged("else", "E"));
                    int c = (cond ? await(get(1)) : 2) + (cond ? 10 : await(get(20)));
                    return Task.of(result(a + b + c));
                }
                """);
        assertEquals("yes cond else = YE11", p.run(mode, "run", true));
        assertEquals("no cond t = Nt22", p.run(mode, "run", false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void andAndOrShortCircuitSkipAwaitsOnTheRight(Mode mode) {
        var p = compile("ShortCircuit", """
                @Async
                static Task<String> run() {
                    boolean a = tr(false) && await(logged("r1", true));
                    boolean b = tr(true) && await(logged("r2", false));
                    boolean c = tr(true) || await(logged("r3", false));
                    boolean d = tr(false) || await(logged("r4", true));
                    boolean e = await(logged("l5", false)) && await(logged("r5", true));
                    boolean f = tr(false) || tr(true) && await(logged("r6", true));
                    int n = 0;
                    while (n < 3 && await(logged("w" + n, true))) n++;
                    if (n == 3 || await(logged("never", true))) log.add("if");
                    return Task.of(result("" + a + b + c + d + e + f + n));
                }
                """);
        assertEquals("false true r2 true false r4 l5 false true r6 w0 w1 w2 if = falsefalsetruetruefalsetrue3",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nestedAwaitsAndAwaitsInConstructorArgumentsAndUnaryOperands(Mode mode) {
        var p = compile("Nested", """
                record Pair(Object left, Object right) {}

                @Async
                static Task<String> run() {
                    int n = await(get(await(get(1)) + await(get(2))));
                    Pair pair = new Pair(tr("L"), await(logged("R", "r")));
                    int neg = -await(get(5));
                    boolean not = !await(get(false));
                    int len = await(get("abcd")).length() + get(await(get("xy"))).await().length();
                    Object o = await(get((Object) "obj"));
                    String cast = (String) o + ((String) await(get(o))).toUpperCase();
                    return Task.of(result(n + " " + pair + " " + neg + " " + not + " " + len + " " + cast));
                }
                """);
        assertEquals("L R = 3 Pair[left=L, right=r] -5 true 6 objOBJ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClassIsInitializedBeforeItsConstructorArgumentsAreEvaluated(Mode mode) {
        // A class initializes once per class loader: each mode gets a program of its own.
        String name = "Initialization" + mode;
        var p = compile(name, """
                static class Created {
                    static { log.add("init"); }
                    final String text;
                    Created(Object a, Object b) { text = a + "," + b; }
                }

                static class Derived extends Created {
                    static { log.add("derived"); }
                    Derived(Object a, Object b) { super(a, b); }
                }

                static class Other {
                    static { log.add("other"); }
                    Other(Object a) { }
                }

                @Async
                static Task<String> run() {
                    Created c = new Created(tr("a"), await(logged("b", "B")));
                    Created d = new Derived(tr("c"), await(logged("d", "D")));
                    Object anonymous = new Other(await(logged("e", "E"))) { };
                    return Task.of(result(c.text + " " + d.text));
                }
                """.replace("Initialization", name));
        assertEquals("init a b derived c d other e = a,B c,D", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNullQualifierOfNewThrowsBeforeTheArgumentsAreEvaluated(Mode mode) {
        var p = compile("QualifiedNew", """
                class Inner {
                    final Object value;
                    Inner(Object a, Object b) { value = a + "" + b; }
                }

                @Async
                static Task<String> run(QualifiedNew outer) {
                    try {
                        Inner i = outer.new Inner(tr("a"), await(logged("b", "B")));
                        log.add("made " + i.value);
                    } catch (NullPointerException e) {
                        log.add("npe");
                    }
                    try {
                        Object o = java.util.Objects.requireNonNull(outer).new Inner(await(logged("c", "C")), "d") { };
                        log.add("made");
                    } catch (NullPointerException e) {
                        log.add("npe");
                    }
                    return Task.of(result("done"));
                }

                @Async
                static Task<String> withOuter() {
                    return run(new QualifiedNew());
                }
                """);
        assertEquals("npe npe = done", p.run(mode, "run", (Object) null));
        assertEquals("a b made aB c made = done", p.run(mode, "withOuter"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void boxedOperandsAreUnboxedBeforeLaterOperandsAwait(Mode mode) {
        var p = compile("Unboxing", """
                static int add(int a, int b) { return a + b; }
                static int sum(int... values) { int s = 0; for (int v : values) s += v; return s; }

                @Async
                static Task<String> compound(Integer nn) {
                    nn += await(logged("rhs", 1));
                    return Task.of("" + nn);
                }

                @Async
                static Task<String> binary(Integer nn) {
                    int r = nn + await(logged("right", 1));
                    boolean less = nn < await(logged("cmp", 1));
                    return Task.of(r + " " + less);
                }

                @Async
                static Task<String> argument(Integer nn) {
                    return Task.of("" + add(nn, await(logged("arg", 1))) + sum(1, nn, await(logged("vararg", 1))));
                }

                @Async
                static Task<String> index(Integer nn, int[] values) {
                    values[nn] = await(logged("element", 1));
                    Integer[] boxes = {nn};
                    boxes[0] += await(logged("boxed element", 1));
                    int[] made = {nn, await(logged("initializer", 1))};
                    return Task.of(values[0] + " " + boxes[0] + " " + made[0]);
                }

                @Async
                static Task<String> run(Integer nn) {
                    List<String> out = new ArrayList<>();
                    for (String name : List.of("compound", "binary", "argument", "index")) {
                        try {
                            out.add(name.equals("compound") ? await(compound(nn)) : name.equals("binary") ? await(binary(nn))
                                    : name.equals("argument") ? await(argument(nn)) : await(index(nn, new int[1])));
                        } catch (NullPointerException e) {
                            out.add(name + ":npe");
                        }
                    }
                    return Task.of(result(String.join(" ", out)));
                }
                """);
        assertEquals(" = compound:npe binary:npe argument:npe index:npe", p.run(mode, "run", (Object) null));
        assertEquals("rhs right cmp arg vararg element boxed element initializer = 1 1 true 12 1 1 0",
                p.run(mode, "run", 0));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void arrayAssignmentsThrowWhereJavaThrows(Mode mode) {
        // Compound assignment reads the element first (null array, bad index throw before the right
        // side); simple assignment checks them only after the right side (JLS 15.26.1, 15.26.2).
        var p = compile("ArrayThrows", """
                @Async
                static Task<Void> compound(int[] a, int i) {
                    a[i] += await(logged("compound", 1));
                    return Task.done();
                }

                @Async
                static Task<Void> simple(int[] a, int i) {
                    a[i] = await(logged("simple", 1));
                    return Task.done();
                }

                @Async
                static Task<Void> field(ArrayThrows holder) {
                    holder.value += await(logged("field", 1));
                    return Task.done();
                }

                int value;

                @Async
                static Task<String> run() {
                    List<String> out = new ArrayList<>();
                    for (int[] a : Arrays.asList(null, new int[1])) {
                        for (int i : new int[] {0, 1}) {
                            for (String kind : List.of("compound", "simple")) {
                                try {
                                    await(kind.equals("compound") ? compound(a, i) : simple(a, i));
                                    out.add(kind + ":ok");
                                } catch (RuntimeException e) {
                                    out.add(kind + ":" + e.getClass().getSimpleName());
                                }
                            }
                        }
                    }
                    try {
                        await(field(null));
                    } catch (NullPointerException e) {
                        out.add("field:npe");
                    }
                    return Task.of(result(String.join(" ", out)));
                }
                """);
        assertEquals("simple simple compound simple simple = compound:NullPointerException simple:NullPointerException "
                + "compound:NullPointerException simple:NullPointerException compound:ok simple:ok "
                + "compound:ArrayIndexOutOfBoundsException simple:ArrayIndexOutOfBoundsException field:npe",
                p.run(mode, "run"));
    }
}
