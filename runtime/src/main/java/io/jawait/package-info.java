/**
 * async/await for Java: {@link io.jawait.Async @Async} methods returning {@link io.jawait.Task},
 * {@link io.jawait.Tasks} (await, sleep, gather, timeouts, spawning, running a loop) and the
 * single-threaded {@link io.jawait.EventLoop} that runs them.
 *
 * <p>The jawait annotation processor rewrites each {@code @Async} method, inside its own class, into
 * a state machine; {@code await} suspends the method without blocking the loop's thread. The guide
 * is in the project's {@code docs/guide.md}; runtime behaviour (threads, cancellation, failures) in
 * {@code docs/semantics.md}.
 *
 * <pre>{@code
 * import static io.jawait.Tasks.*;
 *
 * @Async
 * static Task<String> greet(String name) {
 *     await(sleep(100));                      // suspends; the loop runs other tasks meanwhile
 *     return Task.of("hello " + name);
 * }
 *
 * public static void main(String[] args) {
 *     System.out.println(Tasks.run(() -> greet("world")));
 * }
 * }</pre>
 *
 * <p>The other packages: {@link io.jawait.sync} (locks, queues, semaphores, events between tasks),
 * {@link io.jawait.net} (TCP and UDP), {@link io.jawait.io} (streams, files, child processes).
 * {@code io.jawait.internal} is the machinery behind them and the generated code, not API.
 */
package io.jawait;
