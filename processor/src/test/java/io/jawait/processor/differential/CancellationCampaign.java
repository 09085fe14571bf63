package io.jawait.processor.differential;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The large run of the cancellation oracle ({@link CancellationOracle}), off in the normal suite:
 * <pre>
 * mvn -B -q -pl processor -am verify -Dtest=CancellationCampaign -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsurefire.timeout=0 -Djawait.cancellation.count=1000
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
        Campaign campaign = new Campaign("cancellation", 2_000_000L);
        String points = campaign.property("points");
        CancellationOracle oracle = new CancellationOracle(points == null ? 40 : Integer.parseInt(points));
        try (DifferentialRunner runner = new DifferentialRunner(oracle)) {
            campaign.run(new ProgramGenerator(Feature.defaults(), true), runner,
                    () -> oracle.runs() + " cancelled runs, ",
                    () -> "cancelled runs: " + oracle.runs() + " (each of both builds)\n");
        }
    }
}
