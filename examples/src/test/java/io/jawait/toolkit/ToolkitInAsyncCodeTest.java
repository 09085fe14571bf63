package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.AsyncIterable;
import io.jawait.AsyncIterator;
import io.jawait.Emitter;
import io.jawait.Task;
import io.jawait.TaskGroup;
import io.jawait.sync.AsyncQueue;
import io.jawait.sync.AsyncSemaphore;
import io.jawait.test.TestLoop;
import io.jawait.test.TestLoopExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The toolkit used from @Async code compiled by the processor, on virtual time. */
@ExtendWith(TestLoopExtension.class)
class ToolkitInAsyncCodeTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Task<Void> produce(AsyncQueue<Integer> queue, int count) {
        for (int i = 1; i <= count; i++) {
            await(queue.put(i));
            log.add("put " + i + " at " + EventLoopTime.millis());
        }
        queue.close();
        return Task.done();
    }

    @Async
    Task<Integer> consume(AsyncQueue<Integer> queue) {
        int sum = 0;
        AsyncIterator<Integer> it = queue.iterator();
        while (await(it.hasNext())) {
            int n = it.next();
            await(sleep(100));
            log.add("took " + n + " at " + EventLoopTime.millis());
            sum += n;
        }
        return Task.of(sum);
    }

    @Test
    void aBoundedQueueHoldsTheProducerBackAndCloseEndsTheConsumer(TestLoop loop) {
        AsyncQueue<Integer> queue = new AsyncQueue<>(1);
        List<Object> results = loop.run(() -> gather(produce(queue, 3), consume(queue)));
        assertEquals(6, results.get(1));
        assertEquals(List.of("put 1 at 0", "put 2 at 0", "took 1 at 100", "put 3 at 100", "took 2 at 200", "took 3 at 300"), log);
    }

    @Async
    Task<Integer> limited(AsyncSemaphore limit, int[] running, int[] peak) {
        await(limit.acquire());
        try {
            running[0]++;
            peak[0] = Math.max(peak[0], running[0]);
            await(sleep(10));
            return Task.of(1);
        } finally {
            running[0]--;
            limit.release();
        }
    }

    @Test
    void aSemaphoreLimitsAFanOut(TestLoop loop) {
        AsyncSemaphore limit = new AsyncSemaphore(3);
        int[] running = {0};
        int[] peak = {0};
        List<Task<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(limited(limit, running, peak));
        }
        loop.run(() -> gather(all));
        assertEquals(3, peak[0]);
        assertEquals(Duration.ofMillis(40), loop.currentTime(), "10 jobs, 3 at a time, 10 ms each");
    }

    @Async
    Task<String> child(String name, long millis, boolean fail) throws IOException {
        try {
            await(sleep(millis));
            if (fail) {
                throw new IOException(name + " failed");
            }
            return Task.of(name);
        } catch (CancellationException e) {
            log.add(name + " cancelled at " + EventLoopTime.millis());
            throw e;
        }
    }

    @Async
    Task<String> groupOf(boolean withFailure) throws IOException {
        try (TaskGroup group = new TaskGroup()) {
            Task<String> a = group.spawn(child("a", 100, false));
            group.spawn(child("b", 50, withFailure));
            group.spawn(child("c", 300, false));
            await(group.join());
            return Task.of(a.resultNow());
        }
    }

    @Async
    Task<String> leaveEarly() throws IOException {
        try (TaskGroup group = new TaskGroup()) {
            group.spawn(child("slow", 1000, false));
            await(sleep(10));
            throw new IllegalArgumentException("left early");
        }
    }

    @Test
    void leavingTheBlockByAnExceptionCancelsTheChildrenAndWaitsForThem(TestLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.run(this::leaveEarly));
        assertEquals(List.of("slow cancelled at 10"), log, "the child finished before the block was left");
        assertEquals(0, e.getSuppressed().length, "nothing but the block's own exception");
    }

    @Async
    Task<String> returnEarly() throws IOException {
        try (TaskGroup group = new TaskGroup()) {
            Task<String> slow = group.spawn(child("slow", 1000, false));
            group.spawn(child("quick", 10, false));
            log.add("returning at " + EventLoopTime.millis() + ", slow done: " + slow.isDone());
            return Task.of("returned");
        }
    }

    @Test
    void returningBeforeJoinWaitsForTheChildrenAndKeepsTheValue(TestLoop loop) throws IOException {
        assertEquals("returned", loop.run(this::returnEarly));
        assertEquals(List.of("returning at 0, slow done: false"), log, "no child was cancelled");
        assertEquals(Duration.ofMillis(1000), loop.currentTime(), "the method completed after its children");
    }

    @Async
    Task<String> returnEarlyWhileAChildFails() throws IOException {
        try (TaskGroup group = new TaskGroup()) {
            group.spawn(child("slow", 1000, false));
            group.spawn(child("failing", 10, true));
            return Task.of("returned");
        }
    }

    @Test
    void aChildFailingAfterTheReturnFailsTheMethod(TestLoop loop) {
        IOException e = assertThrows(IOException.class, () -> loop.run(this::returnEarlyWhileAChildFails));
        assertEquals("failing failed", e.getMessage());
        assertEquals(List.of("slow cancelled at 10"), log);
    }

    @Async
    Task<String> awaitAFailingChildDirectly() throws IOException {
        try (TaskGroup group = new TaskGroup()) {
            Task<String> failing = group.spawn(child("failing", 10, true));
            group.spawn(child("slow", 1000, false));
            return Task.of(await(failing));
        }
    }

    @Test
    void aChildFailureAwaitedInTheBlockIsNotSuppressedIntoItself(TestLoop loop) {
        IOException e = assertThrows(IOException.class, () -> loop.run(this::awaitAFailingChildDirectly));
        assertEquals("failing failed", e.getMessage());
        assertEquals(0, e.getSuppressed().length);
        assertEquals(List.of("slow cancelled at 10"), log);
        assertEquals(List.of(), loop.unhandledErrors());
    }

    @Test
    void theFirstFailureInAGroupCancelsTheRestAndSurfacesAtJoin(TestLoop loop) throws IOException {
        assertEquals("a", loop.run(() -> groupOf(false)));
        assertEquals(Duration.ofMillis(300), loop.currentTime());
        IOException e = assertThrows(IOException.class, () -> loop.run(() -> groupOf(true)));
        assertEquals("b failed", e.getMessage());
        assertEquals(List.of("a cancelled at 350", "c cancelled at 350"), log);
    }

    @Async
    Task<String> fetchWithTimeout(long workMillis) throws IOException {
        try {
            return Task.of(await(withTimeout(Duration.ofHours(1), child("work", workMillis, false))));
        } catch (TimeoutException e) {
            return Task.of("timed out");
        }
    }

    @Test
    void anHourLongTimeoutIsTestedInstantly(TestLoop loop) throws IOException {
        assertEquals("timed out", loop.run(() -> fetchWithTimeout(Duration.ofHours(2).toMillis())));
        assertEquals(Duration.ofHours(1), loop.currentTime());
        assertEquals(List.of("work cancelled at 3600000"), log);
        assertEquals("work", loop.run(() -> fetchWithTimeout(10)));
    }

    @Async
    Task<Integer> takeOne(AsyncQueue<Integer> queue) {
        return Task.of(await(queue.take()));
    }

    @Test
    void aCancelledConsumerTakesNothing(TestLoop loop) {
        AsyncQueue<Integer> queue = new AsyncQueue<>();
        Task<Integer> first = takeOne(queue);
        Task<Integer> second = takeOne(queue);
        first.cancel();
        queue.offer(42);
        assertSame(42, loop.run(() -> second));
        loop.advanceUntilIdle();
        assertTrue(first.isCancelled());
    }

    @Async
    Task<Void> numbers(Emitter<Integer> out, int count) {
        try {
            for (int i = 1; i <= count; i++) {
                await(sleep(10));
                await(out.emit(i));
            }
            return Task.done();
        } finally {
            log.add("producer finally at " + EventLoopTime.millis());
        }
    }

    @Async
    Task<Integer> sumUntil(int limit) {
        int sum = 0;
        try (AsyncIterator<Integer> it = AsyncIterable.<Integer>generate(out -> numbers(out, 1000)).iterator()) {
            while (await(it.hasNext())) {
                int n = it.next();
                if (n > limit) {
                    break;
                }
                sum += n;
            }
        }
        log.add("consumer done at " + EventLoopTime.millis());
        return Task.of(sum);
    }

    @Test
    void anAsyncGeneratorIsConsumedWithALoopAndCancelledWhenTheConsumerStops(TestLoop loop) {
        assertEquals(6, loop.run(() -> sumUntil(3)));
        assertEquals(List.of("producer finally at 40", "consumer done at 40"), log,
                "leaving the try-with-resources block waited for the producer's finally");
    }

    @Test
    void anAsyncGeneratorCanBeCollected(TestLoop loop) {
        assertEquals(List.of(1, 2, 3), loop.run(() -> AsyncIterable.<Integer>generate(out -> numbers(out, 3)).toList()));
        assertEquals(Duration.ofMillis(30), loop.currentTime());
    }

    /** The current loop's virtual time in milliseconds. */
    static final class EventLoopTime {
        static long millis() {
            return io.jawait.EventLoop.current().now() / 1_000_000;
        }
    }
}
