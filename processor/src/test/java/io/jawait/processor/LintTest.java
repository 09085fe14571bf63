package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * javac's lint ({@code -Xlint:all}, often with {@code -Werror}) says about a class with
 * {@code @Async} methods what it says without the processor: nothing about the generated code (its
 * states fall through into each other, it casts, it iterates raw), and the user's own fall-through,
 * unreferenced resources, unchecked operations, raw types and redundant casts still on their lines, and
 * what the method's own {@code @SuppressWarnings} or {@code @Deprecated} suppresses suppressed in its
 * code wherever the transform moves it; a {@code @SafeVarargs} method's generic varargs parameter,
 * handed to its state machine, draws no {@code [varargs]} warning, while the unsafe uses of it in the
 * method's body (also in a lambda) draw javac's; the user's own warnings on a try statement without
 * awaits, which stays as written and javac checks itself, are reported once (also the finally of a
 * try-with-resources over an existing variable, which is taken apart around its finally); those
 * on a try-with-resources the transform takes apart (a close() that may throw InterruptedException,
 * an explicit call of a resource's close(), also in a try nested in it or a lambda) are reported still; a compound assignment to a static field named through a value
 * ({@code l.counter += await(..)}), whose variable the transform names twice, draws javac's
 * {@code [static]} warning once; a compound assignment that narrows draws javac's
 * {@code [lossy-conversions]} (JDK 20+) on its line, once, also where its right side awaits and the
 * transform writes it with an explicit cast; javac's note about unchecked operations (without {@code -Xlint:unchecked}) names
 * the same file, or none, as without the processor. Each case is compiled without the processor
 * ({@code -proc:none}, as an editor does) and with it.
 */
class LintTest {
    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.*;

            public class Linted {
                static final class Res implements AutoCloseable {
                    @Override public void close() { }
                }

                static final class Interrupting implements AutoCloseable { // @interrupting
                    @Override public void close() throws InterruptedException { }
                }

                @Async
                static Task<Integer> closesMayBeInterrupted() throws InterruptedException {
                    int a = 0;
                    try (Interrupting i = new Interrupting()) { // @interrupted-split
                        a += i.hashCode() > 0 ? await(Task.of(1)) : 0;
                    }
                    try (Interrupting i = new Interrupting()) { // @interrupted-intact
                        a += i.hashCode();
                    }
                    return Task.of(a);
                }

                @Async
                static Task<Integer> closesExplicitly() {
                    int a = 0;
                    try (Res r = new Res()) {
                        a += await(Task.of(1));
                        r.close(); // @explicit-close-split
                    }
                    try (Res r = new Res()) {
                        r.close(); // @explicit-close-intact
                    }
                    try (Res outer = new Res()) {
                        a += await(Task.of(2));
                        try (Res inner = new Res()) {
                            outer.close(); // @explicit-close-nested
                            a += inner.hashCode() > 0 ? 1 : 0;
                        }
                        Runnable later = () -> outer.close(); // @explicit-close-lambda
                        later.run();
                    }
                    Res plain = new Res();
                    try (plain) {
                        a += await(Task.of(3));
                        plain.close();
                    }
                    return Task.of(a);
                }

                @Async
                @SuppressWarnings("try")
                static Task<Integer> closesMayBeInterruptedSuppressed() throws InterruptedException {
                    int a = 0;
                    try (Interrupting i = new Interrupting()) {
                        a += i.hashCode() > 0 ? await(Task.of(1)) : 0;
                    }
                    return Task.of(a);
                }

                @Async
                static Task<String> clean(List<Integer> xs, int k) {
                    int total = 0;
                    String s = "";
                    for (int x : xs) {
                        total += await(Task.of(x));
                        s += await(Task.of("x"));
                    }
                    switch (k) {
                        case 1 -> total += await(Task.of(1));
                        case 2 -> { try { total = await(Task.of(2)); } catch (IllegalStateException e) { total = -1; } }
                        default -> total++;
                    }
                    try (Res r = new Res()) {
                        total += r.hashCode() > 0 ? await(Task.of(0)) : 0;
                    } catch (RuntimeException e) {
                        throw e;
                    }
                    return Task.of(s + total);
                }

                @Async
                static Task<Integer> ownWarnings(int k) {
                    int a = 0;
                    switch (k) {
                        case 1:
                            a += await(Task.of(1));
                        case 2: // @fallthrough
                            a++;
                            break;
                        default:
                    }
                    try (Res unused = new Res()) { // @try
                        a += await(Task.of(3));
                    }
                    return Task.of(a);
                }

                @Async
                @SuppressWarnings({"deprecation", "divzero", "empty"})
                static Task<Integer> suppressesItsOwn(int k) {
                    int y = new Date(120, 0, 1).getYear();
                    await(Task.of(0));
                    if (k > 0);
                    return Task.of(y + k / 0 + new Date(120, 0, 1).getMonth());
                }

                @Async
                static Task<Integer> ownWarningsOnStatementsWithoutAwaits(int k) {
                    int a = await(Task.of(1));
                    try (Res unusedToo = new Res()) { // @try-intact
                        a++;
                    }
                    for (int i = 0; i < k; i++) {
                        try {
                            a++;
                        } finally {
                            continue;
                        } // @finally-intact
                    }
                    for (int i = 0; i < k; i++) {
                        try {
                            a += await(Task.of(1));
                        } finally {
                            continue;
                        } // @finally-split
                    }
                    return Task.of(a);
                }

                @SafeVarargs
                @Async
                static <T> Task<List<T>> safeVarargs(T... xs) {
                    List<T> out = new ArrayList<>();
                    Object[] all = xs; // @varargs-unsafe
                    java.util.function.Supplier<Object> later = () -> xs; // @varargs-lambda
                    @SuppressWarnings("varargs") Object[] quiet = xs;
                    for (T x : xs) {
                        out.add(await(Task.of(x)));
                    }
                    return Task.of(out);
                }

                @SafeVarargs
                @Async
                final <T> Task<Integer> safeVarargsOfGenerics(int k, List<? extends T>... lists) {
                    int n = k;
                    for (List<? extends T> l : lists) {
                        n += await(Task.of(l.size()));
                    }
                    return Task.of(n);
                }

                @Async
                @SuppressWarnings("jawait-no-await")
                static Task<Integer> existingResourceWithoutAwaits(int k) {
                    int a = 0;
                    Res r = new Res();
                    for (int i = 0; i < k; i++) {
                        try (r) {
                            a++;
                        } finally {
                            continue;
                        } // @finally-existing
                    }
                    return Task.of(a);
                }

                @Async
                static Task<Integer> existingResourceWithoutAwaitsInAMethodThatAwaits(int k) {
                    int a = await(Task.of(0));
                    Res r = new Res();
                    for (int i = 0; i < k; i++) {
                        try (r) {
                            a++;
                        } finally {
                            continue;
                        } // @finally-existing-awaits
                    }
                    return Task.of(a);
                }

                @Deprecated
                @Async
                static Task<Integer> deprecatedItself() {
                    await(Task.of(0));
                    return Task.of(new Date(120, 0, 1).getDate());
                }

                @Async
                static Task<Integer> ownUncheckedRawAndCasts(Object o, List<String> strings) {
                    List raw = new ArrayList(); // @rawtypes
                    raw.add(await(Task.of("a"))); // @unchecked
                    List<Integer> ints = (List<Integer>) o; // @uncheckedcast
                    int n = (int) ints.size(); // @cast
                    java.util.function.Supplier<Integer> f = () -> {
                        List inner = strings; // @lambdarawtypes
                        return inner.size();
                    };
                    @SuppressWarnings("rawtypes") List quiet = new ArrayList<String>();
                    class Local {
                        @SuppressWarnings("unchecked") List<String> quietly(Object x) { return (List<String>) x; }
                        List<String> loudly(Object x) { return (List<String>) x; } // @localunchecked
                    }
                    await(Task.of(0));
                    return Task.of(n + raw.size() + f.get() + (Integer) (Object) strings.size() + quiet.size()
                            + new Local().quietly(raw).size() + new Local().loudly(raw).size());
                }

                @Async
                @SuppressWarnings({"unchecked", "rawtypes", "cast"})
                static Task<Integer> suppressesCasts(Object o) {
                    List raw = new ArrayList();
                    raw.add(await(Task.of("a")));
                    List<Integer> ints = (List<Integer>) o;
                    return Task.of((int) ints.size() + raw.size());
                }

                static int counter;

                @Async
                static Task<Integer> staticFieldsThroughValues(Linted l) {
                    l.counter += await(Task.of(1)); // @static-compound
                    await(Task.of(l)).counter -= await(Task.of(2)); // @static-awaited
                    return Task.of(l.counter); // @static-read
                }

                @Async
                @SuppressWarnings({"fallthrough", "try"})
                static Task<Integer> suppressed(int k) {
                    int a = 0;
                    switch (k) {
                        case 1:
                            a += await(Task.of(1));
                        case 2:
                            a++;
                    }
                    try (Res unused = new Res()) {
                        a += await(Task.of(3));
                        unused.close();
                    }
                    return Task.of(a);
                }
            }
            """;

    private static String line(String marker) {
        String[] lines = SOURCE.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("// @" + marker)) {
                return String.valueOf(i + 1);
            }
        }
        throw new AssertionError(marker);
    }

    private static List<String> warnings(Compiler compiler) {
        return warnings(compiler, JavaFileObjects.forSourceString("Linted", SOURCE));
    }

    private static List<String> warnings(Compiler compiler, JavaFileObject file) {
        Compilation c = compiler.withOptions("-Xlint:all").compile(file);
        assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
        return c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.WARNING
                        || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                .map(d -> d.getLineNumber() + ": " + d.getMessage(null)).sorted().collect(Collectors.toList());
    }

    @Test
    void lintReportsTheSameWarningsWithAndWithoutTheProcessor() {
        List<String> plain = warnings(Compiler.javac().withOptions("-proc:none"));
        List<String> processed = warnings(CompiledProgram.withProcessor());
        assertEquals(List.of(line("fallthrough"), line("try"), line("try-intact"), line("interrupting"),
                        line("interrupted-split"), line("interrupted-intact"), line("finally-intact"), line("finally-split"),
                        line("finally-existing"), line("finally-existing-awaits"), line("varargs-unsafe"), line("varargs-lambda"),
                        line("rawtypes"), line("rawtypes"), line("unchecked"), line("uncheckedcast"), line("cast"),
                        line("lambdarawtypes"), line("localunchecked"), line("static-compound"), line("static-awaited"),
                        line("static-read"), line("explicit-close-split"), line("explicit-close-intact"),
                        line("explicit-close-nested"), line("explicit-close-lambda")).stream().sorted().collect(Collectors.toList()),
                plain.stream().map(w -> w.substring(0, w.indexOf(':'))).sorted().collect(Collectors.toList()),
                "the case's premise: javac -proc:none, " + plain);
        assertEquals(plain, processed);
    }

    /**
     * Compound assignments that narrow ({@code [lossy-conversions]}, JDK 20+): the transform writes
     * one whose right side awaits as an assignment with an explicit cast, which javac does not warn
     * about, and the generated code suppresses the category for the compound assignments it keeps;
     * the user's own are reported from the body as written, once, also in lambdas, anonymous and
     * local classes and switch cases. JDK 17 has no such category: no warning either way.
     */
    private static final String LOSSY = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.function.*;

            public class Lossy {
                static short field;
                int inst;

                @Async
                static Task<Integer> narrowed(int k, Lossy l) {
                    byte b = 0;
                    short s = 1;
                    char c = 'a';
                    int i = 2;
                    b += await(Task.of(300)) + 1; // @lossy
                    s *= await(Task.of(2.5)) * 1.0; // @lossy
                    c += await(Task.of(1L)) + 0L; // @lossy
                    i += await(Task.of(1.5)) + 0.5; // @lossy
                    b += k; // @lossy
                    int[] arr = {1};
                    arr[await(Task.of(0))] += 3L; // @lossy
                    arr[0] += await(Task.of(3L)) + 1L; // @lossy
                    field += await(Task.of(3)) + 1; // @lossy
                    l.inst += await(Task.of(3L)) - 1L; // @lossy
                    await(Task.of(l)).inst += 2L; // @lossy
                    b += (byte) 1;
                    i += await(Task.of(1));
                    IntSupplier f = () -> { byte x = 0; x += k; return x; }; // @lossy
                    Object o = new Object() { int m() { short y = 0; y -= 1L; return y; } }; // @lossy
                    class Local { int n() { char d = 'a'; d += k * 2; return d; } } // @lossy
                    return Task.of(b + s + c + i + arr[0] + f.getAsInt() + new Local().n() + o.hashCode());
                }

                @Async
                @SuppressWarnings("lossy-conversions")
                static Task<Integer> suppressed(int k) {
                    byte b = 0;
                    b += await(Task.of(300)) + k;
                    return Task.of((int) b);
                }
            }
            """;

    @Test
    void lossyCompoundAssignmentsAreReportedOnceOnTheirLines() {
        JavaFileObject file = JavaFileObjects.forSourceString("Lossy", LOSSY);
        List<String> plain = warnings(Compiler.javac().withOptions("-proc:none"), file);
        List<String> processed = warnings(CompiledProgram.withProcessor(), file);
        List<String> expected = new java.util.ArrayList<>();
        String[] lines = LOSSY.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (Runtime.version().feature() >= 20 && lines[i].endsWith("// @lossy")) {
                expected.add(String.valueOf(i + 1));
            }
        }
        assertEquals(expected.stream().sorted().collect(Collectors.toList()), plain.stream().map(w -> w.substring(0, w.indexOf(':'))).sorted().collect(Collectors.toList()),
                "the case's premise: javac -proc:none, " + plain);
        assertEquals(plain, processed);
    }

    @Test
    void withoutXlintTheUncheckedNoteIsGivenWithTheProcessorToo() {
        // javac names the file when one source has unchecked operations, though the processor
        // attributes each @Async body of it on its own first.
        List<String> plain = notes(Compiler.javac().withOptions("-proc:none"), LINTED);
        List<String> processed = notes(CompiledProgram.withProcessor(), LINTED);
        assertEquals(List.of("Linted.java uses unchecked or unsafe operations.",
                "Recompile with -Xlint:unchecked for details."), plain, "the case's premise: javac -proc:none");
        assertEquals(plain, processed);
    }

    /**
     * Unchecked operations in expression statements of @Async methods whose own
     * {@code @SuppressWarnings("unchecked")}, or an enclosing class's, covers them: no note.
     */
    private static final String SUPPRESSED = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import java.util.*;

            public class Suppressed {
                @Async
                @SuppressWarnings({"unchecked", "rawtypes"})
                static Task<Integer> byTheMethod() {
                    List raw = new ArrayList();
                    raw.add(await(Task.of("a")));
                    raw.add("b");
                    return Task.of(raw.size());
                }

                @SuppressWarnings({"unchecked", "rawtypes"})
                static class Outer {
                    static class Inner {
                        @Async
                        static Task<Integer> byAnEnclosingClass(Object o) {
                            List raw = new ArrayList();
                            raw.add(o);
                            ((List<Integer>) o).size();
                            return Task.of(raw.size() + await(Task.of(1)));
                        }
                    }
                }
            }
            """;

    @Test
    void theUncheckedNoteCountsWhatJavacCountsWithSuppressionsSeveralMethodsAndSeveralFiles() {
        for (List<String> options : List.<List<String>>of(List.of(), List.of("-Xlint:unchecked"))) {
            for (List<JavaFileObject> files : List.of(List.of(SUPPRESSED_FILE), List.of(LINTED, SUPPRESSED_FILE),
                    List.of(SUPPRESSED_FILE, LINTED))) {
                List<String> plain = notes(Compiler.javac().withOptions(concat(options, "-proc:none")), files);
                List<String> processed = notes(CompiledProgram.withProcessor().withOptions(options), files);
                assertEquals(plain, processed, options + " " + files);
            }
        }
        // The premises: the note names the one file with unchecked operations, and no note with -Xlint:unchecked.
        assertEquals(List.of(), notes(Compiler.javac().withOptions("-proc:none"), List.of(SUPPRESSED_FILE)));
        assertEquals("Linted.java uses unchecked or unsafe operations.",
                notes(Compiler.javac().withOptions("-proc:none"), List.of(SUPPRESSED_FILE, LINTED)).get(0));
        assertEquals(List.of(), notes(Compiler.javac().withOptions("-proc:none", "-Xlint:unchecked"), List.of(LINTED)));
    }

    private static final JavaFileObject LINTED = JavaFileObjects.forSourceString("Linted", SOURCE);
    private static final JavaFileObject SUPPRESSED_FILE = JavaFileObjects.forSourceString("Suppressed", SUPPRESSED);

    private static List<String> concat(List<String> options, String more) {
        List<String> all = new java.util.ArrayList<>(options);
        all.add(more);
        return all;
    }

    private static List<String> notes(Compiler compiler, JavaFileObject file) {
        return notes(compiler, List.of(file));
    }

    private static List<String> notes(Compiler compiler, List<JavaFileObject> files) {
        Compilation c = compiler.compile(files);
        assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
        return c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
                .map(d -> d.getMessage(null)).collect(Collectors.toList());
    }

    @Test
    void aBuildWithXlintAllAndWerrorPassesWithTheProcessor() {
        // No "[processing] No processor claimed any of these annotations: /io.jawait.Async" either.
        Compilation c = CompiledProgram.withProcessor().withOptions("-Xlint:all", "-Xlint:-fallthrough", "-Xlint:-try",
                        "-Xlint:-finally", "-Xlint:-rawtypes", "-Xlint:-unchecked", "-Xlint:-cast", "-Xlint:-varargs", "-Xlint:-static",
                        "-Werror")
                .compile(JavaFileObjects.forSourceString("Linted", SOURCE));
        assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    }
}
