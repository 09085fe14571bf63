/**
 * The state machine of one {@code @Async} method between splitting and emitting
 * ({@link io.jawait.processor.ir.StateMachine}): basic blocks ({@link io.jawait.processor.ir.Block})
 * that each end in a sealed {@link io.jawait.processor.ir.Terminator}, try regions that become the
 * exception table, the frame variables of the step method, and the liveness analysis over them
 * ({@link io.jawait.processor.ir.Liveness}) that decides which variables a suspended task keeps.
 */
package io.jawait.processor.ir;
