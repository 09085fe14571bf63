package io.jawait;

import io.jawait.internal.Coroutine;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Hand-written state machines shaped like the processor's output, to test the Coroutine contract
 * before the processor exists. Each documents the @Async method it stands for.
 */
final class TestCoroutines {
    private TestCoroutines() {
    }

    /** {@code @Async Task<T> awaitThen(Task<T> t) { return Task.of(await(t)); }} */
    static final class AwaitThen<T> extends Coroutine<T> {
        int $state;
        final Task<T> task;
        Thread resumedOn;

        @Override
        public String taskName() {
            return "Test.awaitThen";
        }

        AwaitThen(Task<T> task) {
            this.task = task;
        }

        @Override
        protected void $step() {
            while (true) {
                try {
                    switch ($state) {
                        case 0:
                            $state = 1;
                            if ($await(task)) {
                                return;
                            }
                        // fall through
                        case 1:
                            T v = $result();
                            resumedOn = Thread.currentThread();
                            $complete(v);
                            return;
                        default:
                            throw new AssertionError($state);
                    }
                } catch (Throwable t) {
                    $fail(t);
                    return;
                }
            }
        }
    }

    /** {@code @Async Task<T> awaitStage(CompletionStage<T> s) { return Task.of(await(s)); }} */
    static final class AwaitStage<T> extends Coroutine<T> {
        int $state;
        final CompletionStage<T> stage;
        Thread resumedOn;

        @Override
        public String taskName() {
            return "Test.awaitStage";
        }

        AwaitStage(CompletionStage<T> stage) {
            this.stage = stage;
        }

        @Override
        protected void $step() {
            try {
                switch ($state) {
                    case 0:
                        $state = 1;
                        if ($await(stage)) {
                            return;
                        }
                    // fall through
                    case 1:
                        T v = $result();
                        resumedOn = Thread.currentThread();
                        $complete(v);
                        return;
                    default:
                        throw new AssertionError($state);
                }
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    /** {@code @Async Task<T> sleepThen(long ms, T v) { await(sleep(ms)); return Task.of(v); }} */
    static final class SleepThen<T> extends Coroutine<T> {
        int $state;
        final String name;
        final long millis;
        final T value;
        final Throwable error;

        SleepThen(String name, long millis, T value) {
            this(name, millis, value, null);
        }

        /** With an error: {@code await(sleep(ms)); throw error;} */
        SleepThen(String name, long millis, T value, Throwable error) {
            this.name = name;
            this.millis = millis;
            this.value = value;
            this.error = error;
        }

        @Override
        public String taskName() {
            return name;
        }

        @Override
        protected void $step() {
            try {
                switch ($state) {
                    case 0:
                        $state = 1;
                        if ($await(Tasks.sleep(millis))) {
                            return;
                        }
                    // fall through
                    case 1:
                        $result();
                        if (error != null) {
                            $fail(error);
                        } else {
                            $complete(value);
                        }
                        return;
                    default:
                        throw new AssertionError($state);
                }
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<String> guarded(Supplier<Task<?>> awaited, boolean swallow, List<String> log) {
     *     try {
     *         await(awaited.get());
     *         log.add("after await");
     *         return Task.of("finished");
     *     } catch (CancellationException e) {
     *         log.add("caught");
     *         if (swallow) return Task.of("cleaned up");
     *         throw e;
     *     } finally {
     *         log.add("finally");
     *     }
     * }
     * }</pre>
     */
    static final class Guarded extends Coroutine<String> {
        int $state;
        final Supplier<Task<?>> awaited;
        final boolean swallow;
        final List<String> log;
        Task<?> inner;

        @Override
        public String taskName() {
            return "Test.guarded";
        }

        Guarded(Supplier<Task<?>> awaited, boolean swallow, List<String> log) {
            this.awaited = awaited;
            this.swallow = swallow;
            this.log = log;
        }

        @Override
        protected void $step() {
            while (true) {
                try {
                    switch ($state) {
                        case 0:
                            inner = awaited.get();
                            $state = 1;
                            if ($await(inner)) {
                                return;
                            }
                        // fall through
                        case 1:
                            $result();
                            log.add("after await");
                            log.add("finally");
                            $complete("finished");
                            return;
                        default:
                            throw new AssertionError($state);
                    }
                } catch (Throwable t) {
                    if ($state == 1) { // the try region of the user's code
                        $state = 2;
                        if (t instanceof CancellationException) {
                            log.add("caught");
                            log.add("finally");
                            if (swallow) {
                                $complete("cleaned up");
                            } else {
                                $fail(t);
                            }
                            return;
                        }
                        log.add("finally");
                    }
                    $fail(t);
                    return;
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<String> describe(Task<?> t) {
     *     try { return Task.of("value: " + await(t)); }
     *     catch (Throwable e) { return Task.of(e.getClass().getSimpleName() + ": " + e.getMessage()); }
     * }
     * }</pre>
     */
    static final class Describe extends Coroutine<String> {
        int $state;
        final Task<?> task;
        Throwable caught;

        @Override
        public String taskName() {
            return "Test.describe";
        }

        Describe(Task<?> task) {
            this.task = task;
        }

        @Override
        protected void $step() {
            try {
                switch ($state) {
                    case 0:
                        $state = 1;
                        if ($await(task)) {
                            return;
                        }
                    // fall through
                    case 1:
                        Object v = $result();
                        $complete("value: " + v);
                        return;
                    default:
                        throw new AssertionError($state);
                }
            } catch (Throwable e) {
                caught = e;
                $complete(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<Long> sumAwaits(Task<Integer> done, int n) {
     *     long sum = 0;
     *     for (int i = 0; i < n; i++) sum += await(done);
     *     return Task.of(sum);
     * }
     * }</pre>
     */
    static final class SumAwaits extends Coroutine<Long> {
        int $state;
        final Task<Integer> task;
        final int n;
        int i;
        long sum;
        int suspensions;

        @Override
        public String taskName() {
            return "Test.sumAwaits";
        }

        SumAwaits(Task<Integer> task, int n) {
            this.task = task;
            this.n = n;
        }

        @Override
        protected void $step() {
            try {
                while (true) {
                    switch ($state) {
                        case 0:
                            if (i >= n) {
                                $complete(sum);
                                return;
                            }
                            $state = 1;
                            if ($await(task)) {
                                suspensions++;
                                return;
                            }
                        // fall through
                        case 1:
                            int v = $result();
                            sum += v;
                            i++;
                            $state = 0;
                            break;
                        default:
                            throw new AssertionError($state);
                    }
                }
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    /** {@code @Async Task<T> forward(Supplier<Task<T>> s) { return s.get(); }} */
    static final class Forward<T> extends Coroutine<T> {
        final Supplier<Task<T>> supplier;

        @Override
        public String taskName() {
            return "Test.forward";
        }

        Forward(Supplier<Task<T>> supplier) {
            this.supplier = supplier;
        }

        @Override
        protected void $step() {
            try {
                $completeWith(supplier.get());
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    /** {@code @Async Task<Void> selfCancel(Task<?> t) { self.cancel(); await(t); return Task.done(); }} */
    static final class SelfCancel extends Coroutine<String> {
        int $state;
        final Task<?> next;

        @Override
        public String taskName() {
            return "Test.selfCancel";
        }

        SelfCancel(Task<?> next) {
            this.next = next;
        }

        @Override
        protected void $step() {
            try {
                switch ($state) {
                    case 0:
                        cancel();
                        $state = 1;
                        if ($await(next)) {
                            return;
                        }
                    // fall through
                    case 1:
                        $result();
                        $complete("not cancelled");
                        return;
                    default:
                        throw new AssertionError($state);
                }
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<Integer> yielder(String name, int n, List<String> log) {
     *     for (int i = 0; i < n; i++) { log.add(name + i); await(Tasks.yieldNow()); }
     *     return Task.of(n);
     * }
     * }</pre>
     */
    static final class Yielder extends Coroutine<Integer> {
        int $state;
        int i;
        final String name;
        final int n;
        final List<String> log;

        @Override
        public String taskName() {
            return "Test.yielder";
        }

        Yielder(String name, int n, List<String> log) {
            this.name = name;
            this.n = n;
            this.log = log;
        }

        @Override
        protected void $step() {
            while (true) {
                try {
                    switch ($state) {
                        case 0:
                            if (i >= n) {
                                $complete(n);
                                return;
                            }
                            if (log != null) {
                                log.add(name + i);
                            }
                            $state = 1;
                            if ($await(Tasks.yieldNow())) {
                                return;
                            }
                        // fall through
                        case 1:
                            $result();
                            i++;
                            $state = 0;
                            break;
                        default:
                            throw new AssertionError($state);
                    }
                } catch (Throwable t) {
                    $fail(t);
                    return;
                }
            }
        }
    }

    /** A state machine whose $step throws instead of calling $fail (generated code never does). */
    static final class Throwing extends Coroutine<String> {
        int $state;

        @Override
        public String taskName() {
            return "Test.throwing";
        }

        Throwing() {
        }

        @Override
        protected void $step() {
            switch ($state) {
                case 0:
                    $state = 1;
                    if ($await(Tasks.sleep(1))) {
                        return;
                    }
                // fall through
                default:
                    $result();
                    throw new IllegalStateException("escaped from $step");
            }
        }
    }

    /**
     * {@code @Async Task<Integer> recurse(int n) { ran = true; if (n == 0) return Task.of(0);
     * return Task.of(await(recurse(n - 1)) + 1); }}, keeping every call in {@code calls}, outermost
     * first, and the value of {@code local} the innermost call saw.
     */
    static final class Recurse extends Coroutine<Integer> {
        int $state;
        final int n;
        final List<Recurse> calls;
        final TaskLocal<String> local;
        boolean ran;
        String seen;

        Recurse(int n, List<Recurse> calls, TaskLocal<String> local) {
            this.n = n;
            this.calls = calls;
            this.local = local;
            calls.add(this);
        }

        @Override
        public String taskName() {
            return "Test.recurse";
        }

        @Override
        protected void $step() {
            while (true) {
                try {
                    switch ($state) {
                        case 0:
                            ran = true;
                            if (n == 0) {
                                seen = local.get();
                                $complete(0);
                                return;
                            }
                            $state = 1;
                            if ($await(new Recurse(n - 1, calls, local).$start())) {
                                return;
                            }
                        // fall through
                        case 1:
                            int v = $result();
                            $complete(v + 1);
                            return;
                        default:
                            throw new AssertionError($state);
                    }
                } catch (Throwable t) {
                    $fail(t);
                    return;
                }
            }
        }
    }
}
