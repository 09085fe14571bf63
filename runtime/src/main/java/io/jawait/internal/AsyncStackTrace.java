package io.jawait.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Adds the awaits a failure travels through to its stack trace, as C# and Python do: a failure
 * thrown on line 6 of {@code leaf} and awaited on line 10 of {@code middle}, itself awaited on line
 * 14 of {@code top}, reads {@code leaf:6, middle:10, top:14} followed by the loop's frames, instead
 * of ending at the loop that resumed {@code leaf}.
 *
 * <p>The exception itself is changed rather than copied, because callers rely on getting the very
 * object that was thrown. Each await's frame goes just above the frames of the runtime that drove
 * the code that threw, so the chain reads in order; a frame already on the real stack below them (the
 * callee failed before it first suspended) is not repeated, and at most {@link #MAX_FRAMES} frames are added, so
 * a deep chain or an exception awaited many times stays cheap. Off with
 * {@code -Djawait.asyncStackTraces=false}.
 */
final class AsyncStackTrace {
    static final int MAX_FRAMES = 128;
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** The first frame outside the runtime, as a stack trace element. */
    private static final Function<Stream<StackWalker.StackFrame>, Optional<StackTraceElement>> FIRST_USER_FRAME =
            frames -> frames.filter(f -> !isRuntime(f.getClassName()))
                    .findFirst()
                    .map(StackWalker.StackFrame::toStackTraceElement);

    static {
        // A class whose initialization fails is unusable for the rest of the process, and a
        // StackOverflowError can make it fail: when an overflow is caught deep in the stack, the
        // first failure handled there initializes whatever its path uses. So everything the path
        // below uses, down to the JDK's lazily initialized stack-trace classes, is used once now.
        // That includes string concatenation, which the runtime's error messages use: its first
        // use initializes JDK classes (StringConcatFactory's strategies on JDK 21 and later), and
        // failing that deep in a stack would break every later concatenation of the process.
        WALKER.walk(FIRST_USER_FRAME);
        Thread thread = Thread.currentThread();
        new Throwable("initialized on " + thread + " (" + thread.getPriority() + ")").getStackTrace();
    }

    private AsyncStackTrace() {
    }

    /** Initializes this class (and what it uses) now, while the stack is shallow. */
    static void prepare() {
    }

    /** Called by the awaiting coroutine's {@code $result()} just before it rethrows {@code failure}. */
    static void addAwaiter(Throwable failure) {
        try {
            addAwaiterFrame(failure);
        } catch (StackOverflowError tooDeep) {
            // With no stack left the trace stays as thrown: the failure itself must get through.
        }
    }

    private static void addAwaiterFrame(Throwable failure) {
        // Read per failure (a map lookup, on the failure path only) so that it can be switched at run time.
        if ("false".equalsIgnoreCase(System.getProperty("jawait.asyncStackTraces"))) {
            return;
        }
        StackTraceElement[] trace = failure.getStackTrace();
        int at = driverFrame(trace);
        if (at < 0 || at >= MAX_FRAMES) {
            return;
        }
        Optional<StackTraceElement> awaiter = WALKER.walk(FIRST_USER_FRAME);
        if (awaiter.isEmpty() || Arrays.asList(trace).subList(at, trace.length).contains(awaiter.get())) {
            return;
        }
        StackTraceElement[] longer = new StackTraceElement[trace.length + 1];
        System.arraycopy(trace, 0, longer, 0, at);
        longer[at] = awaiter.get();
        System.arraycopy(trace, at, longer, at + 1, trace.length - at);
        failure.setStackTrace(longer);
    }

    /** Index of the first frame of the runtime's coroutine driver or loop; -1 if there is none. */
    private static int driverFrame(StackTraceElement[] trace) {
        for (int i = 0; i < trace.length; i++) {
            String c = trace[i].getClassName();
            if (c.equals("io.jawait.internal.Coroutine") || c.equals("io.jawait.internal.Scheduler")
                    || c.equals("io.jawait.internal.LoopCore")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isRuntime(String className) {
        return className.equals("io.jawait.internal.AsyncStackTrace") || className.equals("io.jawait.internal.Coroutine");
    }
}
