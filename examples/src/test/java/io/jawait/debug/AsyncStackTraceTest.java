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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Async
    Task<Integer> resumedThenCallsAFailingOne() {
        await(sleep(1));
        lines.add(here()); int v = await(leaf(false));
        return Task.of(v);
    }

    @Async
    Task<Integer> awaitsTheResumedOne() {
        lines.add(here()); return Task.of(await(resumedThenCallsAFailingOne()));
    }

    @Async
    Task<Integer> throwsInALambda() {
        await(sleep(1));
        Runnable r = () -> {
            lines.add(here()); throw thrown = new Boom();
        };
        r.run();
        return Task.of(0);
    }

    private static final List<String> METHODS = List.of("leaf", "middle", "top", "chain", "resumedThenCallsAFailingOne",
            "awaitsTheResumedOne", "throwsInALambda");

    /** The frames of this class's @Async methods and of lambdas in them, as "method:line". */
    private static List<String> asyncFrames(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().equals(AsyncStackTraceTest.class.getName()))
                .filter(f -> METHODS.contains(f.getMethodName()) || f.getMethodName().startsWith("lambda$throwsInALambda$"))
                .map(f -> f.getMethodName() + ":" + f.getLineNumber())
                .collect(Collectors.toList());
    }

    /** The frames of generated classes and methods or of the runtime's internals. */
    private static List<String> machinery(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .map(StackTraceElement::toString)
                .filter(f -> f.contains("$Coroutine") || f.contains("$step(") || f.contains("io.jawait.internal.")
                        || f.startsWith("io.jawait.Task."))
                .collect(Collectors.toList());
    }

    @Test
    void aFailureAfterASuspensionShowsTheAwaitingCallersInOrderUnderTheirOwnNames() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(true)));
        assertSame(thrown, boom, "the very exception thrown");
        // lines: top's await, middle's await, leaf's throw (in the order they ran)
        assertEquals(List.of("leaf:" + lines.get(2), "middle:" + lines.get(1), "top:" + lines.get(0)), asyncFrames(boom));
        StackTraceElement[] trace = boom.getStackTrace();
        assertEquals("io.jawait.EventLoop.runUntilDone", trace[3].getClassName() + "." + trace[3].getMethodName(),
                "then how the loop was entered: " + Arrays.toString(trace));
        assertEquals("io.jawait.Tasks.run", trace[4].getClassName() + "." + trace[4].getMethodName(), Arrays.toString(trace));
        assertEquals(List.of(), machinery(boom), "no generated class, no loop internals");
        assertEquals(AsyncStackTraceTest.class.getSimpleName() + ".java", trace[0].getFileName());
        assertEquals(AsyncStackTraceTest.class.getName() + ".leaf(AsyncStackTraceTest.java:" + lines.get(2) + ")",
                trace[0].toString(), "prints like a frame of the user's own method");
    }

    @Test
    void aFailureBeforeTheFirstSuspensionIsNotRepeated() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(false)));
        assertSame(thrown, boom);
        assertEquals(List.of("leaf:" + lines.get(2), "middle:" + lines.get(1), "top:" + lines.get(0)), asyncFrames(boom),
                "each caller is on the real stack already, once");
        assertEquals(List.of(), machinery(boom), "nor the methods that only started the state machines");
    }

    @Test
    void aCallerOnTheRealStackComesBeforeTheTaskThatAwaitsIt() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(this::awaitsTheResumedOne));
        // lines: awaitsTheResumedOne's await, resumed...'s await of leaf, leaf's throw
        assertEquals(List.of("leaf:" + lines.get(2), "resumedThenCallsAFailingOne:" + lines.get(1),
                "awaitsTheResumedOne:" + lines.get(0)), asyncFrames(boom));
    }

    @Test
    void aLambdaInAnAsyncMethodIsNamedLikeJavacNamesIt() throws IOException {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(this::throwsInALambda));
        List<String> frames = asyncFrames(boom);
        String lambda = frames.get(0).split(":")[0];
        assertEquals(lines.get(0), Integer.valueOf(frames.get(0).split(":")[1]), frames.toString());
        assertEquals("throwsInALambda", frames.get(1).split(":")[0], frames.toString());
        // The build compiles this class without the processor too (target/without-processor, what an
        // editor sees): javac's own name for the lambda there is the name the trace gives.
        byte[] plain = Files.readAllBytes(Path.of("target", "without-processor",
                AsyncStackTraceTest.class.getName().replace('.', '/') + ".class"));
        assertTrue(new String(plain, StandardCharsets.ISO_8859_1).contains(lambda),
                lambda + " is not javac's name for the lambda: " + frames);
    }

    @Test
    void aDeepChainAddsABoundedNumberOfFrames() {
        Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> chain(1_000)));
        List<String> frames = asyncFrames(boom);
        assertTrue(frames.size() >= 100 && frames.size() <= 130, frames.size() + " frames");
        assertTrue(frames.stream().allMatch(f -> f.startsWith("chain:")), frames.toString());
    }

    @Test
    void theFullTraceKeepsTheGeneratedClassesAndTheLoop() {
        System.setProperty("jawait.fullStackTraces", "true");
        try {
            Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(true)));
            List<String> machinery = machinery(boom);
            // leaf's code in its step method, called by its state machine's $step; the awaiters' step methods.
            assertTrue(machinery.get(0).contains(".leaf$step("), machinery.toString());
            assertTrue(machinery.get(1).contains("$leaf$Coroutine.$step("), machinery.toString());
            assertTrue(machinery.stream().anyMatch(f -> f.contains(".middle$step(")), machinery.toString());
            assertTrue(machinery.stream().anyMatch(f -> f.contains(".top$step(")), machinery.toString());
            assertTrue(machinery.stream().anyMatch(f -> f.startsWith("io.jawait.internal.Scheduler.")), machinery.toString());
        } finally {
            System.clearProperty("jawait.fullStackTraces");
        }
    }

    @Test
    void canBeSwitchedOff() {
        System.setProperty("jawait.asyncStackTraces", "false");
        try {
            Boom boom = assertThrows(Boom.class, () -> Tasks.run(() -> top(true)));
            assertEquals(1, machinery(boom).stream().filter(f -> f.contains("$Coroutine.$step")).count(),
                    "only leaf, as the JVM recorded it: " + machinery(boom));
        } finally {
            System.clearProperty("jawait.asyncStackTraces");
        }
    }
}
