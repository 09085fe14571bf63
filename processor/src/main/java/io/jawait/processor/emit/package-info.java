/**
 * Writes the state machine class: its skeleton as Java text with types named by JavaPoet
 * ({@link io.jawait.processor.emit.CoroutineClassEmitter}), into which the user's own statements are
 * copied as trees, keeping their source positions, so that stack traces and breakpoints land on the
 * user's lines ({@link io.jawait.processor.emit.UserCodeRewriter}).
 */
package io.jawait.processor.emit;
