/**
 * Testing {@code @Async} code on virtual time (kotlinx-coroutines-test's {@code runTest}):
 * {@link io.jawait.test.TestLoop}, whose clock jumps straight to the next timer whenever every task
 * waits, the JUnit Jupiter extension {@link io.jawait.test.TestLoopExtension}, and
 * {@link io.jawait.test.TestLoopGroup}, several loops on one virtual clock taking turns, for code
 * written for an {@code EventLoopGroup}.
 *
 * <pre>{@code
 * assertEquals("done", TestLoop.runTest(() -> retryForAnHour()));   // runs in milliseconds
 * }</pre>
 *
 * <p>The guide is the project's {@code docs/testing.md}.
 */
package io.jawait.test;
