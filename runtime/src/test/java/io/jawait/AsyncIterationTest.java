package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.ToolkitCoroutines.Count;
import io.jawait.test.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** AsyncIterable.generate (async generators), of, from and toList, on virtual time. */
class AsyncIterationTest {

    @Test
    void aGeneratorRunsLazilyAndNeverAheadOfItsConsumer() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            AsyncIterable<Integer> numbers = AsyncIterable.generate(out -> new Count(out, 3, 100, log).$start());
            AsyncIterator<Integer> it = numbers.iterator();
            assertEquals(List.of(), log, "nothing runs before the first hasNext()");
            assertTrue(loop.run(it::hasNext));
            assertEquals(List.of("emit 1"), log);
            assertSame(it.hasNext().resultNow(), Boolean.TRUE, "asking again consumes nothing");
            assertEquals(1, it.next());
            assertThrows(NoSuchElementException.class, it::next);
            loop.advanceTimeBy(Duration.ofSeconds(10));
            assertEquals(List.of("emit 1"), log, "the producer waits for the consumer: back-pressure");
            List<Integer> rest = new ArrayList<>();
            while (loop.run(it::hasNext)) {
                rest.add(it.next());
                log.add("consumed at " + loop.currentTime().toMillis());
            }
            assertEquals(List.of(2, 3), rest);
            assertEquals(List.of("emit 1", "emit 2", "consumed at 10100", "emit 3", "consumed at 10200", "producer finally"), log);
            assertFalse(loop.run(it::hasNext), "an ended iterator stays ended");
        }
    }

    @Test
    void closingEarlyCancelsTheProducerAndCloseAsyncWaitsForIt() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            Count[] producer = new Count[1];
            AsyncIterator<Integer> it = AsyncIterable.<Integer>generate(out -> new Count(out, 1_000, 10, log).$start()).iterator();
            AsyncIterator<Integer> it2 = AsyncIterable.<Integer>generate(out -> {
                producer[0] = new Count(out, 1_000, 10, log);
                return producer[0].$start();
            }).iterator();
            assertTrue(loop.run(it2::hasNext));
            assertEquals(1, it2.next());
            Task<Void> closed = it2.closeAsync();
            assertFalse(closed.isDone(), "the producer's cancellation is delivered through the loop");
            loop.run(() -> closed);
            assertTrue(producer[0].isCancelled());
            assertEquals(List.of("emit 1", "producer finally"), log);
            assertFalse(loop.run(it2::hasNext));
            it.close(); // never started: nothing to cancel
            assertFalse(loop.run(it::hasNext));
        }
    }

    @Test
    void cancellingAPendingHasNextClosesTheGenerator() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            Count[] producer = new Count[1];
            AsyncIterator<Integer> it = AsyncIterable.<Integer>generate(out -> {
                producer[0] = new Count(out, 5, 1000, log);
                return producer[0].$start();
            }).iterator();
            assertTrue(loop.run(it::hasNext));
            it.next();
            Task<Boolean> waiting = it.hasNext(); // the producer now sleeps 1 s before emitting 2
            assertFalse(waiting.isDone());
            waiting.cancel();
            loop.advanceUntilIdle();
            assertTrue(producer[0].isCancelled());
            assertEquals(List.of("emit 1", "producer finally"), log);
        }
    }

    @Test
    void theProducersFailureIsThrownByHasNextAfterTheElementsBeforeIt() {
        IOException boom = new IOException("source broke");
        try (TestLoop loop = new TestLoop()) {
            AsyncIterator<Integer> it = AsyncIterable.<Integer>generate(out -> {
                Task<Void> first = out.emit(1);
                return new TestCoroutines.SleepThen<Void>("Test.broken", 5, null, boom).$start();
            }).iterator();
            assertTrue(loop.run(it::hasNext));
            assertEquals(1, it.next());
            assertSame(boom, assertThrows(IOException.class, () -> loop.run(it::hasNext)));
            assertSame(boom, assertThrows(IOException.class, () -> loop.run(it::hasNext)), "and stays failed");

            AsyncIterator<Object> thrown = AsyncIterable.generate(out -> {
                throw new IllegalStateException("producer could not start");
            }).iterator();
            assertThrows(IllegalStateException.class, () -> loop.run(thrown::hasNext));
            AsyncIterator<Integer> twice = AsyncIterable.<Integer>generate(out -> {
                out.emit(1);
                out.emit(2);
                return Task.done();
            }).iterator();
            assertTrue(loop.run(twice::hasNext));
            assertEquals(1, twice.next());
            assertThrows(IllegalStateException.class, () -> loop.run(twice::hasNext), "emit must be awaited");
        }
    }

    @Test
    void eachIteratorRunsItsOwnProducer() {
        List<String> log = new ArrayList<>();
        try (TestLoop loop = new TestLoop()) {
            AsyncIterable<Integer> numbers = AsyncIterable.generate(out -> new Count(out, 2, 1, log).$start());
            assertEquals(List.of(1, 2), loop.run(numbers::toList));
            assertEquals(List.of(1, 2), loop.run(numbers::toList));
        }
    }

    @Test
    void ofFromAndToList() {
        try (TestLoop loop = new TestLoop()) {
            assertEquals(List.of("a", "b"), loop.run(() -> AsyncIterable.of("a", "b").toList()));
            assertEquals(List.of(1, 2, 3), loop.run(() -> AsyncIterable.from(List.of(1, 2, 3)).toList()));
            AsyncIterator<String> it = AsyncIterable.of("x").iterator();
            it.close();
            assertFalse(it.hasNext().resultNow());
        }
    }

    @Test
    void closeAsyncFailsWhenTheProducersCleanupFails() {
        IllegalStateException cleanup = new IllegalStateException("cleanup failed");
        try (TestLoop loop = new TestLoop()) {
            AsyncIterator<Integer> it = AsyncIterable.<Integer>generate(
                    out -> new ToolkitCoroutines.FailOnCancel(out.emit(1), cleanup).$start()).iterator();
            assertTrue(loop.run(it::hasNext));
            assertSame(cleanup, assertThrows(IllegalStateException.class, () -> loop.run(it::closeAsync)));
        }
        TestLoop loop = new TestLoop();
        AsyncIterator<Integer> it = AsyncIterable.<Integer>generate(
                out -> new ToolkitCoroutines.FailOnCancel(out.emit(1), cleanup).$start()).iterator();
        loop.run(it::hasNext);
        it.close(); // nobody waits for the cleanup: its failure is reported
        loop.advanceUntilIdle();
        loop.close();
        assertEquals(List.of(cleanup), loop.unhandledErrors());
    }
}
