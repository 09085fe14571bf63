package io.jawait.debug;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A failure's stack trace lists the awaits it travelled through, innermost first. */
class AsyncStackTraceTest {
    private final List<Integer> lines = new ArrayList<>();
    private Boom thrown;

    /** The line of the statement that calls it. */
    private static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    private static final class Boom extends RuntimeException {
        Boom() {
            super("boom");
        }
    }

    @Async
    Task<Integer> leaf(boolean suspendFirst) {
        if (suspendFirst) {
            await(sleep(1));
        }
        lines.add(here()); throw thrown = new Boom();
    }

    @Async
    Task<Integer> middle(boolean suspendFirst) {
        lines.add(here()); int v = await(leaf(suspendFirst));
        return Task.of(v + 1);
    }

    @Async
    Task<Integer> top(boolean suspendFirst) {
        lines.add(here()); return Task.of(await(middle(suspendFirst)));
    }

    @Async
    Task<Integer> chain(int depth) {
        if (depth == 0) {
            await(sleep(1));
            throw new Boom();
        }
        return Task.of(await(chain(depth - 1)));
    }

    /** The frames of this class's generated state machines, as "method:line". */
    private static List<String> asyncFrames(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith(AsyncStackTraceTest.class.getName() + "$"))
                .filter(f -> f.getMethodName().equals("$step"))
                .map(f -> f.getClassName().replaceAll(".*\\$(\\w+)\\$Coroutine", "$1") + ":" + f.getLineNumber())
                .collect(Collectors.toList());
    }

    @Test
    void aFailureAfterASuspensionShowsTheAwaitingCallersInOrder() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(true)));
        assertSame(thrown, boom, "the very exception thrown");
        // lines: top's await, middle's await, leaf's throw (in the order they ran)
        assertEquals(List.of("leaf:" + lines.get(2), "middle:" + lines.get(1), "top:" + lines.get(0)), asyncFrames(boom));
        StackTraceElement[] trace = boom.getStackTrace();
        assertTrue(trace[3].getClassName().startsWith("io.jawait."), "then the loop that resumed leaf: " + trace[3]);
    }

    @Test
    void aFailureBeforeTheFirstSuspensionIsNotRepeated() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(false)));
        assertSame(thrown, boom);
        assertEquals(List.of("leaf:" + lines.get(2), "middle:" + lines.get(1), "top:" + lines.get(0)), asyncFrames(boom),
                "each caller is on the real stack already, once");
    }

    @Test
    void aDeepChainAddsABoundedNumberOfFrames() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> chain(1_000)));
        List<String> frames = asyncFrames(boom);
        assertTrue(frames.size() >= 100 && frames.size() <= 130, frames.size() + " frames");
        assertTrue(frames.stream().allMatch(f -> f.startsWith("chain:")), frames.toString());
    }

    @Test
    void canBeSwitchedOff() {
        System.setProperty("jawait.asyncStackTraces", "false");
        try {
            Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(true)));
            assertEquals(List.of("leaf:" + lines.get(2)), asyncFrames(boom));
        } finally {
            System.clearProperty("jawait.asyncStackTraces");
        }
    }
}
