package io.jawait.benchmarks.compile;

import io.jawait.benchmarks.Directories;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compares builds of the processor on the compile-time project in one warm JVM, round-robin, so that
 * drifting load hits each alike: the comparison behind issue 12's "compile time must not grow" in the
 * regime of a build's later modules or a build daemon, where javac's own code is already JIT-compiled
 * but each compilation loads the processor in a new class loader (as {@code -processorpath} does) and
 * runs it interpreted again. With {@code --kept} each build's class loader is kept across compilations
 * instead (a daemon that caches processor loaders). Prints medians of the compiling thread's CPU time
 * and of wall time, and for each build after the first the median of its per-round difference from the
 * first and in how many rounds it was slower.
 *
 * <pre>
 * java --add-exports=... -cp benchmarks-classpath io.jawait.benchmarks.compile.ProcessorJarComparison \
 *     [--warmups 8] [--rounds 30] [--kept] [--out DIR] before=/tmp/proc-old.jar after=processor/target/jawait-processor.jar
 * </pre>
 * The JVM needs the {@code --add-exports} of {@code .mvn/jvm.config}; the class path must hold the runtime
 * and JavaPoet (the benchmarks module's does). A plain javac ({@code -proc:none}) runs in each round too.
 */
public final class ProcessorJarComparison {
    private static final String PROCESSOR = "io.jawait.processor.AsyncProcessor";
    private static final String PLAIN = "plain";

    private final Path dir;
    private final List<Path> sources;
    private final String classPath = CompileTimeBenchmark.classPathEntries("jawait-runtime", "runtime/target/classes");
    private final List<Path> support = paths(
            CompileTimeBenchmark.classPathEntries("javapoet", "jawait-runtime", "runtime/target/classes"));
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, ClassLoader> keptLoaders = new LinkedHashMap<>();

    ProcessorJarComparison(Path dir) {
        this.dir = dir;
        this.sources = GeneratedProject.write(dir.resolve("src"), 20, 10);
    }

    public static void main(String[] args) throws IOException {
        int warmups = 8;
        int rounds = 30;
        boolean kept = false;
        Path out = Files.createTempDirectory("jawait-jar-comparison");
        Map<String, Path> jars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--kept" -> kept = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    int eq = args[i].indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("expected name=processor.jar, got " + args[i]);
                    }
                    jars.put(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1)));
                }
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("usage: [--warmups N] [--rounds N] [--kept] [--out DIR] name=jar...");
        }
        new ProcessorJarComparison(out).compare(jars, warmups, rounds, kept);
    }

    void compare(Map<String, Path> jars, int warmups, int rounds, boolean kept) {
        List<String> names = new ArrayList<>(jars.keySet());
        names.add(0, PLAIN);
        for (int i = 0; i < warmups; i++) {
            for (String name : names) {
                compile(name, jars.get(name), kept);
            }
        }
        Map<String, double[][]> times = new LinkedHashMap<>();
        for (String name : names) {
            times.put(name, new double[2][rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            for (String name : names) {
                double[] t = compile(name, jars.get(name), kept);
                times.get(name)[0][r] = t[0];
                times.get(name)[1][r] = t[1];
            }
        }
        report(names, times, warmups, rounds, kept);
    }

    private static void report(List<String> names, Map<String, double[][]> times, int warmups, int rounds,
            boolean kept) {
        System.out.printf(Locale.ROOT, "%s, %d warm-ups, %d rounds, processor loaded %s; medians in ms%n",
                System.getProperty("java.vm.version"), warmups, rounds,
                kept ? "once per build" : "anew for each compilation");
        String first = names.size() > 1 ? names.get(1) : null;
        for (String name : names) {
            double[][] t = times.get(name);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s cpu %7.1f  wall %7.1f", name,
                    CompileTimeBenchmark.median(t[0]), CompileTimeBenchmark.median(t[1])));
            if (!name.equals(PLAIN) && !name.equals(first)) {
                double[][] base = times.get(first);
                for (int k = 0; k < 2; k++) {
                    double[] diff = new double[rounds];
                    int slower = 0;
                    for (int r = 0; r < rounds; r++) {
                        diff[r] = t[k][r] - base[k][r];
                        slower += diff[r] > 0 ? 1 : 0;
                    }
                    line.append(String.format(Locale.ROOT, "  %s − %s %+6.1f (slower in %d of %d)",
                            k == 0 ? "cpu" : "wall", first, CompileTimeBenchmark.median(diff), slower, rounds));
                }
            }
            System.out.println(line);
        }
    }

    /** Compiles the project once; returns the compiling thread's CPU milliseconds and the wall milliseconds. */
    private double[] compile(String name, Path jar, boolean kept) {
        Path out = Directories.fresh(dir.resolve("out-" + name));
        List<String> options = CompileTimeBenchmark.options(out, classPath);
        List<Processor> processors = null;
        if (jar == null) {
            options.add("-proc:none");
        } else if (kept) {
            processors = List.of(newProcessor(keptLoaders.computeIfAbsent(name, n -> loader(jar))));
        } else {
            options.addAll(List.of("-processorpath", processorPath(jar), "-processor", PROCESSOR));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(messages, files, null, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (processors != null) {
                task.setProcessors(processors);
            }
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            boolean ok = task.call();
            double[] ms = {(threads.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6};
            if (!ok) {
                throw new IllegalStateException(name + ": javac failed:\n" + messages);
            }
            if (jar != null) {
                CompileTimeBenchmark.requireStateMachine(out);
            }
            return ms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String processorPath(Path jar) {
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        support.forEach(p -> entries.add(p.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private ClassLoader loader(Path jar) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jar.toUri().toURL());
            for (Path p : support) {
                urls.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Processor newProcessor(ClassLoader loader) {
        try {
            return (Processor) loader.loadClass(PROCESSOR).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> paths(String classPath) {
        List<Path> paths = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            paths.add(Path.of(entry));
        }
        return paths;
    }
}
