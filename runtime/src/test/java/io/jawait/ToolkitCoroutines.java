package io.jawait;

import io.jawait.internal.Coroutine;
import io.jawait.internal.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Hand-written state machines and helpers for the toolkit's runtime tests (see TestCoroutines). */
final class ToolkitCoroutines {
    private ToolkitCoroutines() {
    }

    /**
     * <pre>{@code
     * @Async Task<String> twoAwaits(Supplier<Task<?>> first, Supplier<Task<?>> second, List<String> log) {
     *     try {
     *         log.add("first: " + await(first.get()));
     *         log.add("second: " + await(second.get()));
     *         return Task.of("finished");
     *     } catch (Throwable e) {
     *         log.add("caught " + e.getClass().getSimpleName());
     *         throw e;
     *     }
     * }
     * }</pre>
     */
    static final class TwoAwaits extends Coroutine<String> {
        int $state;
        final Supplier<? extends Task<?>> first;
        final Supplier<? extends Task<?>> second;
        final List<String> log;

        @Override
        public String taskName() {
            return "Test.twoAwaits";
        }

        TwoAwaits(Supplier<? extends Task<?>> first, Supplier<? extends Task<?>> second, List<String> log) {
            this.first = first;
            this.second = second;
            this.log = log;
        }

        @Override
        protected void $step() {
            try {
                switch ($state) {
                    case 0:
                        $state = 1;
                        if ($await(first.get())) {
                            return;
                        }
                    // fall through
                    case 1:
                        log.add("first: " + $result());
                        $state = 2;
                        if ($await(second.get())) {
                            return;
                        }
                    // fall through
                    case 2:
                        log.add("second: " + $result());
                        $complete("finished");
                        return;
                    default:
                        throw new AssertionError($state);
                }
            } catch (Throwable e) {
                log.add("caught " + e.getClass().getSimpleName());
                $fail(e);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<String> failOnCancel(Task<?> t, RuntimeException error) {
     *     try { await(t); return Task.of("done"); }
     *     catch (CancellationException e) { throw error; }   // cleanup that fails
     * }
     * }</pre>
     */
    static final class FailOnCancel extends Coroutine<String> {
        int $state;
        final Task<?> task;
        final RuntimeException error;

        @Override
        public String taskName() {
            return "Test.failOnCancel";
        }

        FailOnCancel(Task<?> task, RuntimeException error) {
            this.task = task;
            this.error = error;
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
                    default:
                        $result();
                        $complete("done");
                }
            } catch (java.util.concurrent.CancellationException e) {
                $fail(error);
            } catch (Throwable e) {
                $fail(e);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<String> slowCleanup(Task<?> t, long cleanupMillis, List<String> log) {
     *     try { await(t); return Task.of("done"); }
     *     catch (CancellationException e) { await(sleep(cleanupMillis)); log.add("cleaned up"); throw e; }
     * }
     * }</pre>
     */
    static final class SlowCleanup extends Coroutine<String> {
        int $state;
        final Task<?> task;
        final long cleanupMillis;
        final List<String> log;
        Throwable saved;

        @Override
        public String taskName() {
            return "Test.slowCleanup";
        }

        SlowCleanup(Task<?> task, long cleanupMillis, List<String> log) {
            this.task = task;
            this.cleanupMillis = cleanupMillis;
            this.log = log;
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
                            $result();
                            $complete("done");
                            return;
                        case 2:
                            $result();
                            log.add("cleaned up");
                            $fail(saved);
                            return;
                        default:
                            throw new AssertionError($state);
                    }
                } catch (java.util.concurrent.CancellationException e) {
                    if ($state != 1) {
                        $fail(e);
                        return;
                    }
                    saved = e;
                    $state = 2;
                    if ($await(Tasks.sleep(cleanupMillis))) {
                        return;
                    }
                } catch (Throwable e) {
                    $fail(e);
                    return;
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async Task<Void> count(Emitter<Integer> out, int n, long pauseMillis, List<String> log) {
     *     try {
     *         for (int i = 1; i <= n; i++) {
     *             log.add("emit " + i);
     *             await(out.emit(i));
     *             await(sleep(pauseMillis));
     *         }
     *         return Task.done();
     *     } finally {
     *         log.add("producer finally");
     *     }
     * }
     * }</pre>
     */
    static final class Count extends Coroutine<Void> {
        int $state;
        final Emitter<Integer> out;
        final int n;
        final long pauseMillis;
        final List<String> log;
        int i = 1;

        @Override
        public String taskName() {
            return "Test.count";
        }

        Count(Emitter<Integer> out, int n, long pauseMillis, List<String> log) {
            this.out = out;
            this.n = n;
            this.pauseMillis = pauseMillis;
            this.log = log;
        }

        @Override
        protected void $step() {
            try {
                while (true) {
                    switch ($state) {
                        case 0:
                            if (i > n) {
                                log.add("producer finally");
                                $complete(null);
                                return;
                            }
                            log.add("emit " + i);
                            $state = 1;
                            if ($await(out.emit(i))) {
                                return;
                            }
                        // fall through
                        case 1:
                            $result();
                            i++;
                            $state = 2;
                            if ($await(Tasks.sleep(pauseMillis))) {
                                return;
                            }
                        // fall through
                        case 2:
                            $result();
                            $state = 0;
                            break;
                        default:
                            throw new AssertionError($state);
                    }
                }
            } catch (Throwable e) {
                log.add("producer finally");
                $fail(e);
            }
        }
    }

    /**
     * Runs {@code action} inside 50 nested completions, where the loop stops resuming waiters
     * directly (Scheduler.MAX_DIRECT_DEPTH) and queues them: completions made by the action leave
     * their awaiters in the QUEUED state.
     */
    static void whereResumptionsQueue(Runnable action) {
        int depth = 49;
        List<Promise<Void>> chain = new ArrayList<>();
        for (int i = 0; i <= depth; i++) {
            chain.add(new Promise<>());
        }
        for (int i = 0; i < depth; i++) {
            Promise<Void> next = chain.get(i + 1);
            chain.get(i).onComplete((v, e) -> next.complete(null));
        }
        chain.get(depth).onComplete((v, e) -> action.run());
        chain.get(0).complete(null);
    }

    /** Records the completion order of tasks as "name=value" or "name!ExceptionName". */
    static final class CompletionLog {
        final List<String> entries = new ArrayList<>();

        <T> Task<T> watch(String name, Task<T> task) {
            task.onComplete((v, e) -> entries.add(e == null ? name + "=" + v : name + "!" + e.getClass().getSimpleName()));
            return task;
        }
    }
}
