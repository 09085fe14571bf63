package io.jawait.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that gives every test method a fresh {@link TestLoop} (virtual time)
 * bound to the test's thread, and fails the test if any failure went unobserved on it.
 *
 * <pre>{@code
 * @ExtendWith(TestLoopExtension.class)
 * class RetryTest {
 *     @Test
 *     void givesUpAfterThreeAttempts(TestLoop loop) {          // injected
 *         assertThrows(IOException.class, () -> loop.run(() -> fetchWithRetry(url)));
 *         assertEquals(Duration.ofSeconds(7), loop.currentTime()); // 1 + 2 + 4 s of backoff, instantly
 *     }
 *
 *     @Async
 *     Task<Void> scenario() { ... }                              // @Async helpers hold the test logic
 *     @Test
 *     void scenarioRuns(TestLoop loop) { loop.run(this::scenario); }
 * }
 * }</pre>
 *
 * <p>JUnit runs only test methods that return void, so a test method cannot itself be
 * {@code @Async} (the jawait processor rejects {@code @Async} on a {@code @Test} method rather than
 * let JUnit skip it): it runs {@code @Async} code with {@link TestLoop#run}, or with
 * {@link TestLoop#runTest}, which uses the test's loop. An assertion that fails inside the
 * {@code @Async} code fails the test with the assertion's own exception, whose stack trace starts at
 * the assertion's line in your file. The loop is created before
 * {@code @BeforeEach} methods run (they may start tasks on it) and closed after {@code @AfterEach}
 * ones: leftover tasks are cancelled, and the test fails if an error went unhandled. The extension
 * needs {@code junit-jupiter-api} on the test class path, which every Jupiter test has; jawait's
 * runtime does not depend on it otherwise. It does not support {@code @Timeout} with
 * {@code SEPARATE_THREAD} (the loop belongs to the test's own thread).
 */
public final class TestLoopExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestLoopExtension.class);

    /** Created by JUnit through {@code @ExtendWith}. */
    public TestLoopExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(TestLoop.class, new TestLoop());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestLoop loop = context.getStore(NAMESPACE).remove(TestLoop.class, TestLoop.class);
        if (loop != null) {
            loop.close();
            loop.assertNoUnhandledErrors();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestLoop.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestLoop loop = context.getStore(NAMESPACE).get(TestLoop.class, TestLoop.class);
        if (loop == null) {
            throw new IllegalStateException("TestLoopExtension provides a TestLoop to test methods (and @BeforeEach/@AfterEach"
                    + " methods) only");
        }
        return loop;
    }
}
