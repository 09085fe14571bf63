package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.SleepThen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerTest {

    @Test
    void timersWithEqualDeadlinesFireInCreationOrder() {
        AtomicLong clock = new AtomicLong(1_000);
        try (EventLoop loop = new EventLoop(clock::get)) {
            List<Integer> fired = new ArrayList<>();
            Task<Void> last = null;
            for (int i = 0; i < 200; i++) {
                int n = i;
                last = loop.schedule(Duration.ofMillis(5), () -> fired.add(n));
            }
            clock.addAndGet(Duration.ofMillis(5).toNanos());
            loop.runUntilDone(last);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, fired);
        }
    }

    @Test
    void sleepsWithEqualDeadlinesResumeInCreationOrder() {
        AtomicLong clock = new AtomicLong(0);
        try (EventLoop loop = new EventLoop(clock::get)) {
            List<String> order = new ArrayList<>();
            List<Task<String>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                Task<String> t = new SleepThen<>("Test." + name, 10, name).$start();
                t.onComplete((v, e) -> order.add(v));
                tasks.add(t);
            }
            clock.set(Duration.ofMillis(10).toNanos());
            loop.runUntilDone(Tasks.gather(tasks));
            assertEquals(List.of("a", "b", "c", "d"), order);
        }
    }

    @Test
    void sleepsCompleteInDeadlineOrder() {
        try (EventLoop loop = new EventLoop()) {
            List<String> order = new ArrayList<>();
            List<Task<String>> tasks = new ArrayList<>();
            long[] delays = {150, 50, 100, 0};
            for (long d : delays) {
                Task<String> t = new SleepThen<>("Test.s" + d, d, "s" + d).$start();
                t.onComplete((v, e) -> order.add(v));
                tasks.add(t);
            }
            loop.runUntilDone(Tasks.gather(tasks));
            assertEquals(List.of("s0", "s50", "s100", "s150"), order);
        }
    }

    @Test
    void aSleepWaitsAtLeastItsDuration() {
        try (EventLoop loop = new EventLoop()) {
            long start = System.nanoTime();
            loop.runUntilDone(Tasks.sleep(Duration.ofMillis(30)));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos());
        }
    }

    @Test
    void cancellingAScheduledActionPreventsIt() {
        try (EventLoop loop = new EventLoop()) {
            List<String> ran = new ArrayList<>();
            Task<Void> cancelled = loop.schedule(10, () -> ran.add("cancelled one"));
            Task<Void> kept = loop.schedule(20, () -> ran.add("kept"));
            assertTrue(cancelled.cancel());
            assertTrue(cancelled.isCancelled());
            assertFalse(cancelled.cancel());
            loop.runUntilDone(kept);
            assertEquals(List.of("kept"), ran);
        }
    }

    @Test
    void aThrowingScheduledActionFailsItsTask() {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> t = loop.schedule(1, () -> {
                throw new IllegalArgumentException("bad action");
            });
            loop.runUntilDone(t);
            assertEquals("bad action", t.exceptionNow().getMessage());
        }
    }

    @Test
    void negativeSleepIsRejectedAndZeroYields() {
        try (EventLoop loop = new EventLoop()) {
            assertThrows(IllegalArgumentException.class, () -> Tasks.sleep(-1));
            assertThrows(IllegalArgumentException.class, () -> Tasks.sleep(Duration.ofMillis(-1)));
            Task<Void> zero = Tasks.sleep(0);
            assertFalse(zero.isDone());
            loop.runUntilDone(zero);
            Task<Void> huge = Tasks.sleep(Duration.ofSeconds(Long.MAX_VALUE));
            assertFalse(huge.isDone());
            assertTrue(huge.cancel());
        }
    }

    @Test
    void nowIsMonotonic() {
        try (EventLoop loop = new EventLoop()) {
            long a = loop.now();
            long b = loop.now();
            assertTrue(b >= a);
        }
    }
}
