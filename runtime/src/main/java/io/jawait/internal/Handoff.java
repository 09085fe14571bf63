package io.jawait.internal;

/**
 * Marks a task whose success hands something over to its awaiter: a permit, a lock, a queue item,
 * a slot in a queue. Such a result must never be dropped because the awaiter is being cancelled,
 * or the permit would leak and the item would be lost.
 *
 * <p>So a {@link Coroutine} cancelled while it awaits a hand-off does not throw at once: it cancels
 * the hand-off (which withdraws from its wait queue, or for a condition first re-acquires the
 * lock) and waits for the hand-off's outcome. If the hand-off still succeeded (it had already
 * been granted), the value is delivered and the cancellation is delivered at the coroutine's next
 * await instead. Implementations complete their task cancelled only once nothing is held.
 */
public interface Handoff {
}
