package io.jawait.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many loops the {@link TestLoopGroup} that {@link TestLoopExtension} injects has (without it: 2).
 * <pre>{@code
 * @Test
 * void spreadsOverThreeLoops(@Loops(3) TestLoopGroup loops) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Loops {
    /** The number of loops, at least 1. */
    int value();
}
