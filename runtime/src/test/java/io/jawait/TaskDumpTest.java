package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.internal.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TaskDumpTest {

    @Test
    void listsEachSuspendedCoroutineWithWhatItAwaits() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> sleeper = new SleepThen<>("Crawler.fetch", 60_000, "page").$start();
            Task<String> caller = new AwaitThen<>(sleeper).$start();
            Task<Integer> done = new AwaitThen<>(Task.of(1)).$start();
            String[] lines = loop.dumpTasks().split("\n");
            assertTrue(lines[0].startsWith("EventLoop[thread=" + Thread.currentThread().getName()), lines[0]);
            assertEquals(3, lines.length, String.join("\n", lines));
            assertTrue(lines[1].matches("  Task\\[Crawler\\.fetch, pending\\] awaiting Task\\[sleep.*pending\\]"), lines[1]);
            assertEquals("  Task[Test.awaitThen, pending] awaiting Task[Crawler.fetch, pending]", lines[2]);
            assertTrue(done.isDone(), "a call that never suspended is not listed");
            caller.cancel();
            assertTrue(loop.dumpTasks().contains("  Task[Crawler.fetch, pending] ready to resume"), loop.dumpTasks());
            loop.runUntilDone(caller);
            assertEquals(1, loop.dumpTasks().split("\n").length, "a finished task leaves the dump: " + loop.dumpTasks());
        }
    }

    @Test
    void fromAnotherThreadTheLoopAnswersOrItsStackIsShown() throws Exception {
        CompletableFuture<EventLoop> started = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            try (EventLoop loop = new EventLoop()) {
                Promise<String> never = new Promise<>();
                Task<String> waiting = new AwaitThen<>(never).$start();
                started.complete(loop);
                Task<Void> stuck = loop.schedule(0, () -> {
                    try {
                        blocked.countDown();
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                loop.runUntilDone(stuck);
                waiting.cancel();
            }
        }, "dump-owner");
        owner.start();
        EventLoop loop = started.get(10, TimeUnit.SECONDS);
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        String stuck = loop.dumpTasks();
        assertTrue(stuck.contains("no answer within 1 s; its thread:"), stuck);
        assertTrue(stuck.contains("CountDownLatch.await"), stuck);
        release.countDown();
        owner.join(10_000);
        assertFalse(owner.isAlive());
        assertTrue(loop.dumpTasks().endsWith(": closed"), loop.dumpTasks());
    }
}
