package io.jawait.benchmarks.micro;

import io.jawait.benchmarks.kotlin.KotlinWorkloads;
import io.jawait.benchmarks.peers.FutureWorkloads;
import io.jawait.benchmarks.peers.VirtualThreadWorkloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A chain of 100 nested async calls suspended on a pending leaf, then completed: one operation is
 * the whole chain (100 calls, 100 suspensions, 100 resumptions).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Chain {
    /** 99 + the leaf's caller = 100 nested calls. */
    static final int DEPTH = 99;

    @Benchmark
    public int jawait(LoopState state) {
        return JawaitWorkloads.chainOnce(state.loop, DEPTH);
    }

    @Benchmark
    public int callbacks() {
        return FutureWorkloads.chainCallbacks(DEPTH);
    }

    @Benchmark
    public int thenCompose() {
        return FutureWorkloads.chainCompose(DEPTH);
    }

    @Benchmark
    public int kotlin() {
        return KotlinWorkloads.chainOnce(DEPTH);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
    public int virtualThreads() {
        return VirtualThreadWorkloads.chain(DEPTH);
    }
}
