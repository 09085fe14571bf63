/**
 * The TCP echo benchmark's servers (jawait, Netty with one event loop, virtual threads), each started
 * in a child process, and the one load generator that drives them all
 * ({@link io.jawait.benchmarks.echo.EchoLoad}).
 */
package io.jawait.benchmarks.echo;
