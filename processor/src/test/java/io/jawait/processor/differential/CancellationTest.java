package io.jawait.processor.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jawait.processor.differential.DifferentialRunner.Outcome;
import io.jawait.processor.differential.DifferentialRunner.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The cancellation oracle ({@link CancellationOracle}) in the normal suite: seeds 1..60 of the
 * generator made for cancellation, each cancelled at every real suspension (at most 40), and two
 * tests of the oracle itself. See TESTING.md for the large run ({@link CancellationCampaign}).
 */
class CancellationTest {
    private static final int PROGRAMS = 60;
    private static final CancellationOracle ORACLE = new CancellationOracle(40);
    private static final DifferentialRunner RUNNER = new DifferentialRunner(ORACLE);

    @AfterAll
    static void closeRunner() {
        RUNNER.close();
    }

    @Test
    void generatedProgramsLogTheSameAsWithBlockingAwaitWhenCancelledAtEachSuspension() {
        ProgramGenerator generator = new ProgramGenerator(Feature.defaults(), true);
        List<GeneratedProgram> programs = new ArrayList<>();
        for (long seed = 1; seed <= PROGRAMS; seed++) {
            programs.add(generator.generate(seed));
        }
        long before = ORACLE.runs();
        List<Verdict> failures = RUNNER.run(programs).stream().filter(v -> v.outcome() != Outcome.SAME).toList();
        if (!failures.isEmpty()) {
            FailureArchive archive = new FailureArchive(Path.of("target", "cancellation-failures"));
            StringBuilder sb = new StringBuilder(failures.size() + " of " + PROGRAMS + " programs failed (written to "
                    + archive.folder().toAbsolutePath() + "):\n");
            for (Verdict v : failures) {
                archive.write(v);
                sb.append(FailureArchive.describe(v)).append('\n');
            }
            fail(sb.toString());
        }
        // Most programs suspend; a run that never cancelled anything would test nothing.
        assertTrue(ORACLE.runs() - before > 5L * PROGRAMS, "cancelled runs: " + (ORACLE.runs() - before));
    }

    /**
     * A catch in the entry method may swallow the cancellation: both models let the method go on
     * (one cancel() is delivered once), so the logs agree at both suspensions.
     */
    @Test
    void aCancellationSwallowedByTheEntryMethodLogsTheSame() {
        Verdict v = RUNNER.run(program("C1", """
                    @Async static Task<Integer> m0(int p0, int p1) {
                        try { log("a", await(iLater(p0))); } catch (RuntimeException e) { log("swallowed", describe(e)); }
                        log("b", await(iLater(p1)));
                        return Task.of(3);
                    }
                """));
        assertEquals(Outcome.SAME, v.outcome(), () -> FailureArchive.describe(v));
    }

    /**
     * The comparison can fail, and shows why the generator for cancellation keeps wide catches out
     * of the methods m0 awaits: m1 swallows the cancellation and returns a value, which the runtime
     * hands to m0 and then delivers the cancellation at m0's next await (docs/semantics.md, "What
     * a cancelled await gets"); the blocking model has no such second delivery.
     */
    @Test
    void aCancellationSwallowedByAnAwaitedMethodIsDeliveredAgainToItsCallerUnlikeTheModel() {
        Verdict v = RUNNER.run(program("C2", """
                    @Async static Task<Integer> m0(int p0, int p1) {
                        log("a", await(m1(p0)));
                        log("b", await(iLater(p1)));
                        return Task.of(3);
                    }
                    @Async static Task<Integer> m1(int p0) {
                        try { return Task.of(await(iLater(p0))); } catch (RuntimeException e) { log("swallowed", describe(e)); return Task.of(-1); }
                    }
                """));
        assertEquals(Outcome.MISMATCH, v.outcome(), () -> FailureArchive.describe(v));
        assertTrue(v.expected().startsWith("cancelled at suspension 1 of 2\n")
                && v.expected().contains("a -1\nb 2\nreturned 3")
                && v.actual().contains("a -1\nthrew java.util.concurrent.CancellationException\n"),
                () -> FailureArchive.describe(v));
    }

    private static GeneratedProgram program(String className, String members) {
        String source = "import io.jawait.*;\nimport static io.jawait.Tasks.*;\n\npublic class " + className
                + " extends Harness {\n" + members + ProgramHarness.footer(1, 2);
        return new GeneratedProgram(className, 0, Node.of(Node.Kind.OTHER, source));
    }
}
