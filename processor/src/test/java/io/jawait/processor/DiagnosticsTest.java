package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Misuse of {@code @Async} and {@code await} is a javac error (or, where C# warns, a warning) on the
 * offending line, with a message that says what to do instead; the processor never crashes javac.
 * Each source marks the lines its diagnostics must be on with {@code // @name}.
 */
class DiagnosticsTest {
    private static final String IMPORTS = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.function.*;
            """;

    /** One compiled source and its diagnostics. */
    private record Result(String source, Compilation compilation) {
        int line(String marker) {
            String[] lines = source.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].endsWith("// @" + marker)) {
                    return i + 1;
                }
            }
            throw new AssertionError("no marker " + marker);
        }

        List<Diagnostic<? extends JavaFileObject>> all(Diagnostic.Kind kind) {
            return compilation.diagnostics().stream().filter(d -> d.getKind() == kind).collect(Collectors.toList());
        }

        Result has(Diagnostic.Kind kind, String marker, String... fragments) {
            int line = line(marker);
            for (Diagnostic<? extends JavaFileObject> d : all(kind)) {
                String message = d.getMessage(null);
                if (d.getLineNumber() == line && List.of(fragments).stream().allMatch(message::contains)) {
                    return this;
                }
            }
            fail("expected a " + kind + " on line " + line + " (@" + marker + ") containing " + List.of(fragments)
                    + "; got:\n" + dump());
            return this;
        }

        Result error(String marker, String... fragments) {
            return has(Diagnostic.Kind.ERROR, marker, fragments);
        }

        Result warning(String marker, String... fragments) {
            return has(Diagnostic.Kind.WARNING, marker, fragments);
        }

        Result errors(int count) {
            assertEquals(count, all(Diagnostic.Kind.ERROR).size(), dump());
            return this;
        }

        Result warnings(int count) {
            assertEquals(count, all(Diagnostic.Kind.WARNING).size(), dump());
            return this;
        }

        String dump() {
            return compilation.diagnostics().stream()
                    .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null))
                    .collect(Collectors.joining("\n"));
        }
    }

    private static Result compile(String className, String body, JavaFileObject... others) {
        String source = IMPORTS + body;
        List<JavaFileObject> sources = new ArrayList<>(List.of(others));
        sources.add(0, JavaFileObjects.forSourceString(className, source));
        Compilation c = Compiler.javac().withProcessors(new AsyncProcessor()).compile(sources);
        return new Result(source, c);
    }

    @Test
    void awaitOutsideAsyncMethodsIsAnErrorOnItsLine() {
        compile("Strays", """
                public class Strays {
                    static int field = await(Task.of(1)); // @field
                    int instanceField = Task.of(2).await(); // @instanceField
                    static {
                        await(sleep(1)); // @static
                    }
                    {
                        await(sleep(1)); // @instance
                    }
                    Strays() {
                        await(sleep(1)); // @constructor
                    }
                    static String plain() {
                        return await(Task.of("x")); // @method
                    }
                    static Supplier<String> lambda() {
                        return () -> await(Task.of("y")); // @lambda
                    }
                    class Member {
                        void m() {
                            await(sleep(1)); // @member
                        }
                    }
                    @Async
                    static Task<String> fine() {
                        return Task.of(await(Task.of("z")));
                    }
                }
                """)
                .error("field", "await can only be used in the body of an @Async method", "field initializer")
                .error("instanceField", "field initializer")
                .error("static", "an initializer cannot suspend")
                .error("instance", "an initializer cannot suspend")
                .error("constructor", "a constructor cannot suspend", "@Async factory method")
                .error("method", "mark plain @Async", "Tasks.run(...)")
                .error("lambda", "a lambda cannot suspend")
                .error("member", "mark m @Async")
                .errors(8);
    }

    @Test
    void awaitInLambdaAnonymousClassLocalClassOrSynchronizedOfAnAsyncMethod() {
        compile("Misplaced", """
                public class Misplaced {
                    @Async
                    static Task<String> run() {
                        Supplier<String> s = () -> await(Task.of("x")); // @lambda
                        Runnable r = new Runnable() {
                            public void run() {
                                await(sleep(1)); // @anonymous
                            }
                        };
                        class Local {
                            void m() {
                                await(sleep(1)); // @local
                            }
                        }
                        synchronized (Misplaced.class) {
                            await(sleep(1)); // @synchronized
                        }
                        return Task.of(s.get());
                    }
                }
                """)
                .error("lambda", "await cannot be used inside a lambda of an @Async method",
                        "make the lambda's work an @Async method")
                .error("anonymous", "inside an anonymous class", "make the anonymous class's work an @Async method")
                .error("local", "inside a local class", "make the local class's work an @Async method")
                .error("synchronized", "inside a synchronized block", "cannot be held across a suspension",
                        "AsyncLock")
                .errors(4);
    }

    @Test
    void badAsyncDeclarations() {
        compile("Declarations", """
                public abstract class Declarations {
                    @Async
                    static String notATask() { return "x"; } // @string
                    @Async
                    static Task<?> wildcard() { return Task.of(1); } // @wildcard
                    @Async
                    static void nothing() { } // @void
                    @Async
                    abstract Task<String> abstractOne(); // @abstract
                    @Async
                    native Task<String> nativeOne(); // @native
                    interface Api {
                        @Async
                        Task<String> call(); // @interface
                    }
                }
                """)
                .error("string", "must return io.jawait.Task<T>", "found java.lang.String")
                .error("wildcard", "must return io.jawait.Task<T>")
                .error("void", "must return io.jawait.Task<T>")
                .error("abstract", "has no body", "put @Async on the implementations")
                .error("native", "is native")
                .error("interface", "has no body")
                .errors(6);
    }

    @Test
    void asyncMethodsOfLocalAndAnonymousClassesAreRejected() {
        compile("LocalOwners", """
                public class LocalOwners {
                    static Object make() {
                        class Local {
                            @Async
                            Task<String> m() { return Task.of(await(Task.of("l"))); } // @local
                            class InLocal {
                                @Async
                                Task<String> n() { return Task.of("n"); } // @inLocal
                            }
                        }
                        return new Object() {
                            @Async
                            Task<String> a() { return Task.of("a"); } // @anonymous
                        };
                    }
                }
                """)
                .error("local", "@Async methods of local and anonymous classes are not supported", "member class")
                .error("inLocal", "not supported")
                .error("anonymous", "not supported")
                .errors(3);
    }

    @Test
    void asyncMethodsInAnEnumConstantsBodyAreRejectedAsAnonymous() {
        // The body of an enum constant is an anonymous class (JLS 8.9.1).
        compile("Planets", """
                public enum Planets {
                    MERCURY {
                        @Async
                        Task<Integer> moons() { return Task.of(await(Task.of(0))); } // @constant
                    },
                    EARTH {
                        class Moon {
                            @Async
                            Task<Integer> phase() { return Task.of(await(Task.of(1))); } // @member
                        }

                        Object probe() {
                            return new Object() {
                                @Async
                                Task<Integer> depth() { return Task.of(2); } // @anonymous
                            };
                        }
                    };

                    @Async
                    Task<Integer> rings() { return Task.of(await(Task.of(0))); }
                }
                """)
                .error("constant", "@Async method moons is in the body of enum constant MERCURY, which is an anonymous class",
                        "Declare the @Async method in the enum Planets itself", "or in a named class")
                .error("member", "@Async method phase is in the body of enum constant EARTH")
                .error("anonymous", "@Async methods of local and anonymous classes are not supported")
                .errors(3);
    }

    @Test
    void aTypeNamedIoOrJavaInScopeIsAnErrorOnTheMethodNotOnGeneratedCode() {
        // The generated code names io.jawait... and java.lang...; a type of that name hides the
        // package (JLS 6.4.2), and javac used to report "cannot find symbol" on the user's lines.
        compile("Hiding", """
                public class Hiding {
                    static class Holder {
                        static class io { }
                        @Async
                        static Task<Integer> nested() { return Task.of(await(Task.of(1))); } // @nested
                    }
                    static class Base { static class java { } }
                    static class Sub extends Base {
                        @Async
                        static Task<Integer> inherited() { return Task.of(await(Task.of(2))); } // @inherited
                    }
                    static class Generic<io> {
                        @Async
                        Task<Integer> classVariable() { return Task.of(await(Task.of(3))); } // @classVariable
                    }
                    @Async
                    static <java> Task<Integer> methodVariable() { return Task.of(await(Task.of(4))); } // @methodVariable
                    @Async
                    static Task<Integer> fine() { return Task.of(await(Task.of(5))); }
                }
                """)
                .error("nested", "@Async method nested cannot be transformed: the class Hiding.Holder.io hides the package io",
                        "rename the type")
                .error("inherited", "the class Hiding.Base.java hides the package java")
                .error("classVariable", "the type variable io of Hiding.Generic hides the package io")
                .error("methodVariable", "its type variable java hides the package java")
                .errors(4);
    }

    @Test
    void aLocalClassNamedIoOrJavaInTheMethodIsAnErrorOnItsDeclaration() {
        // Declared in the body, it hides the package in the rest of its block, and in all the step
        // method once used across an await; one in a lambda's body hides nothing the generated code names.
        compile("LocalHiding", """
                public class LocalHiding {
                    @Async
                    static Task<Integer> usedAcross() {
                        class java { int v = 2; } // @java
                        var j = new java();
                        await(sleep(0));
                        return Task.of(j.v);
                    }
                    @Async
                    static Task<Integer> nested(boolean f) {
                        int k = await(Task.of(1));
                        if (f) {
                            record io(int v) { } // @io
                            k += new io(k).v();
                        }
                        return Task.of(k + await(Task.of(1)));
                    }
                    @Async
                    static Task<Integer> inALambda() {
                        Supplier<Object> s = () -> { class java { } return new java(); };
                        await(sleep(0));
                        return Task.of(s.get() != null ? 1 : 0);
                    }
                }
                """)
                .error("java", "@Async method usedAcross cannot be transformed: its local class java hides the package java",
                        "(java.lang...); rename the class")
                .error("io", "@Async method nested cannot be transformed: its local record io hides the package io",
                        "(io.jawait...)")
                .errors(2);
    }

    @Test
    void anImportOfATypeNamedIoOrJavaIsAnErrorOnTheMethodNamingTheImport() {
        // An imported type is in scope in the whole file, where it hides the package as a member
        // type does; a static import of a field of that name hides nothing.
        JavaFileObject java = JavaFileObjects.forSourceString("foo.java", """
                package foo;
                public class java { public static final int io = 1; }
                """);
        JavaFileObject holder = JavaFileObjects.forSourceString("bar.Holder", """
                package bar;
                public class Holder { public static class io { } public static final int java = 2; }
                """);
        Result single = compile("SingleImport", """
                import foo.java; // @import
                public class SingleImport {
                    @Async
                    static Task<Integer> f() { return Task.of(await(Task.of(1))); } // @method
                    @Async
                    static Task<Integer> g() { return Task.of(await(Task.of(2))); } // @other
                }
                """, java, holder);
        single.error("method", "@Async method f cannot be transformed: the import foo.java (line "
                        + single.line("import") + ") hides the package java",
                        "name foo.java by its qualified name instead of importing it")
                .error("other", "@Async method g cannot be transformed: the import foo.java")
                .errors(2);
        Result statics = compile("StaticImport", """
                import static foo.java.io;
                import static bar.Holder.java;
                import static bar.Holder.io; // @import
                public class StaticImport {
                    @Async
                    static Task<Integer> f() { return Task.of(await(Task.of(io + java))); } // @method
                }
                """, java, holder);
        statics.error("method", "the import static bar.Holder.io (line " + statics.line("import") + ") hides the package io")
                .errors(1);
        Result onDemand = compile("OnDemandImport", """
                import foo.*; // @import
                public class OnDemandImport {
                    @Async
                    static Task<Integer> f() { return Task.of(await(Task.of(1))); } // @method
                }
                """, java, holder);
        onDemand.error("method", "the import foo.* (line " + onDemand.line("import") + ") brings in the class foo.java",
                        "import the types you use from foo one by one")
                .errors(1);
        Result fields = compile("FieldImports", """
                import static foo.java.io;
                import static bar.Holder.java;
                public class FieldImports {
                    @Async
                    static Task<Integer> f() { return Task.of(await(Task.of(io + java))); }
                }
                """, java, holder);
        fields.errors(0);
    }

    @Test
    void asyncMethodsOfLocalClassesInsideAsyncMethodsAreRejected() {
        // The local classes end up inside the generated state machine, which the await checker
        // otherwise walks only for such classes and for method references.
        compile("LocalInAsync", """
                public class LocalInAsync {
                    @Async
                    static Task<String> outer() {
                        await(sleep(1));
                        class Local {
                            @Async
                            Task<String> inner() { return Task.of("x"); } // @local
                        }
                        Object o = new Object() {
                            @Async
                            Task<String> a() { return Task.of("a"); } // @anonymous
                        };
                        return Task.of("y" + new Local() + o);
                    }
                }
                """)
                .error("local", "@Async methods of local and anonymous classes are not supported")
                .error("anonymous", "not supported")
                .errors(2);
    }

    @Test
    void awaitingAsyncMethodsOfLocalClassesInsideAsyncMethodsGetTheUnsupportedErrorNotOneOnEachAwait() {
        // The awaits of such a method are its own, not the enclosing method's: the error on each of
        // them ("await cannot be used inside a local class ... make the local class's work an @Async
        // method") told the user to do what they had done, and hid the error that names the problem.
        compile("AwaitingLocalInAsync", """
                public class AwaitingLocalInAsync {
                    @Async
                    static Task<String> outer() {
                        int n = await(Task.of(1));
                        class Local {
                            @Async
                            Task<Integer> twice() { // @local
                                return Task.of(await(Task.of(n)) * 2 + await(Task.of(0)));
                            }
                        }
                        Object o = new Object() {
                            @Async
                            Task<String> a() { return Task.of(await(Task.of("a"))); } // @anonymous
                        };
                        return Task.of("y" + await(new Local().twice()) + o);
                    }
                }
                """)
                .error("local", "@Async methods of local and anonymous classes are not supported", "Move twice")
                .error("anonymous", "not supported", "Move a")
                .errors(2);
    }

    @Test
    void warningsForAMethodThatNeverAwaitsAndForDroppedTasks() {
        compile("Warnings", """
                public class Warnings {
                    @Async
                    static Task<String> other() {
                        await(sleep(1));
                        return Task.of("x");
                    }

                    @Async
                    static Task<String> neverAwaits() { // @never
                        return Task.of("sync");
                    }

                    @Async
                    @SuppressWarnings("jawait-no-await")
                    static Task<String> neverAwaitsOnPurpose() {
                        return Task.of("sync");
                    }

                    @Async
                    static Task<Void> drops() {
                        other(); // @dropped
                        sleep(10); // @sleep
                        await(other());
                        other().await();
                        spawn(other());
                        Task<String> kept = other();
                        other().onComplete((v, e) -> { });
                        Runnable r = () -> other();
                        return Task.done();
                    }

                    @Async
                    @SuppressWarnings("jawait-dropped-task")
                    static Task<Void> dropsOnPurpose() {
                        other();
                        await(sleep(1));
                        return Task.done();
                    }
                }
                """)
                .warning("never", "never awaits", "runs to completion synchronously", "jawait-no-await")
                .warning("dropped", "the Task returned by other(...) is dropped", "Await it", "spawn(...)")
                .warning("sleep", "the Task returned by sleep(...) is dropped")
                .warnings(3)
                .errors(0);
    }

    @Test
    void tasksHandedBackByContainersAreNotDroppedButThoseAFunctionMakesAre() {
        // A Map<K, Task<V>> of loads in flight (put returns the task it replaces, remove the one it
        // removes), a queue of tasks, a reference: the call starts nothing. A Supplier's or Function's
        // task is started by the call, as is one of a generic method's own type variable.
        compile("Containers", """
                import java.util.*;
                import java.util.concurrent.atomic.AtomicReference;
                import java.util.function.*;
                public class Containers {
                    static <T> T identityOf(Supplier<T> s) { return s.get(); }

                    @Async
                    static Task<Integer> load(String k) {
                        await(sleep(1));
                        return Task.of(k.length());
                    }

                    @Async
                    static Task<Void> run(Map<String, Task<Integer>> inFlight, Deque<Task<Integer>> queue,
                            AtomicReference<Task<Integer>> last, Supplier<Task<Integer>> supplier,
                            Function<String, Task<Integer>> loader) {
                        Task<Integer> t = load("a");
                        inFlight.put("a", t);
                        inFlight.remove("a");
                        queue.addLast(t);
                        queue.pollFirst();
                        last.getAndSet(t);
                        Optional.of(t).orElse(t);
                        supplier.get(); // @supplier
                        loader.apply("b"); // @function
                        identityOf(() -> load("c")); // @generic
                        await(t);
                        return Task.done();
                    }
                }
                """)
                .warning("supplier", "the Task returned by get(...) is dropped")
                .warning("function", "the Task returned by apply(...) is dropped")
                .warning("generic", "the Task returned by identityOf(...) is dropped")
                .warnings(3)
                .errors(0);
    }

    @Test
    void unsupportedConstructsAndBodiesThatDoNotCompileAreErrorsNotCrashes() {
        Result guard = compile("Guard", """
                public class Guard {
                    @Async
                    static Task<String> run(Object o) {
                        switch (o.hashCode()) {
                            case 1:
                                await(sleep(1));
                                return Task.of("one");
                            default:
                                return Task.of("other");
                        }
                    }
                    @Async
                    static Task<String> broken() {
                        int x = await(Task.of("not an int")); // @broken
                        return Task.of("" + x);
                    }
                }
                """);
        guard.error("broken", "incompatible types");
        assertTrue(guard.all(Diagnostic.Kind.ERROR).stream().noneMatch(d -> d.getMessage(null).contains("internal error")),
                guard.dump());
    }

    @Test
    void missingReturnIsAnErrorAsInJavac() {
        compile("MissingReturn", """
                public class MissingReturn {
                    @Async
                    static Task<Void> noReturn(int n) { // @missing
                        await(sleep(1));
                        if (n > 0) return Task.done();
                    }
                    @Async
                    static Task<Void> endless() {
                        while (true) {
                            await(sleep(1));
                        }
                    }
                    @Async
                    static Task<Void> throwsAtTheEnd() {
                        await(sleep(1));
                        throw new IllegalStateException();
                    }
                }
                """)
                .error("missing", "missing return statement", "return Task.done()")
                .errors(1);
    }

    @Test
    void awaitInACaseGuardIsAnError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "guards are Java 21");
        compile("Guards", """
                public class Guards {
                    @Async
                    static Task<String> run(Object o) {
                        switch (o) {
                            case String s when s.length() > await(Task.of(2)) -> { // @guard
                                await(sleep(1));
                                return Task.of("long");
                            }
                            default -> {
                                return Task.of("other");
                            }
                        }
                    }
                }
                """)
                .error("guard", "await in a case label or guard is not supported", "await before the switch")
                .errors(1);
    }

    @Test
    void awaitAsAMethodReferenceIsAnError() {
        compile("References", """
                import java.util.List;
                import java.util.stream.Collectors;
                public class References {
                    static List<String> plain(List<Task<String>> tasks) {
                        return tasks.stream().map(Tasks::await).collect(Collectors.toList()); // @plain
                    }
                    @Async
                    static Task<List<String>> inAsync(List<Task<String>> tasks) {
                        await(sleep(1));
                        Function<Task<String>, String> f = Task::await; // @async
                        return Task.of(tasks.stream().map(f).collect(Collectors.toList()));
                    }
                }
                """)
                .error("plain", "await cannot be used as a method reference", "await(gather(tasks))")
                .error("async", "await cannot be used as a method reference")
                .errors(2);
    }

    @Test
    void anAwaitReferenceIsNotAnAwaitAndGetsNoNeverAwaitsWarning() {
        compile("OnlyReference", """
                public class OnlyReference {
                    @Async
                    static Task<String> run(Task<String> t) {
                        Function<Task<String>, String> f = Tasks::await; // @reference
                        return Task.of(f.apply(t));
                    }
                }
                """)
                .error("reference", "await cannot be used as a method reference")
                .errors(1)
                .warnings(0);
    }

    @Test
    void aMethodWithAnErrorGetsNoNeverAwaitsOrDroppedTaskWarning() {
        compile("TypoNoWarning", """
                public class TypoNoWarning {
                    @Async
                    static Task<String> typo() {
                        sleep(1);
                        return Task.of(undefinedName); // @typo
                    }
                }
                """)
                .error("typo", "cannot find symbol")
                .errors(2) // and the checker's "was not transformed" on the method
                .warnings(0);
        compile("MissingReturnNoWarning", """
                public class MissingReturnNoWarning {
                    @Async
                    static Task<Void> missingReturn(boolean b) { // @missing
                        sleep(1);
                        if (b) {
                            return Task.done();
                        }
                    }
                }
                """)
                .error("missing", "missing return")
                .errors(1)
                .warnings(0);
    }

    @Test
    void unreachableStatementsAreJavacsErrorOnTheirLineNotAMissingReturn() {
        Result r = compile("Unreachable", """
                public class Unreachable {
                    @Async
                    static Task<String> afterReturn() {
                        await(sleep(1));
                        return Task.of("a");
                        System.out.println("never"); // @afterReturn
                    }
                    @Async
                    static Task<String> inNestedBlock(int n) {
                        if (n > 0) {
                            await(sleep(1));
                            throw new IllegalStateException();
                            n++; // @afterThrow
                        }
                        while (true) {
                            await(sleep(1));
                        }
                        return Task.of("b"); // @afterLoop
                    }
                }
                """);
        r.error("afterReturn", "unreachable statement")
                .error("afterThrow", "unreachable statement")
                .error("afterLoop", "unreachable statement");
        assertTrue(r.all(Diagnostic.Kind.ERROR).stream().noneMatch(d -> d.getMessage(null).contains("missing return")),
                r.dump());
    }

    @Test
    void synchronizedAsyncMethodsMayNotAwait() {
        compile("Synchronized", """
                public class Synchronized {
                    @Async
                    synchronized Task<String> run() {
                        String a = await(Task.of("a")); // @first
                        return Task.of(a + await(Task.of("b"))); // @second
                    }
                    @Async
                    @SuppressWarnings("jawait-no-await")
                    synchronized Task<String> noAwait() {
                        return Task.of("fine");
                    }
                }
                """)
                .error("first", "await cannot be used in a synchronized @Async method", "drop synchronized")
                .error("second", "synchronized @Async method")
                .errors(2)
                .warnings(0);
    }

    @Test
    void aVarWithAnIntersectionInATypeArgumentIsAnErrorOnlyWhereAUseNeedsTheExactType() {
        // List.of(1, 2.5) is a List<Number & Comparable<...> & Constable & ConstantDesc>. After an
        // await, reads have every bound's members; a value assigned into it (ys.add(3)) needs the
        // intersection itself, which no type the generated code can write is.
        Result r = compile("NestedIntersections", """
                import java.util.*;
                public class NestedIntersections {
                    @Async
                    static Task<String> intoACopy() {
                        var xs = List.of(1, 2.5); // @copy
                        await(sleep(0));
                        var ys = new ArrayList<>(xs);
                        ys.add(3); // @copyUse
                        return Task.of(ys.toString());
                    }
                    @Async
                    static Task<String> intoAMap() {
                        var m = new HashMap<>(Map.of("a", 1, "b", 2.5)); // @map
                        await(sleep(0));
                        m.put("c", 3L); // @mapUse
                        return Task.of(m.toString());
                    }
                    @Async
                    static Task<String> readsOnly() {
                        var xs = List.of(1, 2.5);
                        await(sleep(0));
                        return Task.of(xs.get(0).describeConstable() + " " + xs.get(1).doubleValue());
                    }
                    @Async
                    static Task<String> notKeptAcrossAnAwait() {
                        await(sleep(0));
                        var xs = new ArrayList<>(List.of(1, 2.5));
                        xs.add(3);
                        return Task.of(xs.toString());
                    }
                }
                """);
        r.error("copy", "local variable xs has type java.util.List<java.lang.Number&java.lang.Comparable<",
                        "with an intersection inside a type argument", "as java.util.List<? extends java.lang.Number>",
                        "its use on line " + r.line("copyUse") + " needs the exact type", "Declare xs with a type")
                .error("map", "local variable m has type java.util.HashMap<java.lang.String,java.lang.Number&",
                        "its use on line " + r.line("mapUse"))
                .errors(2)
                .warnings(0);
    }

    @Test
    void aVarOfAnIntersectionOfLocalTypesIsAnErrorOnlyWhereNoTypeVariableCanStandForIt() {
        // An intersection naming local types is read where needed through a generic method declared
        // at the read (TypesAcrossAwaitsTest.intersectionsOfLocalTypesKeepEveryBoundWhereTheCodeNeedsTheExactType);
        // as for non-local types, no variable can stand for the wildcard of the local Base<T extends
        // Comparable<T>> bounded by Number & Comparable<...>, and run() needs more than the Base it is kept as.
        Result r = compile("LocalIntersections", """
                public class LocalIntersections {
                    @Async
                    static Task<String> bounded(boolean flag) {
                        abstract class Base<T extends Comparable<T>> { abstract T first(); }
                        class A<T extends Comparable<T>> extends Base<T> implements java.io.Serializable, Runnable {
                            T t; A(T t) { this.t = t; } T first() { return t; } public void run() { } }
                        class B<T extends Comparable<T>> extends Base<T> implements java.io.Serializable, Runnable {
                            T t; B(T t) { this.t = t; } T first() { return t; } public void run() { } }
                        var x = flag ? new A<>(1) : new B<>(2.5); // @declaration
                        await(sleep(0));
                        x.run(); // @use
                        return Task.of("" + x.first());
                    }
                }
                """);
        r.error("declaration", "local variable x has type Base<? extends java.lang.Number&",
                        "type variables cannot stand for it: the wildcard type argument 1 of Base would need a variable "
                                + "within the bound java.lang.Comparable<T> of T",
                        "its use on line " + r.line("use") + " needs the exact type", "Declare x with a type")
                .errors(1)
                .warnings(0);
    }

    @Test
    void aVarOfAnIntersectionWithAWildcardClassBoundIsAnErrorOnlyWhereAUseNeedsTheExactType() {
        // flag ? ArrayList<Integer> : LinkedList<Double> is an AbstractList<? extends Number & ...> & ...,
        // which javac cannot cast to. After an await it is read as AbstractList<$I0> & ..., which another
        // such value cannot be assigned to; Base<? extends ...> cannot even be read so ($I0 would not be
        // within T's bound Comparable<T>), which matters only where Base's members are not enough.
        Result r = compile("WildcardClassBounds", """
                import java.util.*;
                public class WildcardClassBounds {
                    static abstract class Base<T extends Comparable<T>> { abstract T first(); }
                    static class A<T extends Comparable<T>> extends Base<T> implements java.io.Serializable, Runnable {
                        T t; A(T t) { this.t = t; } T first() { return t; } public void run() { } }
                    static class B<T extends Comparable<T>> extends Base<T> implements java.io.Serializable, Runnable {
                        T t; B(T t) { this.t = t; } T first() { return t; } public void run() { } }

                    @Async
                    static Task<Integer> reassigned(boolean flag) {
                        var xs = flag ? new ArrayList<Integer>() : new LinkedList<Double>(); // @list
                        await(sleep(0));
                        var zs = xs;
                        java.io.Serializable s = zs;
                        zs = flag ? new ArrayList<Integer>() : new LinkedList<Double>(); // @listUse
                        return Task.of(zs.size() + s.hashCode());
                    }
                    @Async
                    static Task<String> boundedParameter(boolean flag) {
                        var x = flag ? new A<Integer>(1) : new B<String>("b"); // @base
                        await(sleep(0));
                        x.run(); // @baseUse
                        return Task.of("" + x.first());
                    }
                    @Async
                    static Task<String> boundedParameterReadAsDeclared(boolean flag) {
                        var x = flag ? new A<Integer>(1) : new B<String>("b");
                        await(sleep(0));
                        return Task.of("" + x.first());
                    }
                }
                """);
        r.error("list", "local variable xs has type java.util.AbstractList<? extends java.lang.Number&",
                        "an intersection whose class bound has a wildcard type argument", "as java.util.AbstractList<? extends java.lang.Number>",
                        "its use on line " + r.line("listUse") + " needs the exact type", "Declare xs with a type")
                .error("base", "local variable x has type WildcardClassBounds.Base<", "type variables cannot stand for it",
                        "would need a variable within the bound java.lang.Comparable<T>", "its use on line " + r.line("baseUse"))
                .errors(2)
                .warnings(0);
    }

    @Test
    void aTemporaryOfAnIntersectionTypeIsAnErrorOnlyWhereTheExpressionNeedsTheExactType() {
        // f's T is inferred from the list and the 3 together as Number & Comparable<...> & ...; the
        // list, computed before the await, is kept as a List<$I0>, whose T can only be $I0.
        Result r = compile("ExactTemporaries", """
                import java.util.*;
                public class ExactTemporaries {
                    static <T> String f(List<T> l, T t, int k) { return "" + l.size() + t + k; }
                    static String g(List<? extends Comparable<?>> l, int k) { return "" + l.size() + k; }
                    @Async
                    static Task<String> needsTheType() {
                        return Task.of(f(List.of(1, 2.5), 3, await(Task.of(1)))); // @call
                    }
                    @Async
                    static Task<String> readsOnly() {
                        return Task.of(g(List.of(1, 2.5), await(Task.of(1))));
                    }
                }
                """);
        r.error("call", "the value of List.of(1, 2.5) is computed before an await later in the same expression",
                        "keeps it as java.util.List<$I0>", "the expression on line " + r.line("call") + " needs the exact type",
                        "Assign the value to a local declared with a type you can write first")
                .errors(1)
                .warnings(0);
    }

    @Test
    void aTemporaryOfAnIntersectionOfLocalTypesIsAnErrorWhereTheExpressionNeedsTheExactType() {
        // List.of(new A(), new B()) is a List<Object & Tag & Mark>: no type variable of the step method
        // can stand for the intersection (it would name the local Tag), so the list, computed before
        // the await, is kept as a List<? extends Tag> (or Mark, as javac orders the bounds), from
        // which both's T, bounded by Tag & Mark, cannot be inferred.
        Result r = compile("LocalTemporaries", """
                import java.util.*;
                public class LocalTemporaries {
                    static <X> int size(List<X> xs, int k) { return xs.size() + k; }
                    @Async
                    static Task<String> needsTheType() {
                        interface Tag { String tag(); }
                        interface Mark { String mark(); }
                        class A implements Tag, Mark { public String tag() { return "a"; } public String mark() { return "m"; } }
                        class B implements Tag, Mark { public String tag() { return "b"; } public String mark() { return "n"; } }
                        class Both { <T extends Tag & Mark> String both(List<T> xs, int k) { return xs.get(k).tag() + xs.get(k).mark(); } }
                        String s = new Both().both(List.of(new A(), new B()), await(Task.of(0))); // @call
                        return Task.of(s);
                    }
                    @Async
                    static Task<Integer> readsOnly() {
                        interface Tag { String tag(); }
                        class A implements Tag, java.io.Serializable { public String tag() { return "a"; } }
                        class B implements Tag, java.io.Serializable { public String tag() { return "b"; } }
                        return Task.of(size(List.of(new A(), new B()), await(Task.of(1))));
                    }
                }
                """);
        r.error("call", "the value of List.of(new A(), new B()) is computed before an await later in the same expression",
                        "its type has an intersection that names a local or anonymous class",
                        "keeps it as java.util.List<? extends ",
                        "the expression on line " + r.line("call") + " needs the exact type",
                        "Assign the value to a local declared with a type you can write first")
                .errors(1)
                .warnings(0);
    }

    @Test
    void anAnonymousClassThatCannotBeGivenANameKeepsTheErrorOnItsUseAcrossAnAwait() {
        // An anonymous class whose own members are used on a value kept across an await becomes a
        // local class (AnonymousClassesAcrossAwaitsTest), given the pattern variables and lambda
        // parameters of the statement creating it that it reads as values. Not when such a value's type
        // is one Java cannot write (the list's List<Number & Comparable<...> & ...>) and the body needs
        // more than the supertype it would get: that keeps the error, with the reason.
        Result r = compile("UnnamedAnonymous", """
                import java.util.List;
                import java.util.function.Function;
                public class UnnamedAnonymous {
                    static <A, T> T with(A a, Function<A, T> f) { return f.apply(a); }
                    @Async
                    static Task<String> readsAnUnwritableLambdaParameter() {
                        var o = with(List.of(1, 2.5), xs -> new Object() { String f = "" + xs.get(0).describeConstable(); }); // @lambda
                        await(sleep(0));
                        return Task.of(o.f); // @lambdaUse
                    }
                    @Async
                    static Task<String> awaited() {
                        return Task.of(await(Task.of(with(List.of(1, 2.5), xs -> new Object() { // @awaited
                            String f = "" + xs.get(0).describeConstable(); }))).f);
                    }
                    @Async
                    static Task<Integer> named() {
                        var o = new Object() { int f = 3; };
                        await(sleep(0));
                        return Task.of(o.f + await(Task.of(new Object() { int g = 4; })).g
                                + await(Task.of(with(5, n -> new Object() { int h = n; }))).h);
                    }
                }
                """);
        r.error("lambda", "local variable o has an anonymous class's type", "as java.lang.Object",
                        "own member f (line " + r.line("lambdaUse") + ")", "Declare a local class",
                        "not this one: javac does not accept it as a local class (cannot find symbol); its body reads xs, "
                                + "of type java.util.List<java.lang.Number&", "so the class would be given it as a "
                                + "java.util.List<? extends java.lang.Number>")
                .error("awaited", "the awaited value has an anonymous class's type", "own member f", "local class",
                        "its body reads xs")
                .errors(2)
                .warnings(0);
    }
}
