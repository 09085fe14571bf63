package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.AwaitThen;
import io.jawait.ToolkitCoroutines.CompletionLog;
import io.jawait.ToolkitCoroutines.TwoAwaits;
import io.jawait.internal.Promise;
import io.jawait.sync.AsyncQueue;
import io.jawait.sync.QueueClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class AsyncQueueTest {

    @Test
    void itemsComeOutInOrderAndTakersAreServedInOrder() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>();
            assertTrue(q.put("a").isDone());
            assertTrue(q.offer("b"));
            assertEquals("a", q.take().resultNow());
            assertEquals("b", q.poll());
            assertNull(q.poll());
            CompletionLog log = new CompletionLog();
            log.watch("t1", q.take());
            log.watch("t2", q.take());
            q.offer("x");
            q.offer("y");
            q.offer("z");
            assertEquals(List.of("t1=x", "t2=y"), log.entries);
            assertEquals(1, q.size());
            assertThrows(NullPointerException.class, () -> q.put(null));
        }
    }

    @Test
    void aBoundedQueueMakesPutWaitForRoomInOrder() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<Integer> q = new AsyncQueue<>(2);
            assertTrue(q.put(1).isDone());
            assertTrue(q.put(2).isDone());
            assertFalse(q.offer(99), "offer never waits");
            CompletionLog log = new CompletionLog();
            log.watch("p3", q.put(3));
            log.watch("p4", q.put(4));
            assertEquals(List.of(), log.entries);
            assertEquals(1, q.take().resultNow());
            assertEquals(List.of("p3=null"), log.entries, "taking made room for the oldest putter");
            assertEquals(2, q.size());
            assertEquals(List.of(2, 3), List.of(q.poll(), q.poll()));
            assertEquals(List.of("p3=null", "p4=null"), log.entries);
            assertEquals(4, q.poll());
        }
    }

    @Test
    void capacityZeroIsARendezvous() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>(0);
            Task<Void> put = q.put("hand");
            assertFalse(put.isDone());
            assertEquals(0, q.size());
            assertEquals("hand", q.take().resultNow());
            assertTrue(put.isDone());
            Task<String> take = q.take();
            assertTrue(q.put("over").isDone(), "a waiting taker receives the item at once");
            assertEquals("over", take.resultNow());
            assertFalse(q.offer("nobody waits"));
        }
    }

    @Test
    void closeDeliversQueuedItemsThenEndsConsumersAndFailsPutters() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            q.offer("kept");
            Task<Void> blocked = q.put("rejected");
            q.close();
            assertTrue(q.isClosed());
            assertTrue(blocked.exceptionNow() instanceof QueueClosedException);
            assertTrue(q.put("late").exceptionNow() instanceof QueueClosedException);
            assertThrows(QueueClosedException.class, () -> q.offer("late"));
            assertEquals("kept", q.take().resultNow());
            assertTrue(q.take().exceptionNow() instanceof QueueClosedException);

            AsyncQueue<String> empty = new AsyncQueue<>();
            Task<String> waiting = empty.take();
            AsyncIterator<String> it = empty.iterator();
            Task<Boolean> more = it.hasNext();
            empty.close();
            assertTrue(waiting.exceptionNow() instanceof QueueClosedException);
            assertFalse(more.resultNow());
            q.close(); // idempotent
        }
    }

    @Test
    void aCancelledTakeTakesNothingAndACancelledPutAddsNothing() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            Task<String> take = q.take();
            assertTrue(take.cancel());
            q.offer("item");
            assertEquals(1, q.size(), "the item stays queued for the next taker");
            Task<Void> put = q.put("withdrawn");
            assertTrue(put.cancel());
            assertEquals("item", q.poll());
            assertNull(q.poll(), "the cancelled put's item was never added");

            AwaitThen<String> consumer = new AwaitThen<>(q.take());
            consumer.$start();
            consumer.cancel();
            loop.runUntilDone(consumer);
            q.offer("after");
            assertEquals("after", q.poll());
        }
    }

    @Test
    void anItemHandedToACancelledConsumerIsDeliveredNotLost() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>();
            List<String> log = new ArrayList<>();
            TwoAwaits consumer = new TwoAwaits(q::take, Promise::new, log);
            consumer.$start();
            ToolkitCoroutines.whereResumptionsQueue(() -> {
                q.offer("precious");
                consumer.cancel();
            });
            loop.runUntilDone(consumer);
            assertEquals(List.of("first: precious", "caught CancellationException"), log);
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void iteratorsEndWhenTheQueueIsClosedAndDrained() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            AsyncIterator<Integer> it = q.iterator();
            assertThrows(NoSuchElementException.class, it::next);
            Task<Boolean> first = it.hasNext();
            assertSame(first, it.hasNext(), "asking again before next() returns the same pending answer");
            q.offer(1);
            assertTrue(first.resultNow());
            assertTrue(it.hasNext().resultNow(), "asking again before next() consumes nothing");
            assertEquals(1, it.next());
            q.offer(2);
            q.close();
            assertTrue(it.hasNext().resultNow());
            assertEquals(2, it.next());
            assertFalse(it.hasNext().resultNow());
            assertFalse(it.hasNext().resultNow());
        }
    }

    @Test
    void closingAnIteratorGivesAnAnnouncedItemBackToTheQueue() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>();
            q.offer("a");
            q.offer("b");
            AsyncIterator<String> it = q.iterator();
            assertTrue(it.hasNext().resultNow());
            it.close();
            assertFalse(it.hasNext().resultNow());
            assertEquals("a", q.poll(), "the announced item went back to the front");
            assertEquals("b", q.poll());

            AsyncIterator<String> waiting = q.iterator();
            Task<Boolean> pending = waiting.hasNext();
            waiting.close();
            assertTrue(pending.isCancelled());
            q.offer("c");
            assertEquals("c", q.poll());
        }
    }

    @Test
    void severalConsumersShareTheItems() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            AsyncIterator<Integer> a = q.iterator();
            AsyncIterator<Integer> b = q.iterator();
            Task<Boolean> ha = a.hasNext();
            Task<Boolean> hb = b.hasNext();
            Task<Integer> t = q.take();
            q.offer(1);
            q.offer(2);
            q.offer(3);
            assertTrue(ha.resultNow());
            assertTrue(hb.resultNow());
            assertEquals(List.of(1, 2, 3), List.of(a.next(), b.next(), t.resultNow()));
        }
    }

    @Test
    void joinWaitsUntilEveryPutItemWasMarkedDone() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            assertTrue(q.join().isDone(), "nothing unfinished");
            Task<String> waitingTaker = q.take();
            q.offer("handed over");
            q.offer("queued");
            Task<Void> blockedPut = q.put("from a putter");
            Task<Void> join = q.join();
            assertEquals("handed over", waitingTaker.resultNow());
            assertEquals("queued", q.poll());
            assertTrue(blockedPut.isDone());
            assertEquals("from a putter", q.poll());
            q.taskDone();
            q.taskDone();
            assertFalse(join.isDone(), "one item is still being processed");
            Task<Void> cancelledJoin = q.join();
            cancelledJoin.cancel();
            q.taskDone();
            assertTrue(join.isDone());
            assertTrue(cancelledJoin.isCancelled());
            assertThrows(IllegalStateException.class, q::taskDone);
        }
    }

    @Test
    void aRaceOfTakesIsASelectThatNeverLosesAnItem() {
        try (EventLoop loop = new EventLoop()) {
            AsyncQueue<String> a = new AsyncQueue<>();
            AsyncQueue<String> b = new AsyncQueue<>();
            List<String> log = new ArrayList<>();
            TwoAwaits consumer = new TwoAwaits(() -> Tasks.race(a.take(), b.take()), Promise::new, log);
            consumer.$start();
            ToolkitCoroutines.whereResumptionsQueue(() -> {
                b.offer("from b");
                consumer.cancel(); // after b's item was handed to the race, before the consumer resumed
            });
            loop.runUntilDone(consumer);
            assertEquals(List.of("first: from b", "caught CancellationException"), log);
            a.offer("for later");
            assertEquals("for later", a.poll(), "the losing take was withdrawn");

            AwaitThen<String> waiting = new AwaitThen<>(Tasks.race(a.take(), b.take()));
            waiting.$start();
            waiting.cancel();
            loop.runUntilDone(waiting);
            assertTrue(waiting.isCancelled());
            a.offer("kept");
            b.offer("kept too");
            assertEquals(List.of("kept", "kept too"), List.of(a.poll(), b.poll()), "a cancelled select takes nothing");
        }
    }
}
