package io.jawait.processor.differential;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The large differential run, off in the normal suite. Run it with (see TESTING.md):
 * <pre>
 * mvn -B -q -pl processor -am verify -Dtest=DifferentialCampaign -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsurefire.timeout=0 -Djawait.differential.count=10000
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
        Campaign campaign = new Campaign("differential", 1_000_000L);
        Set<Feature> features = Feature.parse(campaign.property("features"));
        try (DifferentialRunner runner = new DifferentialRunner()) {
            campaign.run(new ProgramGenerator(features), runner, () -> "", () -> "features: " + features + "\n");
        }
    }
}
