package io.jawait.benchmarks.peers;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * A single-threaded run queue for the CompletableFuture baselines: the hand-written equivalent of
 * an event loop's ready queue, drained by the thread that owns it.
 */
public final class QueueExecutor implements Executor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs queued work, including work queued meanwhile, until the queue is empty. */
    public void drain() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }
}
