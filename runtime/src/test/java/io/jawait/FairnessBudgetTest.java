package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.SumAwaits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task whose awaits keep completing at once yields to the loop after a bounded number of them
 * (the fairness budget, 128 per item the loop runs), so other ready work runs meanwhile. Counts,
 * not time.
 */
class FairnessBudgetTest {
    static final int BUDGET = 128;

    @Test
    void aTaskLoopingOnCompletedAwaitsLetsOtherReadyWorkRunWithinTheBudget() {
        try (EventLoop loop = new EventLoop()) {
            SumAwaits busy = new SumAwaits(Task.of(1), 10_000);
            List<Integer> progressSeenByOthers = new ArrayList<>();
            Runnable probe = new Runnable() {
                @Override
                public void run() {
                    progressSeenByOthers.add(busy.i);
                    if (!busy.isDone()) {
                        loop.execute(this);
                    }
                }
            };
            loop.execute(probe);
            loop.execute(busy::$start);
            loop.runUntilDone(busy);
            assertEquals(10_000L, busy.resultNow(), "every awaited value was delivered, also across yields");
            assertEquals(List.of(0, BUDGET), progressSeenByOthers.subList(0, 2), "awaits made before the first yield");
            int previous = 0;
            for (int seen : progressSeenByOthers) {
                assertTrue(seen - previous <= BUDGET + 1, "the other work waited " + (seen - previous) + " awaits");
                previous = seen;
            }
            assertEquals(10_000 / (BUDGET + 1), busy.suspensions, "one yield per spent budget");
        }
    }

    @Test
    void theYieldLetsWhatIsAlreadyReadyRunFirst() {
        try (EventLoop loop = new EventLoop()) {
            SumAwaits busy = new SumAwaits(Task.of(1), BUDGET + 1);
            List<Integer> progressSeenByOther = new ArrayList<>();
            loop.execute(busy::$start);
            loop.execute(() -> progressSeenByOther.add(busy.i));
            loop.runUntilDone(busy);
            assertEquals(List.of(BUDGET), progressSeenByOther, "the other item ran between the two parts");
            assertEquals(1, busy.suspensions);
            assertEquals(BUDGET + 1L, busy.resultNow());
        }
    }

    @Test
    void eachReadyItemStartsWithAFullBudget() {
        try (EventLoop loop = new EventLoop()) {
            List<SumAwaits> tasks = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                SumAwaits t = new SumAwaits(Task.of(1), BUDGET);
                tasks.add(t);
                loop.execute(t::$start);
            }
            loop.runUntilDone(tasks.get(2));
            for (SumAwaits t : tasks) {
                assertTrue(t.isDone());
                assertEquals(0, t.suspensions, "a budget spent by one item is not charged to the next");
            }
        }
    }

    @Test
    void codeCalledWhileTheLoopDoesNotRunItIsNotBudgeted() {
        try (EventLoop loop = new EventLoop()) {
            SumAwaits direct = new SumAwaits(Task.of(1), 10 * BUDGET);
            direct.$start();
            assertTrue(direct.isDone(), "nothing else could run meanwhile: it completes synchronously");
            assertEquals(0, direct.suspensions);
            SumAwaits fromTheLoop = new SumAwaits(Task.of(1), 10 * BUDGET);
            loop.execute(fromTheLoop::$start);
            loop.runUntilDone(fromTheLoop);
            assertFalse(fromTheLoop.suspensions == 0, "the same work run by the loop yields");
        }
    }
}
