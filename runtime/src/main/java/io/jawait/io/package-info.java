/**
 * Awaitable byte streams, files and child processes (asyncio's streams and subprocesses): reads
 * through {@link io.jawait.io.AsyncReader}, writes with back-pressure through
 * {@link io.jawait.io.AsyncWriter}, whole files and positioned reads and writes through
 * {@link io.jawait.io.AsyncFile}, and {@link io.jawait.io.Subprocess}. Nothing here blocks the loop:
 * the file system and process pipes, which the JDK cannot select on, are served by other threads.
 *
 * <pre>{@code
 * @Async
 * static Task<String> gitHead() throws IOException {
 *     try (Subprocess git = Subprocess.start("git", "rev-parse", "HEAD")) {
 *         String head = await(git.stdout().readLine(100));
 *         await(git.waitFor());
 *         return Task.of(head);
 *     }
 * }
 * }</pre>
 *
 * <p>The guide to this package and to {@link io.jawait.net} is the project's {@code docs/io.md}.
 */
package io.jawait.io;
