package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code super.m(...)} and {@code I.super.m(...)} in an @Async method call the method they name,
 * never an override, also when their arguments await and when the override is the @Async method.
 */
class SuperCallsTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void superCallsWithAwaitedArgumentsReachTheSuperclassMethod(Mode mode) {
        var p = DualModeProgram.compile("SuperArgs", """
                static class Base {
                    String label = "base";
                    String m(String x) { return "Base.m(" + x + ")"; }
                    @Async Task<String> step(int n) { return Task.of("Base.step(" + n + ")"); }
                }

                static class Derived extends Base {
                    String label = "derived";
                    @Override String m(String x) { return "Derived.m(" + x + ")"; }

                    // Overrides the method it calls through super: a virtual call would recurse forever.
                    @Override @Async Task<String> step(int n) {
                        String a = super.m(await(get("x")));
                        String b = await(super.step(await(get(n + 1))));
                        String c = await(get(super.m("y"))) + " " + super.label + "/" + label;
                        java.util.function.Function<String, String> f = super::m;
                        await(get(0));
                        return Task.of(a + " " + b + " " + c + " " + f.apply("z"));
                    }
                }

                static Task<String> run() {
                    return new Derived().step(1);
                }
                """);
        assertEquals("Base.m(x) Base.step(2) Base.m(y) base/derived Base.m(z)", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void interfaceSuperCallsFromClassesAndDefaultMethods(Mode mode) {
        var p = DualModeProgram.compile("InterfaceSuper", """
                interface Named<T> {
                    default String name(T value, String... more) { return "Named(" + value + "," + more.length + ")"; }
                    default <U> U pick(U u) throws java.io.IOException { return u; }
                }

                interface Greeter {
                    default String greet() { return "Greeter.greet"; }
                }

                interface Polite extends Greeter {
                    default String greet() { return "Polite.greet"; }

                    @Async
                    default Task<String> both() {
                        String own = greet();
                        await(get(0));
                        return Task.of(own + "/" + Greeter.super.greet());
                    }
                }

                static class Impl implements Named<Integer>, Polite {
                    public String name(Integer value, String... more) { return "Impl"; }
                    public <U> U pick(U u) { return null; }
                    public String greet() { return "Impl.greet"; }

                    @Async
                    Task<String> run() throws java.io.IOException {
                        String a = Named.super.name(await(get(7)), "p", await(get("q")));
                        String b = Named.super.<String>pick(await(get("picked")));
                        java.util.function.Supplier<String> g = Polite.super::greet;
                        await(get(0));
                        String c = Polite.super.greet() + " " + g.get() + " " + name(1);
                        return Task.of(a + " " + b + " " + c + " " + await(Polite.super.both()));
                    }
                }

                static Task<String> run() throws java.io.IOException {
                    return new Impl().run();
                }
                """);
        assertEquals("Named(7,2) picked Polite.greet Polite.greet Impl Impl.greet/Greeter.greet", p.run(mode, "run"));
    }
}
