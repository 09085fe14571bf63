/**
 * The sleepers workload: many tasks that each sleep once, run in a child process per runtime
 * (jawait, Kotlin coroutines, virtual threads; asyncio from a Python script), which reports its time and
 * the memory each sleeping task costs.
 */
package io.jawait.benchmarks.sleepers;
