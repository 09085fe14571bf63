package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jawait.Task;
import io.jawait.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * One Java source compiled in-process with {@link AsyncProcessor}, its class files loaded in a fresh
 * in-memory class loader (a child of the test class loader, so {@code io.jawait} runtime classes are
 * shared with the test), ready to run its static methods on an event loop.
 *
 * <p>{@link #compileBatch} compiles many sources in one javac run (with any compiler configuration
 * and parent class loader) and reports failure instead of failing the test; the differential tests
 * use it.
 */
public final class CompiledProgram {

    private final String className;
    private final ClassLoader loader;

    private CompiledProgram(String className, ClassLoader loader) {
        this.className = className;
        this.loader = loader;
    }

    /**
     * Compiles {@code source} (a top-level class named {@code className}, file {@code className.java})
     * with the processor; fails the calling test with javac's diagnostics and the numbered source
     * when compilation fails.
     */
    static CompiledProgram compile(String className, String source) {
        return compile(className, source, List.of(new AsyncProcessor()));
    }

    /** Same, with the given processors in this order (AsyncProcessor among them, or not). */
    static CompiledProgram compile(String className, String source, List<? extends javax.annotation.processing.Processor> processors) {
        Batch batch = compileBatch(Compiler.javac().withProcessors(processors), Map.of(className, source),
                CompiledProgram.class.getClassLoader());
        if (!batch.succeeded()) {
            fail("javac failed to compile " + className + " with " + processors + ":\n"
                    + batch.diagnostics() + "\n--- " + className + ".java ---\n" + numbered(source));
        }
        return batch.program(className);
    }

    /** javac with a fresh {@link AsyncProcessor} and the test class path (which holds the runtime). */
    public static Compiler withProcessor() {
        return Compiler.javac().withProcessors(new AsyncProcessor());
    }

    /**
     * Compiles {@code sources} (fully qualified class name to source text) in one javac run and
     * loads the result in one class loader under {@code parent}. An exception thrown out of javac
     * or a processor counts as a failed compilation, with its stack trace as the diagnostics.
     */
    public static Batch compileBatch(Compiler compiler, Map<String, String> sources, ClassLoader parent) {
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((name, text) -> files.add(JavaFileObjects.forSourceString(name, text)));
        Compilation compilation;
        try {
            compilation = compiler.compile(files);
        } catch (RuntimeException | Error crash) {
            StringWriter trace = new StringWriter();
            crash.printStackTrace(new PrintWriter(trace));
            return new Batch(null, parent, "javac threw " + trace);
        }
        if (compilation.status() != Compilation.Status.SUCCESS) {
            return new Batch(null, parent, diagnostics(compilation));
        }
        return new Batch(classFiles(compilation), parent, diagnostics(compilation));
    }

    /** The outcome of {@link #compileBatch}: the loaded classes, or javac's diagnostics. */
    public static final class Batch {
        private final Map<String, byte[]> classFiles;
        private final ClassLoader loader;
        private final String diagnostics;

        private Batch(Map<String, byte[]> classFiles, ClassLoader parent, String diagnostics) {
            this.classFiles = classFiles;
            this.loader = classFiles == null ? null : new InMemoryClassLoader(classFiles, parent);
            this.diagnostics = diagnostics;
        }

        public boolean succeeded() {
            return loader != null;
        }

        /** Every diagnostic javac reported, one per line ({@code KIND file line N: message}). */
        public String diagnostics() {
            return diagnostics;
        }

        /** The class files by binary name. */
        public Map<String, byte[]> classFiles() {
            return Map.copyOf(classFiles);
        }

        /** The loader of the compiled classes. */
        public ClassLoader loader() {
            return loader;
        }

        /** A compiled top-level class of the batch, ready to run. */
        public CompiledProgram program(String className) {
            if (loader == null) {
                throw new IllegalStateException("the batch did not compile:\n" + diagnostics);
            }
            return new CompiledProgram(className, loader);
        }
    }

    /** The compiled top-level class. */
    Class<?> type() {
        return type(className);
    }

    /** A compiled class by binary name, e.g. {@code "Outer$Inner"}. */
    Class<?> type(String binaryName) {
        try {
            return Class.forName(binaryName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + binaryName + " in the compiled program", e);
        }
    }

    /** A new instance of a compiled class made with its only constructor taking {@code args.length} arguments. */
    Object newInstance(String binaryName, Object... args) {
        for (java.lang.reflect.Constructor<?> c : type(binaryName).getDeclaredConstructors()) {
            if (c.getParameterCount() == args.length) {
                try {
                    c.setAccessible(true);
                    return c.newInstance(args);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot create " + binaryName, e);
                }
            }
        }
        throw new AssertionError("no constructor of " + binaryName + " with " + args.length + " parameters");
    }

    /** Enables assertions in the compiled classes; call it before any of them is loaded. */
    void enableAssertions() {
        loader.setDefaultAssertionStatus(true);
    }

    /** Reads a static field of the top-level class. */
    Object getStatic(String field) {
        try {
            Field f = type().getDeclaredField(field);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read " + className + "." + field, e);
        }
    }

    /** Sets a static field of the top-level class. */
    void setStatic(String field, Object value) {
        try {
            Field f = type().getDeclaredField(field);
            f.setAccessible(true);
            f.set(null, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot set " + className + "." + field, e);
        }
    }

    /**
     * Runs {@code Tasks.run(() -> staticMethod(args))} on a new event loop on the current thread and
     * returns the task's value; an exception the task failed with is thrown as is.
     */
    @SuppressWarnings("unchecked")
    <T> T run(String staticMethod, Object... args) {
        Method method = method(staticMethod, args.length);
        return Tasks.run(() -> (Task<T>) invoke(method, args));
    }

    /** Calls the static method directly (no event loop) and returns what it returns. */
    public Object call(String staticMethod, Object... args) {
        return invoke(method(staticMethod, args.length), args);
    }

    private Method method(String name, int arity) {
        Method found = null;
        for (Method m : type().getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && Modifier.isStatic(m.getModifiers())) {
                if (found != null) {
                    throw new AssertionError("ambiguous static method " + className + "." + name + "/" + arity);
                }
                found = m;
            }
        }
        if (found == null) {
            throw new AssertionError("no static method " + className + "." + name + "/" + arity);
        }
        found.setAccessible(true);
        return found;
    }

    private static Object invoke(Method method, Object[] args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw CompiledProgram.<RuntimeException>sneakyThrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> X sneakyThrow(Throwable t) throws X {
        throw (X) t;
    }

    private static Map<String, byte[]> classFiles(Compilation compilation) {
        String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = file.toUri().getPath();
            if (path.startsWith(prefix)) {
                path = path.substring(prefix.length());
            }
            String binaryName = path.substring(0, path.length() - ".class".length()).replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(binaryName, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classes;
    }

    private static String diagnostics(Compilation compilation) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            sb.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
                    .append(" line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
        }
        return sb.toString();
    }

    /** The source with line numbers, as failure messages show it. */
    public static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}
