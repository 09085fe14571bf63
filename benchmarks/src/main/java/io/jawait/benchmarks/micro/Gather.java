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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Starting 1,000 tasks that each suspend once and gathering their results: one operation is the whole gather. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class Gather {
    static final int N = 1000;

    private final QueueExecutor queue = new QueueExecutor();

    @Benchmark
    public long jawait(LoopState state) {
        return JawaitWorkloads.gatherOnce(state.loop, N);
    }

    @Benchmark
    public long completableFuture() {
        return FutureWorkloads.gather(queue, N);
    }

    @Benchmark
    public long kotlin() {
        return KotlinWorkloads.gather(N);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
    public long virtualThreads() {
        return VirtualThreadWorkloads.gather(N);
    }
}
