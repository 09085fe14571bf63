package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a loop cancels every @Async call still suspended, however they await each other. */
@Timeout(30)
class LoopShutdownTest {
    private final List<String> log = new ArrayList<>();

    @Async
    Task<Integer> level(int depth) {
        try {
            if (depth == 0) {
                await(sleep(60_000));
                return Task.of(0);
            }
            return Task.of(await(level(depth - 1)) + 1);
        } finally {
            log.add("finally " + depth);
        }
    }

    @Test
    void aNestedChainUnwindsFromTheInnermostCall() {
        Task<Integer> top;
        try (EventLoop loop = new EventLoop()) {
            top = level(3);
            loop.runUntilDone(sleep(1));
            assertTrue(loop.dumpTasks().contains("LoopShutdownTest.level"), loop.dumpTasks());
        }
        assertTrue(top.isCancelled());
        assertEquals(List.of("finally 0", "finally 1", "finally 2", "finally 3"), log);
    }

    @Async
    Task<String> swallower() {
        try {
            await(sleep(60_000));
        } catch (CancellationException e) {
            log.add("swallowed");
        }
        return Task.of("kept going");
    }

    @Async
    Task<String> caller() {
        String s = await(swallower());
        log.add("caller got " + s);
        try {
            await(sleep(60_000));
        } finally {
            log.add("caller finally");
        }
        return Task.of(s);
    }

    @Test
    void aCallerThatCarriesOnAfterItsCalleeSwallowedTheCancellationIsCancelledAtItsNextAwait() {
        Task<String> task;
        try (EventLoop loop = new EventLoop()) {
            task = caller();
            loop.runUntilDone(sleep(1));
        }
        assertTrue(task.isCancelled(), task.toString());
        assertEquals(List.of("swallowed", "caller got kept going", "caller finally"), log);
    }

    private Task<Void> first;

    @Async
    Task<Void> waitsForItsCallee() {
        try {
            await(waitsForTheFirst());
        } finally {
            log.add("first finally");
        }
        return Task.done();
    }

    @Async
    Task<Void> waitsForTheFirst() {
        try {
            await(hop());     // suspends without awaiting anything but a nested call
            await(first);     // a cycle: first awaits this call, which awaits first
        } finally {
            log.add("second finally");
        }
        return Task.done();
    }

    @Async
    Task<Void> hop() {
        await(yieldNow());
        return Task.done();
    }

    @Test
    void aCycleOfAwaitsIsVisibleInTheDumpAndCancelledOnClose() {
        try (EventLoop loop = new EventLoop()) {
            first = waitsForItsCallee();
            loop.runUntilDone(sleep(20));
            String dump = loop.dumpTasks();
            assertTrue(dump.contains("\nawait cycle (these tasks wait for one another and can never complete):\n"), dump);
            assertTrue(dump.contains("LoopShutdownTest.waitsForTheFirst("), dump);
            assertTrue(dump.contains("LoopShutdownTest.waitsForItsCallee("), dump);
            assertTrue(dump.contains(" (awaited above: a cycle)"), dump);
        }
        assertTrue(first.isCancelled(), first.toString());
        assertTrue(log.containsAll(List.of("first finally", "second finally")), log.toString());
    }
}
