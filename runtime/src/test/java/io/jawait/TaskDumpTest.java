package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.TestCoroutines.SleepThen;
import io.jawait.internal.Promise;
import io.jawait.internal.Coroutine;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TaskDumpTest {

    /** An age, as the dump prints it: "age 12 ms", "age 1.5 s", ...; "≥" for a lower bound. */
    private static final String AGE = "age ≥?[0-9.]+ (ms|s)";

    @Test
    void showsWhoAwaitsWhomAsATree() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> sleeper = new SleepThen<>("Crawler.fetch", 60_000, "page").$start();
            Task<String> caller = new AwaitThen<>(sleeper).$start();
            Task<Integer> done = new AwaitThen<>(Task.of(1)).$start();
            String[] lines = loop.dumpTasks().split("\n");
            assertTrue(lines[0].startsWith("EventLoop[thread=" + Thread.currentThread().getName()), lines[0]);
            assertTrue(lines[0].endsWith(": 2 tasks waiting"), lines[0]);
            assertEquals(4, lines.length, String.join("\n", lines));
            assertTrue(lines[1].matches("Test\\.awaitThen awaiting, " + AGE), lines[1]);
            assertTrue(lines[2].matches("└─ Crawler\\.fetch awaiting, " + AGE), lines[2]);
            assertTrue(lines[3].matches("   └─ Task\\[sleep.*pending\\]"), lines[3]);
            assertTrue(done.isDone(), "a call that never suspended is not listed");
            caller.cancel();
            assertTrue(loop.dumpTasks().contains("Crawler.fetch ready to resume"), loop.dumpTasks());
            loop.runUntilDone(caller);
            assertEquals(1, loop.dumpTasks().split("\n").length, "a finished task leaves the dump: " + loop.dumpTasks());
            assertTrue(loop.dumpTasks().endsWith(": 0 tasks waiting"), loop.dumpTasks());
        }
    }

    @Test
    void aCombinatorShowsEachInputAndATaskAwaitedTwiceIsShownOnce() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> a = new SleepThen<>("Demo.a", 60_000, "a").$start();
            Task<String> b = new SleepThen<>("Demo.b", 60_000, "b").$start();
            Task<List<String>> both = Tasks.gather(a, b);
            Task<List<String>> main = new AwaitThen<>(both).$start();
            Task<String> second = new AwaitThen<>(a).$start();
            String dump = loop.dumpTasks();
            List<String> lines = List.of(dump.split("\n"));
            int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("Test.awaitThen")).findFirst().orElseThrow());
            assertTrue(lines.get(at + 1).matches("└─ Task\\[gather, pending\\]"), dump);
            assertTrue(lines.get(at + 2).startsWith("   ├─ Demo.a awaiting"), dump);
            assertTrue(lines.get(at + 3).startsWith("   │  └─ Task[sleep"), dump);
            assertTrue(lines.get(at + 4).startsWith("   └─ Demo.b awaiting"), dump);
            assertTrue(lines.get(at + 5).startsWith("      └─ Task[sleep"), dump);
            assertEquals(2, lines.stream().filter(l -> l.startsWith("Test.awaitThen")).count(), dump);
            assertEquals(1, lines.stream().filter(l -> l.endsWith("(shown above)") && l.contains("Demo.a")).count(), dump);
            main.cancel();
            second.cancel();
            loop.runUntilDone(Tasks.sleep(0));
        }
    }

    @Test
    void aCombinatorsInputsAreShownInArgumentOrderNotInTheOrderTheyStartedWaiting() {
        try (EventLoop loop = new EventLoop()) {
            Task<String> a = new SleepThen<>("Demo.a", 60_000, "a").$start();
            Task<String> b = new SleepThen<>("Demo.b", 60_000, "b").$start();
            Task<String> c = new SleepThen<>("Demo.c", 60_000, "c").$start();
            Task<String> main = new AwaitThen<>(Tasks.race(List.of(c, a, b))).$start();
            String dump = loop.dumpTasks();
            List<String> lines = List.of(dump.split("\n"));
            int race = lines.indexOf(lines.stream().filter(l -> l.contains("Task[race")).findFirst().orElseThrow());
            assertTrue(lines.get(race + 1).startsWith("   ├─ Demo.c awaiting"), dump);
            assertTrue(lines.get(race + 3).startsWith("   ├─ Demo.a awaiting"), dump);
            assertTrue(lines.get(race + 5).startsWith("   └─ Demo.b awaiting"), dump);
            main.cancel();
            loop.runUntilDone(Tasks.sleep(0));
        }
    }

    /** Awaits {@code first}, then whatever {@code then} holds by then. */
    private static final class AwaitTwice extends Coroutine<String> {
        int $state;
        final Task<?> first;
        final AtomicReference<Task<String>> then;

        AwaitTwice(Task<?> first, AtomicReference<Task<String>> then) {
            this.first = first;
            this.then = then;
        }

        @Override
        public String taskName() {
            return "Test.awaitTwice";
        }

        @Override
        protected void $step() {
            try {
                if ($state == 0) {
                    $state = 1;
                    if ($await(first)) {
                        return;
                    }
                }
                if ($state == 1) {
                    $result();
                    $state = 2;
                    if ($await(then.get())) {
                        return;
                    }
                }
                $complete($result());
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    @Test
    void tasksAwaitingEachOtherAreShownAsACycle() {
        try (EventLoop loop = new EventLoop()) {
            Promise<String> gate = new Promise<>();
            AtomicReference<Task<String>> later = new AtomicReference<>();
            Task<String> first = new AwaitTwice(gate, later).$start();
            Task<String> second = new AwaitThen<>(first).$start();
            later.set(second);
            gate.complete("go");
            // first now waits for second, which waits for first: a deadlock.
            String dump = loop.dumpTasks();
            assertTrue(dump.contains("\nawait cycle (these tasks wait for one another and can never complete):"), dump);
            assertTrue(dump.contains("(awaited above: a cycle)"), dump);
            String[] lines = dump.split("\\n");
            assertEquals(5, lines.length, dump);
            assertTrue(lines[4].startsWith("   └─ " + lines[2].substring(0, 14)), dump);
            assertTrue(lines[3].startsWith("└─ Test.await") && !lines[3].startsWith("└─ " + lines[2].substring(0, 14)), dump);
            first.cancel();
        }
    }

    @Test
    void debugModeSaysWhereEachTaskWasCreated() {
        Diagnostics.setDebugMode(true);
        try (EventLoop loop = new EventLoop()) {
            Task<String> sleeper = new SleepThen<>("Crawler.fetch", 60_000, "page").$start();
            int line = new Throwable().getStackTrace()[0].getLineNumber() - 1;
            String dump = loop.dumpTasks();
            assertTrue(dump.contains("Crawler.fetch awaiting, age "), dump);
            assertTrue(dump.contains(", created at " + TaskDumpTest.class.getName() + ".debugModeSaysWhereEachTaskWasCreated"
                    + "(TaskDumpTest.java:" + line + ")"), dump);
            sleeper.cancel();
        } finally {
            Diagnostics.setDebugMode(false);
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
