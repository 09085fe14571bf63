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
}
