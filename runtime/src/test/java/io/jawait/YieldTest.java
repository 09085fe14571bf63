package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sleep(0)} is a yield through the ready queue: fair to ready work and to timers, cancellable. */
class YieldTest {
    @Test
    void sleepZeroCompletesAfterTheWorkThatWasReadyBeforeIt() {
        try (EventLoop loop = new EventLoop()) {
            List<String> order = new ArrayList<>();
            loop.execute(() -> order.add("ready before"));
            Task<Void> yield = Tasks.sleep(0).onComplete((v, e) -> order.add("yield"));
            loop.execute(() -> order.add("ready after"));
            assertFalse(yield.isDone());
            loop.runUntilDone(yield);
            loop.runUntilDone(Tasks.sleep(0));
            assertEquals(List.of("ready before", "yield", "ready after"), order);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void yieldingForeverDoesNotStarveTimers() {
        try (EventLoop loop = new EventLoop()) {
            boolean[] stop = {false};
            int[] yields = {0};
            Runnable[] again = new Runnable[1];
            again[0] = () -> {
                if (!stop[0]) {
                    yields[0]++;
                    Tasks.sleep(0).onComplete((v, e) -> again[0].run());
                }
            };
            again[0].run();
            Task<Void> timer = loop.schedule(1, () -> stop[0] = true);
            loop.runUntilDone(timer);
            assertTrue(stop[0]);
            assertTrue(yields[0] > 0);
        }
    }

    @Test
    void aCancelledYieldStaysCancelled() {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> yield = Tasks.sleep(0);
            assertTrue(yield.cancel());
            loop.runUntilDone(Tasks.sleep(0)); // the cancelled yield's turn has passed meanwhile
            assertTrue(yield.isCancelled());
        }
    }
}
