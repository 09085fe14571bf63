/**
 * JMH micro-benchmarks: awaiting a completed task, a suspend/resume round trip through the loop, a
 * gather, and a chain of nested calls suspended on one leaf; each compared with the peers' versions of
 * the same work. {@link io.jawait.benchmarks.micro.JawaitWorkloads} is the jawait side, as a user would
 * write it.
 */
package io.jawait.benchmarks.micro;
