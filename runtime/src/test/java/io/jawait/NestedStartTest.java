package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.Recurse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call runs synchronously until its first suspension only up to a bounded nesting of calls (128
 * steps); deeper, its first step runs from the ready queue, so that async recursion takes heap
 * rather than stack.
 */
class NestedStartTest {
    private static final int BOUND = 128;

    private final List<Recurse> calls = new ArrayList<>();
    private final TaskLocal<String> local = new TaskLocal<>("test");

    @Test
    void callsNestedPastTheBoundStartFromTheReadyQueue() {
        try (EventLoop loop = new EventLoop()) {
            Recurse top = new Recurse(300, calls, local);
            top.$start();
            assertFalse(top.isDone(), "a call past the bound suspends its caller");
            assertEquals(BOUND + 1, calls.size(), "the call made inside " + BOUND + " nested steps is queued");
            assertTrue(calls.get(BOUND - 1).ran);
            assertFalse(calls.get(BOUND).ran);
            assertTrue(loop.dumpTasks().contains("└─ Test.recurse ready to start, age "), loop.dumpTasks());
            loop.runUntilDone(top);
            assertEquals(300, top.resultNow());
            assertEquals(301, calls.size());
        }
    }

    @Test
    void aQueuedFirstStepRunsWithItsCreatorsTaskLocals() {
        try (EventLoop loop = new EventLoop()) {
            local.set("creator's");
            Recurse top = new Recurse(BOUND + 10, calls, local);
            top.$start();
            local.set("changed after the call");
            loop.runUntilDone(top);
            assertEquals("creator's", calls.get(calls.size() - 1).seen);
        }
    }

    @Test
    void cancellingACallWhoseFirstStepIsQueuedCancelsItWithoutRunningIt() {
        try (EventLoop loop = new EventLoop()) {
            Recurse top = new Recurse(300, calls, local);
            top.$start();
            Recurse queued = calls.get(BOUND);
            assertTrue(queued.cancel());
            assertTrue(queued.isCancelled());
            loop.runUntilDone(top);
            assertTrue(top.isCancelled(), "its callers were cancelled in turn");
            assertFalse(queued.ran, "its body never ran");
            assertEquals(BOUND + 1, calls.size());
        }
    }
}
