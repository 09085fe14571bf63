package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Other threads post to a loop while it closes: every post is either refused (the caller is told)
 * or runs, never accepted and then dropped. A dropped post hung a group whose loops closed while
 * they still called each other (a cross-loop call was taken by a loop in its last moment and
 * never answered). Which posts win the race differs from run to run; what is checked holds for
 * every interleaving, and the many rounds make the losing interleaving likely to occur.
 */
@Timeout(120)
class PostsWhileClosingTest {
    private static final int ROUNDS = 300;

    @Test
    void aPostIsRunOrRefusedNeverLost() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            EventLoopThread owner = EventLoopThread.start("closing-" + round);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger ran = new AtomicInteger();
            AtomicBoolean closeReturned = new AtomicBoolean();
            Thread[] posters = new Thread[2];
            for (int p = 0; p < posters.length; p++) {
                posters[p] = new Thread(() -> {
                    while (true) {
                        // A few posts ahead of the loop, not millions: the race is at the end.
                        while (accepted.get() - ran.get() > 64 && !closeReturned.get()) {
                            Thread.onSpinWait();
                        }
                        try {
                            owner.loop().execute(ran::incrementAndGet);
                            accepted.incrementAndGet();
                        } catch (RejectedExecutionException closed) {
                            return;
                        }
                    }
                });
                posters[p].start();
            }
            while (ran.get() < 20) {
                Thread.onSpinWait();
            }
            owner.close();
            closeReturned.set(true);
            for (Thread poster : posters) {
                poster.join();
            }
            assertEquals(accepted.get(), ran.get(), "posts accepted and posts run, round " + round);
        }
    }

    @Test
    void aTaskSubmittedWhileTheLoopClosesCompletes() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            EventLoopThread owner = EventLoopThread.start("closing-" + round);
            CompletableFuture<CompletableFuture<Void>> last = new CompletableFuture<>();
            AtomicInteger submitted = new AtomicInteger();
            Thread submitter = new Thread(() -> {
                CompletableFuture<Void> previous = null;
                while (true) {
                    if (previous != null && submitted.get() % 16 == 0) {
                        awaitQuietly(previous);   // a few tasks ahead of the loop, not millions
                    }
                    try {
                        previous = owner.submit(() -> Tasks.sleep(1));
                        submitted.incrementAndGet();
                    } catch (RejectedExecutionException closed) {
                        last.complete(previous);
                        return;
                    }
                }
            });
            submitter.start();
            while (submitted.get() < 20) {
                Thread.onSpinWait();
            }
            owner.close();
            CompletableFuture<Void> lastAccepted = last.get(1, TimeUnit.MINUTES);
            try {
                assertNull(lastAccepted.get(1, TimeUnit.MINUTES), "round " + round);
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof CancellationException, "round " + round + ": " + e.getCause());
            } catch (CancellationException expected) {
                // cancelled by the closing, or not started because the loop had closed: both end it
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (Exception endedOrSlow) {
            // only a brake on the submitter: how it ends is checked for the last one
        }
    }
}
