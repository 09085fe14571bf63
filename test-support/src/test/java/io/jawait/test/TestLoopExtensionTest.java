package io.jawait.test;

import static io.jawait.Tasks.await;
import static io.jawait.test.Scenarios.failLater;
import static io.jawait.test.Scenarios.sleepThen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a fixture class that uses the extension through the JUnit launcher, as a user's build would,
 * and checks each of its tests' verdict and, for the failing assertion, where its stack trace points.
 */
class TestLoopExtensionTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    static volatile boolean fixtureRun;

    static boolean fixtureRun() {
        return fixtureRun;
    }

    @Test
    void theExtensionGivesEachTestAVirtualLoopAndFailsTestsThatLoseErrors() {
        Map<String, Throwable> failures = new HashMap<>();
        Map<String, String> verdicts = run(Fixture.class, failures);
        assertEquals(Map.of(
                "runsOnVirtualTime(TestLoop)", "SUCCESSFUL",
                "beforeEachSharesTheLoop(TestLoop)", "SUCCESSFUL",
                "loopIsFreshForEachTest(TestLoop)", "SUCCESSFUL",
                "lostFailureFailsTheTest(TestLoop)", "FAILED AssertionError",
                "runTestUsesTheTestsLoop(TestLoop)", "SUCCESSFUL",
                "runTestWithoutALoopParameter()", "SUCCESSFUL",
                "creatingASecondLoopSaysWhatToDo()", "SUCCESSFUL",
                "assertionFailingInAsyncCode(TestLoop)", "FAILED AssertionFailedError"), verdicts);
    }

    @Test
    void aTestThatTakesATestLoopGroupGetsOneClosedAfterIt() {
        Map<String, Throwable> failures = new HashMap<>();
        Map<String, String> verdicts = run(GroupFixture.class, failures);
        assertEquals(Map.of(
                "injectsAGroupOfTwoLoopsAndNoLoopOnTheTestsThread(TestLoopGroup)", "SUCCESSFUL",
                "loopsSaysHowMany(TestLoopGroup)", "SUCCESSFUL",
                "takesBothALoopAndAGroup(TestLoop, TestLoopGroup)", "SUCCESSFUL",
                "lostFailureOnTheGroupFailsTheTest(TestLoopGroup)", "FAILED AssertionError"), verdicts);
        assertTrue(failures.get("lostFailureOnTheGroupFailsTheTest(TestLoopGroup)").getMessage().contains("lost"),
                failures.toString());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("test-group-")),
                "every injected group was closed and its threads ended");
    }

    /**
     * The assertion's own exception fails the test, and the top frame of its stack trace that is not
     * the assertion library's (what IDEs and build logs show as the place of the failure) is the
     * assertion's line in the test's file: no frame of jawait or of the generated code comes first.
     */
    @Test
    void aFailedAssertionInAsyncCodePointsToItsLine() throws IOException {
        Map<String, Throwable> failures = new HashMap<>();
        run(Fixture.class, failures);
        Throwable failure = failures.get("assertionFailingInAsyncCode(TestLoop)");
        assertNotNull(failure);
        assertTrue(failure.getMessage().contains("expected: <3> but was: <2>"), failure.getMessage());
        StackTraceElement first = List.of(failure.getStackTrace()).stream()
                .filter(f -> !f.getClassName().startsWith("org.junit.") && !f.getClassName().startsWith("org.opentest4j."))
                .findFirst().orElseThrow();
        assertEquals("TestLoopExtensionTest.java:" + lineOf("// the failing assertion"),
                first.getFileName() + ":" + first.getLineNumber(), first.toString());
    }

    /** Line number of the one line of this test's source that contains {@code marker}. */
    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/jawait/test/TestLoopExtensionTest.java"));
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker) && !lines.get(i).contains("lineOf(")) {
                assertEquals(-1, found, "marker twice: " + marker);
                found = i + 1;
            }
        }
        assertTrue(found > 0, "no marker " + marker);
        return found;
    }

    private static Map<String, String> run(Class<?> fixture, Map<String, Throwable> failures) {
        Map<String, String> verdicts = new TreeMap<>();
        fixtureRun = true;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                verdicts.put(id.getDisplayName(), result.getStatus() + result.getThrowable()
                                        .map(e -> " " + e.getClass().getSimpleName()).orElse(""));
                                result.getThrowable().ifPresent(e -> failures.put(id.getDisplayName(), e));
                            }
                        }
                    });
        } finally {
            fixtureRun = false;
        }
        return verdicts;
    }

    @EnabledIf("io.jawait.test.TestLoopExtensionTest#fixtureRun")
    @ExtendWith(TestLoopExtension.class)
    static class Fixture {
        Task<String> started;

        @BeforeEach
        void start(TestLoop loop) {
            started = sleepThen(1000, "started");
        }

        @Test
        void runsOnVirtualTime(TestLoop loop) {
            assertEquals("woke", loop.run(() -> sleepThen(HOUR, "woke")));
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
            failLater(5, new IllegalStateException("lost"));
            loop.advanceUntilIdle();
        }

        @Test
        void runTestUsesTheTestsLoop(TestLoop loop) {
            assertEquals("woke", TestLoop.runTest(() -> sleepThen(HOUR, "woke")));
            assertEquals(Duration.ofHours(1), loop.currentTime(), "on the test's own clock");
            assertEquals("started", TestLoop.runTest(() -> started), "with the tasks @BeforeEach started");
        }

        @Test
        void runTestWithoutALoopParameter() {
            assertEquals("woke", TestLoop.runTest(() -> sleepThen(HOUR, "woke")));
        }

        @Test
        void creatingASecondLoopSaysWhatToDo() {
            IllegalStateException e = assertThrows(IllegalStateException.class, TestLoop::new);
            assertTrue(e.getMessage().contains("take the test's loop as a TestLoop parameter"), e.getMessage());
        }

        @Async
        Task<Void> scenario() {
            int replies = await(sleepThen(HOUR, 2));
            assertEquals(3, replies); // the failing assertion
            return Task.done();
        }

        @Test
        void assertionFailingInAsyncCode(TestLoop loop) {
            loop.run(this::scenario);
        }
    }

    @EnabledIf("io.jawait.test.TestLoopExtensionTest#fixtureRun")
    @ExtendWith(TestLoopExtension.class)
    static class GroupFixture {
        @Test
        void injectsAGroupOfTwoLoopsAndNoLoopOnTheTestsThread(TestLoopGroup loops) {
            assertEquals(2, loops.size());
            assertNull(EventLoop.currentOrNull(), "the test's thread drives the group and runs no loop");
            assertEquals("woke", loops.group().run(() -> sleepThen(HOUR, "woke")));
            assertEquals(Duration.ofHours(1), loops.currentTime());
        }

        @Test
        void loopsSaysHowMany(@Loops(3) TestLoopGroup loops) {
            assertEquals(3, loops.size());
        }

        @Test
        void takesBothALoopAndAGroup(TestLoop loop, TestLoopGroup loops) {
            assertNotNull(EventLoop.currentOrNull(), "the test's own loop");
            assertEquals("woke", loops.run(() -> sleepThen(HOUR, "woke")));
            assertEquals(Duration.ZERO, loop.currentTime(), "two clocks");
        }

        @Test
        void lostFailureOnTheGroupFailsTheTest(TestLoopGroup loops) {
            loops.run(() -> {
                failLater(5, new IllegalStateException("lost"));
                return Task.done();
            });
            loops.advanceUntilIdle();
        }
    }
}
