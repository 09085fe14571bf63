package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A local class used across an await gets, in every instance, the captured values javac gives it:
 * those current where the instance is created, or, for an instance created by a lambda, a method
 * reference or another instance's code, those that lambda, reference or instance captured (see
 * CaptureHolder). Each class is declared in a loop that captures a local of the loop's body, so a
 * value from the wrong iteration shows. The expected strings are what the same code prints with a
 * blocking await (plain Java: the same members compiled without the processor, await returning the
 * value).
 */
class LocalClassCapturesTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyRouteThatCreatesAnInstanceGivesItTheValuesOfWhereItWasMade(Mode mode) {
        // In the loop's code, by a lambda, a method reference and an anonymous subclass made in an
        // earlier iteration, by the class's own method and its own method reference, run later.
        // The superclass constructor calls describe(), which reads captures: javac stores them before.
        var p = compile("CreationRoutes", """
                static class Base {
                    final String seen;
                    Base() { seen = describe(); }
                    String describe() { return "base"; }
                }

                @Async
                static Task<String> run() {
                    List<Supplier<Object>> later = new ArrayList<>();
                    List<Object> now = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        int k = await(get(i * 10));
                        String tag = "t" + i;
                        class L extends Base {
                            final int v = k;
                            @Override String describe() { return tag + k; }
                            L again() { return new L(); }
                            Supplier<Object> maker() { return L::new; }
                            @Override public String toString() { return "L" + v + tag + "/" + seen; }
                        }
                        L first = new L();
                        await(get(0));
                        now.add(new L());
                        later.add(L::new);
                        later.add(() -> new L());
                        later.add(first::again);
                        later.add(first.maker());
                        later.add(() -> new L() { @Override public String toString() { return "anon" + super.toString(); } });
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Object o : now) {
                        sb.append(o).append(' ');
                    }
                    for (Supplier<Object> m : later) {
                        sb.append(m.get()).append(' ');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("L0t0/t00 L10t1/t110 L20t2/t220 L0t0/t00 L0t0/t00 L0t0/t00 L0t0/t00 anonL0t0/t00 L10t1/t110 "
                + "L10t1/t110 L10t1/t110 L10t1/t110 anonL10t1/t110 L20t2/t220 L20t2/t220 L20t2/t220 L20t2/t220 "
                + "anonL20t2/t220 ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void subclassesSeveralConstructorsThisCallsAndLambdasBeforeSuper(Mode mode) {
        // M extends L and captures k itself and through L; L's constructors chain through this(...)
        // and pass super(...) a lambda that reads k, called only after the loop has moved on.
        var p = compile("SubclassesAndConstructors", """
                static class Base {
                    final Supplier<String> early;
                    Base(Supplier<String> early) { this.early = early; }
                }

                @Async
                static Task<String> run() {
                    List<Object> out = new ArrayList<>();
                    List<Supplier<Object>> later = new ArrayList<>();
                    int n = 0;
                    while (n < 2) {
                        int k = await(get(n++));
                        class L extends Base {
                            final String how;
                            L() { this("plain"); }
                            L(String how) { super(() -> "e" + k); this.how = how; }
                            L(int times) { this("x" + times * k); }
                            @Override public String toString() { return how + k + early.get(); }
                        }
                        class M extends L {
                            M() { super(k + 100); }
                            @Override public String toString() { return "M" + k + "/" + super.toString(); }
                        }
                        await(get(0));
                        out.add(new M());
                        out.add(new L());
                        later.add(M::new);
                        later.add(() -> new L(7));
                        later.add(() -> new L("s"));
                    }
                    for (Supplier<Object> s : later) {
                        out.add(s.get());
                    }
                    return Task.of(out.toString());
                }
                """);
        assertEquals("[M0/x00e0, plain0e0, M1/x1011e1, plain1e1, M0/x00e0, x00e0, s0e0, M1/x1011e1, x71e1, s1e1]",
                p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericClassesRecordsEnumsInterfacesAndCreationsInClassesOutsideTheLocalClass(Mode mode) {
        // Box::new as a Function (one argument, inferred type arguments); a record, an enum and an
        // interface declared next to the capturing class; Box created by an anonymous class and by
        // a local class that stays where it is declared (no await after it), both run later.
        var p = compile("GenericAndStatic", """
                @Async
                static Task<String> run() {
                    List<Supplier<Object>> later = new ArrayList<>();
                    for (String s : List.of("a", "b")) {
                        String p = await(get(s + "!"));
                        interface Named { String name(); }
                        record Pair(String x, int y) implements Named { public String name() { return x + y; } }
                        enum Kind { ONE, TWO }
                        class Box<T> implements Named {
                            final T value;
                            Box(T value) { this.value = value; }
                            public String name() { return p + value; }
                            Pair pair() { return new Pair(p, 1); }
                            <U> Box<U> map(Function<T, U> f) { return new Box<>(f.apply(value)); }
                        }
                        Function<Integer, Box<Integer>> make = Box::new;
                        await(get(0));
                        Box<Integer> b = make.apply(1);
                        Named named = b.pair();
                        later.add(() -> b.map(x -> x + 1).name() + named.name() + Kind.TWO);
                        later.add(() -> make.apply(5).name());
                        Supplier<Named> viaAnonymous = new Supplier<>() {
                            @Override public Named get() { return new Box<>("anon"); }
                        };
                        class Helper {
                            Box<String> make() { return new Box<String>("helper"); }
                        }
                        later.add(() -> viaAnonymous.get().name() + new Helper().make().name());
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<Object> m : later) {
                        sb.append(m.get()).append(' ');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("a!2a!1TWO a!5 a!anona!helper b!2b!1TWO b!5 b!anonb!helper ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localSubclassesDeclaredAfterTheLastAwaitPassTheirCapturesToTheirSuperclass(Mode mode) {
        // These subclasses stay where they are declared; L is declared before an await and used
        // after it. With the default constructor, an explicit super(...), this(...), and a
        // constructor without either; instances made later by lambdas and method references.
        var p = compile("SubclassesAfterTheAwait", """
                @Async
                static Task<String> run() {
                    List<Supplier<Object>> later = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        int k = await(get(i));
                        class L {
                            final String how;
                            L(String how) { this.how = how; }
                            L() { this("d"); }
                            @Override public String toString() { return how + k; }
                        }
                        await(get(0));
                        String suffix = "s" + i;
                        class Implicit extends L {
                            @Override public String toString() { return "I" + super.toString() + suffix; }
                        }
                        class Explicit extends L {
                            Explicit() { super("e" + k); }
                            Explicit(int x) { this(); }
                            @Override public String toString() { return "E" + super.toString() + suffix; }
                        }
                        class NoCall extends L {
                            final int x;
                            NoCall(int x) { this.x = x + k; }
                            @Override public String toString() { return "N" + x + super.toString(); }
                        }
                        later.add(Implicit::new);
                        later.add(() -> new Explicit(1));
                        later.add(() -> new NoCall(2));
                        later.add(() -> new L() { @Override public String toString() { return "A" + super.toString() + suffix; } });
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<Object> m : later) {
                        sb.append(m.get()).append(' ');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("Id0s0 Ee00s0 N2d0 Ad0s0 Id1s1 Ee11s1 N3d1 Ad1s1 ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void inAnInstanceMethodTheClassesAlsoReachTheEnclosingObject(Mode mode) {
        // The holder is an inner class of the method's class there: L reads a field of `this`, a
        // parameter and a local, each instance made later seeing its own iteration's values.
        var p = compile("InstanceMethod", """
                final String name;
                int calls;

                InstanceMethod(String name) { this.name = name; }

                @Async
                Task<String> collect(String sep) {
                    List<Supplier<Object>> later = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        int k = await(get(i));
                        class L {
                            final int call = ++calls;
                            @Override public String toString() { return name + sep + k + "#" + call; }
                        }
                        await(get(0));
                        later.add(L::new);
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<Object> m : later) {
                        sb.append(m.get()).append(' ');
                    }
                    return Task.of(sb.toString());
                }

                @Async
                static Task<String> run() {
                    return new InstanceMethod("n").collect(":");
                }
                """);
        assertEquals("n:0#1 n:1#2 ", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classesCapturingDifferentLocalsOfTypeVariablesAndEveryPrimitiveType(Mode mode) {
        // One holder for all: each creation fills what its class captures and leaves the other
        // fields at their defaults (a byte, char, boolean, long, double and T of the generic method).
        var p = compile("HolderFields", """
                @Async
                static <T> Task<String> each(List<T> items) {
                    List<Supplier<String>> later = new ArrayList<>();
                    for (T item : items) {
                        byte b = await(get((byte) 1));
                        char c = await(get('c'));
                        boolean z = await(get(true));
                        long l = await(get(7L));
                        double d = await(get(0.5));
                        class Prims {
                            @Override public String toString() { return "" + b + c + z + l + d; }
                        }
                        class Generic {
                            final T value = item;
                            @Override public String toString() { return value + "|"; }
                        }
                        await(get(0));
                        later.add(() -> new Generic().toString());
                        later.add(() -> new Prims().toString());
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<String> s : later) {
                        sb.append(s.get()).append(' ');
                    }
                    return Task.of(sb.toString());
                }

                @Async
                static Task<String> run() {
                    return each(List.of("x", "y"));
                }
                """);
        assertEquals("x| 1ctrue70.5 y| 1ctrue70.5 ", p.run(mode, "run"));
    }
}
