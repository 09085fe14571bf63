package io.jawait.processor.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jawait.processor.differential.DifferentialRunner.Outcome;
import io.jawait.processor.differential.DifferentialRunner.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential testing of the transform in the normal suite: a fixed set of generated programs
 * (seeds 1..300) must log exactly the same with the processor on a real event loop as with a
 * blocking await. Failing programs are written to {@code target/differential-failures}; see
 * TESTING.md for the large run.
 */
class DifferentialTest {
    private static final int PROGRAMS = 300;
    private static final int BATCH = 50;

    private static final DifferentialRunner RUNNER = new DifferentialRunner();

    @AfterAll
    static void closeRunner() {
        RUNNER.close();
    }

    @TestFactory
    Stream<DynamicTest> generatedProgramsLogTheSameAsWithBlockingAwait() {
        ProgramGenerator generator = new ProgramGenerator(Feature.defaults());
        return LongStream.iterate(1, first -> first <= PROGRAMS, first -> first + BATCH)
                .mapToObj(first -> DynamicTest.dynamicTest("seeds " + first + ".." + (first + BATCH - 1), () -> {
                    List<GeneratedProgram> batch = new ArrayList<>();
                    for (long seed = first; seed < first + BATCH; seed++) {
                        batch.add(generator.generate(seed));
                    }
                    assertAllSame(RUNNER.run(batch));
                }));
    }

    /** The comparison can fail: a statement that tells the two runtimes apart makes a mismatch. */
    @Test
    void aDifferentLogIsAMismatch() {
        Verdict v = RUNNER.run(withFirstStatement(7, "log(\"probe\", Task.class.getDeclaredMethods().length > 12);"));
        assertEquals(Outcome.MISMATCH, v.outcome(), () -> FailureArchive.describe(v));
        assertEquals(true, v.expected().contains("probe false") && v.actual().contains("probe true"),
                () -> FailureArchive.describe(v));
    }

    /** A program only the processor rejects (an await inside a lambda) is a processor failure. */
    @Test
    void aProgramOnlyTheProcessorRejectsIsAProcessorFailure() {
        Verdict v = RUNNER.run(withFirstStatement(8, "Runnable lambda = () -> await(iNow(1));"));
        assertEquals(Outcome.PROCESSOR_FAILURE, v.outcome(), () -> FailureArchive.describe(v));
        assertEquals(true, v.actual().contains("ERROR"), v.actual());
    }

    /** A program javac rejects anyway is the generator's fault, never counted as the processor's. */
    @Test
    void aProgramThatDoesNotCompileWithoutTheProcessorIsInvalid() {
        Verdict v = RUNNER.run(withFirstStatement(9, "int notAnInt = \"text\";"));
        assertEquals(Outcome.INVALID_PROGRAM, v.outcome(), () -> FailureArchive.describe(v));
    }

    private static GeneratedProgram withFirstStatement(long seed, String statement) {
        GeneratedProgram program = new ProgramGenerator(Feature.defaults()).generate(seed);
        Node body = null;
        for (Node n : program.tree().preorder()) {
            if (n.kind() == Node.Kind.BLOCK) {
                body = n;
                break;
            }
        }
        List<Node> statements = new ArrayList<>(body.children());
        statements.add(0, Node.of(Node.Kind.STATEMENT, statement));
        return program.withTree(program.tree().replace(body, List.of(Node.block(statements))));
    }

    private static void assertAllSame(List<Verdict> verdicts) {
        List<Verdict> failures = verdicts.stream().filter(v -> v.outcome() != Outcome.SAME).toList();
        if (failures.isEmpty()) {
            return;
        }
        FailureArchive archive = new FailureArchive(Path.of("target", "differential-failures"));
        StringBuilder sb = new StringBuilder(failures.size() + " of " + verdicts.size()
                + " generated programs failed (written to " + archive.folder().toAbsolutePath() + "):\n");
        for (Verdict v : failures) {
            archive.write(v);
            sb.append(FailureArchive.describe(v)).append('\n');
        }
        fail(sb.toString());
    }
}
