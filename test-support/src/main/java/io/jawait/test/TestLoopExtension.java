package io.jawait.test;

import java.util.List;
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
 * {@code SEPARATE_THREAD} (the loop belongs to the test's own thread); the default
 * {@code @Timeout} interrupts the test's thread, which cancels the task a run waits for.
 *
 * <p>A test method that takes a {@link TestLoopGroup} gets one (of 2 loops, or as many as
 * {@link Loops} says), created for the test and closed after it, failing the test if an error
 * went unhandled on it. If the method takes no {@code TestLoop}, the test's thread gets no loop of
 * its own, so that it can drive the group, also through {@code group().run(...)}.
 * <pre>{@code
 * @Test
 * void everyLoopServes(@Loops(3) TestLoopGroup loops) {
 *     assertEquals(3, loops.run(() -> countLoops(loops.group())));
 * }
 * }</pre>
 */
public final class TestLoopExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestLoopExtension.class);
    /** Loops of an injected {@link TestLoopGroup} without {@link Loops}. */
    private static final int DEFAULT_LOOPS = 2;

    /** Created by JUnit through {@code @ExtendWith}. */
    public TestLoopExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // A test that drives a group, and has no use for a loop of its own, gets none: its thread
        // must run no loop for group().run(...) to be called on it.
        if (!takesOnlyAGroup(context)) {
            context.getStore(NAMESPACE).put(TestLoop.class, new TestLoop());
        }
    }

    private static boolean takesOnlyAGroup(ExtensionContext context) {
        List<Class<?>> types = context.getTestMethod().map(m -> List.of(m.getParameterTypes())).orElse(List.of());
        return types.contains(TestLoopGroup.class) && !types.contains(TestLoop.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        TestLoop loop = store.remove(TestLoop.class, TestLoop.class);
        TestLoopGroup group = store.remove(TestLoopGroup.class, TestLoopGroup.class);
        try {
            if (loop != null) {
                loop.close();
                loop.assertNoUnhandledErrors();
            }
        } finally {
            if (group != null) {
                group.close();
                group.assertNoUnhandledErrors();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestLoop.class || type == TestLoopGroup.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestLoopGroup.class) {
            return group(parameter, context);
        }
        TestLoop loop = context.getStore(NAMESPACE).get(TestLoop.class, TestLoop.class);
        if (loop == null) {
            throw new IllegalStateException(context.getTestMethod().isPresent()
                    ? "this test takes a TestLoopGroup and no TestLoop, so its thread runs no loop (to drive the group);"
                            + " add a TestLoop parameter to the test method to have both"
                    : "TestLoopExtension provides a TestLoop to test methods (and @BeforeEach/@AfterEach methods) only");
        }
        return loop;
    }

    /** The test's group: created on first request (its threads cost), closed after the test. */
    private static TestLoopGroup group(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new IllegalStateException("TestLoopExtension provides a TestLoopGroup to test methods (and"
                    + " @BeforeEach/@AfterEach methods) only");
        }
        int size = parameter.findAnnotation(Loops.class).map(Loops::value).orElse(DEFAULT_LOOPS);
        TestLoopGroup group = context.getStore(NAMESPACE).getOrComputeIfAbsent(
                TestLoopGroup.class, key -> new TestLoopGroup(size), TestLoopGroup.class);
        if (parameter.findAnnotation(Loops.class).isPresent() && group.size() != size) {
            throw new IllegalStateException("@Loops(" + size + ") asks for a group of " + size + " loops, but this test's"
                    + " group was already created with " + group.size() + " (one group per test)");
        }
        return group;
    }
}
