package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.Directories;
import io.jawait.benchmarks.compile.CompileTimeBenchmark;
import io.jawait.benchmarks.peers.VirtualThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Runs the whole benchmark suite and writes {@code BENCHMARKS.md} plus the chart into the output
 * directory. Started by {@code mvn -B -q package -DskipTests -Pbenchmarks -pl benchmarks -am} (see
 * the module's pom); the JVM needs the {@code --add-exports} of {@code .mvn/jvm.config} for the
 * compile-time benchmark.
 *
 * <pre>
 * RunAll [--out DIR] [--smoke] [--only micro,sleepers,echo,multicore,compile]
 * </pre>
 * {@code --smoke} runs every part at toy size (seconds, not minutes): the test suite uses it so the
 * benchmarks cannot rot. Python peers run only where python3 exists.
 */
public final class RunAll {
    static final String COMMAND = "JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q package -DskipTests -Pbenchmarks -pl benchmarks -am";
    /** Interleaved rounds of the echo benchmark; each server's best counts. */
    static final int ECHO_ROUNDS = 2;
    static final Set<String> PARTS = Set.of("micro", "sleepers", "echo", "multicore", "compile");

    private RunAll() {
    }

    /** Parsed command line. */
    record Options(Path out, boolean smoke, Set<String> only) {
        static Options parse(String... args) {
            Path out = Path.of(".");
            boolean smoke = false;
            Set<String> only = PARTS;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out":
                        out = Path.of(args[++i]);
                        break;
                    case "--smoke":
                        smoke = true;
                        break;
                    case "--only":
                        only = Set.of(args[++i].split(","));
                        if (!PARTS.containsAll(only)) {
                            throw new IllegalArgumentException("--only takes some of " + PARTS + ", got " + only);
                        }
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + args[i]
                                + "; usage: RunAll [--out DIR] [--smoke] [--only micro,sleepers,echo,multicore,compile]");
                }
            }
            return new Options(out, smoke, only);
        }
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Path report = write(measure(options, new Progress(System.out)), options.out());
        System.out.println("wrote " + report.toAbsolutePath().normalize());
    }

    /** Runs the selected parts; scratch files go to a temporary directory deleted afterwards. */
    static SuiteResults measure(Options o, Progress progress) {
        long start = System.nanoTime();
        String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadBefore = Machine.loadAverage();
        List<String> othersBefore = Machine.otherJavaProcesses();
        boolean python = ChildProcess.hasPython();
        progress.say("jawait benchmark suite" + (o.smoke() ? " (smoke)" : "") + " on " + Machine.jdk()
                + (VirtualThreads.available() ? "" : "; no virtual threads before JDK 21: their peers are skipped")
                + (python ? "" : "; no python3: asyncio peers are skipped"));
        Path work = createWorkDir();
        try {
            Map<String, Map<String, MicroSuite.Score>> micro = Map.of();
            if (o.only().contains("micro")) {
                progress.say("micro-benchmarks (JMH)");
                micro = MicroSuite.run(o.smoke());
            }
            List<SleepersSuite.Row> sleepers = List.of();
            long sleepMillis = o.smoke() ? 50 : 1000;
            if (o.only().contains("sleepers")) {
                int[] sizes = o.smoke() ? new int[] {200} : new int[] {10_000, 100_000, 1_000_000};
                sleepers = SleepersSuite.run(sizes, sleepMillis, work, python, progress);
            }
            List<EchoSuite.Row> echo = List.of();
            EchoSuite.Settings echoSettings = o.smoke()
                    ? new EchoSuite.Settings(4, 64, Duration.ofMillis(200), Duration.ofMillis(500), 1)
                    : new EchoSuite.Settings(64, 128, Duration.ofSeconds(5), Duration.ofSeconds(10), ECHO_ROUNDS);
            if (o.only().contains("echo")) {
                echo = EchoSuite.run(echoSettings, work, python, progress);
            }
            MulticoreEchoSuite.Results multicore = null;
            if (o.only().contains("multicore")) {
                int cores = Runtime.getRuntime().availableProcessors();
                multicore = MulticoreEchoSuite.run(echoSettings, cores, o.smoke() ? 1000 : MulticoreEchoSuite.WORK, progress);
            }
            CompileTimeBenchmark.Result compile = null;
            if (o.only().contains("compile")) {
                progress.say("compile time");
                compile = o.smoke()
                        ? new CompileTimeBenchmark(work.resolve("compile"), 2, 5).run(0, 1, 1)
                        : new CompileTimeBenchmark(work.resolve("compile"), 20, 10).run(4, 7, 3);
            }
            SuiteResults.RunInfo info = new SuiteResults.RunInfo(COMMAND, startedAt, (System.nanoTime() - start) / 60e9,
                    o.smoke(), loadBefore, Machine.loadAverage(), othersBefore, Machine.otherJavaProcesses(), versions(python));
            return new SuiteResults(info, micro, sleepers, sleepMillis, echo, echoSettings, multicore, compile);
        } finally {
            Directories.delete(work);
        }
    }

    /** Writes BENCHMARKS.md and the chart into {@code out}; returns the path of BENCHMARKS.md. */
    static Path write(SuiteResults results, Path out) {
        try {
            Files.createDirectories(out);
            Path analysisFile = out.resolve("benchmarks").resolve("ANALYSIS.md");
            String analysis = Files.exists(analysisFile) ? Files.readString(analysisFile) : null;
            Report report = new Report(results, analysis);
            Chart chart = report.chart();
            chart.writeSvg(out.resolve(Report.CHART_SVG));
            chart.writePng(out.resolve(Report.CHART_PNG));
            Path md = out.resolve("BENCHMARKS.md");
            Files.writeString(md, report.markdown());
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("jawait-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> versions(boolean python) {
        Properties p = new Properties();
        try (InputStream in = RunAll.class.getResourceAsStream("/io/jawait/benchmarks/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("JDK (the suite and every JVM peer)", Machine.jdk());
        v.put("JVM options of the micro-benchmarks", "JMH defaults, `-Xms1g -Xmx1g`, default GC (G1)");
        v.put("JMH", p.getProperty("jmh", "?"));
        v.put("Kotlin / kotlinx.coroutines", p.getProperty("kotlin", "?") + " / " + p.getProperty("kotlinx-coroutines", "?"));
        v.put("Netty", p.getProperty("netty", "?"));
        v.put("Python", python ? ChildProcess.run(List.of("python3", "--version"), 30).trim() : "not installed");
        return v;
    }
}
