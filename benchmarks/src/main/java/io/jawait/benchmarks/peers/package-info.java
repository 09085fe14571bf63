/**
 * The same workloads for the other runtimes, written the way their users would: CompletableFuture
 * with callbacks on a single-threaded queue, and plain blocking code on virtual threads (reached
 * without compiling against JDK 21).
 */
package io.jawait.benchmarks.peers;
