package io.jawait.benchmarks.compile;

import io.jawait.benchmarks.Directories;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac on a generated project of {@code @Async} methods, with the jawait processor and without it
 * ({@code -proc:none}; the sources compile both ways). Warm runs compile in this JVM after
 * warm-up, like a build daemon or IDE; cold runs start a fresh javac process each time, like a
 * one-off build. The JVM running this needs the {@code --add-exports} of {@code .mvn/jvm.config}.
 */
public final class CompileTimeBenchmark {
    /** Median milliseconds of each variant. */
    public record Result(int methods, double warmPlainMs, double warmProcessedMs, double coldPlainMs,
            double coldProcessedMs) {
        public double warmOverhead() {
            return warmProcessedMs / warmPlainMs - 1;
        }

        public double coldOverhead() {
            return coldProcessedMs / coldPlainMs - 1;
        }
    }

    private static final String PROCESSOR = "io.jawait.processor.AsyncProcessor";

    private final Path dir;
    private final List<Path> sources;
    /** What a user's build has: the runtime on the class path; the processor and JavaPoet on the processor path. */
    private final String classPath = classPathEntries("jawait-runtime", "runtime/target/classes");
    private final String processorPath = classPathEntries("jawait-processor", "processor/target/classes", "javapoet",
            "jawait-runtime", "runtime/target/classes");

    public CompileTimeBenchmark(Path dir, int classes, int methodsPerClass) {
        this.dir = dir;
        this.sources = GeneratedProject.write(dir.resolve("src"), classes, methodsPerClass);
    }

    /** Alternates the two variants so that drifting machine load hits both alike. */
    public Result run(int warmups, int warmRuns, int coldRuns) {
        for (int i = 0; i < warmups; i++) {
            compileInProcess(false);
            compileInProcess(true);
        }
        double[] plain = new double[warmRuns];
        double[] processed = new double[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            plain[i] = compileInProcess(false);
            processed[i] = compileInProcess(true);
        }
        double[] coldPlain = new double[coldRuns];
        double[] coldProcessed = new double[coldRuns];
        for (int i = 0; i < coldRuns; i++) {
            coldPlain[i] = compile(false, true);
            coldProcessed[i] = compile(true, true);
        }
        return new Result(sources.size() * methodsPerClass(), median(plain), median(processed), median(coldPlain),
                median(coldProcessed));
    }

    private int methodsPerClass() {
        try {
            String text = Files.readString(sources.get(0));
            return text.split("@Async", -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double compileInProcess(boolean withProcessor) {
        return compile(withProcessor, false);
    }

    /** Compiles all sources into a fresh output directory; returns the milliseconds taken. */
    private double compile(boolean withProcessor, boolean freshProcess) {
        Path out = Directories.fresh(dir.resolve(withProcessor ? "out-processed" : "out-plain"));
        List<String> options = options(out, classPath);
        if (withProcessor) {
            options.addAll(List.of("-processorpath", processorPath, "-processor", PROCESSOR));
        } else {
            options.add("-proc:none");
        }
        long start = System.nanoTime();
        if (freshProcess) {
            runJavacProcess(options, withProcessor);
        } else {
            runJavac(options);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (withProcessor) {
            requireStateMachine(out);
        }
        return ms;
    }

    /** javac's options for the project, output into {@code out}; the caller adds the processor's. */
    static List<String> options(Path out, String classPath) {
        return new ArrayList<>(List.of("-d", out.toString(), "-classpath", classPath, "-implicit:none", "-nowarn",
                "--release", "17"));
    }

    /** Fails unless the processor ran: a processed compilation writes the state machine classes. */
    static void requireStateMachine(Path out) {
        if (!Files.exists(out.resolve("gen/Service0$op0$Coroutine.class"))) {
            throw new IllegalStateException("the processor did not run: no state machine class in " + out);
        }
    }

    private void runJavac(List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Boolean ok = javac.getTask(messages, files, null, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            if (!ok) {
                throw new IllegalStateException("javac failed:\n" + messages);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runJavacProcess(List<String> options, boolean withProcessor) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        if (withProcessor) {
            for (String pkg : new String[] {"api", "code", "comp", "main", "parser", "processing", "tree", "util"}) {
                cmd.add("-J--add-exports=jdk.compiler/com.sun.tools.javac." + pkg + "=ALL-UNNAMED");
            }
        }
        cmd.addAll(options);
        sources.forEach(p -> cmd.add(p.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("javac failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The entries of this JVM's class path whose path contains one of {@code markers}. */
    static String classPathEntries(String... markers) {
        List<String> picked = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unixy = entry.replace(File.separatorChar, '/');
            for (String m : markers) {
                if (unixy.contains(m) && !picked.contains(entry)) {
                    picked.add(entry);
                }
            }
        }
        if (picked.isEmpty()) {
            throw new IllegalStateException("none of " + List.of(markers) + " on the class path "
                    + System.getProperty("java.class.path"));
        }
        return String.join(File.pathSeparator, picked);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
