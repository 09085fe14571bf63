package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.SleepThen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop's registry of live coroutines survives completions in any order (each completion moves
 * another coroutine into the freed slot): closing the loop still cancels exactly the ones left.
 */
class LiveRegistryTest {
    @Test
    void closeCancelsExactlyTheCoroutinesStillRunningAfterInterleavedCompletions() {
        List<Task<Integer>> quick = new ArrayList<>();
        List<Task<Integer>> slow = new ArrayList<>();
        try (EventLoop loop = new EventLoop()) {
            for (int i = 0; i < 3000; i++) { // past the registry's growth and shrink thresholds
                if (i % 3 == 1) {
                    slow.add(new SleepThen<>("Test.slow", 3_600_000, i).$start());
                } else {
                    quick.add(new SleepThen<>("Test.quick", 1 + i % 5, i).$start());
                }
            }
            loop.runUntilDone(Tasks.gather(quick));
            assertTrue(slow.stream().noneMatch(Task::isDone));
        }
        for (Task<Integer> t : quick) {
            assertTrue(t.isDone() && !t.isCancelled(), t.toString());
        }
        for (Task<Integer> t : slow) {
            assertTrue(t.isCancelled(), t.toString());
        }
        assertEquals("Task[Test.slow, cancelled]", slow.get(0).toString());
    }
}
