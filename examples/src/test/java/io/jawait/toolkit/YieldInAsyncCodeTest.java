package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code yieldNow()} in @Async code compiled by the processor, in both await forms. */
class YieldInAsyncCodeTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Task<Integer> worker(String name, int rounds) {
        int done = 0;
        for (int i = 0; i < rounds; i++) {
            log.add(name + i);
            if (i % 2 == 0) {
                await(yieldNow());
            } else {
                yieldNow().await();
            }
            done++;
        }
        return Task.of(done);
    }

    @Async
    Task<Integer> both() {
        Task<Integer> a = worker("a", 4);
        Task<Integer> b = worker("b", 4);
        return Task.of(await(a) + await(b));
    }

    @Test
    void yieldingWorkersTakeTurnsOnTheLoop() {
        assertEquals(8, Tasks.run(this::both));
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3"), log);
    }
}
