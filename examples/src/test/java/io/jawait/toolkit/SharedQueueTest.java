package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.startOn;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.EventLoopThread;
import io.jawait.Task;
import io.jawait.sync.QueueClosedException;
import io.jawait.sync.SharedQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SharedQueue between the loops of a group: every item reaches exactly one taker, in order, even
 * with cancellations racing deliveries and loops closing; the interleavings differ from run to run,
 * what is checked holds for all of them.
 */
@Timeout(120)
class SharedQueueTest {

    private static <T> T on(EventLoop loop, Supplier<Task<T>> body) {
        try {
            return loop.submit(body::get).get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Async
    static Task<Void> produce(SharedQueue<String> queue, String name, int count) {
        for (int i = 0; i < count; i++) {
            await(queue.put(name + ":" + i));
        }
        return Task.done();
    }

    /** Takes until the queue is closed and drained; each item tagged with the thread that resumed. */
    @Async
    static Task<List<String>> consume(SharedQueue<String> queue) {
        List<String> got = new ArrayList<>();
        while (true) {
            try {
                String item = await(queue.take());
                got.add(item + "@" + Thread.currentThread().getName());
            } catch (QueueClosedException drained) {
                return Task.of(got);
            }
        }
    }

    @Async
    static Task<List<List<String>>> traffic(EventLoopGroup group, SharedQueue<String> queue, int perProducer) {
        List<Task<List<String>>> consumers = new ArrayList<>();
        List<Task<Void>> producers = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            String name = "p" + i;
            consumers.add(startOn(group.loop(i), () -> consume(queue)));
            producers.add(startOn(group.loop(i), () -> produce(queue, name, perProducer)));
        }
        await(gather(producers));
        queue.close();
        return Task.of(await(gather(consumers)));
    }

    @Test
    void everyItemReachesOneTakerOnceInOrderAndTheTakerResumesOnItsOwnLoop() {
        int loops = 3;
        int perProducer = 300;
        for (int capacity : new int[] {0, 4, Integer.MAX_VALUE}) {
            SharedQueue<String> queue = capacity == Integer.MAX_VALUE ? new SharedQueue<>() : new SharedQueue<>(capacity);
            List<List<String>> byConsumer;
            try (EventLoopGroup group = new EventLoopGroup("q", loops)) {
                byConsumer = group.run(() -> traffic(group, queue, perProducer));
            }
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (int c = 0; c < loops; c++) {
                int[] lastOf = {-1, -1, -1};
                for (String entry : byConsumer.get(c)) {
                    String item = entry.substring(0, entry.indexOf('@'));
                    assertEquals("q-" + c, entry.substring(entry.indexOf('@') + 1), "resumed on its own loop: " + entry);
                    assertTrue(seen.add(item), "delivered twice: " + item);
                    int producer = item.charAt(1) - '0';
                    int index = Integer.parseInt(item.substring(3));
                    assertTrue(index > lastOf[producer], "out of order for one taker: " + item);
                    lastOf[producer] = index;
                    total++;
                }
            }
            assertEquals(loops * perProducer, total, "capacity " + capacity + ": every item delivered");
        }
    }

    /** Takes with some of the takes cancelled at once; an item already handed over still arrives. */
    @Async
    static Task<Integer> takeWithCancellations(SharedQueue<String> queue, int seed, List<String> got) {
        Random random = new Random(seed);
        int cancelled = 0;
        while (true) {
            Task<String> take = queue.take();
            if (random.nextInt(3) == 0) {
                take.cancel();
            }
            try {
                got.add(await(take));
            } catch (CancellationException e) {
                cancelled++;
            } catch (QueueClosedException drained) {
                return Task.of(cancelled);
            }
        }
    }

    @Async
    static Task<Integer> cancellingTraffic(EventLoopGroup group, SharedQueue<String> queue, int count, List<String> got) {
        List<Task<Integer>> consumers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int seed = c;
            consumers.add(startOn(group.loop(c % group.size()), () -> takeWithCancellations(queue, seed, got)));
        }
        for (int i = 0; i < count; i++) {
            await(queue.put("i" + i));
            if (i % 7 == 0) {
                await(yieldNow());
            }
        }
        while (!queue.isEmpty()) {
            await(yieldNow());
        }
        queue.close();
        int cancelled = 0;
        for (int c : await(gather(consumers))) {
            cancelled += c;
        }
        return Task.of(cancelled);
    }

    @Test
    void cancelledTakesNeverLoseOrDuplicateAnItem() {
        int count = 2000;
        SharedQueue<String> queue = new SharedQueue<>(2);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        try (EventLoopGroup group = new EventLoopGroup("q", 3)) {
            group.run(() -> cancellingTraffic(group, queue, count, got));
        }
        assertEquals(count, got.size(), "every item taken once");
        assertEquals(count, new HashSet<>(got).size(), "no item twice");
    }

    @Test
    void closingFailsWaitingPuttersAndTakersButDeliversWhatIsQueued() throws Exception {
        SharedQueue<String> queue = new SharedQueue<>(1);
        try (EventLoopGroup group = new EventLoopGroup("q", 2)) {
            on(group.loop(0), () -> queue.put("a"));
            assertEquals(1, queue.size());
            Task<Void> waitingPut = on(group.loop(0), () -> Task.of(queue.put("b")));
            assertFalse(waitingPut.isDone(), "full: the put waits");
            assertEquals("SharedQueue[size=1, capacity=1, takers=0, putters=1]", queue.toString());
            queue.close();
            CompletionException refused = assertThrows(CompletionException.class, () -> waitingPut.toCompletableFuture().join());
            assertTrue(refused.getCause() instanceof QueueClosedException, refused.toString());
            assertEquals("a", on(group.loop(1), queue::take), "queued before close: still delivered");
            assertThrows(QueueClosedException.class, () -> queue.offer("c"));
            String taken = on(group.loop(1), () -> {
                Task<String> t = queue.take();
                return Task.of(t.isFailed() ? t.exceptionNow().getMessage() : "no error");
            });
            assertEquals("SharedQueue.take(): the queue is closed", taken);

            SharedQueue<String> empty = new SharedQueue<>();
            Task<String> waitingTake = on(group.loop(1), () -> Task.of(empty.take()));
            empty.close();
            assertThrows(QueueClosedException.class, () -> {
                try {
                    waitingTake.toCompletableFuture().join();
                } catch (CompletionException e) {
                    throw e.getCause();
                }
            });
        }
    }

    @Test
    void plainThreadsOfferAndPollAndARendezvousHandsStraightOver() throws Exception {
        try (EventLoopGroup group = new EventLoopGroup("q", 2)) {
            SharedQueue<String> queue = new SharedQueue<>(0);
            assertFalse(queue.offer("nobody takes"), "capacity 0 and no taker");
            CompletableFuture<String> taken = group.loop(1).submit(queue::take);
            while (!queue.toString().contains("takers=1")) {
                Thread.onSpinWait();
            }
            assertTrue(queue.offer("x"), "a taker waits");
            assertEquals("x", taken.get(1, TimeUnit.MINUTES));

            Task<Void> put = on(group.loop(0), () -> Task.of(queue.put("y")));
            assertFalse(put.isDone(), "waits for a taker");
            assertEquals("y", queue.poll(), "a plain thread takes straight from the putter");
            put.toCompletableFuture().get(1, TimeUnit.MINUTES);
            assertNull(queue.poll());

            IllegalStateException noLoop = assertThrows(IllegalStateException.class, () -> queue.put("z"));
            assertTrue(noLoop.getMessage().startsWith("No jawait event loop is running on thread"), noLoop.getMessage());
        }
    }

    @Test
    void aCancelledWaitingTakeLeavesWithoutAnItem() {
        SharedQueue<String> queue = new SharedQueue<>();
        try (EventLoopGroup group = new EventLoopGroup("q", 1)) {
            String outcome = on(group.loop(0), () -> {
                Task<String> take = queue.take();
                boolean cancelled = take.cancel();
                return Task.of(cancelled + " " + take.isCancelled() + " " + queue);
            });
            assertEquals("true true SharedQueue[size=0, capacity=unbounded, takers=0, putters=0]", outcome);
            assertTrue(queue.offer("for the next taker"));
            assertEquals("for the next taker", on(group.loop(0), queue::take));
        }
    }

    @Test
    void aTakerWhoseLoopClosedIsSkippedAndItsItemKept() {
        SharedQueue<String> queue = new SharedQueue<>();
        try (EventLoopThread gone = EventLoopThread.start("gone")) {
            on(gone.loop(), () -> {
                queue.take();   // a take nobody awaits: it stays in the queue's wait list
                return Task.done();
            });
        }
        assertTrue(queue.offer("kept"));
        assertEquals("kept", queue.poll());
    }

    @Test
    void aWaitingTakeShowsInTheDump() {
        SharedQueue<String> queue = new SharedQueue<>();
        try (EventLoopGroup group = new EventLoopGroup("q", 1)) {
            group.loop(0).submit(() -> consume(queue));
            String dump = "";
            while (!dump.contains("SharedQueue.take")) {
                dump = group.dumpTasks();
            }
            assertTrue(dump.contains("SharedQueueTest.consume") && dump.contains("└─ Task[SharedQueue.take, pending]"), dump);
            queue.close();
        }
    }
}
