/**
 * Rewrites that move every await to statement level without changing what the code does:
 * {@link io.jawait.processor.lower.ExpressionLowering} evaluates what comes before an await into
 * temporaries (JLS 15.7) and turns {@code ?:}, {@code &&} and {@code ||} around an await into
 * {@code if}s; {@link io.jawait.processor.lower.ResourceLowering} takes try-with-resources apart as
 * JLS 14.20.3 defines it. Code without an await is left as written.
 */
package io.jawait.processor.lower;
