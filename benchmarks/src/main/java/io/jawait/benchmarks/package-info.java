/**
 * The benchmarks of jawait against CompletableFuture, virtual threads, Kotlin coroutines, Netty and
 * Python's asyncio. {@code suite.RunAll} runs them all and writes {@code BENCHMARKS.md}; the test suite
 * only runs a brief smoke version of each. The figures and their analysis are in the project's
 * {@code BENCHMARKS.md} and {@code benchmarks/ANALYSIS.md}.
 *
 * <p>By kind: {@code micro} (JMH: await, suspend/resume, gather, call chains), {@code sleepers} (many
 * sleeping tasks: memory and time per task), {@code echo} (a TCP echo server under load), {@code compile}
 * (what the processor adds to javac's time), {@code peers} (the same work written for the other runtimes).
 */
package io.jawait.benchmarks;
