/**
 * What the transform learns about an {@code @Async} body before changing it: where it awaits
 * ({@link io.jawait.processor.analyse.AwaitSites}), which locals must become fields because they live
 * across an await ({@link io.jawait.processor.analyse.LocalVariables}), what each {@code break},
 * {@code continue} and {@code yield} leaves ({@link io.jawait.processor.analyse.JumpTargets}), which
 * task results are dropped ({@link io.jawait.processor.analyse.DroppedTasks}), and names for
 * generated code that cannot clash with the user's.
 */
package io.jawait.processor.analyse;
