/**
 * Not API: the machinery behind {@link io.jawait.EventLoop} and {@link io.jawait.Tasks} (ready
 * queue, timers, task combinators, the registry of live tasks and of unobserved failures) and the
 * base class of generated code, {@link io.jawait.internal.Coroutine}.
 *
 * <p>Public only because the state machines the processor writes into users' classes extend
 * {@code Coroutine}, and other jawait packages reach in. Its members change with the processor that
 * targets them, from one release to the next; use the runtime and the processor of the same version.
 */
package io.jawait.internal;
