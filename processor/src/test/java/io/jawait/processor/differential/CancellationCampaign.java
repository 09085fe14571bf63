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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The large run of the cancellation oracle ({@link CancellationOracle}), off in the normal suite:
 * <pre>
 * mvn -B -q -pl processor -am verify -Dtest=CancellationCampaign -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djawait.cancellation.count=1000
 * </pre>
 * System properties: {@code jawait.cancellation.count} (programs, seeds {@code first..first+count-1}),
 * {@code jawait.cancellation.first} (default 2000000), {@code jawait.cancellation.seeds} (a list to
 * rerun instead, each printed and written out), {@code jawait.cancellation.points} (cancellation
 * points per program at most, default 40), {@code jawait.cancellation.batch} (default 50),
 * {@code jawait.cancellation.out} (default {@code target/cancellation-failures}),
 * {@code jawait.cancellation.reduce} (failures to shrink, default 5).
 */
class CancellationCampaign {

    @Test
    @Timeout(value = 2, unit = TimeUnit.HOURS)
    void campaign() throws IOException {
        String count = System.getProperty("jawait.cancellation.count");
        String seedList = System.getProperty("jawait.cancellation.seeds");
        Assumptions.assumeTrue(count != null || seedList != null,
                "set -Djawait.cancellation.count=N or -Djawait.cancellation.seeds=a,b,c to run the campaign");
        List<Long> seeds = new ArrayList<>();
        if (seedList != null) {
            for (String s : seedList.split(",")) {
                if (!s.isBlank()) {
                    seeds.add(Long.parseLong(s.trim()));
                }
            }
        } else {
            long first = Long.getLong("jawait.cancellation.first", 2_000_000L);
            for (long i = 0; i < Long.parseLong(count); i++) {
                seeds.add(first + i);
            }
        }
        int batchSize = Integer.getInteger("jawait.cancellation.batch", 50);
        int reduceBudget = Integer.getInteger("jawait.cancellation.reduce", 5);
        FailureArchive archive = new FailureArchive(Path.of(System.getProperty("jawait.cancellation.out",
                "target/cancellation-failures")));
        ProgramGenerator generator = new ProgramGenerator(Feature.defaults(), true);
        CancellationOracle oracle = new CancellationOracle(Integer.getInteger("jawait.cancellation.points", 40));

        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        List<Verdict> failures = new ArrayList<>();
        long start = System.nanoTime();
        try (DifferentialRunner runner = new DifferentialRunner(oracle)) {
            for (int from = 0; from < seeds.size(); from += batchSize) {
                List<GeneratedProgram> batch = new ArrayList<>();
                for (long seed : seeds.subList(from, Math.min(seeds.size(), from + batchSize))) {
                    batch.add(generator.generate(seed));
                }
                for (Verdict v : runner.run(batch)) {
                    counts.merge(v.outcome(), 1, Integer::sum);
                    if (v.outcome() != Outcome.SAME) {
                        failures.add(v);
                        archive.write(v);
                    }
                    if (seedList != null) {
                        System.out.println(v.program().source() + "\n" + FailureArchive.describe(v));
                        archive.write(v);
                    }
                }
                System.out.printf(Locale.ROOT, "[cancellation] %d/%d programs, %d cancelled runs, %d mismatches,"
                        + " %d processor failures, %d invalid, %.0f s%n", Math.min(seeds.size(), from + batchSize),
                        seeds.size(), oracle.runs(), counts.get(Outcome.MISMATCH), counts.get(Outcome.PROCESSOR_FAILURE),
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
                "programs: %d (seeds %s)%ncancelled runs: %d (each of both builds)%nmismatches: %d%n"
                        + "processor failures: %d%ninvalid programs: %d%njava: %s (%s)%nduration: %.0f s%n",
                seeds.size(), seeds.isEmpty() ? "none" : seeds.get(0) + ".." + seeds.get(seeds.size() - 1),
                oracle.runs(), counts.get(Outcome.MISMATCH), counts.get(Outcome.PROCESSOR_FAILURE),
                counts.get(Outcome.INVALID_PROGRAM), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), (System.nanoTime() - start) / 1e9);
        System.out.println("[cancellation] summary\n" + summary);
        Files.createDirectories(archive.folder());
        Files.writeString(archive.folder().resolve("summary.txt"), summary);
        StringBuilder failed = new StringBuilder();
        for (Verdict v : failures) {
            failed.append(v.outcome()).append(' ').append(v.program().className()).append('\n');
        }
        assertEquals(0, failures.size(), "failing programs (written to " + archive.folder().toAbsolutePath() + "):\n" + failed);
    }
}
