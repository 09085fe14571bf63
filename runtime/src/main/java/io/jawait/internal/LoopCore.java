package io.jawait.internal;

import io.jawait.EventLoop;
import io.jawait.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The machinery behind {@link EventLoop}: ready queue, timer heap, selector, cross-thread inbox,
 * live-coroutine list and the registry of unobserved failures. Everything but
 * {@link #tryExecute(Runnable)} and {@link #inLoopThread()} is confined to the loop thread.
 */
public final class LoopCore {
    private static final ThreadLocal<LoopCore> CURRENT = new ThreadLocal<>();
    /**
     * The most recently created open loop: a one-entry cache in front of {@link #CURRENT}, which
     * every task creation consults. Only a loop's constructor and close() (on its own thread) write
     * it, and a hit is checked against the calling thread, so no thread can get another's loop or a
     * closed one; programs with several loops simply miss and use the ThreadLocal.
     */
    private static LoopCore recent;
    /** Completions resume their continuations directly up to this nesting depth, then trampoline. */
    private static final int MAX_DIRECT_DEPTH = 50;
    private static final System.Logger LOGGER = System.getLogger("io.jawait");

    private final EventLoop facade;
    private final Thread thread;
    private final LongSupplier clock;
    private final Selector selector;
    private final ReadyQueue ready = new ReadyQueue();
    /**
     * The selector's action for each ready channel: queues the Runnable that sockets attach to
     * handle their readiness. Used instead of the selected-key set, which costs a hash-set entry
     * (and its removal) per ready channel per select.
     */
    private final Consumer<SelectionKey> onSelected = key -> {
        Object attachment = key.attachment();
        if (attachment instanceof Runnable) {
            ready.add(attachment, null);
        }
    };
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** False only while the loop may be blocked in select, so producers call wakeup() only then. */
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private final ReferenceQueue<Task<?>> collected = new ReferenceQueue<>();
    private final Set<UnobservedFailure> unobserved = new LinkedHashSet<>();
    private BiConsumer<String, Throwable> errorHandler;
    /** Non-null for a virtual-time loop. */
    private final VirtualClock virtualClock;
    /** Virtual time: work running on other threads whose duration must not count (toThread). */
    private int clockHolds;
    /** Virtual time: the loop waited in real time with nothing to run; set if nothing came. */
    private boolean stallCheck;
    private boolean stalled;
    private Background background;
    private int depth;
    private boolean running;
    private volatile boolean closed;

    /** CompletionStage bridges still waiting for another thread; keeps shutdown from giving up early. */
    int pendingExternal;
    /** Coroutines that have suspended and not completed. */
    private final LiveRegistry live = new LiveRegistry();
    /** Steps of coroutines run so far, modulo 2^24 (see Coroutine#registerIfAwaiting). */
    private int steps;
    /** The number of the coroutine step running now. */
    private int currentStep;
    /** Task-local values of the code running now: the running coroutine's, or the loop's own. */
    private TaskContext context = TaskContext.EMPTY;
    /** Set once a task-local is first set on this loop; until then every context is empty. */
    private boolean tracksContexts;

    /** Creates the core of a loop owned by the calling thread and makes it the thread's current loop. */
    public LoopCore(EventLoop facade, LongSupplier clock) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("Thread '" + Thread.currentThread().getName()
                    + "' already runs a jawait event loop, and a thread runs at most one. Tasks.run(...) cannot be"
                    + " nested: inside an @Async method, await the task instead.");
        }
        this.facade = facade;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.virtualClock = clock instanceof VirtualClock ? (VirtualClock) clock : null;
        this.thread = Thread.currentThread();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
        CURRENT.set(this);
        recent = this;
    }

    /** The loop running on the calling thread, or null. */
    public static LoopCore currentOrNull() {
        LoopCore r = recent;
        return r != null && r.thread == Thread.currentThread() ? r : CURRENT.get();
    }

    /** The loop running on the calling thread; throws IllegalStateException saying how to start one. */
    public static LoopCore require() {
        LoopCore loop = currentOrNull();
        if (loop == null) {
            throw new IllegalStateException(noLoopMessage());
        }
        return loop;
    }

    public static String noLoopMessage() {
        return "No jawait event loop is running on thread '" + Thread.currentThread().getName()
                + "'. Start one with Tasks.run(() -> yourAsyncMethod()), and call @Async methods, Tasks.sleep,"
                + " Tasks.gather, ... only from code that runs on that loop (another @Async method or a task callback).";
    }

    public EventLoop facade() {
        return facade;
    }

    public Thread thread() {
        return thread;
    }

    public boolean inLoopThread() {
        return Thread.currentThread() == thread;
    }

    public boolean isClosed() {
        return closed;
    }

    public long now() {
        return clock.getAsLong();
    }

    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        this.errorHandler = handler;
    }

    // ---- posting work -------------------------------------------------------------------------

    /** Runs {@code action} on the loop thread soon; throws RejectedExecutionException once closed. */
    public void execute(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!tryExecute(action)) {
            throw new RejectedExecutionException("the jawait event loop of thread '" + thread.getName() + "' is closed");
        }
    }

    /** Like {@link #execute} but returns false instead of throwing when the loop is closed. Any thread. */
    public boolean tryExecute(Runnable action) {
        if (closed) {
            return false;
        }
        if (inLoopThread()) {
            ready.add(action, null);
            return true;
        }
        inbox.offer(action);
        if (!awake.get() && !awake.getAndSet(true)) {
            selector.wakeup();
        }
        return true;
    }

    /** Queues an action (coroutine, waiter or Runnable) with its argument; loop thread only. */
    void post(Object action, Object argument) {
        ready.add(action, argument);
    }

    /** Resumes the continuations of a task that just completed. */
    public void dispatchAll(Object waiters, Task<?> source) {
        if (waiters instanceof WaiterList) {
            WaiterList list = (WaiterList) waiters;
            for (int i = 0, n = list.size(); i < n; i++) {
                dispatch(list.get(i), source);
            }
        } else {
            dispatch(waiters, source);
        }
    }

    /**
     * Direct resumption keeps the common case fast; past a small nesting depth the continuation
     * goes through the ready queue instead, so a long chain of tasks completing one another does
     * not overflow the stack.
     */
    private void dispatch(Object waiter, Task<?> source) {
        if (depth < MAX_DIRECT_DEPTH) {
            depth++;
            try {
                invoke(waiter, source);
            } finally {
                depth--;
            }
        } else {
            if (waiter instanceof Coroutine) {
                ((Coroutine<?>) waiter).markQueued();
            }
            ready.add(waiter, source);
        }
    }

    private void invoke(Object action, Object argument) {
        try {
            if (action instanceof Coroutine) {
                ((Coroutine<?>) action).resume();
            } else if (action instanceof Waiter) {
                ((Waiter) action).onDone((Task<?>) argument);
            } else {
                ((Runnable) action).run();
            }
        } catch (Throwable e) {
            reportUnhandled("callback " + action.getClass().getName(), e);
        }
    }

    // ---- timers ---------------------------------------------------------------------------------

    /** now() + delay, saturating instead of overflowing for huge delays. */
    long deadlineAfter(long delayNanos) {
        long now = now();
        long delay = Math.max(0, delayNanos);
        return delay > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delay;
    }

    void addTimer(SleepTask timer) {
        timers.add(timer);
    }

    void removeTimer(SleepTask timer) {
        timers.remove(timer);
    }

    /** Runs {@code action} on the loop after {@code delayNanos}; the task completes once it ran. */
    public Task<Void> schedule(long delayNanos, Runnable action) {
        Objects.requireNonNull(action, "action");
        checkOwner("schedule");
        ScheduledAction timer = new ScheduledAction(deadlineAfter(delayNanos), action);
        timers.add(timer);
        return timer;
    }

    /**
     * Virtual time, with nothing ready to run: instead of waiting for the next timer, jump the
     * clock to its deadline. Time stands still while work started with {@link #holdClock()} runs on
     * other threads (its result is awaited in real time). Without timers, the loop waits in real
     * time for futures or sockets it awaits; with nothing at all to wait for, it waits a little for
     * other threads (they may still post work) and then reports a stall. Returns the select timeout.
     */
    private long virtualTimeout() {
        select(0);
        transferInbox();
        if (!ready.isEmpty()) {
            return 0;
        }
        if (clockHolds > 0) {
            return -1;
        }
        if (!timers.isEmpty()) {
            virtualClock.advanceTo(timers.peek().deadline);
            return 0;
        }
        if (pendingExternal > 0 || !selector.keys().isEmpty()) {
            return -1;
        }
        stallCheck = true;
        return Math.max(1, virtualClock.stallTimeoutNanos);
    }

    /** Virtual time stands still until the matching {@link #releaseClock()} (loop thread). */
    public void holdClock() {
        clockHolds++;
    }

    public void releaseClock() {
        clockHolds--;
    }

    /**
     * Virtual time: runs what is ready and every timer due up to {@code untilNanos} (jumping the
     * clock from timer to timer), then leaves the clock at {@code untilNanos} (or where it is, for
     * {@code Long.MAX_VALUE}). Does not wait for other threads.
     */
    public void advanceVirtualTime(long untilNanos) {
        checkOwner("advanceVirtualTime");
        if (virtualClock == null) {
            throw new IllegalStateException("only a virtual-time loop can advance its clock");
        }
        enter("advanceVirtualTime");
        try {
            while (true) {
                runOnce(false);
                if (!ready.isEmpty() || !inbox.isEmpty()) {
                    continue;
                }
                if (!timers.isEmpty() && timers.peek().deadline <= untilNanos) {
                    virtualClock.advanceTo(timers.peek().deadline);
                    continue;
                }
                break;
            }
            if (untilNanos != Long.MAX_VALUE) {
                virtualClock.advanceTo(untilNanos);
            }
        } finally {
            running = false;
        }
    }

    private void fireDueTimers(long now) {
        // Timers created while firing wait for the next round, so sleep(0) in a loop cannot starve others.
        long limit = timers.nextSequence();
        while (!timers.isEmpty()) {
            SleepTask timer = timers.peek();
            if (timer.deadline > now || timer.sequence >= limit) {
                break;
            }
            timers.poll();
            try {
                timer.fire();
            } catch (Throwable e) {
                reportUnhandled(String.valueOf(timer.taskName()), e);
            }
        }
    }

    // ---- channels -------------------------------------------------------------------------------

    /**
     * Registers a non-blocking channel with the loop's selector; {@code onReady} is queued on the
     * ready queue each time a select reports the channel ready. Loop thread only.
     */
    public SelectionKey register(SelectableChannel channel, int ops, Runnable onReady) throws ClosedChannelException {
        Objects.requireNonNull(onReady, "onReady");
        checkOwner("register");
        return channel.register(selector, ops, onReady);
    }

    /** Channels registered with the selector; a closed channel counts until the next select. Loop thread only. */
    public int channelCount() {
        return selector.keys().size();
    }

    /** Channels still registered when the loop closes can never be served again: close them. */
    private void closeRegisteredChannels() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException | RuntimeException ignored) {
                // closing is best effort; the selector is going away anyway
            }
        }
    }

    // ---- running --------------------------------------------------------------------------------

    /** Runs the loop until {@code task} is complete. Owner thread only; not re-entrant. */
    public void runUntilDone(Task<?> task) {
        Objects.requireNonNull(task, "task");
        checkOwner("runUntilDone");
        LoopCore owner = TaskAccess.get().loop(task);
        if (owner != null && owner != this) {
            throw new IllegalStateException(task + " belongs to another event loop");
        }
        enter("runUntilDone");
        try {
            while (!task.isDone()) {
                runOnce(true);
                if (stalled) {
                    stalled = false;
                    throw new IllegalStateException(task + " can never complete: every task waits, no timer is"
                            + " pending, and nothing outside the loop (thread, future, socket) is awaited. "
                            + this);
                }
            }
        } finally {
            running = false;
        }
    }

    private void enter(String what) {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
        if (running) {
            throw new IllegalStateException(what + "() cannot be called while the loop is running (from code on"
                    + " the loop); inside an @Async method, await the task instead");
        }
        running = true;
    }

    /** One iteration: wait for I/O, timers or posted work (unless {@code mayBlock} is false), then run what is due. */
    private void runOnce(boolean mayBlock) {
        transferInbox();
        reportCollected();
        long timeout;
        long now = Long.MIN_VALUE; // read the clock at most once when nothing makes us wait
        if (!ready.isEmpty() || !mayBlock) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            now = now();
            timeout = Math.max(0, timers.peek().deadline - now);
        } else {
            timeout = -1;
        }
        if (virtualClock != null && timeout != 0) {
            timeout = virtualTimeout();
            now = Long.MIN_VALUE;
        }
        select(timeout);
        transferInbox();
        if (stallCheck) {
            stallCheck = false;
            stalled = ready.isEmpty() && timers.isEmpty();
        }
        if (!timers.isEmpty()) {
            fireDueTimers(timeout == 0 && now != Long.MIN_VALUE ? now : now());
        }
        runReady();
    }

    private void transferInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            ready.add(r, null);
        }
    }

    /** Waits in the selector: not at all for 0, forever for a negative timeout. */
    private void select(long timeoutNanos) {
        try {
            boolean hasKeys = !selector.keys().isEmpty();
            if (timeoutNanos == 0) {
                if (hasKeys) {
                    selector.selectNow(onSelected);
                }
            } else {
                awake.set(false);
                try {
                    if (!inbox.isEmpty()) {
                        if (hasKeys) {
                            selector.selectNow(onSelected);
                        }
                    } else if (timeoutNanos < 0) {
                        selector.select(onSelected);
                    } else {
                        // Round up: waking before the deadline would only spin.
                        selector.select(onSelected, Math.max(1, timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1)));
                    }
                } finally {
                    awake.set(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runReady() {
        for (int n = ready.size(); n > 0; n--) {
            Object action = ready.take();
            Object argument = ready.takenArgument();
            depth++;
            try {
                invoke(action, argument);
            } finally {
                depth--;
            }
        }
    }

    private boolean idle() {
        return ready.isEmpty() && inbox.isEmpty() && timers.isEmpty() && pendingExternal == 0
                && selector.keys().isEmpty();
    }

    // ---- shutdown -------------------------------------------------------------------------------

    /**
     * Cancels every live coroutine and lets their catch/finally blocks run to completion, cancels
     * leftover timers, reports unobserved failures, closes the selector and unbinds the thread.
     */
    public void close() {
        checkOwner("close");
        if (closed) {
            return;
        }
        enter("close");
        try {
            // Coroutines that join the registry while shutting down (a caller whose callee swallowed
            // its cancellation and that awaits something new) are cancelled in turn.
            long cancelledUpTo = -1;
            while (true) {
                if (live.added() != cancelledUpTo) {
                    cancelledUpTo = live.added();
                    cancelLive();
                }
                if (live.size() == 0 || idle()) {
                    break;
                }
                runOnce(true);
            }
            for (int round = 0; round < 100 && !(timers.isEmpty() && ready.isEmpty() && inbox.isEmpty()); round++) {
                while (!timers.isEmpty()) {
                    timers.poll().cancel();
                }
                runOnce(false);
            }
            reportCollected();
            for (UnobservedFailure failure : unobserved) {
                if (failure.claim()) {
                    reportUnhandled(failure.taskName, failure.error);
                }
            }
            unobserved.clear();
        } finally {
            running = false;
            closed = true;
            if (recent == this) {
                recent = null;
            }
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
            closeRegisteredChannels();
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing useful to do while closing
            }
        }
    }

    private void cancelLive() {
        for (Coroutine<?> c : live.snapshot()) {
            c.cancel();
        }
    }

    /** The loop's spawned background tasks. */
    public Background background() {
        Background b = background;
        if (b == null) {
            background = b = new Background(this);
        }
        return b;
    }

    // ---- step numbers ---------------------------------------------------------------------------

    private static final int STEP_MASK = (1 << 24) - 1;

    /** Numbers a coroutine step that starts now; returns the number of the step it runs inside. */
    int beginStep() {
        int outer = currentStep;
        currentStep = steps = (steps + 1) & STEP_MASK;
        return outer;
    }

    void endStep(int outer) {
        currentStep = outer;
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

    // ---- task-local values ----------------------------------------------------------------------

    /** The task-local values of the code running now (loop thread). */
    public TaskContext context() {
        return context;
    }

    /** Replaces the running code's task-local values (loop thread). */
    public void setContext(TaskContext values) {
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
        return outer;
    }

    /** Called after a coroutine's step: keeps its values if it is suspended in {@code slot}, restores {@code outer}. */
    void leaveStep(int slot, TaskContext outer) {
        if (slot >= 0) {
            live.setContext(slot, context);
        }
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

    /** This loop and each of its suspended coroutines with what it waits for, a line each (loop thread). */
    public String dumpTasks() {
        StringBuilder out = new StringBuilder(toString());
        // Registered coroutines, each followed by the unregistered callers awaiting it (and theirs).
        ArrayDeque<Coroutine<?>> pending = new ArrayDeque<>();
        for (Coroutine<?> c : live.snapshot()) {
            pending.push(c);
            while (!pending.isEmpty()) {
                Coroutine<?> next = pending.pop();
                out.append("\n  ").append(next).append(' ').append(next.waitDescription());
                TaskAccess.get().forEachWaiter(next, w -> {
                    if (w instanceof Coroutine && ((Coroutine<?>) w).isAwaiting(next) && !((Coroutine<?>) w).isRegistered()) {
                        pending.push((Coroutine<?>) w);
                    }
                });
            }
        }
        return out.toString();
    }

    // ---- unobserved failures --------------------------------------------------------------------

    /** Registers a failed task nobody waits for; returns the marker the task keeps in its waiter slot. */
    public Object unobserved(Task<?> task, Throwable error) {
        UnobservedFailure failure = new UnobservedFailure(task, error, collected);
        unobserved.add(failure);
        return failure;
    }

    /** The failure was observed on the loop thread: stop tracking it. */
    public void forget(UnobservedFailure failure) {
        unobserved.remove(failure);
    }

    private void reportCollected() {
        Reference<? extends Task<?>> ref;
        while ((ref = collected.poll()) != null) {
            UnobservedFailure failure = (UnobservedFailure) ref;
            if (unobserved.remove(failure) && failure.claim()) {
                reportUnhandled(failure.taskName, failure.error);
            }
        }
    }

    /** Hands an error nobody else will see to the installed handler, or logs it to "io.jawait". */
    public void reportUnhandled(String taskName, Throwable error) {
        BiConsumer<String, Throwable> handler = errorHandler;
        if (handler != null) {
            try {
                handler.accept(taskName, error);
                return;
            } catch (Throwable e) {
                LOGGER.log(System.Logger.Level.ERROR, "jawait: the unhandled-error handler threw", e);
            }
        }
        LOGGER.log(System.Logger.Level.ERROR, "jawait: " + taskName + " failed and its exception was never"
                + " retrieved (await the task or attach onComplete)", error);
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(what + "() must be called on the loop's own thread '" + thread.getName()
                    + "', not on '" + Thread.currentThread().getName() + "'; use execute(...) from other threads");
        }
    }

    @Override
    public String toString() {
        return "EventLoop[thread=" + thread.getName() + ", ready=" + ready.size() + ", timers=" + timers.size()
                + ", live=" + live.size() + (closed ? ", closed" : "") + "]";
    }
}
