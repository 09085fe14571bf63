package io.jawait.internal;

import io.jawait.Task;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;

/**
 * Base class of the state machines the jawait processor generates: one object per call of an
 * {@code @Async} method is both the state machine and its {@link Task}.
 *
 * <p>The {@code $}-methods are the contract with generated code; they are named so that they
 * cannot shadow names of the user's class, and this class declares no non-private fields for the
 * same reason. Those that the method's code calls ({@code $await}, {@code $result},
 * {@code $complete}, {@code $completeWith}, {@code $fail}, {@code $corruptState}) are public
 * although only generated code should call them: that code is a method of the user's class (so
 * that debuggers find its lines under the user's class), which is no subclass of this one.
 * Generated shape:
 * <pre>
 * private final class fetch$Coroutine extends io.jawait.internal.Coroutine&lt;String&gt; {
 *     private int $state; String url; ...hoisted locals...
 *     fetch$Coroutine(String url) { this.url = url; }
 *     public String taskName() { return "Fetcher.fetch"; }
 *     protected void $step() throws Throwable { fetch$step(this); }
 * }
 * // in the user's class, with the user's statements, lines and this:
 * private void fetch$step(fetch$Coroutine $m) throws Throwable {
 *     while (true) { try { switch ($m.$state) {
 *         case 0: { ...; if ($m.$await(expr)) { $m.$state = 1; return; } }   // suspends =&gt; return
 *         case 1: { String v = $m.$result(); ...; $m.$complete(v); return; }
 *     } } catch (Throwable t) { ...exception table or $m.$fail(t); return; } }
 * }
 * // the user's method body becomes:  return new fetch$Coroutine(url).$start();
 * </pre>
 *
 * <p>Cancellation, innermost first: {@link #cancel()} on a suspended coroutine cancels the task it
 * awaits and resumes it once that task has completed (its catch/finally blocks ran): its pending
 * {@code $result()} then throws {@link CancellationException}, or, if the awaited task swallowed
 * the cancellation and completed with a value, returns that value and the cancellation is
 * delivered at the next await instead (nothing handed over is lost). Called while the coroutine
 * itself is running, the cancellation is delivered at its next await. A body that lets the
 * CancellationException escape ends the task cancelled.
 *
 * @param <T> the value type of the task
 */
public class Coroutine<T> extends Task<T> {
    // Not abstract, though every generated class overrides $step and taskName (with a constant):
    // javac checks each subclass of an abstract generic class for clashing inherited methods,
    // about 2% of the time of compiling a project of @Async methods.

    private static final TaskAccess TASKS = TaskAccess.get();
    /** {@code Tasks.yieldNow()}: complete, but awaiting it goes once through the ready queue. */
    private static final Task<Void> YIELD = TASKS.yieldMarker();
    /** {@link #awaited} of a coroutine whose first step waits in the ready queue. */
    private static final Object FIRST_STEP = new Object();
    /**
     * Nested coroutine steps past which a call's first step runs from the ready queue instead of
     * on its caller's stack: async recursion then takes heap, not stack, beyond this depth.
     */
    static final int MAX_NESTED_STEPS = 128;
    /**
     * Awaits of already completed tasks that one item of the ready queue may make before the next
     * such await yields (goes once through the ready queue, like {@code yieldNow()}): a task whose
     * awaits keep completing at once (a fast peer, writes that never block, a loop over completed
     * tasks) lets timers, I/O and other tasks run at least every this many awaits. Tokio's coop
     * budget has the same size. Only code the loop runs in its turns is counted (see
     * {@link CoroutineLedger#endTurn()}).
     */
    static final int AWAIT_BUDGET = 128;

    static {
        AsyncStackTrace.prepare(); // see there: a failure path must never initialize classes deep in the stack
    }

    /** Inside $step(). */
    private static final int RUNNING = 1;
    /** Registered as the continuation of {@link #awaited}. */
    private static final int SUSPENDED = 2;
    /** A resumption is in the ready queue. */
    private static final int QUEUED = 4;
    /** cancel() arrived while running: deliver at the next await. */
    private static final int CANCEL_REQUESTED = 8;
    /**
     * The next $result() throws CancellationException. Set together with CANCEL_REQUESTED while
     * running: a cancellation re-armed for the next await after a granted hand-off or a swallowed
     * one (see {@link #resultWhenCancelled}), which a return without another await forgets.
     */
    private static final int DELIVER_CANCEL = 16;
    /** The body returned a pending task ($completeWith); this task completes like it. */
    private static final int FORWARDING = 32;
    /**
     * Cancelled while awaiting a task that is being cancelled too: resumed once it completed, with
     * its value if it still succeeded (then the cancellation is re-armed for the next await: a
     * permit, an item or a result must reach the user's code), otherwise with CancellationException.
     */
    private static final int CANCELLING = 128;
    /**
     * Completed inside its own $step: {@link #awaited} holds the continuations, resumed once the
     * step has returned (see {@link #runStep(boolean)}).
     */
    private static final int TAIL = 64;
    /**
     * The bits above the flags hold the loop's step number (modulo 2^24) of this coroutine's first
     * step, which tells whether an awaited coroutine was started during the awaiting step (see
     * {@link #registerIfAwaiting}).
     */
    private static final int STAMP_SHIFT = 8;

    // Every suspended task pays for each field: the name lives in code (taskName()), and the live
    // registry is an array in the loop indexed by liveIndex rather than a linked list.
    /** The awaited task (a Task) while awaiting; the continuations to resume when TAIL is set. */
    private Object awaited;
    /** 1 + the slot in the loop's live registry; 0 until it joins (see registerIfAwaiting) and after completion. */
    private int liveIndex;
    private int flags;

    /**
     * Binds the coroutine to the current thread's event loop. It joins the loop's registry of live
     * coroutines (which closing the loop cancels) only when it suspends on something other than
     * another coroutine: a call that completes without suspending never needs to be cancelled.
     *
     * @throws IllegalStateException if no loop runs on the current thread
     */
    protected Coroutine() {
    }

    /**
     * Runs {@link #$step()} synchronously until the first real suspension (as in C#); returns this.
     * Called inside {@link #MAX_NESTED_STEPS} nested steps, it queues the first step instead.
     */
    public final Task<T> $start() {
        Coroutine<?> next = runStep(false);
        while (next != null) {
            next = next.resumeOnce();
        }
        return this;
    }

    /**
     * Queues the first step. The caller, awaiting it, sees a call started during its own step (it
     * stays out of the registry); this one joins it, keeping its creator's task-local values.
     */
    private void startLater(LoopCore loop) {
        CoroutineLedger ledger = loop.ledger;
        flags |= QUEUED | ledger.laterStep() << STAMP_SHIFT;
        awaited = FIRST_STEP;
        register(loop);
        if (ledger.tracksContexts()) {
            ledger.keepContext(liveIndex - 1);
        }
        loop.post(this, null);
    }

    /** The state machine body. Called by the runtime on the loop thread on start and on every resume. */
    protected void $step() throws Throwable {
        throw new AbstractMethodError(getClass().getName() + " does not define $step()");
    }

    /**
     * The source line where this coroutine waits: the line of the await it is suspended at, the
     * first line of its method before its first step, 0 once complete or when unknown. Generated
     * classes override it with a constant table indexed by their state; it costs nothing per
     * instance and is read only by tools (task dumps, slow-step reports).
     */
    protected int $line() {
        return 0;
    }

    /**
     * Generated code's {@code new C(args)} that awaits among its arguments: initializes C first,
     * as {@code new} would before evaluating them (see {@link ClassInitialization}). Reached
     * through the state machine, so that the generated code names no package: a field or local
     * of the user's named {@code io} would obscure {@code io.jawait...} there (JLS 6.4.2).
     */
    public final void $initialize(Class<?> type) {
        ClassInitialization.ensure(type);
    }

    /**
     * Generated code's null check of the qualifier of {@code outer.new Inner(args)} that awaits
     * among its arguments, before they are evaluated: javac's own {@code Objects.requireNonNull},
     * reached through the state machine for the reason given at {@link #$initialize}.
     */
    public final <V> V $nonNull(V value) {
        return java.util.Objects.requireNonNull(value);
    }

    /** What $step throws for a state number it does not have (a bug in the processor). */
    public final IllegalStateException $corruptState(int state) {
        return new IllegalStateException("jawait: corrupt state " + state + " in " + taskName());
    }

    /**
     * Awaits a task. Returns true when this coroutine suspended (generated code must then return
     * from $step); false when the outcome is available at once through {@link #$result()}. The
     * already-complete path allocates nothing.
     */
    public final boolean $await(Task<?> task) {
        if (task == null) {
            throw new NullPointerException("await(null): the awaited task is null");
        }
        if ((flags & CANCEL_REQUESTED) != 0) {
            return awaitCancelled(task);
        }
        awaited = task;
        if (task.isDone()) {
            return (task == YIELD || --TASKS.loop(this).ledger.awaitBudget < 0 && TASKS.loop(this).ledger.budgetSpent())
                    && yieldTurn();
        }
        return suspendOn(task);
    }

    /**
     * Lets the work that is ready now run, then resumes from the ready queue: a yield without an
     * allocation (the shared marker is already complete, so $result() returns its null).
     */
    private boolean yieldTurn() {
        flags |= QUEUED;
        LoopCore loop = TASKS.loop(this);
        register(loop);
        loop.post(this, null);
        return true;
    }

    /** Same for any CompletionStage; resumption always happens on this coroutine's loop thread. */
    public final boolean $await(CompletionStage<?> stage) {
        if (stage == null) {
            throw new NullPointerException("await(null): the awaited CompletionStage is null");
        }
        return $await(StageTask.of(stage));
    }

    private boolean suspendOn(Task<?> task) {
        if (task == this) {
            awaited = null;
            throw new IllegalStateException(taskName() + " awaits its own task, which can never complete");
        }
        LoopCore mine = TASKS.loop(this);
        if (TASKS.loop(task) != mine) {
            // Another loop's task: its waiter list belongs to its own thread, so go through a bridge.
            return $await(CrossLoopTask.of(task));
        }
        TASKS.addWaiter(task, this);
        flags |= SUSPENDED;
        registerIfAwaiting(task, mine);
        return true;
    }

    /**
     * An await with a cancellation pending. A running task is cancelled and waited for (innermost
     * first); a completed one is not looked at, except a completed hand-off, whose grant is delivered.
     */
    private boolean awaitCancelled(Task<?> task) {
        if (task.isDone() && !(task instanceof Handoff)) {
            flags = (flags & ~CANCEL_REQUESTED) | DELIVER_CANCEL;
            // Kept for $result: a failure it ended with becomes the cancellation's cause.
            awaited = task;
            return false;
        }
        flags = (flags & ~(CANCEL_REQUESTED | DELIVER_CANCEL)) | CANCELLING;
        awaited = task;
        if (!task.isDone()) {
            task.cancel();
        }
        return !task.isDone() && suspendOn(task);
    }

    /**
     * Value of the last awaited thing, or throws its original exception (never wrapped); throws
     * CancellationException if this coroutine was cancelled while suspended.
     */
    @SuppressWarnings("unchecked")
    public final <R> R $result() {
        if ((flags & (DELIVER_CANCEL | CANCELLING)) != 0) {
            return resultWhenCancelled();
        }
        Task<?> task = (Task<?>) awaited;
        if (task == null) {
            throw new IllegalStateException("$result() without a preceding $await");
        }
        awaited = null;
        if (TASKS.state(task) == TaskAccess.FAILED) {
            AsyncStackTrace.addAwaiter((Throwable) TASKS.rawResult(task), task);
        }
        return (R) TASKS.valueOrThrow(task);
    }

    @SuppressWarnings("unchecked")
    private <R> R resultWhenCancelled() {
        int f = flags;
        Task<?> task = (Task<?>) awaited;
        awaited = null;
        flags = f & ~(DELIVER_CANCEL | CANCELLING);
        int state = task == null ? TaskAccess.CANCELLED : TASKS.state(task);
        if (state == TaskAccess.SUCCEEDED && (f & DELIVER_CANCEL) == 0) {
            // The awaited task completed despite the cancellation: deliver its value, cancel at the next
            // await (re-armed: a return before it keeps the value, see finishSelf).
            flags |= CANCEL_REQUESTED | DELIVER_CANCEL;
            return (R) TASKS.rawResult(task);
        }
        // A value the awaited task had before the cancellation came (DELIVER_CANCEL) is dropped: the
        // method does not carry on. A failure never is.
        CancellationException cancelled = new CancellationException(taskName() + " was cancelled");
        if (state == TaskAccess.FAILED) {
            // The cancellation wins over the failure (e.g. a timeout, a failing cleanup), so that a
            // cancelled task never carries on as if it had merely failed; the failure is its cause.
            cancelled.initCause((Throwable) TASKS.rawResult(task));
            TASKS.observe(task);
        } else if (state == TaskAccess.CANCELLED && task != null) {
            carryOver((Throwable) TASKS.rawResult(task), cancelled);
        }
        throw cancelled;
    }

    /**
     * What the awaited task's own cancellation carried (a failing cleanup's exception as its cause,
     * failed closes of resources as suppressed) goes on with this one's: a blocking caller would
     * see the same exception object, and no failure may be lost on the way out.
     */
    private static void carryOver(Throwable awaitedCancellation, CancellationException cancelled) {
        if (awaitedCancellation == null) {
            return;
        }
        if (awaitedCancellation.getCause() != null) {
            cancelled.initCause(awaitedCancellation.getCause());
        }
        for (Throwable suppressed : awaitedCancellation.getSuppressed()) {
            cancelled.addSuppressed(suppressed);
        }
    }

    /** Completes this task with a value. */
    public final void $complete(T value) {
        finishSelf(TaskAccess.SUCCEEDED, value);
    }

    /** Completes this task with another task's outcome (for {@code return someTask;}). */
    public final void $completeWith(Task<? extends T> outcome) {
        if (outcome == null) {
            $fail(new NullPointerException(taskName() + " returned null instead of a Task"));
            return;
        }
        if (outcome == this) {
            $fail(new IllegalStateException(taskName() + " returned its own task, which can never complete"));
            return;
        }
        if (outcome.isDone()) {
            copyOutcome(outcome);
            return;
        }
        if (TASKS.loop(outcome) != TASKS.loop(this)) {
            $completeWith(CrossLoopTask.of(outcome));
            return;
        }
        awaited = outcome;
        flags |= FORWARDING | SUSPENDED;
        TASKS.addWaiter(outcome, this);
        registerIfAwaiting(outcome, TASKS.loop(this));
        if ((flags & CANCEL_REQUESTED) != 0) {
            flags &= ~(CANCEL_REQUESTED | DELIVER_CANCEL);
            outcome.cancel();
        }
    }

    /** Completes this task exceptionally (CancellationException =&gt; cancelled). */
    public final void $fail(Throwable error) {
        if (error == null) {
            error = new NullPointerException(taskName() + " failed with a null exception");
        }
        finishSelf(error instanceof CancellationException ? TaskAccess.CANCELLED : TaskAccess.FAILED, error);
    }

    private void copyOutcome(Task<?> done) {
        int state = TASKS.state(done);
        Object result = TASKS.rawResult(done);
        TASKS.observe(done);
        finishSelf(state, result);
    }

    /**
     * Called once when this task completes: generated code clears the fields that held the
     * method's locals and temporaries, so that a completed task, which its callers may keep for a
     * long time, does not keep what the method used alive.
     */
    protected void $release() {
    }

    private void finishSelf(int state, Object result) {
        if (state == TaskAccess.SUCCEEDED && (flags & (CANCEL_REQUESTED | DELIVER_CANCEL)) == CANCEL_REQUESTED) {
            // cancel() came while the method ran, and it returned without another await: it ends
            // cancelled and its value is dropped, as in asyncio and kotlinx.coroutines.
            flags &= ~CANCEL_REQUESTED;
            state = TaskAccess.CANCELLED;
            result = new CancellationException(taskName() + " was cancelled");
        }
        awaited = null;
        unlink();
        $release();
        Object continuations = TASKS.settle(this, state, result);
        if (continuations == TaskAccess.ALREADY_COMPLETE) {
            throw new IllegalStateException(this + " is already complete");
        }
        StepObservers observers = StepObservers.active;
        if (observers != null) {
            observers.completed(this, state, result);
        }
        if (continuations == null) {
            return;
        }
        if ((flags & RUNNING) != 0) {
            // Generated code returns from $step right after completing: resume the continuations
            // then, from runStep, which keeps the stack flat along a chain of completing callers.
            awaited = continuations;
            flags |= TAIL;
        } else {
            TASKS.loop(this).dispatchAll(continuations, this);
        }
    }

    // ---- driven by the runtime ------------------------------------------------------------------

    /**
     * Runs one step. If the coroutine completed in it, resumes its continuations, except that a
     * single coroutine waiting for it is returned instead, for the caller to resume next in a loop
     * rather than one stack frame deeper (it runs at the same moment as a direct resumption would).
     */
    private Coroutine<?> runStep(boolean resumed) {
        // Kept under HotSpot's inlining limit for hot methods (325 bytes of bytecode), so that it
        // inlines into $start and resumeOnce: past it the chain of nested calls was 15-20% slower.
        // Rare work is out of line, and the finally block, which javac copies onto each way out,
        // holds only what must run after a StackOverflowError too.
        LoopCore loop = TASKS.loop(this);
        CoroutineLedger ledger = loop.ledger;
        if (!resumed && ledger.nestedSteps >= MAX_NESTED_STEPS) {
            startLater(loop);
            return null;
        }
        // Until a task-local is first set on this loop every context is empty: nothing to switch.
        TaskContext outer = ledger.tracksContexts() ? ledger.enterStep(liveIndex - 1, resumed) : TaskContext.EMPTY;
        int outerStep = ledger.beginStep();
        flags |= resumed ? RUNNING : RUNNING | ledger.currentStep() << STAMP_SHIFT;
        // Null unless listeners, debug mode or trace events watch steps: one check when they do not.
        StepObservers observers = StepObservers.active;
        Object observed = observers == null ? null : observers.before(this, resumed);
        try {
            try {
                $step();
            } catch (Throwable e) {
                stepThrew(loop, e);
            }
        } finally {
            flags &= ~RUNNING;
            ledger.nestedSteps--;
            if (observers != null) {
                observers.after(this, observed);
            }
            ledger.endStep(outerStep, liveIndex - 1, outer);
        }
        return (flags & TAIL) == 0 ? null : takeContinuations(loop);
    }

    /** Generated code catches everything; this is the last line of defence for the loop. */
    private void stepThrew(LoopCore loop, Throwable e) {
        if (!isDone()) {
            $fail(e);
        } else {
            loop.reportUnhandled(taskName(), e);
        }
    }

    /**
     * After a step in which this coroutine completed: resumes its continuations, except a single
     * waiting coroutine, which is returned for the caller to resume next (see {@link #runStep}).
     */
    private Coroutine<?> takeContinuations(LoopCore loop) {
        flags &= ~TAIL;
        Object continuations = awaited;
        awaited = null;
        if (continuations instanceof Coroutine) {
            return (Coroutine<?>) continuations;
        }
        loop.dispatchAll(continuations, this);
        return null;
    }

    /** The awaited task completed, or a cancellation is being delivered (loop thread). */
    void resume() {
        Coroutine<?> next = resumeOnce();
        while (next != null) {
            next = next.resumeOnce();
        }
    }

    /** Resumes this coroutine; returns the next one to resume (see {@link #runStep(boolean)}) or null. */
    private Coroutine<?> resumeOnce() {
        int f = flags;
        if ((f & RUNNING) != 0) {
            // Completed synchronously while $step is still unwinding: resume after it returns.
            markQueued();
            TASKS.loop(this).post(this, null);
            return null;
        }
        flags = f & ~(SUSPENDED | QUEUED);
        if (isDone()) {
            return null;
        }
        if (awaited == FIRST_STEP) {
            awaited = null;
        }
        if ((f & FORWARDING) != 0) {
            flags &= ~FORWARDING;
            copyOutcome((Task<?>) awaited);
            return null;
        }
        return runStep(true);
    }

    /** The resumption now waits in the ready queue instead of in the awaited task's waiter slot. */
    void markQueued() {
        flags = (flags & ~SUSPENDED) | QUEUED;
    }

    /**
     * Requests cancellation. A suspended coroutine is resumed with CancellationException at its
     * await point once the task it awaits, cancelled too, has completed: innermost first, and
     * never inside the caller of cancel() (a resumption goes through the ready queue). Returns
     * false only if the task is complete: a repeated request while the first is pending changes
     * nothing and returns true, as asyncio's {@code Task.cancel()} does. From another thread the
     * request is posted to the loop and the result only says the task was still pending.
     */
    @Override
    public final boolean cancel() {
        if (isDone()) {
            return false;
        }
        LoopCore loop = TASKS.loop(this);
        if (!loop.inLoopThread()) {
            return loop.tryExecute(this::cancel);
        }
        int f = flags;
        if ((f & (CANCEL_REQUESTED | DELIVER_CANCEL | CANCELLING)) != 0) {
            return true; // already requested: the task is still pending and will see it once
        }
        if ((f & FORWARDING) != 0) {
            return forwardedTo(loop).cancel();
        }
        if ((f & RUNNING) != 0) {
            flags = f | CANCEL_REQUESTED;
            return true;
        }
        if (awaited == FIRST_STEP) {
            $fail(new CancellationException(taskName() + " was cancelled before it started"));
            return true;
        }
        if ((f & QUEUED) != 0) {
            // Its awaited task completed already; a granted hand-off is delivered (see $result).
            flags = f | (awaited instanceof Handoff ? CANCELLING : DELIVER_CANCEL);
            return true;
        }
        if ((f & SUSPENDED) != 0) {
            cancelChain(loop);
            return true;
        }
        flags = f | CANCEL_REQUESTED;
        return true;
    }

    /**
     * The task this forwarding coroutine completes like: at the end of a chain of coroutines that
     * each returned the next one's task ({@code return callee(...);} in deep recursion), followed
     * in a loop, so that its length takes no stack.
     */
    private Task<?> forwardedTo(LoopCore loop) {
        Task<?> target = (Task<?>) awaited;
        while (target instanceof Coroutine && TASKS.loop(target) == loop && !target.isDone()) {
            Coroutine<?> c = (Coroutine<?>) target;
            if ((c.flags & (FORWARDING | CANCEL_REQUESTED | DELIVER_CANCEL | CANCELLING)) != FORWARDING) {
                break;
            }
            target = (Task<?>) c.awaited;
        }
        return target;
    }

    /**
     * Marks this coroutine and the coroutines it awaits, awaiting one another, as cancelling, then
     * cancels the task the last one awaits. The chain is walked in a loop, so its length takes no
     * stack; each coroutine resumes when the one it awaits has finished.
     */
    private void cancelChain(LoopCore loop) {
        Coroutine<?> innermost = this;
        flags |= CANCELLING;
        Task<?> next = (Task<?>) awaited;
        while (next instanceof Coroutine && TASKS.loop(next) == loop) {
            Coroutine<?> c = (Coroutine<?>) next;
            int f = c.flags;
            if ((f & (FORWARDING | RUNNING)) == FORWARDING) {
                next = (Task<?>) c.awaited; // it completes like the task it forwards to: cancel that
                continue;
            }
            if ((f & (SUSPENDED | RUNNING | QUEUED | CANCEL_REQUESTED | DELIVER_CANCEL | CANCELLING)) != SUSPENDED) {
                break;
            }
            c.flags = f | CANCELLING;
            innermost = c;
            next = (Task<?>) c.awaited;
        }
        if (next instanceof Coroutine && (((Coroutine<?>) next).flags & CANCELLING) != 0 && chainReaches(next, innermost)) {
            // A cycle of awaits (a deadlock) has no innermost task: the last one gives up waiting.
            innermost.deliverCancelNow();
            return;
        }
        // RUNNING makes a synchronous completion queue the coroutine instead of running its
        // catch/finally blocks inside cancel().
        innermost.flags |= RUNNING;
        boolean accepted;
        try {
            accepted = next.cancel();
        } finally {
            innermost.flags &= ~RUNNING;
        }
        if (!accepted && !(next instanceof Handoff) && (innermost.flags & CANCELLING) != 0) {
            // The awaited task refused: it has completed and is resuming its waiters, this one
            // still to come (another waiter, resumed first, cancels it), or it passes on a task
            // that has (a spawn's handle). Its value is not one the cancellation left it: as
            // when the resumption is queued, the await throws once it resumes (see $result).
            innermost.flags = (innermost.flags & ~CANCELLING) | DELIVER_CANCEL;
        }
    }

    /** True if {@code target} is one of the coroutines from this one to {@code last} along their awaits. */
    private boolean chainReaches(Task<?> target, Coroutine<?> last) {
        Coroutine<?> c = this;
        while (true) {
            if (c == target) {
                return true;
            }
            if (c == last) {
                return false;
            }
            c = (Coroutine<?>) c.awaited;
        }
    }

    /** Stops waiting and resumes (from the ready queue) with CancellationException. */
    private void deliverCancelNow() {
        TASKS.removeWaiter((Task<?>) awaited, this);
        awaited = null;
        flags = (flags & ~(SUSPENDED | CANCELLING)) | QUEUED | DELIVER_CANCEL;
        TASKS.loop(this).post(this, null);
    }

    /** What this coroutine is doing, for task dumps (loop thread); what it awaits is {@link #awaitedTask()}. */
    String waitDescription() {
        int f = flags;
        if ((f & RUNNING) != 0) {
            return "running";
        }
        if ((f & (CANCELLING | DELIVER_CANCEL)) != 0 && (f & SUSPENDED) != 0) {
            return "cancelled, awaiting the end of";
        }
        if (awaited == FIRST_STEP) {
            return "ready to start";
        }
        if ((f & QUEUED) != 0) {
            return "ready to resume";
        }
        if ((f & FORWARDING) != 0) {
            return "returned a pending task";
        }
        return "awaiting";
    }

    // ---- live registry (for shutdown and task dumps) --------------------------------------------

    /**
     * Joins the registry on a suspension that needs it. A coroutine awaiting a coroutine that was
     * started during its current step (a nested call: {@code await(callee(...))}) stays out: a
     * reference stored into the registry's long-lived array costs a GC write barrier with a memory
     * fence, most of a nested call's overhead. The awaited one, or the one at the end of its chain,
     * is registered, and cancelling that one at shutdown reaches this one as the
     * CancellationException of its await; a task dump finds it among that one's waiters. Awaits of
     * older coroutines register, so that every cycle of awaits (a deadlock) has a registered member:
     * along unregistered awaits coroutines only get younger. With task-locals in use every
     * suspended coroutine registers, because its slot keeps its values.
     */
    private void registerIfAwaiting(Task<?> task, LoopCore loop) {
        if (!(task instanceof Coroutine)
                || !loop.ledger.startedInCurrentStep(((Coroutine<?>) task).flags >>> STAMP_SHIFT)
                || loop.ledger.tracksContexts()) {
            register(loop);
        }
    }

    /** Joins the registry unless it already has a slot. */
    private void register(LoopCore loop) {
        if (liveIndex == 0) {
            liveIndex = loop.ledger.link(this) + 1;
        }
    }

    private void unlink() {
        int i = liveIndex - 1;
        if (i >= 0) {
            liveIndex = 0;
            TASKS.loop(this).ledger.unlink(i);
        }
    }

    /** Its slot in the loop's registry, or -1. */
    int slot() {
        return liveIndex - 1;
    }

    /** The task this coroutine waits for (or will complete like), for task dumps; null if none. */
    Task<?> awaitedTask() {
        return (flags & (SUSPENDED | FORWARDING)) != 0 && awaited instanceof Task ? (Task<?>) awaited : null;
    }

    /** The loop moved this coroutine to another slot of its registry. */
    void movedTo(int index) {
        liveIndex = index + 1;
    }
}
