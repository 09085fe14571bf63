package io.jawait.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Makes a failure's stack trace read like the user's code, as C# and Python do: a failure thrown on
 * line 6 of {@code leaf} and awaited on line 10 of {@code middle}, itself awaited on line 14 of
 * {@code top}, reads
 * <pre>
 *     at Demo.leaf(Demo.java:6)
 *     at Demo.middle(Demo.java:10)
 *     at Demo.top(Demo.java:14)
 *     at io.jawait.Tasks.run(Tasks.java:380)
 *     at Demo.main(Demo.java:30)
 * </pre>
 * instead of ending at the loop that resumed {@code leaf} and naming generated state machines.
 *
 * <p>Three changes, made once per failure when it first reaches an await (or {@code join()}, or
 * the unhandled-error report): frames of the methods that hold an {@code @Async} method's code
 * ({@code Demo.leaf$step}) are renamed to the method they come from; the runtime's own frames
 * ({@code io.jawait.internal}, {@link io.jawait.Task}'s completion code, and the generated
 * classes' {@code $step} that calls such a method) are taken out, except those above the first frame of
 * user code (where a failure the runtime created, a timeout say, came from); then each await the
 * failure travels through adds its frame where the chain of awaits ends, so the chain reads in
 * order. A frame already on the real stack (the callee failed before it first suspended) is not
 * repeated, and at most {@link #MAX_FRAMES} frames are added, so a deep chain stays cheap.
 *
 * <p>The exception itself is changed rather than copied, because callers rely on getting the very
 * object that was thrown. {@code -Djawait.fullStackTraces=true} keeps every frame as the JVM
 * recorded it (await frames are still added); {@code -Djawait.asyncStackTraces=false} changes
 * nothing. Both are read per failure, so they can be switched at run time.
 */
public final class AsyncStackTrace {
    static final int MAX_FRAMES = 128;
    private static final String COROUTINE = "io.jawait.internal.Coroutine";
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /**
     * Per failure already handled: where the next awaiter's frame goes, the trace's length then (a
     * trace the program replaced since is taken afresh), and where the added frames begin.
     */
    private static final Map<Throwable, int[]> CHAIN_END = Collections.synchronizedMap(new WeakHashMap<>());

    static {
        // A class whose initialization fails is unusable for the rest of the process, and a
        // StackOverflowError can make it fail: when an overflow is caught deep in the stack, the
        // first failure handled there initializes whatever its path uses. So everything the path
        // below uses, down to the JDK's lazily initialized stack-trace classes and the names of
        // state machines, is used once now. That includes string concatenation, which the
        // runtime's error messages use: its first use initializes JDK classes
        // (StringConcatFactory's strategies on JDK 21 and later), and failing that deep in a stack
        // would break every later concatenation of the process.
        Thread thread = Thread.currentThread();
        Throwable warmUp = new Throwable("initialized on " + thread + " (" + thread.getPriority() + ")");
        update(warmUp, firstUserFrame());
        CHAIN_END.remove(warmUp);
    }

    private AsyncStackTrace() {
    }

    /** Initializes this class (and what it uses) now, while the stack is shallow. */
    static void prepare() {
    }

    /**
     * Called by the awaiting coroutine's {@code $result()} just before it rethrows {@code failure},
     * the outcome of {@code awaited}.
     */
    static void addAwaiter(Throwable failure, Object awaited) {
        if (isOff()) {
            return;
        }
        try {
            if (awaited instanceof Coroutine) {
                StateMachineNames.learn(awaited.getClass());
            }
            update(failure, firstUserFrame());
        } catch (RuntimeException | StackOverflowError e) {
            // A better trace is never worth failing the program (with no stack left, the failure
            // itself must still get through): keep the trace it has.
        }
    }

    /** The first frame outside the runtime (the awaiter), its state machine's names learnt; null if none. */
    private static StackTraceElement firstUserFrame() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isRuntime(f.getClassName()))
                .findFirst()
                .map(f -> {
                    StateMachineNames.learn(f.getDeclaringClass());
                    return f.toStackTraceElement();
                })
                .orElse(null));
    }

    /**
     * Tidies the trace of a failure that leaves the loop's world without an await: rethrown by
     * {@code join()} or reported as unhandled. Idempotent; any thread.
     */
    public static void tidy(Throwable failure) {
        if (failure == null || isOff()) {
            return;
        }
        try {
            update(failure, null);
        } catch (RuntimeException | StackOverflowError e) {
            // Keep the trace it has.
        }
    }

    /**
     * Another thread's stack as a tidy trace shows it: renamed, without the runtime's frames, and
     * printed without the class loader and module prefixes ({@code app//}, {@code java.base@17/})
     * that the frames of a live thread carry.
     */
    static List<StackTraceElement> readable(StackTraceElement[] stack) {
        List<StackTraceElement> frames = new ArrayList<>(stack.length);
        tidy(stack, full(), frames);
        frames.replaceAll(f -> new StackTraceElement(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()));
        return frames;
    }

    private static boolean isOff() {
        // Read per failure (a map lookup, on the failure path only) so that it can be switched at run time.
        return "false".equalsIgnoreCase(System.getProperty("jawait.asyncStackTraces"));
    }

    private static boolean full() {
        return Boolean.getBoolean("jawait.fullStackTraces");
    }

    private static void update(Throwable failure, StackTraceElement awaiterFrame) {
        // Several loops may await the same failure at once.
        synchronized (failure) {
            StackTraceElement[] trace = failure.getStackTrace();
            int[] seen = CHAIN_END.get(failure);
            boolean full = full();
            boolean changed = false;
            int at;
            int firstAdded;
            if (seen != null && seen[1] == trace.length && seen[0] <= trace.length) {
                at = seen[0];
                firstAdded = seen[2];
            } else {
                List<StackTraceElement> frames = new ArrayList<>(trace.length);
                at = tidy(trace, full, frames);
                firstAdded = at;
                changed = !full;
                trace = frames.toArray(new StackTraceElement[0]);
            }
            if (awaiterFrame != null && at < MAX_FRAMES) {
                StackTraceElement awaiter = full ? awaiterFrame : StateMachineNames.rename(awaiterFrame);
                // Already on the failure's own stack (it failed in a direct call from the awaiter)?
                if (!contains(trace, 0, firstAdded, awaiter) && !contains(trace, at, trace.length, awaiter)) {
                    StackTraceElement[] longer = new StackTraceElement[trace.length + 1];
                    System.arraycopy(trace, 0, longer, 0, at);
                    longer[at] = awaiter;
                    System.arraycopy(trace, at, longer, at + 1, trace.length - at);
                    trace = longer;
                    at++;
                    changed = true;
                }
            }
            if (changed) {
                failure.setStackTrace(trace);
            }
            CHAIN_END.put(failure, new int[] {at, trace.length, firstAdded});
        }
    }

    /**
     * Copies the JVM's {@code trace} into {@code out}, renamed and without the runtime's frames
     * unless {@code full}; returns the index in {@code out} where the chain of awaits continues:
     * after the outermost state machine that the failure's own stack ran through by direct calls
     * (a callee that failed before suspending sits on its caller's stack), at the frames of the
     * loop that resumed it.
     */
    private static int tidy(StackTraceElement[] trace, boolean full, List<StackTraceElement> out) {
        int chainEnd = chainEnd(trace);
        int firstUserFrame = trace.length;
        for (int i = 0; i < trace.length; i++) {
            if (StateMachineNames.isStep(trace[i]) || !isHidden(trace[i].getClassName())) {
                firstUserFrame = i;
                break;
            }
        }
        int at = -1;
        for (int i = 0; i < trace.length; i++) {
            if (i == chainEnd) {
                at = out.size();
            }
            StackTraceElement f = trace[i];
            if (full || i < firstUserFrame) {
                out.add(f);
            } else if (!isHidden(f.getClassName()) && !StateMachineNames.isTrampoline(f) && !isStarter(trace, i)) {
                out.add(StateMachineNames.rename(f));
            }
        }
        return at < 0 ? out.size() : at;
    }

    /** Index of the first frame of the loop that drove the failure's outermost directly-called state machine. */
    private static int chainEnd(StackTraceElement[] trace) {
        int step = -1;
        for (int i = 0; i < trace.length; i++) {
            if (StateMachineNames.isStep(trace[i])) {
                step = i;
                break;
            }
        }
        if (step < 0) {
            return firstDriverFrame(trace, 0);
        }
        while (true) {
            int driver = firstDriverFrame(trace, step + 1);
            if (driver < 0 || driver + 1 >= trace.length || !isStart(trace[driver + 1])) {
                return driver < 0 ? trace.length : driver;
            }
            // Started by a direct call: continue with the caller's state machine, if any.
            int caller = -1;
            for (int i = driver + 2; i < trace.length && caller < 0; i++) {
                if (StateMachineNames.isStep(trace[i])) {
                    caller = i;
                } else if (isDriver(trace[i].getClassName())) {
                    break;
                }
            }
            if (caller < 0) {
                return driver;
            }
            step = caller;
        }
    }

    /**
     * True if frame {@code i} is the user's method that only started the state machine above it
     * ({@code return new m$Coroutine(...).$start();}), which stands for it under the method's name.
     */
    static boolean isStarter(StackTraceElement[] trace, int i) {
        if (i < 2 || !isStart(trace[i - 1])) {
            return false;
        }
        for (int j = i - 2; j >= 0; j--) {
            if (StateMachineNames.isStepMethod(trace[j])) {
                StackTraceElement renamed = StateMachineNames.rename(trace[j]);
                return renamed.getClassName().equals(trace[i].getClassName())
                        && renamed.getMethodName().equals(trace[i].getMethodName());
            }
        }
        return false;
    }

    static boolean isStart(StackTraceElement f) {
        return f.getClassName().equals(COROUTINE) && f.getMethodName().equals("$start");
    }

    private static int firstDriverFrame(StackTraceElement[] trace, int from) {
        for (int i = from; i < trace.length; i++) {
            if (isDriver(trace[i].getClassName())) {
                return i;
            }
        }
        return -1;
    }

    /** The classes that run coroutines' steps: the coroutine driver and the loop. */
    private static boolean isDriver(String className) {
        return className.equals(COROUTINE) || className.equals("io.jawait.internal.Scheduler")
                || className.equals("io.jawait.internal.LoopCore");
    }

    /** The runtime's own frames, left out of a tidy trace: its internals and Task's completion code. */
    private static boolean isHidden(String className) {
        return className.startsWith("io.jawait.internal.") || className.equals("io.jawait.Task")
                || className.startsWith("io.jawait.Task$");
    }

    private static boolean isRuntime(String className) {
        return className.equals("io.jawait.internal.AsyncStackTrace") || className.equals(COROUTINE);
    }

    private static boolean contains(StackTraceElement[] trace, int from, int to, StackTraceElement frame) {
        for (int i = from; i < to; i++) {
            if (frame.equals(trace[i])) {
                return true;
            }
        }
        return false;
    }
}
