package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jawait.TestCoroutines.SleepThen;
import io.jawait.test.TestLoop;
import io.jawait.test.TestLoopExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a fixture class through the JUnit launcher and checks each of its tests' verdict. */
class TestLoopExtensionTest {
    static volatile boolean fixtureRun;

    static boolean fixtureRun() {
        return fixtureRun;
    }

    @Test
    void theExtensionGivesEachTestAVirtualLoopAndFailsTestsThatLoseErrors() {
        Map<String, String> verdicts = new TreeMap<>();
        Launcher launcher = LauncherFactory.create();
        fixtureRun = true;
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Fixture.class)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                verdicts.put(id.getDisplayName(), result.getStatus() + result.getThrowable()
                                        .map(e -> " " + e.getClass().getSimpleName()).orElse(""));
                            }
                        }
                    });
        } finally {
            fixtureRun = false;
        }
        assertEquals(Map.of(
                "runsOnVirtualTime(TestLoop)", "SUCCESSFUL",
                "beforeEachSharesTheLoop(TestLoop)", "SUCCESSFUL",
                "loopIsFreshForEachTest(TestLoop)", "SUCCESSFUL",
                "lostFailureFailsTheTest(TestLoop)", "FAILED AssertionError"), verdicts);
    }

    @EnabledIf("io.jawait.TestLoopExtensionTest#fixtureRun")
    @ExtendWith(TestLoopExtension.class)
    static class Fixture {
        Task<String> started;

        @BeforeEach
        void start(TestLoop loop) {
            started = new SleepThen<>("Test.started", 1000, "started").$start();
        }

        @Test
        void runsOnVirtualTime(TestLoop loop) {
            assertEquals("woke", loop.run(() -> new SleepThen<>("Test.hour", Duration.ofHours(1).toMillis(), "woke").$start()));
            assertEquals(Duration.ofHours(1), loop.currentTime());
        }

        @Test
        void beforeEachSharesTheLoop(TestLoop loop) {
            assertEquals("started", loop.run(() -> started));
        }

        @Test
        void loopIsFreshForEachTest(TestLoop loop) {
            assertEquals(Duration.ZERO, loop.currentTime());
            assertEquals(List.of(), loop.unhandledErrors());
        }

        @Test
        void lostFailureFailsTheTest(TestLoop loop) {
            new SleepThen<String>("Test.lost", 5, null, new IOException("lost")).$start();
            loop.advanceUntilIdle();
        }
    }
}
