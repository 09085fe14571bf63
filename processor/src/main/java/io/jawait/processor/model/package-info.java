/**
 * What the stages of the processor share: one validated {@code @Async} method
 * ({@link io.jawait.processor.model.AsyncMethod}) and the names of the runtime API the generated code
 * calls ({@link io.jawait.processor.model.RuntimeApi}).
 */
package io.jawait.processor.model;
