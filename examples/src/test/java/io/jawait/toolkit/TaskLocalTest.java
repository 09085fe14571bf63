package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.TaskLocal;
import io.jawait.Tasks;
import io.jawait.internal.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TaskLocal in @Async code compiled by the processor: asyncio ContextVar semantics. */
class TaskLocalTest {
    private static final TaskLocal<String> ID = new TaskLocal<>("id", "none");
    private final List<String> log = new ArrayList<>();

    @Async
    Task<String> child(String tag) {
        log.add(tag + " starts with " + ID.get());
        await(sleep(5));
        log.add(tag + " resumes with " + ID.get());
        ID.set(tag);
        await(yieldNow());
        return Task.of(ID.get());
    }

    @Async
    Task<String> parent() {
        ID.set("p1");
        Task<String> a = child("a");       // inherits p1
        ID.set("p2");                      // a keeps p1
        Task<String> b = child("b");       // inherits p2
        List<String> both = await(gather(a, b));
        log.add("parent after children: " + ID.get() + " " + both);
        Task<String> c = ID.with("scoped", () -> child("c"));
        log.add("parent after with: " + ID.get());
        log.add("c ended with " + await(c));
        ID.remove();
        return Task.of(ID.get());
    }

    @Test
    void aTaskStartsWithItsCreatorsValuesAndItsOwnChangesStayItsOwn() {
        assertEquals("none", Tasks.run(this::parent));
        assertEquals(List.of(
                "a starts with p1",
                "b starts with p2",
                "a resumes with p1",
                "b resumes with p2",
                "parent after children: p2 [a, b]",
                "c starts with scoped",
                "parent after with: p2",
                "c resumes with scoped",
                "c ended with c"), log);
    }

    @Async
    Task<Integer> holder(int i, Promise<Void> gate) {
        ID.set("v" + i);
        await(gate);
        await(yieldNow());
        return Task.of(ID.get().equals("v" + i) ? 1 : 0);
    }

    @Async
    Task<Integer> manyHolders(int n) {
        List<Promise<Void>> gates = new ArrayList<>();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Promise<Void> gate = new Promise<>();
            gates.add(gate);
            tasks.add(holder(i, gate));
        }
        // Release them in a shuffled order: slots free up out of order and the registry compacts.
        List<Promise<Void>> order = new ArrayList<>(gates);
        Collections.shuffle(order, new Random(42));
        int ok = 0;
        for (int k = 0; k < n; k++) {
            order.get(k).complete(null);
            if (k % 100 == 0) {
                await(yieldNow());
            }
        }
        for (Task<Integer> t : tasks) {
            ok += await(t);
        }
        return Task.of(ok);
    }

    @Test
    void thousandsOfSuspendedTasksEachKeepTheirOwnValue() {
        assertEquals(5_000, Tasks.run(() -> manyHolders(5_000)));
    }

    @Test
    void offTheLoopGetGivesTheInitialValueAndSetIsRefused() {
        assertEquals("none", ID.get());
        assertNull(new TaskLocal<Integer>("n").get());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ID.set("x"));
        assertTrue(e.getMessage().contains("TaskLocal 'id'.set(...) needs a running jawait event loop"), e.getMessage());
    }
}
