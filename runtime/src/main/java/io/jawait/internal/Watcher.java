package io.jawait.internal;

/**
 * A waiter that only watches a task: its being there when the task fails does not count as
 * handling the failure (as a coroutine's await or a callback does), so the failure stays
 * reportable until someone really observes it. Used by {@code Tasks.waitFor}, which hands the
 * completed tasks back to the caller instead of their outcomes.
 */
public interface Watcher extends Waiter {
}
