package io.jawait.benchmarks.echo;

/** An echo server of the benchmark, listening on 127.0.0.1. */
interface EchoServer extends AutoCloseable {
    int port();
}
