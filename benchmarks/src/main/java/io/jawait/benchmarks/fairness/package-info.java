/**
 * Fairness under a stream: round trips of other connections to a one-loop jawait server while one
 * client streams gigabytes into it and out of it ({@link io.jawait.benchmarks.fairness.StreamFairness}).
 */
package io.jawait.benchmarks.fairness;
