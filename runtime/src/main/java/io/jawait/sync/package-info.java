/**
 * Coordination between tasks of one event loop, like asyncio's synchronization primitives and
 * kotlinx's {@code Mutex}, {@code Semaphore} and {@code Channel}: {@link io.jawait.sync.AsyncLock},
 * {@link io.jawait.sync.AsyncCondition}, {@link io.jawait.sync.AsyncSemaphore},
 * {@link io.jawait.sync.AsyncEvent}, {@link io.jawait.sync.AsyncBarrier} and
 * {@link io.jawait.sync.AsyncQueue}. Waiting suspends the task, never the thread; a cancelled waiter
 * leaves its queue at once and never loses the permit or item handed to it. Each of these belongs to
 * one loop; {@link io.jawait.sync.SharedQueue} and {@link io.jawait.sync.SharedEvent} are made to be
 * shared between the loops of a group.
 *
 * <pre>{@code
 * AsyncQueue<String> queue = new AsyncQueue<>(10);    // bounded: put waits while it is full
 * await(queue.put("job"));
 * String job = await(queue.take());
 * }</pre>
 *
 * <p>The guide is the project's {@code docs/toolkit.md}.
 */
package io.jawait.sync;
