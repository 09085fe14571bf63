/**
 * The suite that runs every benchmark, each in its own process or JMH fork, and writes the report
 * ({@code BENCHMARKS.md}, with the machine it ran on) and its chart; started by
 * {@link io.jawait.benchmarks.suite.RunAll}.
 */
package io.jawait.benchmarks.suite;
