package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.startOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.EventLoopThread;
import io.jawait.Task;
import io.jawait.sync.SharedEvent;
import io.jawait.test.TestLoopGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SharedEvent: set on one loop (or a plain thread), awaited on every loop. */
@Timeout(120)
class SharedEventTest {

    /** Waits for the event, then says where and when it resumed. */
    @Async
    static Task<String> waitFor(SharedEvent event) {
        await(event.whenSet());
        return Task.of(Thread.currentThread().getName() + "@" + EventLoop.current().now() / 1_000_000);
    }

    @Async
    static Task<List<String>> everyLoopWaits(EventLoopGroup group, SharedEvent event) {
        List<Task<String>> waiting = new ArrayList<>();
        for (EventLoop loop : group.loops()) {
            waiting.add(startOn(loop, () -> waitFor(event)));
        }
        await(sleep(1000));
        event.set();
        return Task.of(await(gather(waiting)));
    }

    @Async
    static Task<Boolean> setClearAndWaitAgain(SharedEvent event) {
        boolean atOnce = event.whenSet().isDone();
        event.clear();
        Task<Void> again = event.whenSet();
        return Task.of(atOnce && !again.isDone());
    }

    @Test
    void settingWakesTheWaitersOfEveryLoopEachOnItsOwnLoop() {
        try (TestLoopGroup loops = new TestLoopGroup("e", 3)) {
            SharedEvent event = new SharedEvent();
            List<String> woken = loops.run(() -> everyLoopWaits(loops.group(), event));
            assertEquals(List.of("e-0@1000", "e-1@1000", "e-2@1000"), woken);
            assertTrue(event.isSet());
            assertEquals("SharedEvent[set]", event.toString());
            assertTrue(loops.run(() -> startOn(loops.loop(2), () -> setClearAndWaitAgain(event))),
                    "a set event completes waits at once; cleared, it makes them wait again");
            assertEquals("SharedEvent[not set, waiting=1]", event.toString());
            event.set();   // from the test's thread
            loops.runCurrent();
            loops.assertNoUnhandledErrors();
        }
    }

    @Test
    void aPlainThreadSetsItWhileSomeWaitsAreCancelledAndNoWaiterIsLost() throws Exception {
        for (int round = 0; round < 20; round++) {
            SharedEvent event = new SharedEvent();
            List<Task<Void>> waits = Collections.synchronizedList(new ArrayList<>());
            try (EventLoopGroup group = new EventLoopGroup("e", 2)) {
                for (int i = 0; i < 40; i++) {
                    group.loop(i % 2).submit(() -> {
                        waits.add(event.whenSet());
                        return Task.done();
                    }).get(1, TimeUnit.MINUTES);
                }
                List<CompletableFuture<Void>> cancels = new ArrayList<>();
                for (int i = 0; i < waits.size(); i += 3) {
                    Task<Void> w = waits.get(i);
                    cancels.add(group.loop(i % 2).submit(() -> {
                        w.cancel();
                        return Task.done();
                    }));
                }
                event.set();   // races the cancellations
                for (CompletableFuture<Void> c : cancels) {
                    c.get(1, TimeUnit.MINUTES);
                }
                for (Task<Void> w : waits) {
                    try {
                        w.toCompletableFuture().get(1, TimeUnit.MINUTES);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new AssertionError("a wait failed", e.getCause());
                    } catch (CancellationException e) {
                        // cancelled before the set reached it: it left the queue
                    }
                    assertTrue(w.isDone(), "every wait ends: woken or cancelled");
                }
            }
            assertEquals("SharedEvent[set]", event.toString(), "no waiter left behind");
        }
    }

    @Test
    void closingAWaitersLoopWithdrawsItsWaitAndABareWaitOfAClosedLoopIsSkipped() throws Exception {
        SharedEvent event = new SharedEvent();
        CompletableFuture<String> waiting;
        Task<Void> bare;
        try (EventLoopThread thread = EventLoopThread.start("gone")) {
            waiting = thread.loop().submit(() -> waitFor(event));
            bare = thread.loop().submit(() -> Task.of(event.whenSet())).get(1, TimeUnit.MINUTES);
        }
        assertTrue(waiting.isCancelled(), "closing the loop cancelled the waiting task");
        assertEquals("SharedEvent[not set, waiting=1]", event.toString(), "its wait left; the bare one stays");
        event.set();   // the bare wait's loop is closed: skipped, no error
        assertFalse(bare.isDone(), "nobody is left on its loop to complete it");
        try (EventLoopThread thread = EventLoopThread.start("later")) {
            assertTrue(thread.loop().submit(() -> waitFor(event)).get(1, TimeUnit.MINUTES).startsWith("later@"),
                    "set: a new wait completes at once");
        }
        assertFalse(new SharedEvent().isSet());
    }
}
