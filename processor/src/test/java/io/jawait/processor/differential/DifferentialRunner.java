package io.jawait.processor.differential;

import com.google.testing.compile.Compiler;
import io.jawait.Task;
import io.jawait.processor.CompiledProgram;
import io.jawait.processor.CompiledProgram.Batch;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Compiles programs twice, with the processor against the real runtime and without it against
 * the {@link ReferenceRuntime}, runs {@code drive()} of each build and compares the logs.
 *
 * <p>Programs are compiled in batches (one javac run per build for the whole batch) against the
 * {@link ProgramHarness} compiled once per build, which is what makes hundreds of programs
 * affordable. When the processor rejects some programs of a batch, those are set aside as
 * processor failures and the rest is compiled again.
 */
final class DifferentialRunner implements AutoCloseable {

    /** How one program fared. */
    enum Outcome {
        /** Both builds logged the same. */
        SAME,
        /** Both compiled; the logs differ (or the processed build did not finish in time). */
        MISMATCH,
        /** The processor (or javac after it) rejected a program javac accepts without it. */
        PROCESSOR_FAILURE,
        /** The program does not compile even without the processor: a generator bug. */
        INVALID_PROGRAM
    }

    /** The verdict on one program: for a mismatch both logs, for a failure the diagnostics. */
    record Verdict(GeneratedProgram program, Outcome outcome, String expected, String actual) {
    }

    /** One build of a compiled program, run on demand. */
    interface Run {
        /** The log of {@code drive()}, the harness cancelling at its {@code cancelAt}-th suspension (0: never). */
        String log(int cancelAt);

        /** How many real suspensions (the harness's {@code pause()}) the last run made. */
        int suspensions();
    }

    /** How the two builds of a program that both compile are run and judged. */
    interface Comparison {
        Verdict compare(GeneratedProgram program, Run reference, Run processed);
    }

    /** The plain differential test: one run of each build, the same log. */
    static final Comparison SAME_LOG = (program, reference, processed) -> {
        String expected = reference.log(0);
        String actual = processed.log(0);
        return new Verdict(program, expected.equals(actual) ? Outcome.SAME : Outcome.MISMATCH, expected, actual);
    };

    private static final long RUN_TIMEOUT_SECONDS = 20;

    /** One build: how to compile programs, and the loader holding the harness (and runtime) they run on. */
    private record Build(Supplier<Compiler> javac, ClassLoader harness) {
    }

    private final Path workDir;
    private final Build reference;
    private final Build processed;
    private final Comparison comparison;
    private ExecutorService executor = newExecutor();

    DifferentialRunner() {
        this(SAME_LOG);
    }

    DifferentialRunner(Comparison comparison) {
        this.comparison = comparison;
        try {
            workDir = Files.createTempDirectory("jawait-differential");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> referenceSources = new LinkedHashMap<>(ReferenceRuntime.sources());
        referenceSources.put(ProgramHarness.CLASS_NAME, ProgramHarness.source());
        Supplier<Compiler> plainJavac = () -> Compiler.javac().withOptions("-proc:none");
        reference = build(plainJavac, referenceSources, List.of(), ClassLoader.getPlatformClassLoader(), "reference");
        File runtime = classPathEntryOf(Task.class);
        processed = build(CompiledProgram::withProcessor, Map.of(ProgramHarness.CLASS_NAME, ProgramHarness.source()),
                List.of(runtime), DifferentialRunner.class.getClassLoader(), "processed");
        harnessField(reference, "blockingAwait").set(true);
    }

    /**
     * Compiles the harness (with the reference runtime's sources, for that build), writes its class
     * files to a directory that the build's later compilations get as class path, and loads them.
     */
    private Build build(Supplier<Compiler> javac, Map<String, String> sources, List<File> classPath,
            ClassLoader parent, String name) {
        Batch batch = CompiledProgram.compileBatch(javac.get().withClasspath(classPath), sources, parent);
        if (!batch.succeeded()) {
            throw new IllegalStateException("the " + name + " harness does not compile:\n" + batch.diagnostics());
        }
        Path dir = workDir.resolve(name);
        try {
            for (Map.Entry<String, byte[]> c : batch.classFiles().entrySet()) {
                Path file = dir.resolve(c.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, c.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<File> programClassPath = new ArrayList<>(classPath);
        programClassPath.add(dir.toFile());
        return new Build(() -> javac.get().withClasspath(programClassPath), batch.loader());
    }

    private static File classPathEntryOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Verdict> run(List<GeneratedProgram> programs) {
        Map<String, GeneratedProgram> byName = new LinkedHashMap<>();
        for (GeneratedProgram p : programs) {
            byName.put(p.className(), p);
        }
        Map<String, Verdict> verdicts = new LinkedHashMap<>();

        Map<String, GeneratedProgram> valid = new LinkedHashMap<>(byName);
        Batch referenceBatch = compileRemovingFailures(reference, valid, verdicts, Outcome.INVALID_PROGRAM);
        Map<String, GeneratedProgram> processable = new LinkedHashMap<>(valid);
        Batch processedBatch = compileRemovingFailures(processed, processable, verdicts, Outcome.PROCESSOR_FAILURE);

        for (GeneratedProgram p : processable.values()) {
            verdicts.put(p.className(), comparison.compare(p, runOf(reference, referenceBatch.program(p.className())),
                    runOf(processed, processedBatch.program(p.className()))));
        }
        List<Verdict> out = new ArrayList<>();
        for (String name : byName.keySet()) {
            out.add(verdicts.get(name));
        }
        return out;
    }

    Verdict run(GeneratedProgram program) {
        return run(List.of(program)).get(0);
    }

    /**
     * Compiles the programs in one run; while that fails, sets aside the programs javac's errors
     * point at (or, when no error names a program, compiles each alone to find the culprits) and
     * tries again. Returns the batch of the programs left in {@code programs}.
     */
    private static Batch compileRemovingFailures(Build build, Map<String, GeneratedProgram> programs,
            Map<String, Verdict> verdicts, Outcome failure) {
        while (true) {
            Batch batch = compile(build, programs);
            if (batch.succeeded() || programs.isEmpty()) {
                return batch;
            }
            List<String> culprits = new ArrayList<>();
            for (String name : programs.keySet()) {
                if (batch.diagnostics().lines().anyMatch(line -> line.startsWith("ERROR ")
                        && (line.contains(" " + name + ".java line ") || line.contains("/" + name + ".java line ")))) {
                    culprits.add(name);
                }
            }
            if (culprits.isEmpty()) {
                for (GeneratedProgram p : programs.values()) {
                    if (!compile(build, Map.of(p.className(), p)).succeeded()) {
                        culprits.add(p.className());
                    }
                }
            }
            if (culprits.isEmpty()) {
                throw new IllegalStateException("the batch fails but every program compiles alone:\n" + batch.diagnostics());
            }
            for (String name : culprits) {
                GeneratedProgram p = programs.remove(name);
                Batch alone = compile(build, Map.of(name, p));
                verdicts.put(name, new Verdict(p, failure, "", alone.diagnostics()));
            }
        }
    }

    private static Batch compile(Build build, Map<String, GeneratedProgram> programs) {
        Map<String, String> sources = new LinkedHashMap<>();
        programs.forEach((name, p) -> sources.put(name, p.source()));
        return CompiledProgram.compileBatch(build.javac().get(), sources, build.harness());
    }

    private Run runOf(Build build, CompiledProgram program) {
        HarnessField cancelAt = harnessField(build, "cancelAt");
        HarnessField suspensions = harnessField(build, "suspensions");
        return new Run() {
            @Override
            public String log(int at) {
                cancelAt.set(at);
                return drive(program);
            }

            @Override
            public int suspensions() {
                return (Integer) suspensions.get();
            }
        };
    }

    /** A static field of a build's {@code Harness}. */
    private record HarnessField(java.lang.reflect.Field field) {
        Object get() {
            try {
                return field.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        void set(Object value) {
            try {
                field.set(null, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static HarnessField harnessField(Build build, String name) {
        try {
            return new HarnessField(Class.forName(ProgramHarness.CLASS_NAME, true, build.harness()).getField(name));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The log of {@code drive()}; a run that does not end in time is reported in the log. */
    private String drive(CompiledProgram program) {
        Future<Object> run = executor.submit(() -> program.call("drive"));
        try {
            return String.valueOf(run.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            run.cancel(true);
            executor.shutdownNow();
            executor = newExecutor(); // the stuck thread is abandoned; it is a daemon
            return "did not finish within " + RUN_TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            return "drive() threw " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "differential-program");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
