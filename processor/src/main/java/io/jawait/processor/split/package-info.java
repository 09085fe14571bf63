/**
 * Splits a lowered body into the basic blocks of a state machine
 * ({@link io.jawait.processor.split.StateMachineBuilder}): one {@code case} of a dispatch switch per
 * block, try statements whose parts await turned into an exception table and pending completions
 * ({@link io.jawait.processor.split.TryRegion}, {@link io.jawait.processor.split.ExceptionTable}).
 * Statements without an await stay ordinary structured Java.
 */
package io.jawait.processor.split;
