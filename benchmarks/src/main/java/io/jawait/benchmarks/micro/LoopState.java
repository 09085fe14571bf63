package io.jawait.benchmarks.micro;

import io.jawait.EventLoop;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One jawait event loop per benchmark thread, kept for the whole trial so that measurements see the
 * steady state, not loop creation. JMH sets up thread-scoped state on the thread that uses it.
 */
@State(Scope.Thread)
public class LoopState {
    EventLoop loop;

    @Setup
    public void open() {
        loop = new EventLoop();
    }

    @TearDown
    public void close() {
        loop.close();
    }
}
