package io.jawait.benchmarks.micro;

import io.jawait.benchmarks.kotlin.KotlinWorkloads;
import io.jawait.benchmarks.peers.FutureWorkloads;
import io.jawait.benchmarks.peers.QueueExecutor;
import io.jawait.benchmarks.peers.VirtualThreadWorkloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Suspend/resume round trip through the scheduler: two tasks yield to each other; one operation is
 * one yield (the task suspends, the other runs, it is resumed).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(2 * RoundTrip.N)
@State(Scope.Thread)
public class RoundTrip {
    static final int N = 1000;

    private final QueueExecutor queue = new QueueExecutor();

    @Benchmark
    public int jawait(LoopState state) {
        return JawaitWorkloads.pingPong(state.loop, N);
    }

    @Benchmark
    public int completableFuture() {
        return FutureWorkloads.pingPong(queue, N);
    }

    @Benchmark
    public int kotlin() {
        return KotlinWorkloads.pingPong(N);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
    public int virtualThreads() {
        return VirtualThreadWorkloads.pingPong(N);
    }
}
