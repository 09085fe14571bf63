/**
 * Splits a lowered body into the basic blocks of its state machine
 * ({@link io.jawait.processor.split.StateMachineBuilder}, which builds the
 * {@link io.jawait.processor.ir} form): statements that await are taken apart, switches whose cases
 * await become dispatch blocks, and try statements whose parts await become try regions with a
 * pending completion for their finally. Statements without an await stay ordinary structured Java.
 */
package io.jawait.processor.split;
