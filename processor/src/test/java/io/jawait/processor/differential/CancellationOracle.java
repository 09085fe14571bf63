package io.jawait.processor.differential;

import io.jawait.processor.differential.DifferentialRunner.Comparison;
import io.jawait.processor.differential.DifferentialRunner.Outcome;
import io.jawait.processor.differential.DifferentialRunner.Run;
import io.jawait.processor.differential.DifferentialRunner.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential comparison under cancellation: a program's two builds must log the same
 * without cancellation and with the cancellation put at each of its real suspensions in turn.
 *
 * <p>The harness's {@code pause()} counts real suspensions. With {@code cancelAt = k}, the
 * processed build cancels the root task just before the k-th (the cancel is issued by the running
 * code, so it takes effect at that code's next await, the k-th's own: docs/semantics.md, "Other
 * cancellations", and innermost first from there); the reference build's await of the k-th
 * throws {@code new CancellationException()}. Programs come from a {@link ProgramGenerator} made
 * for cancellation ({@link Generation#forCancellation}), which leaves out what the blocking model
 * cannot say. Both logs end with the outcome and the final state, so the comparison covers them.
 */
final class CancellationOracle implements Comparison {
    private final int maxPoints;
    private long runs;

    /** At most {@code maxPoints} cancellation points per program, spread evenly when there are more. */
    CancellationOracle(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** Cancelled runs compared so far (each a run of both builds). */
    long runs() {
        return runs;
    }

    @Override
    public Verdict compare(GeneratedProgram program, Run reference, Run processed) {
        String expected = reference.log(0);
        int expectedSuspensions = reference.suspensions();
        String actual = processed.log(0);
        int suspensions = processed.suspensions();
        if (!expected.equals(actual) || expectedSuspensions != suspensions) {
            // Also a different count of suspensions: the points below would not be the same points.
            return new Verdict(program, Outcome.MISMATCH, "not cancelled, " + expectedSuspensions + " suspensions\n"
                    + expected, "not cancelled, " + suspensions + " suspensions\n" + actual);
        }
        for (int at : points(suspensions, maxPoints)) {
            runs++;
            String cancelledExpected = reference.log(at);
            String cancelledActual = processed.log(at);
            if (!cancelledExpected.equals(cancelledActual)) {
                String header = "cancelled at suspension " + at + " of " + suspensions + "\n";
                return new Verdict(program, Outcome.MISMATCH, header + cancelledExpected, header + cancelledActual);
            }
        }
        return new Verdict(program, Outcome.SAME, expected, actual);
    }

    /** 1..count, or {@code max} of them spread evenly from the first to the last. */
    static List<Integer> points(int count, int max) {
        List<Integer> points = new ArrayList<>();
        if (count <= max) {
            for (int k = 1; k <= count; k++) {
                points.add(k);
            }
            return points;
        }
        for (int i = 0; i < max; i++) {
            int k = 1 + (int) ((long) i * (count - 1) / (max - 1));
            if (points.isEmpty() || points.get(points.size() - 1) != k) {
                points.add(k);
            }
        }
        return points;
    }
}
