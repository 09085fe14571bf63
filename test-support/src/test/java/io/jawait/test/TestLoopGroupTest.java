package io.jawait.test;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.startOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import io.jawait.sync.AsyncQueue;
import io.jawait.sync.QueueClosedException;
import io.jawait.sync.SharedQueue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several loops on one virtual clock, taking turns. */
@Timeout(60)
class TestLoopGroupTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    /** Where and when: the loop's thread and the virtual time, in ms. */
    private static String here(String what) {
        return what + "@" + Thread.currentThread().getName() + "@" + EventLoop.current().now() / 1_000_000;
    }

    @Async
    static Task<String> sleepThenSay(long millis, String what) {
        await(sleep(millis));
        return Task.of(here(what));
    }

    @Async
    static Task<List<String>> spread(EventLoopGroup group) {
        Task<String> there = group.start(() -> sleepThenSay(1000, "there"));   // loop 1 (loop 0 runs this)
        Task<String> here = sleepThenSay(3000, "here");
        return Task.of(await(gather(there, here)));
    }

    @Async
    static Task<Void> tick(List<String> log, String who, long every, int times) {
        for (int i = 0; i < times; i++) {
            await(sleep(every));
            log.add(here(who + i));
        }
        return Task.done();
    }

    @Async
    static Task<Void> ticking(EventLoopGroup group, List<String> log) {
        await(gather(tick(log, "a", 10, 3), startOn(group.loop(1), () -> tick(log, "b", 25, 3))));
        return Task.done();
    }

    @Async
    static Task<Void> guardedHour(List<String> log, long cleanupMillis) {
        try {
            await(sleep(HOUR));
        } catch (CancellationException e) {
            log.add(here("cancelled"));
            throw e;
        } finally {
            await(sleep(cleanupMillis));   // cleanup that takes (virtual) time
            log.add(here("finally"));
        }
        return Task.done();
    }

    @Async
    static Task<String> withTimeoutOnTheOtherLoop(EventLoop other, List<String> log) {
        try {
            await(Tasks.withTimeout(Duration.ofSeconds(1), startOn(other, () -> guardedHour(log, 0))));
            return Task.of("no timeout");
        } catch (TimeoutException e) {
            return Task.of(here("timed out"));
        }
    }

    @Async
    static Task<Integer> consume(SharedQueue<Integer> queue, List<String> log) {
        int sum = 0;
        while (true) {
            int item;
            try {
                item = await(queue.take());
            } catch (QueueClosedException drained) {
                return Task.of(sum);
            }
            log.add(here("took " + item));
            sum += item;
        }
    }

    @Async
    static Task<Void> produce(SharedQueue<Integer> queue, List<String> log) {
        for (int i = 1; i <= 3; i++) {
            await(sleep(100));
            await(queue.put(i));
            log.add(here("put " + i));
        }
        queue.close();
        return Task.done();
    }

    @Async
    static Task<Integer> pipeline(EventLoopGroup group, SharedQueue<Integer> queue, List<String> log) {
        Task<Integer> sum = startOn(group.loop(1), () -> consume(queue, log));
        await(produce(queue, log));
        return Task.of(await(sum));
    }

    @Async
    static Task<Void> sayWhere(TcpStream stream) throws IOException {
        await(stream.write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.UTF_8)));
        await(stream.readLine(100));   // keeps the connection until the client closes it: the next goes elsewhere
        return Task.done();
    }

    @Async
    static Task<List<String>> connectAndAsk(EventLoopGroup group, int clients) throws IOException {
        TcpServer server = TcpServer.start(new InetSocketAddress("127.0.0.1", 0), TcpServer.options().loops(group),
                TestLoopGroupTest::sayWhere);
        List<String> servedBy = new ArrayList<>();
        List<TcpStream> open = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            TcpStream client = await(TcpStream.connect(server.address()));
            open.add(client);
            servedBy.add(await(client.readLine(100)));
        }
        open.forEach(TcpStream::close);
        server.close();
        return Task.of(servedBy);
    }

    @Async
    static Task<String> awaitForever(CompletableFuture<String> never) {
        return Task.of(await(never));
    }

    @Test
    void eachLoopRunsOnItsOwnThreadAndTheClockIsShared() {
        try (TestLoopGroup loops = new TestLoopGroup(2)) {
            assertEquals(2, loops.size());
            List<String> r = loops.run(() -> {
                loops.group().next();   // start's round robin then picks loop 1
                return spread(loops.group());
            });
            assertEquals(List.of("there@test-group-1@1000", "here@test-group-0@3000"), r);
            assertEquals(Duration.ofSeconds(3), loops.currentTime());
            assertEquals("TestLoopGroup[test-group, loops=2, time=PT3S]", loops.toString());
        }
    }

    @Test
    void timersOfAllLoopsFireInTheOrderOfTheOneClockAndEveryRunIsTheSame() {
        List<String> first = null;
        for (int run = 0; run < 10; run++) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
                loops.run(() -> ticking(loops.group(), log));
            }
            if (first == null) {
                first = log;
                List<Long> times = new ArrayList<>();
                for (String entry : log) {
                    times.add(Long.parseLong(entry.substring(entry.lastIndexOf('@') + 1)));
                }
                List<Long> sorted = new ArrayList<>(times);
                Collections.sort(sorted);
                assertEquals(sorted, times, "in virtual-time order across both loops: " + log);
                assertEquals(List.of(10L, 20L, 25L, 30L, 50L, 75L), times);
                assertTrue(log.contains("a0@g-0@10") && log.contains("b2@g-1@75"), log.toString());
            } else {
                assertEquals(first, log, "run " + run);
            }
        }
    }

    @Test
    void advancingTimeMovesEveryLoop() {
        try (TestLoopGroup loops = new TestLoopGroup(2)) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            loops.loop(0).submit(() -> tick(log, "a", 10, 3));
            loops.loop(1).submit(() -> tick(log, "b", 25, 3));
            loops.runCurrent();
            assertEquals(List.of(), log);
            loops.advanceTimeBy(Duration.ofMillis(26));
            assertEquals(List.of("a0@test-group-0@10", "a1@test-group-0@20", "b0@test-group-1@25"), log);
            assertEquals(Duration.ofMillis(26), loops.currentTime());
            loops.advanceUntilIdle();
            assertEquals(6, log.size());
            assertEquals(Duration.ofMillis(75), loops.currentTime());
        }
    }

    @Test
    void aTimeoutAcrossLoopsCancelsTheOtherLoopsTaskOnVirtualTime() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (TestLoopGroup loops = new TestLoopGroup(2)) {
            String r = loops.run(() -> withTimeoutOnTheOtherLoop(loops.loop(1), log));
            assertEquals("timed out@test-group-0@1000", r);
            assertEquals(List.of("cancelled@test-group-1@1000", "finally@test-group-1@1000"), log);
        }
    }

    @Test
    void aSharedQueueHandsItemsBetweenLoopsInADeterministicOrder() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (TestLoopGroup loops = new TestLoopGroup(2)) {
            SharedQueue<Integer> queue = new SharedQueue<>(0);   // rendezvous: each put waits for its take
            assertEquals(6, loops.run(() -> pipeline(loops.group(), queue, log)));
            assertEquals(Duration.ofMillis(300), loops.currentTime());
        }
        List<String> takes = new ArrayList<>();
        for (String entry : log) {
            if (entry.startsWith("took")) {
                takes.add(entry);
            }
        }
        assertEquals(List.of("took 1@test-group-1@100", "took 2@test-group-1@200", "took 3@test-group-1@300"), takes);
        assertEquals(6, log.size(), log.toString());
    }

    @Test
    void aServerSpreadOverTheLoopsServesRealConnectionsInTurn() throws IOException {
        try (TestLoopGroup loops = new TestLoopGroup("srv", 2)) {
            List<String> servedBy = loops.run(() -> connectAndAsk(loops.group(), 4));
            assertEquals(List.of("srv-0", "srv-1", "srv-0", "srv-1"), servedBy);
            assertEquals(Duration.ZERO, loops.currentTime(), "real I/O takes no virtual time");
        }
    }

    @Test
    void aPrimitiveOfOneLoopIsRefusedOnAnotherAsInARealGroup() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            AsyncQueue<String> queue = new AsyncQueue<>();
            assertTrue(loops.run(() -> Task.of(queue.offer("x"))));
            String message = loops.run(() -> startOn(loops.loop(1), () -> {
                try {
                    queue.poll();
                    return Task.of("no error");
                } catch (IllegalStateException e) {
                    return Task.of(e.getMessage());
                }
            }));
            assertTrue(message.startsWith("AsyncQueue belongs to the event loop of thread 'g-0' and cannot be used from"
                    + " the event loop of thread 'g-1'"), message);
        }
    }

    @Test
    void closingCancelsEveryLoopsTasksAndLetsTheirCleanupTakeVirtualTime() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TestLoopGroup loops = new TestLoopGroup(2);
        loops.loop(0).submit(() -> guardedHour(log, 5));
        loops.loop(1).submit(() -> guardedHour(log, 7));
        loops.advanceTimeBy(Duration.ofMillis(1));
        loops.close();
        assertEquals(List.of("cancelled@test-group-0@1", "cancelled@test-group-1@1", "finally@test-group-0@6",
                "finally@test-group-1@8"), log);
        for (int i = 0; i < 2; i++) {
            EventLoop loop = loops.loop(i);
            assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> loop.execute(() -> { }));
        }
        loops.close();   // idempotent
        loops.assertNoUnhandledErrors();
    }

    @Test
    void failuresNobodyObservedAreCollectedFromEveryLoop() {
        TestLoopGroup loops = new TestLoopGroup(2);
        loops.loop(1).execute(() -> {
            throw new IllegalStateException("callback failed on loop 1");
        });
        loops.runCurrent();
        loops.close();
        assertEquals(1, loops.unhandledErrors().size());
        AssertionError e = assertThrows(AssertionError.class, loops::assertNoUnhandledErrors);
        assertTrue(e.getMessage().contains("callback failed on loop 1"), e.getMessage());
    }

    @Test
    void aTaskThatCanNeverCompleteFailsTheRunWithEveryLoopsDump() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            loops.setStallTimeout(Duration.ofMillis(50));
            CompletableFuture<String> never = new CompletableFuture<>();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loops.run(() -> startOn(loops.loop(1), () -> awaitForever(never))));
            String message = e.getMessage();
            assertTrue(message.startsWith("the task of run(...) made no progress"), message);
            assertTrue(message.contains("EventLoop[thread=g-0") && message.contains("EventLoop[thread=g-1"), message);
            assertTrue(message.contains("TestLoopGroupTest.awaitForever(TestLoopGroupTest.java:"), message);
        }
    }

    @Test
    void workOnOtherThreadsHoldsTheClockAndIsAwaitedInRealTime() throws InterruptedException {
        try (TestLoopGroup loops = new TestLoopGroup(2)) {
            loops.setStallTimeout(Duration.ofMillis(1));
            String r = loops.run(() -> startOn(loops.loop(1), () -> Tasks.toThread(() -> {
                Thread.sleep(50);   // far beyond the stall timeout: toThread is waited for without limit
                return "slept";
            })));
            assertEquals("slept", r);
            assertEquals(Duration.ZERO, loops.currentTime());
        }
    }

    @Test
    void theDumpListsEveryLoopAndItMustBeDrivenFromOutsideTheLoops() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            loops.loop(0).submit(() -> startOn(loops.loop(1), () -> sleepThenSay(HOUR, "late")));
            loops.runCurrent();
            List<String> lines = List.of(loops.dumpTasks().split("\n"));
            assertEquals("TestLoopGroup[g, loops=2, time=PT0S]", lines.get(0));
            assertTrue(lines.get(1).startsWith("EventLoop[thread=g-0"), lines.get(1));
            int second = lines.size() - 3;
            assertTrue(lines.get(second).startsWith("EventLoop[thread=g-1"), lines.toString());
            assertTrue(lines.get(second + 1).contains("TestLoopGroupTest.sleepThenSay(TestLoopGroupTest.java:"), lines.toString());
            assertEquals("└─ Task[sleep, pending]", lines.get(second + 2), lines.toString());
            String inside = loops.run(() -> startOn(loops.loop(1), () -> {
                try {
                    loops.advanceUntilIdle();
                    return Task.of("advanced");
                } catch (IllegalStateException e) {
                    return Task.of(e.getMessage());
                }
            }));
            assertTrue(inside.contains("cannot be called from its own loop thread 'g-1'"), inside);
        }
        assertThrows(IllegalArgumentException.class, () -> new TestLoopGroup(0));
        assertFalse(Thread.currentThread().getName().startsWith("g-"));
    }

    @Test
    void theGroupsOwnRunAndDumpsWorkFromTheTestsThreadAsThisClasssDo() {
        try (TestLoopGroup loops = new TestLoopGroup("g", 2)) {
            EventLoopGroup group = loops.group();
            // group().run(...) takes the turns itself, on virtual time: an hour passes at once.
            assertEquals("late@g-0@3600000", group.run(() -> sleepThenSay(HOUR, "late")));
            assertEquals(Duration.ofHours(1), loops.currentTime());
            loops.loop(1).submit(() -> sleepThenSay(HOUR, "pending"));
            loops.runCurrent();
            List<String> lines = List.of(group.dumpTasks().split("\n"));
            assertEquals("EventLoopGroup[of(2), loops=2]", lines.get(0));
            assertTrue(lines.get(1).startsWith("EventLoop[thread=g-0"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("TestLoopGroupTest.sleepThenSay")), lines.toString());
            assertTrue(loops.loop(1).dumpTasks().startsWith("EventLoop[thread=g-1"), "one loop's dump too");
            // From a loop's own thread another loop cannot be dumped: it says so instead of waiting.
            String fromLoop0 = loops.run(() -> Task.of(loops.loop(1).dumpTasks()));
            assertTrue(fromLoop0.contains("not dumped from thread 'g-0'"), fromLoop0);
            assertTrue(fromLoop0.contains("TestLoopGroup.dumpTasks()"), fromLoop0);
        }
    }
}
