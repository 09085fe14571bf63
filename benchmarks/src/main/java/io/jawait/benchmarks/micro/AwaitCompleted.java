package io.jawait.benchmarks.micro;

import io.jawait.Task;
import io.jawait.benchmarks.kotlin.KotlinWorkloads;
import io.jawait.benchmarks.peers.FutureWorkloads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.Deferred;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Awaiting a task that is already complete: one operation is one await, 1,000 per call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AwaitCompleted.N)
@State(Scope.Thread)
public class AwaitCompleted {
    static final int N = 1000;

    private Task<Integer> task;
    private CompletableFuture<Integer> future;
    private Deferred<Integer> deferred;

    @Setup
    public void prepare() {
        task = Task.of(1);
        future = CompletableFuture.completedFuture(1);
        deferred = KotlinWorkloads.completed(1);
    }

    @Benchmark
    public int jawait(LoopState state) {
        return JawaitWorkloads.awaitCompletedOnce(task, N);
    }

    @Benchmark
    public int completableFuture() {
        return FutureWorkloads.awaitCompleted(future, N);
    }

    @Benchmark
    public int kotlin() {
        return KotlinWorkloads.awaitCompleted(deferred, N);
    }
}
