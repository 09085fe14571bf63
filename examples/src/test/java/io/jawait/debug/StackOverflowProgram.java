package io.jawait.debug;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A program that overflows its stack once, in one of several ways, and must then go on working
 * like plain Java does. Run in a fresh JVM ({@link StackOverflowTest}) because what it checks is
 * what the first StackOverflowError of a process leaves behind. Prints one line: "ok" or what broke.
 */
public final class StackOverflowProgram {
    private final List<String> unhandled = new ArrayList<>();

    public static void main(String[] args) {
        String outcome;
        try {
            outcome = new StackOverflowProgram().run(args[0]);
        } catch (Throwable e) {
            outcome = "broken: " + e;
        }
        System.out.println(outcome);
    }

    private String run(String scenario) {
        try (EventLoop loop = new EventLoop()) {
            loop.setUnhandledErrorHandler((name, e) -> unhandled.add(name + ": " + e));
            Task<String> main;
            switch (scenario) {
                case "runtime-at-every-level":
                    main = overflowWithAsyncCallsAtEveryLevel();
                    break;
                case "deep-async-recursion":
                    main = deepAsyncRecursion();
                    break;
                case "runtime-used-on-a-full-stack":
                    main = useTheRuntimeOnAFullStack();
                    break;
                case "async-calls-through-plain-frames":
                    main = overflowThroughAsyncAndPlainFrames();
                    break;
                case "escapes-an-async-method":
                    main = awaitAnOverflowingMethod();
                    break;
                case "in-a-callback":
                    loop.execute(() -> plainRecursion(0));
                    main = stillWorks("callback");
                    break;
                default:
                    throw new IllegalArgumentException(scenario);
            }
            loop.runUntilDone(main);
            String result = main.join();
            if (scenario.equals("in-a-callback") && (unhandled.size() != 1 || !unhandled.get(0).contains("StackOverflowError"))) {
                return "broken: the callback's overflow was not reported once: " + unhandled;
            }
            return result;
        }
    }

    private int plainRecursion(int n) {
        return plainRecursion(n + 1) + 1;
    }

    /** Each level runs runtime code: an @Async call that awaits a failed task and catches the failure. */
    private int recursionThroughTheRuntime(int n) {
        Task<Integer> t = catchesAFailure(n);
        if (!t.isDone()) {
            throw new AssertionError("an await of a completed task suspended");
        }
        return recursionThroughTheRuntime(n + 1) + t.resultNow();
    }

    @Async
    Task<Integer> catchesAFailure(int n) {
        try {
            return Task.of(await(Task.<Integer>failed(new IllegalStateException("level " + n))));
        } catch (IllegalStateException expected) {
            return Task.of(1);
        }
    }

    @Async
    Task<String> overflowWithAsyncCallsAtEveryLevel() {
        try {
            recursionThroughTheRuntime(0);
            return Task.of("broken: no overflow");
        } catch (StackOverflowError expected) {
            // as in plain Java, the program carries on
        }
        return Task.of(await(stillWorks("caught inside an @Async method")));
    }

    @Async
    Task<Integer> asyncRecursion(int n) {
        if (n == 0) {
            return Task.of(0);
        }
        return Task.of(await(asyncRecursion(n - 1)) + 1);
    }

    /**
     * Far deeper than plain recursion gets. It overflowed while every call ran on its caller's
     * stack, and the first failure handled deep down left classes unusable for the whole process.
     */
    @Async
    Task<String> deepAsyncRecursion() {
        int reached = await(asyncRecursion(1_000_000));
        if (reached != 1_000_000) {
            return Task.of("broken: reached " + reached);
        }
        return Task.of(await(stillWorks("deep async recursion")));
    }

    /**
     * Recurses until the stack overflows, then calls an @Async method from the deepest frames, as
     * code that catches StackOverflowError may: the first tries fail for want of stack, until one
     * has enough. A try overflows either before the method's body runs (the error reaches the frame
     * above at once) or inside it (its task fails with the error, rethrown here for the frame above
     * to try again); which one depends on the JIT's frame sizes. Any other failure is a broken runtime.
     */
    private int recurseThenUseTheRuntime(int n) {
        try {
            return recurseThenUseTheRuntime(n + 1);
        } catch (StackOverflowError e) {
            Task<Integer> t = catchesAFailure(n);
            if (t.isFailed() && t.exceptionNow() instanceof StackOverflowError) {
                throw (StackOverflowError) t.exceptionNow();
            }
            return t.resultNow();
        }
    }

    @Async
    Task<String> useTheRuntimeOnAFullStack() {
        if (recurseThenUseTheRuntime(0) != 1) {
            return Task.of("broken: the call from the full stack did not complete");
        }
        return Task.of(await(stillWorks("runtime used on a full stack")));
    }

    /** Endless recursion alternating between an @Async method and many plain frames, so that the stack overflows. */
    @Async
    Task<Integer> asyncLevel(int n) {
        return Task.of(await(plainFrames(n, 1_000)) + 1);
    }

    private Task<Integer> plainFrames(int n, int k) {
        return k == 0 ? asyncLevel(n + 1) : plainFrames(n, k - 1);
    }

    @Async
    Task<String> overflowThroughAsyncAndPlainFrames() {
        try {
            await(asyncLevel(0));
            return Task.of("broken: no overflow");
        } catch (StackOverflowError expected) {
            // every level rethrew it from its await, as plain calls would have
        }
        return Task.of(await(stillWorks("through async and plain frames")));
    }

    @Async
    Task<Integer> overflows() {
        return Task.of(plainRecursion(0));
    }

    @Async
    Task<String> awaitAnOverflowingMethod() {
        try {
            await(overflows());
            return Task.of("broken: no overflow");
        } catch (StackOverflowError expected) {
            // the task failed with it, and awaiting it rethrew it
        }
        return Task.of(await(stillWorks("escaped an @Async method")));
    }

    @Async
    Task<Integer> failsLater(String message) {
        await(sleep(1));
        throw new IllegalStateException(message);
    }

    /** Failures, their async stack traces, cancellation and timers all still work. */
    @Async
    Task<String> stillWorks(String how) {
        try {
            await(failsLater("after the overflow"));
            return Task.of("broken: no failure");
        } catch (IllegalStateException e) {
            if (!e.getMessage().equals("after the overflow")) {
                return Task.of("broken: " + e);
            }
            // The await's frame, added by the runtime: named after this method (or its state machine).
            boolean awaitShown = Arrays.stream(e.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("stillWorks") || f.getClassName().contains("$stillWorks$"));
            if (!awaitShown) {
                return Task.of("broken: no async stack trace in " + Arrays.toString(e.getStackTrace()));
            }
        }
        Task<Void> sleeping = sleep(60_000);
        sleeping.cancel();
        try {
            await(sleeping);
            return Task.of("broken: not cancelled");
        } catch (CancellationException expected) {
            // as it should
        }
        return Task.of("ok (" + how + ")");
    }
}
