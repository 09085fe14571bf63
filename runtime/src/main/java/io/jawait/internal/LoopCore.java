package io.jawait.internal;

import io.jawait.EventLoop;
import io.jawait.Task;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The machinery behind {@link EventLoop}: binds a loop to its thread and runs it, putting together
 * what to run next ({@link Scheduler}), the timers ({@link TimerQueue}), the wait for I/O
 * ({@link IoPoller}), how time passes ({@link LoopTime}), the records about coroutines
 * ({@link CoroutineLedger}) and the failures nobody observed ({@link UnobservedFailures}).
 * Everything but {@link #tryExecute(Runnable)} and {@link #inLoopThread()} is confined to the
 * loop thread.
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

    private final EventLoop facade;
    private final Thread thread;
    private final LoopTime time;
    private final UnobservedFailures failures = new UnobservedFailures();
    final CoroutineLedger ledger = new CoroutineLedger();
    private final Scheduler scheduler = new Scheduler(failures, ledger);
    private final TimerQueue timers = new TimerQueue();
    private final IoPoller poller;
    private Background background;
    /** Driven by runUntilDone, drive or close; read by the loop monitor without synchronization. */
    private boolean running;
    /**
     * The owner thread was interrupted while the loop waited or ran. The loop clears the thread's
     * interrupt status when it sees it (an interrupted selector returns at once, so the loop would
     * spin) and sets it again when runUntilDone or close returns.
     */
    private boolean interrupted;
    /**
     * Set by close() before its last look at the inbox: posts from other threads are refused from
     * then on, and a post that raced with it is either taken by that look or taken back (see
     * {@link #tryExecute}), so every post runs exactly once or is refused, never lost.
     */
    private volatile boolean closed;
    /** True while close() runs: the loop's own code may still post to it (loop thread only). */
    private boolean closing;

    /** CompletionStage bridges still waiting for another thread; keeps shutdown from giving up early. */
    int pendingExternal;

    /**
     * Creates the core of a loop owned by the calling thread and makes it the thread's current
     * loop. A {@code clock} that is a {@link LoopTime} drives the loop's time; any other is a real clock.
     */
    public LoopCore(EventLoop facade, LongSupplier clock) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("Thread '" + Thread.currentThread().getName()
                    + "' already runs a jawait event loop, and a thread runs at most one. Tasks.run(...) cannot be"
                    + " nested: inside an @Async method, await the task instead.");
        }
        Objects.requireNonNull(clock, "clock");
        this.facade = facade;
        this.time = clock instanceof LoopTime ? (LoopTime) clock : new RealTime(clock);
        this.thread = Thread.currentThread();
        this.poller = new SelectorPoller(scheduler);
        scheduler.wakes(poller);
        CURRENT.set(this);
        recent = this;
        LoopMonitor.opened(this);
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
        return time.getAsLong();
    }

    /** See {@link LoopTime#stepFromOutside}. Any thread outside the loop. */
    public boolean stepFromOutside(BooleanSupplier done, Runnable onInterrupt) {
        return time.stepFromOutside(done, onInterrupt);
    }

    /** See {@link LoopTime#dumpFromOutside}. Any thread outside the loop. */
    public String dumpFromOutside() {
        return time.dumpFromOutside();
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
        if (inLoopThread()) {
            if (closed && !closing) {
                return false;
            }
            scheduler.post(action, null);
            return true;
        }
        if (closed) {
            return false;
        }
        scheduler.postFromAnotherThread(action);
        // If close() set `closed` meanwhile, its last look at the inbox either took the action
        // (it will run) or has not seen it: then take it back, so that it is refused, not lost.
        return !closed || !scheduler.withdraw(action);
    }

    /** Queues an action (coroutine, waiter or Runnable) with its argument; loop thread only. */
    void post(Object action, Object argument) {
        scheduler.post(action, argument);
    }

    /** Resumes the continuations of a task that just completed. */
    public void dispatchAll(Object waiters, Task<?> source) {
        scheduler.dispatchAll(waiters, source);
    }

    /** Runs a pending promise's {@code onCancel()} with bounded stack (loop thread; see Scheduler#cancel). */
    boolean cancel(Promise<?> promise) {
        return scheduler.cancel(promise);
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

    public boolean hasTimers() {
        return !timers.isEmpty();
    }

    /** The deadline of the next timer; only when {@link #hasTimers()}. */
    public long nextTimerDeadline() {
        return timers.peek().deadline;
    }

    /** The loop's time stands still until the matching {@link #releaseClock()} (for work on other threads). */
    public void holdClock() {
        time.hold();
    }

    public void releaseClock() {
        time.release();
    }

    // ---- channels -------------------------------------------------------------------------------

    /**
     * Registers a non-blocking channel with the loop's poller; {@code onReady} is queued on the
     * ready queue each time a wait reports the channel ready. Loop thread only.
     */
    public SelectionKey register(SelectableChannel channel, int ops, Runnable onReady) throws ClosedChannelException {
        Objects.requireNonNull(onReady, "onReady");
        checkOwner("register");
        return poller.register(channel, ops, onReady);
    }

    /** Channels registered with the poller; a closed channel counts until the next wait. Loop thread only. */
    public int channelCount() {
        return poller.channelCount();
    }

    // ---- running --------------------------------------------------------------------------------

    /** {@link #runUntilDone(Task, boolean)} where an interrupt cancels the task. */
    public void runUntilDone(Task<?> task) {
        runUntilDone(task, true);
    }

    /**
     * Runs the loop until {@code task} is complete. Owner thread only; not re-entrant.
     *
     * <p>With {@code interruptCancels}, an interrupt of the owner thread cancels {@code task}, as
     * Ctrl-C cancels the main task of {@code asyncio.run} and an interrupt cancels Kotlin's
     * {@code runBlocking}; the loop runs on until the task completes (its catch/finally blocks
     * run), and if it ended cancelled this throws a CancellationException whose cause is an
     * InterruptedException. Otherwise interrupts are cleared and ignored, as Netty's event loops
     * do: a loop thread the runtime owns ends by closing its loop. Either way the interrupt status
     * is set again on return if an interrupt arrived and was not ignored.
     */
    public void runUntilDone(Task<?> task, boolean interruptCancels) {
        Objects.requireNonNull(task, "task");
        checkOwner("runUntilDone");
        LoopCore owner = TaskAccess.get().loop(task);
        if (owner != null && owner != this) {
            throw new IllegalStateException(task + " belongs to another event loop");
        }
        drive("runUntilDone", () -> {
            boolean cancelled = false;
            try {
                while (!task.isDone()) {
                    boolean stalled = runOnce(true);
                    if (interrupted && !interruptCancels) {
                        interrupted = false;
                    } else if (interrupted && !cancelled) {
                        cancelled = true;
                        task.cancel();
                        continue;
                    }
                    if (stalled) {
                        throw new IllegalStateException(task + (awaitsOutside()
                                ? " made no progress: every task waits, no timer is pending, and the futures or sockets"
                                        + " awaited outside the loop brought nothing within the stall timeout. "
                                : " can never complete: every task waits, no timer is pending, and nothing outside the"
                                        + " loop (thread, future, socket) is awaited. ") + this);
                    }
                }
            } finally {
                restoreInterrupt();
            }
            if (cancelled && task.isCancelled()) {
                Object own = TaskAccess.get().rawResult(task);
                throw InterruptedRun.cancellation(task, own instanceof Throwable ? (Throwable) own : null);
            }
        });
    }

    /**
     * Runs {@code body}, which runs the loop (by {@link #runNow()} or otherwise), as the loop's one
     * driver: like runUntilDone, it cannot be called from code running on the loop. Owner thread only.
     */
    public void drive(String what, Runnable body) {
        checkOwner(what);
        enter(what);
        try {
            body.run();
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

    /** One iteration that does not wait: runs what is ready and the timers due; true if more work is ready. */
    public boolean runNow() {
        runOnce(false);
        return scheduler.hasWork();
    }

    /**
     * One iteration: wait for I/O, timers or posted work (unless {@code mayBlock} is false), then
     * run what is due. Returns true if the loop's time says it stalled.
     */
    private boolean runOnce(boolean mayBlock) {
        scheduler.transferInbox();
        failures.reportCollected();
        long timeout;
        long now = Long.MIN_VALUE; // read the clock at most once when nothing makes us wait
        if (scheduler.hasReady() || !mayBlock) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            now = now();
            timeout = Math.max(0, timers.peek().deadline - now);
        } else {
            timeout = -1;
        }
        boolean idle = timeout != 0;
        if (idle) {
            timeout = time.idle(this, timeout);
            now = Long.MIN_VALUE;
        }
        scheduler.waitInPoller(timeout);
        if (mayBlock && Thread.interrupted()) {
            interrupted = true;
        }
        scheduler.transferInbox();
        boolean stalled = idle && time.stalled(this);
        ledger.beginTurn();
        try {
            if (!timers.isEmpty()) {
                timers.fireDue(timeout == 0 && now != Long.MIN_VALUE ? now : now(), failures);
            }
            scheduler.runReady();
        } finally {
            ledger.endTurn();
        }
        return stalled;
    }

    /** Polls the poller without waiting and takes in what other threads posted (for a {@link LoopTime}). */
    public void pollNow() {
        scheduler.waitInPoller(0);
        scheduler.transferInbox();
    }

    /** True if something is ready to run. */
    public boolean hasReady() {
        return scheduler.hasReady();
    }

    /** True if the loop awaits something outside it: a CompletionStage or a channel. */
    public boolean awaitsOutside() {
        return pendingExternal > 0 || poller.channelCount() > 0;
    }

    private boolean idle() {
        return !scheduler.hasWork() && timers.isEmpty() && !awaitsOutside();
    }

    // ---- shutdown -------------------------------------------------------------------------------

    /**
     * Cancels every live coroutine and lets their catch/finally blocks run to completion, cancels
     * leftover timers, reports unobserved failures, closes the poller and unbinds the thread.
     */
    public void close() {
        checkOwner("close");
        if (closed) {
            return;
        }
        enter("close");
        closing = true;
        try {
            // Coroutines that join the registry while shutting down (a caller whose callee swallowed
            // its cancellation and that awaits something new) are cancelled in turn.
            long cancelledUpTo = -1;
            while (true) {
                if (ledger.registrations() != cancelledUpTo) {
                    cancelledUpTo = ledger.registrations();
                    ledger.cancelLive();
                }
                if (ledger.liveCount() == 0 || idle()) {
                    break;
                }
                runOnce(true);
            }
            // From here on other threads' posts are refused; what they posted before still runs
            // below (work handed over from another loop answers "closed" when it sees isClosed()).
            closed = true;
            for (int round = 0; round < 100 && !(timers.isEmpty() && !scheduler.hasWork()); round++) {
                if (ledger.registrations() != cancelledUpTo) {
                    cancelledUpTo = ledger.registrations();
                    ledger.cancelLive();
                }
                while (!timers.isEmpty()) {
                    timers.poll().cancel();
                }
                runOnce(false);
            }
            failures.reportAll();
        } finally {
            running = false;
            closing = false;
            closed = true;
            if (recent == this) {
                recent = null;
            }
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
            LoopMonitor.closed(this);
            poller.close();
            restoreInterrupt();
        }
    }

    /** Sets the owner thread's interrupt status again if the loop cleared it (see {@link #interrupted}). */
    private void restoreInterrupt() {
        if (interrupted) {
            interrupted = false;
            Thread.currentThread().interrupt();
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

    // ---- coroutines -----------------------------------------------------------------------------

    /** The task-local values of the code running now (loop thread). */
    public TaskContext context() {
        return ledger.context();
    }

    /** Replaces the running code's task-local values (loop thread). */
    public void setContext(TaskContext values) {
        ledger.setContext(values);
    }

    /** This loop and its suspended tasks as a tree of who awaits whom (loop thread). */
    public String dumpTasks() {
        return TaskTree.render(this);
    }

    // ---- read by the loop monitor and trace events from other threads, without synchronization ----

    /** True while the loop runs code: driven, and not waiting in its poller. */
    boolean isBusy() {
        return running && scheduler.isAwake();
    }

    /** A number that changes whenever the loop starts an action. */
    int progress() {
        return scheduler.progress();
    }

    /** Actions in the ready queue (read without synchronization from other threads: approximate). */
    public int readyCount() {
        return scheduler.readyCount();
    }

    /** Pending timers (approximate from other threads). */
    public int timerCount() {
        return timers.size();
    }

    /** Coroutines in the live registry (approximate from other threads). */
    public int liveCount() {
        return ledger.liveCount();
    }

    // ---- unobserved failures --------------------------------------------------------------------

    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        failures.setHandler(handler);
    }

    /** Registers a failed task nobody waits for; returns the marker the task keeps in its waiter slot. */
    public Object unobserved(Task<?> task, Throwable error) {
        return failures.add(task, error);
    }

    /** The failure was observed on the loop thread: stop tracking it. */
    public void forget(UnobservedFailure failure) {
        failures.forget(failure);
    }

    /** Hands an error nobody else will see to the installed handler, or logs it to "io.jawait". */
    public void reportUnhandled(String taskName, Throwable error) {
        failures.report(taskName, error);
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(what + "() must be called on the loop's own thread '" + thread.getName()
                    + "', not on '" + Thread.currentThread().getName() + "'; use execute(...) from other threads");
        }
    }

    @Override
    public String toString() {
        return "EventLoop[thread=" + thread.getName() + ", ready=" + scheduler.readyCount() + ", timers=" + timers.size()
                + ", live=" + ledger.liveCount() + (closed ? ", closed" : "") + "]";
    }
}
