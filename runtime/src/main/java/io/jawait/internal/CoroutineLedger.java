package io.jawait.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loop's records about its coroutines: which are live (suspended and registered, for shutdown
 * and task dumps), the number of the step running now, and the task-local values of the code
 * running now and of each registered coroutine. Loop thread only.
 */
final class CoroutineLedger {
    private static final int STEP_MASK = (1 << 24) - 1;
    /** {@link #awaitBudget} outside the loop's turns. */
    private static final int UNCOUNTED = Integer.MAX_VALUE;

    /** Coroutines that have suspended and not completed. */
    private final LiveRegistry live = new LiveRegistry();
    /** Steps of coroutines run so far, modulo 2^24 (see Coroutine#registerIfAwaiting). */
    private int steps;
    /** The number of the coroutine step running now. */
    private int currentStep;
    /**
     * Coroutine steps running now, each inside the one before it on the stack. Decremented by
     * Coroutine.runStep itself, in a finally block where a method call could overflow the stack.
     */
    int nestedSteps;
    /**
     * Awaits of completed tasks left before the next one yields (see Coroutine#$await): the
     * fairness budget of the ready item running now, refilled by the scheduler for each item.
     * Outside the loop's turns it is not counted down to anything: see {@link #budgetSpent()}.
     */
    int awaitBudget = UNCOUNTED;
    /** Inside {@link #beginTurn()} and {@link #endTurn()}: the loop runs timers and ready items. */
    private boolean inTurn;
    /** Task-local values of the code running now: the running coroutine's, or the loop's own. */
    private TaskContext context = TaskContext.EMPTY;
    /** Set once a task-local is first set on this loop; until then every context is empty. */
    private boolean tracksContexts;

    // ---- step numbers ---------------------------------------------------------------------------

    /** Numbers a coroutine step that starts now; returns the number of the step it runs inside. */
    int beginStep() {
        int outer = currentStep;
        currentStep = steps = (steps + 1) & STEP_MASK;
        nestedSteps++;
        return outer;
    }

    /**
     * Restores the number of the step that ran before and, once contexts are tracked, its
     * task-local values (see {@link #leaveStep}); the caller decrements {@link #nestedSteps}.
     */
    void endStep(int outer, int slot, TaskContext outerContext) {
        currentStep = outer;
        // Tested here, not before the step: a step that set the loop's first task-local switched
        // its context without entering one.
        if (tracksContexts) {
            leaveStep(slot, outerContext);
        }
    }

    /** Numbers a coroutine step that will run later, from the ready queue. */
    int laterStep() {
        return steps = (steps + 1) & STEP_MASK;
    }

    int currentStep() {
        return currentStep;
    }

    /**
     * True if the step numbered {@code step} began after the running one did (modulo 2^24: a step
     * more than 2^23 steps older may be taken for a recent one).
     */
    boolean startedInCurrentStep(int step) {
        int age = (step - currentStep) & STEP_MASK;
        return age != 0 && age < (1 << 23);
    }

    // ---- fairness budget ------------------------------------------------------------------------

    /** The loop starts running its due timers and ready items; they get a fairness budget. */
    void beginTurn() {
        inTurn = true;
        awaitBudget = Coroutine.AWAIT_BUDGET;
    }

    /**
     * The turn ended. Code called on the loop's thread while the loop does not run it (the first
     * step of the task {@code Tasks.run} starts, a test calling an @Async method before running
     * the loop) has nothing to be fair to, so its awaits are not budgeted.
     */
    void endTurn() {
        inTurn = false;
        awaitBudget = UNCOUNTED;
    }

    /** The budget ran out: true if the await must yield; outside a turn it only starts counting again. */
    boolean budgetSpent() {
        if (inTurn) {
            return true;
        }
        awaitBudget = UNCOUNTED;
        return false;
    }

    // ---- task-local values ----------------------------------------------------------------------

    /** The task-local values of the code running now. */
    TaskContext context() {
        return context;
    }

    /** Replaces the running code's task-local values. */
    void setContext(TaskContext values) {
        ContextMirrors.changed(context, values);
        context = values;
        // From now on suspended coroutines must keep their own values; until the first value is
        // set on this loop every context is empty, and nothing needs to be kept.
        if (!tracksContexts) {
            tracksContexts = true;
            live.keepContexts();
        }
    }

    boolean tracksContexts() {
        return tracksContexts;
    }

    /**
     * Called before a coroutine's step once contexts are tracked: switches to the values it
     * suspended with (kept in its registry slot), or keeps the creator's for a first step. Returns
     * the values to restore afterwards.
     */
    TaskContext enterStep(int slot, boolean resumed) {
        TaskContext outer = context;
        if (slot >= 0) {
            context = live.context(slot);
        } else if (resumed) {
            // It suspended unregistered, so before any task-local was set: its values are empty.
            context = TaskContext.EMPTY;
        }
        ContextMirrors.changed(outer, context);
        return outer;
    }

    /** Keeps the running code's values for the coroutine in {@code slot}, whose first step runs later. */
    void keepContext(int slot) {
        live.setContext(slot, context);
    }

    /** After a coroutine's step: keeps its values if it is suspended in {@code slot}, restores {@code outer}. */
    private void leaveStep(int slot, TaskContext outer) {
        if (slot >= 0) {
            live.setContext(slot, context);
        }
        ContextMirrors.changed(context, outer);
        context = outer;
    }

    // ---- live coroutines ------------------------------------------------------------------------

    /** Registers a suspended coroutine; returns its slot. */
    int link(Coroutine<?> c) {
        return live.add(c);
    }

    /** Frees slot {@code index} of a completed coroutine. */
    void unlink(int index) {
        live.remove(index);
    }

    int liveCount() {
        return live.size();
    }

    /** Registrations ever made, so that shutdown can tell whether new ones came. */
    long registrations() {
        return live.added();
    }

    /** Cancels every registered coroutine. */
    void cancelLive() {
        for (Coroutine<?> c : live.snapshot()) {
            c.cancel();
        }
    }

    /** Each registered coroutine with when it registered ({@link LoopMonitor#coarseNanos()}), oldest slot first. */
    Map<Coroutine<?>, Long> liveSince() {
        // Coroutines keep Object's identity equality, so a LinkedHashMap is an ordered identity map.
        Map<Coroutine<?>, Long> all = new LinkedHashMap<>();
        for (Coroutine<?> c : live.snapshot()) {
            all.put(c, live.since(c.slot()));
        }
        return all;
    }
}
