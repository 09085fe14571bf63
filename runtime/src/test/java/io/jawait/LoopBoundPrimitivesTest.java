package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.sync.AsyncBarrier;
import io.jawait.sync.AsyncCondition;
import io.jawait.sync.AsyncEvent;
import io.jawait.sync.AsyncLock;
import io.jawait.sync.AsyncQueue;
import io.jawait.sync.AsyncSemaphore;
import io.jawait.test.TestLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every operation of every loop-bound primitive, used from a loop other than the one it belongs
 * to, is refused with an IllegalStateException naming both loops, and leaves the primitive as it
 * was for its own loop.
 */
@Timeout(60)
class LoopBoundPrimitivesTest {
    /** One use of a primitive; it may throw what the operation declares. */
    private interface Use {
        Object apply() throws Exception;
    }

    private static final String BOTH_LOOPS =
            " belongs to the event loop of thread 'g-0' and cannot be used from the event loop of thread 'g-1'";

    /** Runs each use on loop 1 and returns the problems: a use that was not refused, or refused with the wrong message. */
    private static List<String> misuses(TestLoopGroup loops, String kind, Map<String, Use> uses) {
        return loops.run(() -> Tasks.startOn(loops.loop(1), () -> {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Use> use : uses.entrySet()) {
                try {
                    use.getValue().apply();
                    problems.add(kind + "." + use.getKey() + " was not refused");
                } catch (IllegalStateException e) {
                    if (!e.getMessage().startsWith(kind + BOTH_LOOPS)) {
                        problems.add(kind + "." + use.getKey() + ": " + e.getMessage());
                    }
                } catch (Exception e) {
                    problems.add(kind + "." + use.getKey() + " threw " + e);
                }
            }
            return Task.of(problems);
        }));
    }

    @Test
    void locksAndSemaphores() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            AsyncLock lock = new AsyncLock();
            AsyncSemaphore semaphore = new AsyncSemaphore(2);
            loops.run(() -> {
                assertTrue(lock.tryLock());
                assertTrue(semaphore.tryAcquire());
                return Task.done();
            });
            Map<String, Use> lockUses = new LinkedHashMap<>();
            lockUses.put("lock", lock::lock);
            lockUses.put("tryLock", lock::tryLock);
            lockUses.put("unlock", () -> {
                lock.unlock();
                return null;
            });
            lockUses.put("withLock", () -> lock.withLock(Task::done));
            lockUses.put("isLocked", lock::isLocked);
            assertEquals(List.of(), misuses(loops, "AsyncLock", lockUses));
            Map<String, Use> semaphoreUses = new LinkedHashMap<>();
            semaphoreUses.put("acquire", semaphore::acquire);
            semaphoreUses.put("tryAcquire", semaphore::tryAcquire);
            semaphoreUses.put("release", () -> {
                semaphore.release();
                return null;
            });
            semaphoreUses.put("withPermit", () -> semaphore.withPermit(Task::done));
            semaphoreUses.put("availablePermits", semaphore::availablePermits);
            semaphoreUses.put("waiting", semaphore::waiting);
            assertEquals(List.of(), misuses(loops, "AsyncSemaphore", semaphoreUses));
            loops.run(() -> {
                assertTrue(lock.isLocked(), "still held by its loop");
                lock.unlock();
                assertFalse(lock.isLocked());
                assertEquals(1, semaphore.availablePermits(), "no permit was taken or given back");
                return Task.done();
            });
        }
    }

    @Test
    void eventsConditionsAndBarriers() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            AsyncEvent event = new AsyncEvent();
            AsyncLock lock = new AsyncLock();
            AsyncCondition condition = new AsyncCondition(lock);
            AsyncBarrier barrier = new AsyncBarrier(2);
            loops.run(() -> {
                event.set();
                assertTrue(lock.tryLock());
                condition.signalAll();
                barrier.reset();
                return Task.done();
            });
            Map<String, Use> eventUses = new LinkedHashMap<>();
            eventUses.put("whenSet", event::whenSet);
            eventUses.put("set", () -> {
                event.set();
                return null;
            });
            eventUses.put("clear", () -> {
                event.clear();
                return null;
            });
            assertEquals(List.of(), misuses(loops, "AsyncEvent", eventUses));
            Map<String, Use> conditionUses = new LinkedHashMap<>();
            conditionUses.put("waitSignal", condition::waitSignal);
            conditionUses.put("waitUntil", () -> condition.waitUntil(() -> true));
            conditionUses.put("signal", () -> {
                condition.signal();
                return null;
            });
            conditionUses.put("signalAll", () -> {
                condition.signalAll();
                return null;
            });
            assertEquals(List.of(), misuses(loops, "AsyncCondition", conditionUses));
            Map<String, Use> barrierUses = new LinkedHashMap<>();
            barrierUses.put("arriveAndWait", barrier::arriveAndWait);
            barrierUses.put("abort", () -> {
                barrier.abort();
                return null;
            });
            barrierUses.put("reset", () -> {
                barrier.reset();
                return null;
            });
            assertEquals(List.of(), misuses(loops, "AsyncBarrier", barrierUses));
            loops.run(() -> {
                assertTrue(event.isSet(), "not cleared by the refused clear()");
                assertTrue(event.whenSet().isDone());
                assertTrue(lock.isLocked());
                assertFalse(barrier.isBroken(), "not broken by the refused abort()");
                return Task.done();
            });
        }
    }

    @Test
    void queuesAndTheirIterators() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            AsyncQueue<String> queue = new AsyncQueue<>(10);
            AsyncQueue<String> iterated = new AsyncQueue<>();
            loops.run(() -> {
                assertTrue(queue.offer("kept"));
                assertTrue(iterated.offer("announced"));
                return Task.done();
            });
            var iterator = loops.run(() -> {
                var it = iterated.iterator();
                assertTrue(it.hasNext().isDone(), "an item is queued");
                return Task.of(it);
            });
            Map<String, Use> uses = new LinkedHashMap<>();
            uses.put("put", () -> queue.put("x"));
            uses.put("offer", () -> queue.offer("x"));
            uses.put("take", queue::take);
            uses.put("poll", queue::poll);
            uses.put("close", () -> {
                queue.close();
                return null;
            });
            uses.put("taskDone", () -> {
                queue.taskDone();
                return null;
            });
            uses.put("join", queue::join);
            uses.put("iterator().hasNext", () -> queue.iterator().hasNext());
            assertEquals(List.of(), misuses(loops, "AsyncQueue", uses));
            Map<String, Use> iteratorUses = new LinkedHashMap<>();
            iteratorUses.put("hasNext", iterator::hasNext);
            iteratorUses.put("next", iterator::next);
            iteratorUses.put("close", () -> {
                iterator.close();
                return null;
            });
            assertEquals(List.of(), misuses(loops, "AsyncQueue", iteratorUses));
            loops.run(() -> {
                assertFalse(queue.isClosed());
                assertEquals("kept", queue.poll(), "the refused uses neither added nor took an item");
                assertEquals(null, queue.poll());
                assertEquals("announced", iterator.next(), "the announced item is still the iterator's");
                return Task.done();
            });
        }
    }
}
