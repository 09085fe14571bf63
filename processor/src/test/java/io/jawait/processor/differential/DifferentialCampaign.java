package io.jawait.processor.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.differential.DifferentialRunner.Outcome;
import io.jawait.processor.differential.DifferentialRunner.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The large differential run, off in the normal suite. Run it with (see TESTING.md):
 * <pre>
 * mvn -B -q -pl processor -am verify -Dtest=DifferentialCampaign -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djawait.differential.count=10000
 * </pre>
 * System properties:
 * <ul>
 *   <li>{@code jawait.differential.count}: how many programs (seeds {@code first..first+count-1});</li>
 *   <li>{@code jawait.differential.first}: the first seed (default 1000000, past the normal suite's);</li>
 *   <li>{@code jawait.differential.seeds}: instead, a comma-separated list of seeds to rerun, each
 *       printed with its log and written to the output folder;</li>
 *   <li>{@code jawait.differential.batch}: programs per javac run (default 50);</li>
 *   <li>{@code jawait.differential.features}: e.g. {@code +switch_statements,-completion_stages};</li>
 *   <li>{@code jawait.differential.out}: where failing programs go (default
 *       {@code target/differential-failures});</li>
 *   <li>{@code jawait.differential.reduce}: how many failures to shrink (default 5; 0 for none).</li>
 * </ul>
 * It prints one progress line per batch and a summary (also written to {@code summary.txt} in the
 * output folder), and fails when any program failed.
 */
class DifferentialCampaign {

    @Test
    // The 10,000-program run takes 5 to 25 minutes (machine load): past the suite's default timeout
    // of 5 minutes, which ended it at 2,350 programs; a hung program still has its own 20 s watchdog.
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void campaign() throws IOException {
        String count = System.getProperty("jawait.differential.count");
        String seedList = System.getProperty("jawait.differential.seeds");
        Assumptions.assumeTrue(count != null || seedList != null,
                "set -Djawait.differential.count=N or -Djawait.differential.seeds=a,b,c to run the campaign");
        List<Long> seeds = seeds(count, seedList);
        int batchSize = Integer.getInteger("jawait.differential.batch", 50);
        int reduceBudget = Integer.getInteger("jawait.differential.reduce", 5);
        Set<Feature> features = Feature.parse(System.getProperty("jawait.differential.features"));
        FailureArchive archive = new FailureArchive(Path.of(System.getProperty("jawait.differential.out",
                "target/differential-failures")));
        ProgramGenerator generator = new ProgramGenerator(features);

        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        List<Verdict> failures = new ArrayList<>();
        long start = System.nanoTime();
        long statements = 0;
        long logLines = 0;
        int returned = 0;
        try (DifferentialRunner runner = new DifferentialRunner()) {
            for (int from = 0; from < seeds.size(); from += batchSize) {
                List<GeneratedProgram> batch = new ArrayList<>();
                for (long seed : seeds.subList(from, Math.min(seeds.size(), from + batchSize))) {
                    GeneratedProgram p = generator.generate(seed);
                    statements += p.tree().statementCount();
                    batch.add(p);
                }
                for (Verdict v : runner.run(batch)) {
                    counts.merge(v.outcome(), 1, Integer::sum);
                    logLines += v.expected().lines().count();
                    returned += v.expected().contains("\nreturned ") || v.expected().startsWith("returned ") ? 1 : 0;
                    if (v.outcome() != Outcome.SAME) {
                        failures.add(v);
                        archive.write(v);
                    }
                    if (seedList != null) {
                        // Rerunning chosen seeds: show and keep each program, whatever it did.
                        System.out.println(v.program().source() + "\n" + FailureArchive.describe(v));
                        archive.write(v);
                    }
                }
                System.out.printf(Locale.ROOT, "[differential] %d/%d programs, %d mismatches, %d processor failures,"
                        + " %d invalid, %.0f s%n", Math.min(seeds.size(), from + batchSize), seeds.size(),
                        counts.get(Outcome.MISMATCH), counts.get(Outcome.PROCESSOR_FAILURE),
                        counts.get(Outcome.INVALID_PROGRAM), (System.nanoTime() - start) / 1e9);
            }
            ProgramReducer reducer = new ProgramReducer(runner, 600);
            for (Verdict v : failures.subList(0, Math.min(reduceBudget, failures.size()))) {
                if (v.outcome() != Outcome.INVALID_PROGRAM) {
                    archive.writeReduced(reducer.reduce(v));
                }
            }
        }
        String summary = String.format(Locale.ROOT,
                "programs: %d (seeds %s, %d statements in all; %d log lines, %d runs returned a value, the"
                        + " others threw)%nmismatches: %d%nprocessor failures: %d%n"
                        + "invalid programs: %d%nfeatures: %s%njava: %s (%s)%nduration: %.0f s%n",
                seeds.size(), describeSeeds(seeds), statements, logLines, returned, counts.get(Outcome.MISMATCH),
                counts.get(Outcome.PROCESSOR_FAILURE), counts.get(Outcome.INVALID_PROGRAM), features,
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                (System.nanoTime() - start) / 1e9);
        System.out.println("[differential] summary\n" + summary);
        Files.createDirectories(archive.folder());
        Files.writeString(archive.folder().resolve("summary.txt"), summary);
        StringBuilder failed = new StringBuilder();
        for (Verdict v : failures) {
            failed.append(v.outcome()).append(' ').append(v.program().className()).append('\n');
        }
        assertEquals(0, failures.size(), "failing programs (written to " + archive.folder().toAbsolutePath() + "):\n" + failed);
    }

    private static List<Long> seeds(String count, String seedList) {
        List<Long> seeds = new ArrayList<>();
        if (seedList != null) {
            for (String s : seedList.split(",")) {
                if (!s.isBlank()) {
                    seeds.add(Long.parseLong(s.trim()));
                }
            }
            return seeds;
        }
        long first = Long.getLong("jawait.differential.first", 1_000_000L);
        for (long i = 0; i < Long.parseLong(count); i++) {
            seeds.add(first + i);
        }
        return seeds;
    }

    private static String describeSeeds(List<Long> seeds) {
        if (seeds.isEmpty()) {
            return "none";
        }
        return seeds.size() == 1 ? seeds.get(0).toString() : seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
    }
}
