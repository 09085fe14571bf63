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
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * What the large runs (DifferentialCampaign, CancellationCampaign) share: the seeds and settings from
 * system properties {@code jawait.<name>.*} (count, first, seeds, batch, out, reduce), programs
 * generated and run in batches, every failing program written out and the first ones shrunk, one
 * progress line per batch, a summary printed and written to {@code summary.txt}, and a failure when
 * any program failed.
 */
final class Campaign {
    private final String name;
    private final List<Long> seeds;
    private final boolean rerun;
    private final int batchSize;
    private final int reduceBudget;
    private final FailureArchive archive;

    /**
     * The campaign {@code name} as its system properties ask for (skipped, as a JUnit assumption,
     * when they ask for none); seeds from {@code defaultFirst} unless {@code jawait.<name>.first} says.
     */
    Campaign(String name, long defaultFirst) {
        this.name = name;
        String count = property("count");
        String seedList = property("seeds");
        Assumptions.assumeTrue(count != null || seedList != null, "set -Djawait." + name + ".count=N or -Djawait."
                + name + ".seeds=a,b,c to run the campaign");
        this.rerun = seedList != null;
        this.seeds = new ArrayList<>();
        if (rerun) {
            for (String s : seedList.split(",")) {
                if (!s.isBlank()) {
                    seeds.add(Long.parseLong(s.trim()));
                }
            }
        } else {
            long first = Long.getLong("jawait." + name + ".first", defaultFirst);
            for (long i = 0; i < Long.parseLong(count); i++) {
                seeds.add(first + i);
            }
        }
        this.batchSize = Integer.getInteger("jawait." + name + ".batch", 50);
        this.reduceBudget = Integer.getInteger("jawait." + name + ".reduce", 5);
        this.archive = new FailureArchive(Path.of(property("out") != null ? property("out")
                : "target/" + name + "-failures"));
    }

    /** The system property {@code jawait.<name>.<key>}, or null. */
    String property(String key) {
        return System.getProperty("jawait." + name + "." + key);
    }

    /**
     * Runs every seed's program through {@code runner}; {@code progress} adds to each progress line
     * and {@code summary} to the summary (one line each, or ""), after the programs.
     */
    void run(ProgramGenerator generator, DifferentialRunner runner, Supplier<String> progress, Supplier<String> summary)
            throws IOException {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        List<Verdict> failures = new ArrayList<>();
        long start = System.nanoTime();
        long statements = 0;
        long logLines = 0;
        int returned = 0;
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
                if (rerun) {
                    // Rerunning chosen seeds: show and keep each program, whatever it did.
                    System.out.println(v.program().source() + "\n" + FailureArchive.describe(v));
                    archive.write(v);
                }
            }
            System.out.printf(Locale.ROOT, "[%s] %d/%d programs, %s%d mismatches, %d processor failures, %d invalid,"
                    + " %.0f s%n", name, Math.min(seeds.size(), from + batchSize), seeds.size(), progress.get(),
                    counts.get(Outcome.MISMATCH), counts.get(Outcome.PROCESSOR_FAILURE),
                    counts.get(Outcome.INVALID_PROGRAM), (System.nanoTime() - start) / 1e9);
        }
        ProgramReducer reducer = new ProgramReducer(runner, 600);
        for (Verdict v : failures.subList(0, Math.min(reduceBudget, failures.size()))) {
            if (v.outcome() != Outcome.INVALID_PROGRAM) {
                archive.writeReduced(reducer.reduce(v));
            }
        }
        String text = String.format(Locale.ROOT,
                "programs: %d (seeds %s, %d statements in all; %d log lines, %d runs returned a value, the"
                        + " others threw)%n%smismatches: %d%nprocessor failures: %d%ninvalid programs: %d%n"
                        + "java: %s (%s)%nduration: %.0f s%n",
                seeds.size(), describeSeeds(), statements, logLines, returned, summary.get(),
                counts.get(Outcome.MISMATCH), counts.get(Outcome.PROCESSOR_FAILURE), counts.get(Outcome.INVALID_PROGRAM),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), (System.nanoTime() - start) / 1e9);
        System.out.println("[" + name + "] summary\n" + text);
        Files.createDirectories(archive.folder());
        Files.writeString(archive.folder().resolve("summary.txt"), text);
        StringBuilder failed = new StringBuilder();
        for (Verdict v : failures) {
            failed.append(v.outcome()).append(' ').append(v.program().className()).append('\n');
        }
        assertEquals(0, failures.size(), "failing programs (written to " + archive.folder().toAbsolutePath() + "):\n" + failed);
    }

    private String describeSeeds() {
        if (seeds.isEmpty()) {
            return "none";
        }
        return seeds.size() == 1 ? seeds.get(0).toString() : seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
    }
}
