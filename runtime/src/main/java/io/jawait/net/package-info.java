/**
 * TCP and UDP on the event loop's selector (asyncio's {@code open_connection}, {@code start_server}
 * and datagram endpoints): {@link io.jawait.net.TcpStream}, {@link io.jawait.net.TcpServer},
 * {@link io.jawait.net.UdpSocket}. No extra threads; each connection's handler is typically an
 * {@code @Async} method.
 *
 * <pre>{@code
 * @Async
 * static Task<String> ask(String question) {
 *     try (TcpStream server = await(TcpStream.connect("localhost", 7000))) {
 *         await(server.write(question + "\n"));
 *         return Task.of(await(server.readLine(1024)));
 *     }
 * }
 * }</pre>
 *
 * <p>The guide is the project's {@code docs/io.md}.
 */
package io.jawait.net;
