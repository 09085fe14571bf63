package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.startOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.TaskLocal;
import io.jawait.sync.AsyncLock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** @Async code compiled by the processor, spread over the loops of a group. */
@Timeout(60)
class EventLoopGroupInAsyncCodeTest {
    private static final TaskLocal<String> REQUEST = new TaskLocal<>("request", "-");
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Async
    static Task<String> where() {
        await(sleep(1));
        return Task.of(Thread.currentThread().getName());
    }

    /** Starts work on every loop, gathers it, and tells where each part ran and where the caller resumed. */
    @Async
    static Task<String> fanOut(EventLoopGroup group) {
        String caller = Thread.currentThread().getName();
        List<Task<String>> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(group.start(EventLoopGroupInAsyncCodeTest::where));
        }
        Set<String> ranOn = new HashSet<>(await(gather(parts)));
        String resumedOn = Thread.currentThread().getName();
        return Task.of(ranOn.size() + " loops, caller " + (caller.equals(resumedOn) ? "resumed on its own loop" : "moved"));
    }

    @Test
    void workStartedOnEveryLoopIsGatheredOnTheCallersLoop() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            assertEquals("2 loops, caller resumed on its own loop", group.run(() -> fanOut(group)));
        }
    }

    @Async
    Task<String> slow(String name) {
        try {
            await(sleep(3_600_000));
            return Task.of("finished");
        } finally {
            log.add(name + " finally on " + Thread.currentThread().getName());
        }
    }

    @Async
    Task<String> cancelRemote(EventLoopGroup group, CompletableFuture<Void> started) {
        Task<String> remote = startOn(group.loop(1), () -> {
            started.complete(null);
            return slow("remote");
        });
        Task<String> waiting = awaitIt(remote);
        await(started);
        waiting.cancel();
        try {
            await(waiting);
            return Task.of("not cancelled");
        } catch (CancellationException e) {
            log.add("caller caught on " + Thread.currentThread().getName());
        }
        try {
            await(remote);
        } catch (CancellationException e) {
            log.add("remote ended cancelled");
        }
        return Task.of("done");
    }

    @Async
    static Task<String> awaitIt(Task<String> task) {
        return Task.of(await(task));
    }

    @Test
    void cancellingTheAwaitingMethodCancelsTheTaskOnTheOtherLoopWhoseFinallyRunsThere() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            assertEquals("done", group.loop(0).submit(() -> cancelRemote(group, new CompletableFuture<>())).join());
        }
        // The caller's CancellationException and the other loop's finally block happen at the same
        // time on two threads; awaiting the cancelled task waits for its finally block.
        assertEquals(Set.of("caller caught on g-0", "remote finally on g-1", "remote ended cancelled"), Set.copyOf(log));
        assertEquals("remote ended cancelled", log.get(2));
    }

    @Async
    static Task<String> failOn() throws IOException {
        await(sleep(1));
        throw new IOException("failed on " + Thread.currentThread().getName());
    }

    @Async
    static Task<String> catchRemoteFailure(EventLoopGroup group) {
        try {
            // startOn declares the IOException that failOn declares: the catch below is plain Java.
            return Task.of(await(startOn(group.loop(1), () -> failOn())));
        } catch (IOException e) {
            return Task.of("caught: " + e.getMessage());
        }
    }

    @Test
    void aFailureOnAnotherLoopIsCaughtAroundTheAwait() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            assertEquals("caught: failed on g-1", group.loop(0).submit(() -> catchRemoteFailure(group)).join());
        }
    }

    @Async
    static Task<String> requestId() {
        await(sleep(1));
        return Task.of(REQUEST.get() + " on " + Thread.currentThread().getName());
    }

    @Async
    static Task<String> handle(EventLoopGroup group, String id) {
        REQUEST.set(id);
        String remote = await(startOn(group.loop(1), EventLoopGroupInAsyncCodeTest::requestId));
        return Task.of(remote + ", back with " + REQUEST.get());
    }

    @Test
    void taskLocalValuesGoAlongToTheOtherLoop() {
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            assertEquals("r-7 on g-1, back with r-7", group.loop(0).submit(() -> handle(group, "r-7")).join());
        }
    }

    @Async
    static Task<Void> lockOn(AsyncLock lock) {
        await(lock.lock());
        lock.unlock();
        return Task.done();
    }

    @Test
    void aLockOfOneLoopIsRefusedOnAnother() {
        AsyncLock lock = new AsyncLock();
        try (EventLoopGroup group = new EventLoopGroup("g", 2)) {
            group.loop(0).submit(() -> lockOn(lock)).join();
            CompletionException failed = assertThrows(CompletionException.class, () -> group.loop(1).submit(() -> lockOn(lock)).join());
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, failed.getCause());
            assertTrue(e.getMessage().startsWith("AsyncLock belongs to the event loop of thread 'g-0' and cannot be used"
                    + " from the event loop of thread 'g-1'"), e.getMessage());
            assertSame(null, group.loop(0).submit(() -> lockOn(lock)).join(), "still usable on its own loop");
        }
    }
}
