package io.jawait.processor.differential;

/**
 * The fixed part of every generated program, the class {@code Harness} that each program extends:
 * the log, the helpers whose calls make evaluation order visible, the awaitable values (complete at
 * once or after a real suspension of the loop), and {@code logOf(main)}, which runs a program's
 * {@code m0} with {@code Tasks.run} and returns the log.
 *
 * <p>The same text compiles against the real runtime (with the processor) and against the
 * reference runtime (without it, where {@code @Async} methods are ordinary methods and an await
 * returns the value at once). Tasks with side effects are always awaited where they are created,
 * so both give the same order of events; tasks kept in variables ({@code iNow}, {@code iLater})
 * have none. It is compiled once per build and shared by all programs (one static log; programs run
 * one at a time), which keeps each program's compilation small. Its members are public: programs
 * live in other class loaders, hence other run-time packages.
 */
final class ProgramHarness {
    /** The harness's class name; generated programs extend it, so its members need no qualification. */
    static final String CLASS_NAME = "Harness";

    private ProgramHarness() {
    }

    /** The source of {@code Harness} (in the unnamed package, like the programs). */
    static String source() {
        return """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.function.*;

                /** The shared part of the jawait differential programs; see ProgramHarness. */
                public class Harness {
                    public static final List<String> LOG = new ArrayList<>();
                    public static int fuel;
                    public static int g;
                    public static int[] arr;
                    public static Acc acc;

                    public static class E1 extends RuntimeException { public E1(String m) { super(m); } }
                    public static class E2 extends E1 { public E2(String m) { super(m); } }
                    public static class E3 extends RuntimeException { public E3(String m) { super(m); } }
                    public static class OutOfFuel extends Error { public OutOfFuel() { super("out of fuel"); } }

                    public enum Color { RED, GREEN, BLUE }

                    public static final class Acc {
                        public final String name;
                        public int v;
                        public Acc(String name, int v) { this.name = name; this.v = v; }
                        public Acc add(int d) { tick(); LOG.add(name + "+" + d); v += d; return this; }
                        public int get() { return v; }
                    }

                    public static final class Res implements AutoCloseable {
                        public final String name;
                        public final int failOnClose;
                        public Res(String name, int failOnClose) { tick(); this.name = name; this.failOnClose = failOnClose; LOG.add("open " + name); }
                        public int use(int v) { tick(); LOG.add("use " + name + " " + v); return v; }
                        @Override public void close() {
                            tick();
                            LOG.add("close " + name);
                            if (failOnClose != 0) throw error(failOnClose, "close " + name);
                        }
                    }

                    public static final class AsyncRes implements AsyncCloseable {
                        public final String name;
                        public final int failOnClose;
                        public AsyncRes(String name, int failOnClose) { tick(); this.name = name; this.failOnClose = failOnClose; LOG.add("open " + name); }
                        public int use(int v) { tick(); LOG.add("use " + name + " " + v); return v; }
                        @Async @Override public Task<Void> closeAsync() {
                            await(pause());
                            tick();
                            LOG.add("close " + name);
                            if (failOnClose != 0) throw error(failOnClose, "close " + name);
                            return Task.done();
                        }
                        /** Narrowed to no checked exception; a try-with-resources in @Async code awaits closeAsync instead. */
                        @Override public void close() { closeAsync().join(); }
                    }

                    /** Overridden by programs with super calls: super.sup and sup must reach different methods. */
                    public int sup(int v) { tick(); LOG.add("Harness.sup " + v); return v + 1; }
                    /** Implemented and overridden by programs with super calls, for Greeter.super.greet. */
                    public interface Greeter { default int greet(int v) { tick(); LOG.add("Greeter.greet " + v); return v * 2; } }

                    /** Target-typing helpers (FunctionalOperandsGenerator): type parameters inferred from a lambda and an awaited argument. */
                    public static <T, R> R apply(Function<T, R> f, T x) { tick(); LOG.add("apply " + x); return f.apply(x); }
                    public static <T, R> R applyTo(T x, Function<? super T, ? extends R> f) { tick(); LOG.add("applyTo " + x); return f.apply(x); }
                    /** Overloads that the lambda's shape picks. */
                    public static String pick(Supplier<Integer> s) { tick(); return "supplier " + s.get(); }
                    public static String pick(Function<Integer, Integer> f) { tick(); return "function " + f.apply(10); }
                    public static String exec(Runnable r) { tick(); r.run(); return "runnable"; }
                    public static <V> String exec(Callable<V> c) {
                        tick();
                        try { return "callable " + c.call(); } catch (RuntimeException e) { throw e; } catch (Exception e) { throw new IllegalStateException(e); }
                    }
                    /** A generic class with a generic constructor, for new Box<>(lambda, await(..)). */
                    public static final class Box<T> {
                        public final T v;
                        public <S> Box(Function<S, T> f, S s) { tick(); LOG.add("box " + s); v = f.apply(s); }
                    }
                    public static int applyAll(int x, IntUnaryOperator... fs) {
                        tick();
                        LOG.add("applyAll " + x + " " + fs.length);
                        for (IntUnaryOperator f : fs) x = f.applyAsInt(x);
                        return x;
                    }
                    /** Generic classes for constructor references (FunctionalTargetsGenerator): Cell::new, Cell<String>::new, Pair::new. */
                    public static final class Cell<T> {
                        public final T v;
                        public Cell(T v) { tick(); LOG.add("cell " + v); this.v = v; }
                        public Cell(T v, int n) { tick(); LOG.add("cell " + v + " " + n); this.v = v; }
                        public <R> Cell<R> map(Function<? super T, ? extends R> f) { return new Cell<>(f.apply(v)); }
                        @Override public String toString() { return "Cell(" + v + ")"; }
                    }
                    public static final class Pair<A, B> {
                        public final A a;
                        public final B b;
                        public Pair(A a, B b) { tick(); LOG.add("pair " + a + " " + b); this.a = a; this.b = b; }
                        @Override public String toString() { return "(" + a + ", " + b + ")"; }
                    }
                    public static <T, U, R> R combine(BiFunction<T, U, R> f, T t, U u) {
                        tick();
                        // A functional first argument (Box's) has no deterministic toString.
                        LOG.add("combine " + (t instanceof Function<?, ?> ? "function" : t) + " " + u);
                        return f.apply(t, u);
                    }
                    /** A constructor reference whose target Function<T, Cell<T>> is inferred. */
                    public static <T> Function<T, Cell<T>> cellMaker() { return Cell::new; }
                    public static <T> void feed(Consumer<? super T> c, T v) { tick(); LOG.add("feed " + v); c.accept(v); }
                    public static <T> Function<T, T> twice(Function<T, T> f) { return f.andThen(f); }
                    public static <T> Supplier<T> constant(T v) { tick(); LOG.add("constant " + v); return () -> v; }
                    /** Awaitables whose type argument comes from the await's target (a lambda operand). */
                    public static <T> Task<T> now(T v) { return Task.of(v); }
                    @Async public static <T> Task<T> later(T v) { await(pause()); return Task.of(v); }
                    /** Overloaded, for method references that must pick one. */
                    public static int twist(int x) { return x * 3 + 1; }
                    public static String twist(String s) { return s + "~"; }
                    /** Logs only the tag (the value may have no deterministic toString) and returns the value. */
                    public static <T> T seen(String tag, T v) { tick(); LOG.add(tag); return v; }
                    public static Acc maybeAcc(boolean present) { return present ? acc : null; }
                    /** For this::scale, INSTANCE::scale. */
                    public int scale(int x) { tick(); LOG.add("scale " + x); return x * 5; }

                    /** Real suspensions so far (calls of pause). */
                    public static int suspensions;
                    /** Which suspension the cancellation oracle cancels at (1 = the first); 0 = none. Set by the runner. */
                    public static int cancelAt;
                    /** True in the reference build (set by the runner): there the cancelled await throws. */
                    public static boolean blockingAwait;
                    /** The task Tasks.run started, which pause cancels; null during m0's first step. */
                    public static Task<Integer> root;
                    /** A cancellation asked for in m0's first step, before its task exists: logOf cancels the task once m0 returns it. */
                    public static boolean cancelBeforeRoot;

                    /**
                     * A real suspension, counted. At the cancelAt-th, the processed build cancels the root task
                     * (which takes effect at the running code's next await, the await of the sleep returned
                     * here; before the root task exists, once it does), and the reference build's await of
                     * it throws the cancellation instead.
                     */
                    public static Task<Void> pause() {
                        if (++suspensions == cancelAt) {
                            if (blockingAwait) return Task.failed(new CancellationException());
                            if (root != null) root.cancel(); else cancelBeforeRoot = true;
                        }
                        return sleep(0);
                    }

                    public static int gate;
                    /** True on every fourth call: guards of throw and return, so most runs go deep. */
                    public static boolean sometimes() { return ++gate % 4 == 0; }
                    public static void tick() { if (++fuel > 20000) throw new OutOfFuel(); }
                    public static <T> T log(String tag, T value) { tick(); LOG.add(tag + " " + value); return value; }
                    /** A caught exception's message; for a cancellation a fixed text (its message names the task). */
                    public static String message(Throwable t) { return t instanceof CancellationException ? "cancelled" : t.getMessage(); }
                    public static String describe(Throwable t) {
                        // A cancellation's message names the task, which the reference cannot know; a cause is kept.
                        StringBuilder sb = new StringBuilder(t instanceof CancellationException
                                ? t.getClass().getName() + (t.getCause() == null ? "" : " caused by " + describe(t.getCause()))
                                : t.toString());
                        for (Throwable s : t.getSuppressed()) sb.append(" [suppressed ").append(describe(s)).append(']');
                        return sb.toString();
                    }
                    public static int bump(int d) { tick(); g += d; LOG.add("g+" + d); return g; }
                    public static int idx(int i) { return Math.floorMod(i, 4); }
                    public static String key(int i) { return "k" + Math.floorMod(i, 4); }
                    public static Color color(int i) { return Color.values()[Math.floorMod(i, 3)]; }
                    public static long wide(int v) { return v * 100003L; }
                    public static int mix(int a, int b) { return a * 31 + b; }
                    public static int mix3(int a, int b, int c) { return (a * 31 + b) * 31 + c; }
                    public static int swapArr(int v) { tick(); LOG.add("swapArr " + v); arr = new int[] {v, v + 1, v + 2, v + 3}; return v; }
                    public static int swapAcc(int v) { tick(); LOG.add("swapAcc " + v); acc = new Acc("a" + v, v); return v; }
                    public static Res open(String name, int failOnClose, int v) { Res r = new Res(name, failOnClose); r.use(v); return r; }
                    public static RuntimeException error(int kind, String m) {
                        if (kind == 1) return new E1(m);
                        if (kind == 2) return new E2(m);
                        return new E3(m);
                    }

                    public static Task<Integer> iNow(int v) { return Task.of(v); }
                    @Async public static Task<Integer> iLater(int v) { await(pause()); return Task.of(v); }
                    public static Task<Integer> iFailNow(int kind, String m) { return Task.failed(error(kind, m)); }
                    @Async public static Task<Integer> iFailLater(int kind, String m) { await(pause()); throw error(kind, m); }
                    public static Task<Boolean> bNow(boolean v) { return Task.of(v); }
                    @Async public static Task<Boolean> bLater(boolean v) { await(pause()); return Task.of(v); }
                    public static Task<String> sNow(String v) { return Task.of(v); }
                    @Async public static Task<String> sLater(String v) { await(pause()); return Task.of(v); }
                    public static Task<Acc> accNow() { return Task.of(acc); }
                    @Async public static Task<Acc> accLater(Acc a) { await(pause()); return Task.of(a); }
                    @Async public static Task<Res> resLater(String name, int failOnClose) { await(pause()); return Task.of(new Res(name, failOnClose)); }
                    @Async public static Task<AsyncRes> asyncResLater(String name, int failOnClose) { await(pause()); return Task.of(new AsyncRes(name, failOnClose)); }
                    public static CompletableFuture<Integer> cfNow(int v) { return CompletableFuture.completedFuture(v); }
                    public static CompletableFuture<Integer> cfLater(int v) {
                        CompletableFuture<Integer> f = new CompletableFuture<>();
                        completeLater(f, v);
                        return f;
                    }
                    @Async public static Task<Void> completeLater(CompletableFuture<Integer> f, int v) { await(pause()); f.complete(v); return Task.done(); }
                    public static CompletableFuture<Integer> cfFail(int kind, String m) { return CompletableFuture.failedFuture(error(kind, m)); }

                    /** Runs main on a fresh state; the log ends with the outcome and the final state. */
                    public static String logOf(Supplier<Task<Integer>> main) {
                        LOG.clear();
                        fuel = 0;
                        gate = 0;
                        g = 0;
                        arr = new int[] {1, 2, 3, 4};
                        acc = new Acc("a", 0);
                        suspensions = 0;
                        root = null;
                        cancelBeforeRoot = false;
                        try {
                            LOG.add("returned " + Tasks.run(() -> {
                                Task<Integer> task = main.get();
                                root = task;
                                if (cancelBeforeRoot) task.cancel();
                                return task;
                            }));
                        } catch (Throwable t) {
                            LOG.add("threw " + describe(t));
                        }
                        LOG.add("g=" + g + " arr=" + Arrays.toString(arr) + " acc=" + acc.name + ":" + acc.v);
                        return String.join("\\n", LOG);
                    }
                }
                """;
    }

    static String header(String className, long seed, Generation gen) {
        StringBuilder members = new StringBuilder();
        if (gen.has(Feature.SUPER_CALLS)) {
            members.append("""
                        @Override public int sup(int v) { tick(); LOG.add("$CLASS$.sup " + v); return v - 1; }
                        @Override public int greet(int v) { tick(); LOG.add("$CLASS$.greet " + v); return v - 7; }
                    """);
        }
        if (gen.has(Feature.CLASSES)) {
            members.append("""
                        static class Base { int val(int x) { tick(); LOG.add("Base.val " + x); return x; } }
                        class Inner {
                            final int base;
                            Inner(int b) { tick(); LOG.add("new Inner " + b); base = b; }
                            int plus(int d) { return base + d + f; }
                        }
                    """);
        }
        if (gen.has(Feature.GENERICS)) {
            members.append("""
                        @Async static <T extends Comparable<T>> Task<T> maxOf(T a, Task<T> b) {
                            T other = await(b);
                            await(pause());
                            return Task.of(a.compareTo(other) >= 0 ? a : other);
                        }
                        @Async static Task<Integer> sumAll(List<? extends Number> xs) {
                            int sum = 0;
                            for (Number n : xs) { sum += await(iLater(n.intValue())); }
                            return Task.of(sum);
                        }
                    """);
        }
        if (gen.has(Feature.FUNCTIONAL_TARGETS)) {
            members.append("""
                        /** A generic inner class: Holder::new captures this. */
                        class Holder<T> {
                            final T v;
                            Holder(T v) { tick(); LOG.add("holder " + v + " f=" + f); this.v = v; }
                        }
                        /** Function<T, Cell<T>> from Cell::new, Consumer<? super T> and a wildcard supplier across awaits. */
                        @Async static <T extends Comparable<T>> Task<String> across(T x, Task<T> later, Function<? super T, ? extends T> step) {
                            Consumer<? super T> sink = v -> log("sink", v);
                            Function<T, Cell<T>> mk = Cell::new;
                            Supplier<? extends List<? extends T>> ls = () -> List.of(x);
                            T y = await(later);
                            sink.accept(y);
                            var first = ls.get().get(0);
                            var all = ls.get();
                            Supplier<? extends Consumer<? super T>> sinks = () -> sink;
                            var sink2 = sinks.get();
                            await(pause());
                            sink2.accept(all.get(0));
                            seen("across sink", sink).accept(seen("across step", step).apply(await(later)));
                            feed(seen("across feed", sink), await(now(first)));
                            Cell<T> c = mk.apply(step.apply(first));
                            sink.accept(c.v);
                            for (int i = 0; i < 2; i++) {
                                sink.accept(await(now(step.apply(c.v))));
                            }
                            return Task.of(c + " " + ls.get() + " " + first.compareTo(y));
                        }
                    """);
        }
        if (gen.has(Feature.DEEP_RECURSION)) {
            members.append(deepRecursion(gen.chance.between(0, 2)));
        }
        return """
                import io.jawait.*;
                import static io.jawait.Tasks.*;
                import java.util.*;
                import java.util.function.*;

                /** Generated by the jawait differential generator from seed $SEED$; drive() returns the log. */
                public class $CLASS$ extends Harness$IMPLEMENTS$ {
                    static final $CLASS$ INSTANCE = new $CLASS$();
                    int f;
                """.concat(members.toString())
                .replace("$IMPLEMENTS$", gen.has(Feature.SUPER_CALLS) ? " implements Harness.Greeter" : "")
                .replace("$CLASS$", className).replace("$SEED$", Long.toString(seed));
    }

    /**
     * {@code deep(n, k)}, an {@code @Async} recursion n levels deep in one of three shapes (each level
     * awaits the next; the last level returns a task it does not await; the levels fail through
     * finally blocks that await), and {@code deepFail}, a failure from 200 levels down.
     */
    private static String deepRecursion(int shape) {
        String deep = switch (shape) {
            case 0 -> """
                        @Async static Task<Integer> deep(int n, int k) {
                            if (n == 0) { return Task.of(await(iLater(k))); }
                            int below = await(deep(n - 1, k + 1));
                            return Task.of((below * 31 + n) % 10007);
                        }
                    """;
            case 1 -> """
                        @Async static Task<Integer> deep(int n, int k) {
                            if (n == 0) { return iLater(k); }
                            await(iNow(n));
                            return deep(n - 1, (k * 7 + n) % 10007);
                        }
                    """;
            default -> """
                        @Async static Task<Integer> deep(int n, int k) {
                            if (n == 0) {
                                await(pause());
                                if (Math.floorMod(k, 5) == 4) { throw error(1, "deep " + k); }
                                return Task.of(k);
                            }
                            try {
                                return Task.of(await(deep(n - 1, k + 1)) + 1);
                            } finally {
                                if (n % 250 == 0) { await(pause()); }
                            }
                        }
                    """;
        };
        return deep + """
                    static Task<Integer> deepFail(int kind, String m) { return failBelow(200, kind, m); }
                    @Async static Task<Integer> failBelow(int n, int kind, String m) {
                        if (n == 0) { await(pause()); throw error(kind, m); }
                        try {
                            return Task.of(await(failBelow(n - 1, kind, m)) + 1);
                        } finally {
                            if (n % 50 == 0) { await(pause()); }
                        }
                    }
                """;
    }

    /** {@code drive()} runs {@code m0(p0, p1)}; {@code main} prints the log. */
    static String footer(int p0, int p1) {
        return """

                    static String drive() {
                        return logOf(() -> m0($P0$, $P1$));
                    }

                    public static void main(String[] args) {
                        System.out.println(drive());
                    }
                }
                """.replace("$P0$", Integer.toString(p0)).replace("$P1$", Integer.toString(p1));
    }
}
