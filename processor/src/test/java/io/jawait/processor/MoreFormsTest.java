package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jawait.processor.DualModeProgram.Mode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statement and expression forms beyond the common ones, each across awaits: assert, synchronized
 * blocks between awaits, unary and cast operands, chained and array assignments, array creation,
 * method references on awaited receivers, instanceof on awaited values, varargs, explicit type
 * arguments, infinite loops, throw of an awaited exception, blank finals and primitive conversions.
 */
class MoreFormsTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void operatorsCastsAndConversionsOnAwaitedValues(Mode mode) {
        var p = compile("Operators", """
                @Async
                static Task<String> run() {
                    int neg = -await(get(3));
                    boolean not = !await(get(false));
                    int inv = ~await(get(0));
                    long widened = await(get(7));
                    char c = await(get('x'));
                    double d = (double) await(get(5)) / 2;
                    String s = "s";
                    s += await(get("t"));
                    int a, b;
                    a = b = await(get(4));
                    final int blank;
                    if (await(get(true))) blank = 1; else blank = 2;
                    String nested = a > 3 ? await(get("big")) : b > 1 ? await(get("mid")) : "small";
                    return Task.of(neg + " " + not + " " + inv + " " + widened + " " + c + " " + d + " " + s
                            + " " + a + b + " " + blank + " " + nested);
                }
                """);
        assertEquals("-3 true -1 7 x 2.5 st 44 1 big", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void arraysCreationIndexingAndAssignmentThroughAwaits(Mode mode) {
        var p = compile("ArrayForms", """
                @Async
                static Task<String> run() {
                    int[] xs = new int[await(get(3))];
                    int[] ys = {await(get(1)), 2, await(get(3))};
                    int i = 0;
                    xs[i++] = await(get(10));
                    xs[await(get(i))] += await(get(5));
                    ++xs[await(get(2))];
                    int[][] grid = new int[2][await(get(2))];
                    grid[1][await(get(1))] = await(get(9));
                    return Task.of(Arrays.toString(xs) + Arrays.toString(ys) + Arrays.deepToString(grid) + i);
                }
                """);
        assertEquals("[10, 5, 1][1, 2, 3][[0, 0], [0, 9]]1", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodReferencesInstanceofVarargsAndTypeArgumentsOnAwaitedValues(Mode mode) {
        var p = compile("References", """
                static String join(String sep, Object... parts) {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : parts) sb.append(o).append(sep);
                    return sb.toString();
                }

                @Async
                static Task<String> run(Object o) {
                    Supplier<String> upper = await(get("abc"))::toUpperCase;
                    Function<String, Integer> length = String::length;
                    boolean isString = await(get(o)) instanceof String;
                    String shown = await(get(o)) instanceof String str && str.length() > 1 ? str : "?";
                    String varargs = join(",", 1, await(get(2)), 3);
                    String explicit = Tasks.<String>await(get("e")) + io.jawait.Tasks.await(get("f"));
                    return Task.of(upper.get() + length.apply(await(get("four"))) + isString + shown + varargs + explicit);
                }
                """);
        assertEquals("ABC4trueab1,2,3,ef", p.run(mode, "run", "ab"));
        assertEquals("ABC4false?1,2,3,ef", p.run(mode, "run", 5));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nestedConditionalsOfMethodReferencesAsArgumentsNextToAwaits(Mode mode) {
        // The awaited condition leaves a conditional javac has seen before, at the same position, with
        // another shape: javac's cache of argument types must not answer for it (it crashed javac).
        var p = compile("ConditionalReferences", """
                final String tag;
                ConditionalReferences(String tag) { this.tag = tag; }
                String f(String s) { return "f" + s + tag; }
                String g(String s) { return "g" + s + tag; }
                static String h(ConditionalReferences c, String s) { return "h" + s + c.tag; }
                static String apply(BiFunction<ConditionalReferences, String, String> fn, String s) {
                    return fn.apply(new ConditionalReferences("!"), s);
                }

                @Async
                static Task<String> run(boolean a, boolean b) {
                    BiFunction<ConditionalReferences, String, String> kept = a ? ConditionalReferences::f
                            : b ? ConditionalReferences::g : ConditionalReferences::h;
                    await(get(0));
                    String x = apply(await(get(a)) ? ConditionalReferences::f
                            : b ? ConditionalReferences::g : ConditionalReferences::h, "x");
                    String y = apply(a ? ConditionalReferences::f
                            : await(get(b)) ? ConditionalReferences::g : ConditionalReferences::h, await(get("y")));
                    return Task.of(x + " " + y + " " + kept.apply(new ConditionalReferences("?"), "z"));
                }
                """);
        assertEquals("fx! fy! fz?", p.run(mode, "run", true, false));
        assertEquals("gx! gy! gz?", p.run(mode, "run", false, true));
        assertEquals("hx! hy! hz?", p.run(mode, "run", false, false));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void assertStatementsWithAwaitsRunOnlyWithAssertionsEnabled(Mode mode) {
        String source = DualModeProgram.source("Asserts", """
                static int evaluated;

                static <T> Task<T> counted(T value) {
                    evaluated++;
                    return get(value);
                }

                @Async
                static Task<Integer> run(int n) {
                    evaluated = 0;
                    assert await(counted(n)) > 0 : "not positive: " + await(counted(n));
                    return Task.of(evaluated);
                }
                """);
        CompiledProgram enabled = CompiledProgram.compile("Asserts", source);
        enabled.enableAssertions();
        enabled.setStatic("suspending", mode == Mode.SUSPENDING);
        assertEquals(1, (Integer) enabled.run("run", 1));
        var e = assertThrows(AssertionError.class, () -> enabled.run("run", -1));
        assertEquals("not positive: -1", e.getMessage());

        CompiledProgram disabled = CompiledProgram.compile("Asserts", source);
        disabled.setStatic("suspending", mode == Mode.SUSPENDING);
        assertEquals(0, (Integer) disabled.run("run", -1));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void synchronizedBetweenAwaitsInfiniteLoopsAndThrowingAnAwaitedException(Mode mode) {
        var p = compile("Misc", """
                private static final Object lock = new Object();

                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    int n = 0;
                    while (true) {
                        n += await(get(1));
                        synchronized (lock) {
                            sb.append(n);
                        }
                        if (n == 3) break;
                    }
                    for (;;) {
                        if (await(get(n--)) < 2) break;
                    }
                    do sb.append('-'); while (await(get(false)));
                    try {
                        throw await(get(new IllegalStateException("thrown" + n)));
                    } catch (IllegalStateException e) {
                        sb.append(e.getMessage());
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("123-thrown0", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ternaryReturningTasksAndAwaitingTaskSubtypesAndWildcards(Mode mode) {
        var p = compile("TaskShapes", """
                @Async
                static Task<String> pick(boolean first) {
                    return first ? get("first") : Task.of("second");
                }

                @Async
                static Task<Number> widen() {
                    Task<? extends Number> t = get(Integer.valueOf(5));
                    Number n = await(t);
                    List<? extends CharSequence> seqs = await(get(List.of("a", "bc")));
                    return Task.of(n.intValue() + seqs.get(1).length());
                }

                @Async
                static Task<String> run() {
                    return Task.of(await(pick(true)) + await(pick(false)) + await(widen()));
                }
                """);
        assertEquals("firstsecond7", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unnamedVariablesAcrossAwaits(Mode mode) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 22, "unnamed variables are Java 22");
        var p = compile("Unnamed", """
                @Async
                static Task<String> run(List<String> items) {
                    int n = 0;
                    for (var _ : items) {
                        n += await(get(1));
                    }
                    try {
                        await(fail(new IllegalStateException("x")));
                    } catch (IllegalStateException _) {
                        n += await(get(10));
                    }
                    String _ = await(get("ignored"));
                    // A resource nobody names is still closed (the processor once wrote "_.close()").
                    Closer closer = new Closer();
                    try (var _ = closer) {
                        n += await(get(100));
                    }
                    return Task.of("n=" + n + " closed=" + closer.closed);
                }

                static final class Closer implements AsyncCloseable {
                    int closed;

                    @Override
                    @Async
                    public Task<Void> closeAsync() {
                        closed += await(get(1));
                        return Task.done();
                    }
                }
                """);
        assertEquals("n=112 closed=1", p.run(mode, "run", List.of("a", "b")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodReferenceReceiversAreEvaluatedBeforeALaterArgumentAwaits(Mode mode) {
        // A method reference's receiver is evaluated, and checked for null, where the reference is
        // (JLS 15.13.3): before the next argument's await, whatever that await or its operand does.
        // Found by the differential generator: the reference was left in place, so an awaited
        // receiver read the later await's result (ClassCastException), a replaced receiver was
        // read after the replacement, and a null one threw after the later argument ran.
        var p = compile("ReferenceReceivers", """
                static final List<String> LOG = new ArrayList<>();
                static final class Acc {
                    final String name;
                    Acc(String name) { this.name = name; }
                    String add(int d) { LOG.add(name + "+" + d); return name; }
                }
                static Acc acc = new Acc("old");
                static <T, R> R apply(Function<T, R> f, T x) { return f.apply(x); }
                static int replace(int v) { acc = new Acc("new"); return v; }
                static Acc none() { return null; }
                static final class Box<T> { final T v; <S> Box(Function<S, T> f, S s) { v = f.apply(s); } }
                interface Adder { String add(int d); }
                static String all(Adder... fs) { return fs[0].add(fs.length); }

                @Async
                static Task<String> run() {
                    LOG.clear();
                    acc = new Acc("old");
                    String awaited = apply(await(get(new Acc("awaited")))::add, await(get(1)));
                    String replaced = apply(acc::add, await(get(replace(2))));
                    try {
                        apply(none()::add, await(get(LOG.add("argument") ? 3 : 0)));
                    } catch (NullPointerException e) {
                        LOG.add("npe");
                    }
                    acc = new Acc("old");
                    Adder[] array = {acc::add, await(get(replace(4))) > 0 ? acc::add : null};
                    String elements = array[0].add(4) + array[1].add(4);
                    acc = new Acc("old");
                    String boxed = new Box<>(acc::add, await(get(replace(5)))).v;
                    acc = new Acc("old");
                    String varargs = all(acc::add, await(get(replace(6))) > 0 ? acc::add : null);
                    return Task.of(awaited + " " + replaced + " " + elements + " " + boxed + " " + varargs + " " + LOG);
                }
                """);
        assertEquals("awaited old oldnew old old [awaited+1, old+2, npe, old+4, new+4, old+5, old+2]", p.run(mode, "run"));
    }
}
