/**
 * Compile time: javac on a generated project of {@code @Async} methods with the jawait processor and
 * without it, to measure what the transform adds.
 */
package io.jawait.benchmarks.compile;
