package io.jawait.benchmarks.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.benchmarks.kotlin.KotlinWorkloads;
import io.jawait.benchmarks.peers.FutureWorkloads;
import io.jawait.benchmarks.peers.QueueExecutor;
import io.jawait.benchmarks.peers.VirtualThreadWorkloads;
import io.jawait.benchmarks.peers.VirtualThreads;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every peer of every micro-benchmark computes the same, right answer (a fast wrong benchmark is worthless). */
class WorkloadsTest {
    private EventLoop loop;

    @BeforeEach
    void open() {
        loop = new EventLoop();
    }

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void awaitOfACompletedTaskSumsEveryAwait() {
        assertEquals(1000, JawaitWorkloads.awaitCompletedOnce(Task.of(1), 1000));
        assertEquals(1000, FutureWorkloads.awaitCompleted(CompletableFuture.completedFuture(1), 1000));
        assertEquals(1000, KotlinWorkloads.awaitCompleted(KotlinWorkloads.completed(1), 1000));
    }

    @Test
    void pingPongYieldsTwiceNTimes() {
        assertEquals(200, JawaitWorkloads.pingPong(loop, 100));
        assertEquals(200, FutureWorkloads.pingPong(new QueueExecutor(), 100));
        assertEquals(200, KotlinWorkloads.pingPong(100));
    }

    @Test
    void chainOfNestedCallsAddsOnePerLevel() {
        assertEquals(100, JawaitWorkloads.chainOnce(loop, 99));
        assertEquals(100, FutureWorkloads.chainCallbacks(99));
        assertEquals(100, FutureWorkloads.chainCompose(99));
        assertEquals(100, KotlinWorkloads.chainOnce(99));
    }

    @Test
    void chainDeeperThanTheDirectResumeLimitStillCompletes() {
        assertEquals(1001, JawaitWorkloads.chainOnce(loop, 1000));
    }

    @Test
    void gatherSumsEveryChild() {
        long expected = 999L * 1000 / 2;
        assertEquals(expected, JawaitWorkloads.gatherOnce(loop, 1000));
        assertEquals(expected, FutureWorkloads.gather(new QueueExecutor(), 1000));
        assertEquals(expected, KotlinWorkloads.gather(1000));
    }

    @Test
    void virtualThreadPeersComputeTheSame() {
        assumeTrue(VirtualThreads.available(), "virtual threads need JDK 21+");
        assertEquals(200, VirtualThreadWorkloads.pingPong(100));
        assertEquals(100, VirtualThreadWorkloads.chain(99));
        assertEquals(999L * 1000 / 2, VirtualThreadWorkloads.gather(1000));
    }
}
