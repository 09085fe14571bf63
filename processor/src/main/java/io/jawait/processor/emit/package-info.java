/**
 * Writes the state machine class and the step method: their declarations built as trees
 * ({@link io.jawait.processor.emit.CoroutineClassEmitter}); the step method, a method of
 * the user's class, gets the user's own statements copied as trees, keeping their source positions,
 * so that stack traces and breakpoints land on the user's lines in the user's class
 * ({@link io.jawait.processor.emit.StepEmitter}, {@link io.jawait.processor.emit.UserCodeRewriter}).
 */
package io.jawait.processor.emit;
