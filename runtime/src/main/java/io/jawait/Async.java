package io.jawait;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body the jawait processor rewrites into a state machine.
 *
 * <p>The method must have a body and declare {@code Task<T>} as its return type. Inside it,
 * {@link Tasks#await(Task)} and {@link Task#await()} suspend the method without blocking the
 * loop thread.
 *
 * <pre>{@code
 * @Async
 * Task<String> greet(String name) {
 *     await(Tasks.sleep(100));
 *     return Task.of("hello " + name);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}
