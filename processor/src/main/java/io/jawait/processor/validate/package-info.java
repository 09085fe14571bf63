/**
 * The checks that turn misuse into a javac error on the right line: where {@code @Async} stands and
 * what the method declares ({@link io.jawait.processor.validate.AsyncMethodValidator}, public
 * javax.lang.model API only), and every {@code await} that no {@code @Async} method will rewrite
 * ({@link io.jawait.processor.validate.AwaitPlacementChecker}, once javac has attributed the class).
 * Each message says what to do instead.
 */
package io.jawait.processor.validate;
