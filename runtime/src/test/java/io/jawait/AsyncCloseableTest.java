package io.jawait;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.SleepThen;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The blocking {@link AsyncCloseable#close()} used where a close cannot be awaited. (Awaited closes
 * in @Async try-with-resources are tested with the processor, in ResourcesTest.)
 */
class AsyncCloseableTest {

    @Test
    void closeOffTheLoopBlocksUntilTheAsyncCloseCompletes() throws Exception {
        CompletableFuture<Task<Void>> started = new CompletableFuture<>();
        Thread loopThread = new Thread(() -> Tasks.run(() -> {
            Task<Void> closing = new SleepThen<Void>("Test.closing", 20, null).$start();
            started.complete(closing);
            return closing;
        }));
        loopThread.start();
        Task<Void> closing = started.get();
        AsyncCloseable resource = () -> closing;
        resource.close();
        assertTrue(closing.isDone());
        loopThread.join();
    }

    @Test
    void closeRethrowsTheOriginalFailureOfTheAsyncClose() {
        IOException boom = new IOException("boom");
        AsyncCloseable resource = () -> Task.failed(boom);
        assertSame(boom, assertThrows(IOException.class, resource::close));
    }

    @Test
    void closeOnALoopThreadWorksWhenTheCloseCompletesAtOnceAndRefusesToBlockOtherwise() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            AsyncCloseable quick = Task::done;
            quick.close();
            Task<Void> slow = new SleepThen<Void>("Test.slowClose", 60_000, null).$start();
            AsyncCloseable pending = () -> slow;
            assertThrows(IllegalStateException.class, pending::close);
            slow.cancel();
            loop.runUntilDone(slow);
        }
    }
}
