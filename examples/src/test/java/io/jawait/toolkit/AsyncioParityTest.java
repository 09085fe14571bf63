package io.jawait.toolkit;

import static io.jawait.Tasks.asCompleted;
import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.gatherSettled;
import static io.jawait.Tasks.shield;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.waitFor;
import static io.jawait.Tasks.withTimeout;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Outcome;
import io.jawait.Task;
import io.jawait.TaskGroup;
import io.jawait.Tasks;
import io.jawait.WaitMode;
import io.jawait.WaitResult;
import io.jawait.sync.AsyncBarrier;
import io.jawait.sync.AsyncCondition;
import io.jawait.sync.AsyncEvent;
import io.jawait.sync.AsyncLock;
import io.jawait.sync.AsyncQueue;
import io.jawait.sync.AsyncSemaphore;
import io.jawait.sync.BarrierBrokenException;
import io.jawait.test.TestLoop;
import io.jawait.test.TestLoopExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Small asyncio programs ported to jawait, each expected to print what CPython 3.11's asyncio
 * printed for the original (the Python source is quoted above each test, the expected log is its
 * output). Where jawait deliberately differs and its docs say so, the test states the documented
 * behaviour and names the difference.
 */
@ExtendWith(TestLoopExtension.class)
class AsyncioParityTest {
    private final List<String> log = new ArrayList<>();

    // --- for i in range(3): log(f"{n}{i}"); await asyncio.sleep(0)   (three tasks)

    @Async
    Task<Void> stepper(String name, boolean useYield) {
        for (int i = 0; i < 3; i++) {
            log.add(name + i);
            await(useYield ? yieldNow() : sleep(0));
        }
        return Task.done();
    }

    @Test
    void sleepZeroAndYieldRunReadyTasksRoundRobin(TestLoop loop) {
        List<String> expected = List.of("A0", "B0", "C0", "A1", "B1", "C1", "A2", "B2", "C2");
        loop.run(() -> gather(stepper("A", false), stepper("B", false), stepper("C", false)));
        assertEquals(expected, log);
        log.clear();
        loop.run(() -> gather(stepper("A", true), stepper("B", true), stepper("C", true)));
        assertEquals(expected, log);
    }

    // --- Lock: four waiters, the second cancelled while waiting, then release

    @Async
    Task<Void> lockUser(AsyncLock lock, String name) {
        try {
            await(lock.lock());
        } catch (CancellationException e) {
            log.add(name + " cancelled");
            throw e;
        }
        log.add(name + " got");
        await(sleep(10));
        lock.unlock();
        return Task.done();
    }

    @Async
    Task<List<Boolean>> lockWaitersWithOneCancelled() {
        AsyncLock lock = new AsyncLock();
        await(lock.lock());
        List<Task<Void>> users = new ArrayList<>();
        for (String name : List.of("A", "B", "C", "D")) {
            users.add(lockUser(lock, name));
        }
        await(sleep(0));
        users.get(1).cancel();
        await(sleep(0));
        lock.unlock();
        await(gatherSettled(users));
        log.add("locked=" + lock.isLocked());
        List<Boolean> cancelled = new ArrayList<>();
        for (Task<Void> u : users) {
            cancelled.add(u.isCancelled());
        }
        return Task.of(cancelled);
    }

    @Test
    void aLockWaiterCancelledWhileWaitingLeavesTheQueueAndTheNextOneGetsTheLock(TestLoop loop) {
        assertEquals(List.of(false, true, false, false), loop.run(this::lockWaitersWithOneCancelled));
        assertEquals(List.of("B cancelled", "A got", "C got", "D got", "locked=false"), log);
    }

    // --- Semaphore: waiters A..D, C cancelled, two releases, then one more

    @Async
    Task<Void> permitUser(AsyncSemaphore sem, String name) {
        await(sem.acquire());
        log.add(name);
        return Task.done();
    }

    @Async
    Task<Void> semaphoreWaiters() {
        AsyncSemaphore sem = new AsyncSemaphore(2);
        await(sem.acquire());
        await(sem.acquire());
        List<Task<Void>> users = new ArrayList<>();
        for (String name : List.of("A", "B", "C", "D")) {
            users.add(permitUser(sem, name));
        }
        await(sleep(0));
        users.get(2).cancel();
        await(sleep(0));
        sem.release();
        sem.release();
        await(sleep(0));
        await(sleep(0));
        log.add("available=" + sem.availablePermits() + " waiting=" + sem.waiting());
        assertFalse(sem.tryAcquire(), "a waiter is queued: nobody barges in");
        sem.release();
        await(sleep(0));
        log.add("cancelled=" + users.get(2).isCancelled());
        return Task.done();
    }

    @Test
    void semaphoreWaitersAreServedInOrderAndACancelledOneIsSkipped(TestLoop loop) {
        loop.run(this::semaphoreWaiters);
        assertEquals(List.of("A", "B", "available=0 waiting=1", "D", "cancelled=true"), log);
    }

    @Async
    Task<Void> boundedSemaphoreOverRelease() {
        AsyncSemaphore sem = new AsyncSemaphore(2);
        await(sem.acquire());
        sem.release();
        assertThrows(IllegalStateException.class, sem::release, "asyncio.BoundedSemaphore raises ValueError");
        assertThrows(IllegalStateException.class, new AsyncSemaphore(0)::release);
        assertEquals(2, sem.availablePermits());
        return Task.done();
    }

    @Test
    void releasingMoreThanWasAcquiredFailsLikeBoundedSemaphore(TestLoop loop) {
        loop.run(this::boundedSemaphoreOverRelease);
    }

    // --- Queue: getters A, B, C; A cancelled; put 1, 2

    @Async
    Task<Void> getter(AsyncQueue<Integer> queue, String name) {
        try {
            log.add(name + "=" + await(queue.take()));
        } catch (CancellationException e) {
            log.add(name + " cancelled");
            throw e;
        }
        return Task.done();
    }

    @Async
    Task<Integer> queueGetters() {
        AsyncQueue<Integer> queue = new AsyncQueue<>();
        List<Task<Void>> getters = List.of(getter(queue, "A"), getter(queue, "B"), getter(queue, "C"));
        await(sleep(0));
        getters.get(0).cancel();
        await(sleep(0));
        queue.offer(1);
        queue.offer(2);
        await(sleep(0));
        await(sleep(0));
        log.add("C done=" + getters.get(2).isDone());
        getters.get(2).cancel();
        await(sleep(0));
        return Task.of(queue.size());
    }

    @Test
    void aCancelledGetterTakesNothingAndGettersAreServedInOrder(TestLoop loop) {
        assertEquals(0, loop.run(this::queueGetters));
        assertEquals(List.of("A cancelled", "B=1", "C=2", "C done=true"), log);
    }

    // --- Queue.join / task_done

    @Async
    Task<Void> worker(AsyncQueue<Integer> queue) {
        while (true) {
            int v = await(queue.take());
            await(sleep(10L * v));
            log.add("done " + v);
            queue.taskDone();
        }
    }

    @Async
    Task<Void> joinAfterTaskDone() {
        AsyncQueue<Integer> queue = new AsyncQueue<>();
        await(queue.join());
        log.add("join empty immediate");
        for (int v : new int[] {3, 1, 2}) {
            queue.offer(v);
        }
        Task<Void> w = worker(queue);
        await(queue.join());
        log.add("joined");
        w.cancel();
        try {
            queue.taskDone();
        } catch (IllegalStateException e) {
            log.add("too many taskDone");
        }
        return Task.done();
    }

    @Test
    void joinWaitsForEveryTaskDone(TestLoop loop) {
        loop.run(this::joinAfterTaskDone);
        assertEquals(List.of("join empty immediate", "done 3", "done 1", "done 2", "joined", "too many taskDone"), log);
    }

    // --- bounded Queue(1): putters 1, 2, 3 wait; 2 cancelled

    @Async
    Task<Void> putter(AsyncQueue<Integer> queue, int v) {
        try {
            await(queue.put(v));
            log.add("put " + v);
        } catch (CancellationException e) {
            log.add("put " + v + " cancelled");
            throw e;
        }
        return Task.done();
    }

    @Async
    Task<List<Integer>> boundedPutters() {
        AsyncQueue<Integer> queue = new AsyncQueue<>(1);
        queue.offer(0);
        List<Task<Void>> putters = List.of(putter(queue, 1), putter(queue, 2), putter(queue, 3));
        await(sleep(0));
        putters.get(1).cancel();
        await(sleep(0));
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(await(queue.take()));
            await(sleep(0));
        }
        log.add("size=" + queue.size());
        return Task.of(got);
    }

    @Test
    void aCancelledPutterAddsNothingAndPuttersAreAdmittedInOrder(TestLoop loop) {
        assertEquals(List.of(0, 1, 3), loop.run(this::boundedPutters));
        assertEquals(List.of("put 2 cancelled", "put 1", "put 3", "size=0"), log);
    }

    // --- Event: set() then clear() at once still wakes every waiter

    @Async
    Task<Void> eventWaiter(AsyncEvent event, String name) {
        await(event.whenSet());
        log.add(name);
        return Task.done();
    }

    @Async
    Task<Boolean> setThenClear() {
        AsyncEvent event = new AsyncEvent();
        List<Task<Void>> waiters = List.of(eventWaiter(event, "A"), eventWaiter(event, "B"), eventWaiter(event, "C"));
        await(sleep(0));
        event.set();
        event.clear();
        await(gather(waiters));
        log.add("set=" + event.isSet());
        Task<Void> d = eventWaiter(event, "D");
        await(sleep(0));
        d.cancel();
        await(sleep(0));
        event.set();
        await(sleep(0));
        return Task.of(d.isCancelled());
    }

    @Test
    void setThenClearStillWakesEveryWaiterOldestFirst(TestLoop loop) {
        assertTrue(loop.run(this::setThenClear));
        // asyncio logs "after set/clear" before A: its waiters resume on the next turn, jawait's
        // right away (docs/semantics.md, "Starting and resuming"); which waiters wake is the same.
        assertEquals(List.of("A", "B", "C", "set=false"), log);
    }

    // --- Condition: A..D wait; A cancelled; notify(1); notify_all()

    @Async
    Task<Void> conditionWaiter(AsyncCondition cond, String name) {
        await(cond.lock().lock());
        try {
            await(cond.waitSignal());
            log.add(name + " woke locked=" + cond.lock().isLocked());
        } catch (CancellationException e) {
            log.add(name + " cancelled locked=" + cond.lock().isLocked());
            throw e;
        } finally {
            cond.lock().unlock();
        }
        return Task.done();
    }

    @Async
    Task<Boolean> conditionSignals() {
        AsyncCondition cond = new AsyncCondition();
        List<Task<Void>> waiters = new ArrayList<>();
        for (String name : List.of("A", "B", "C", "D")) {
            waiters.add(conditionWaiter(cond, name));
        }
        await(sleep(0));
        waiters.get(0).cancel();
        await(sleep(0));
        await(cond.lock().lock());
        cond.signal();
        cond.lock().unlock();
        await(sleep(0));
        await(sleep(0));
        log.add("--");
        await(cond.lock().lock());
        cond.signalAll();
        cond.lock().unlock();
        await(gatherSettled(waiters));
        return Task.of(cond.lock().isLocked());
    }

    @Test
    void aCancelledConditionWaiterReacquiresTheLockAndSignalsWakeInOrder(TestLoop loop) {
        assertFalse(loop.run(this::conditionSignals));
        assertEquals(List.of("A cancelled locked=true", "B woke locked=true", "--", "C woke locked=true",
                "D woke locked=true"), log);
    }

    private final List<Integer> items = new ArrayList<>();

    @Async
    Task<Void> predicateConsumer(AsyncCondition cond, String name) {
        await(cond.lock().lock());
        try {
            await(cond.waitUntil(() -> !items.isEmpty()));
            log.add(name + " took " + items.remove(0));
        } finally {
            cond.lock().unlock();
        }
        return Task.done();
    }

    @Async
    Task<Void> waitUntilRechecks() {
        AsyncCondition cond = new AsyncCondition();
        List<Task<Void>> consumers = List.of(predicateConsumer(cond, "A"), predicateConsumer(cond, "B"));
        await(sleep(0));
        await(cond.lock().lock());
        items.add(1);
        cond.signalAll();
        cond.lock().unlock();
        await(sleep(0));
        await(sleep(0));
        await(sleep(0));
        log.add("done=" + consumers.get(0).isDone() + "," + consumers.get(1).isDone());
        await(cond.lock().lock());
        items.add(2);
        cond.signal();
        cond.lock().unlock();
        await(gather(consumers));
        return Task.done();
    }

    @Test
    void waitUntilChecksThePredicateAgainAfterEverySignal(TestLoop loop) {
        loop.run(this::waitUntilRechecks);
        assertEquals(List.of("A took 1", "done=true,false", "B took 2"), log);
    }

    // --- wait_for: timeouts of 0 and below, nested timeouts, a swallowed cancellation

    @Async
    Task<String> slow(long millis, String name) {
        try {
            await(sleep(millis));
            return Task.of(name);
        } catch (CancellationException e) {
            log.add(name + " cancelled");
            throw e;
        }
    }

    @Async
    Task<String> timeoutOf(long millis) {
        try {
            return Task.of(await(withTimeout(millis, slow(1000, "s" + millis))));
        } catch (TimeoutException e) {
            return Task.of("timeout " + millis);
        }
    }

    @Test
    void aTimeoutOfZeroOrLessTimesOutAPendingTask(TestLoop loop) {
        assertEquals("timeout 0", loop.run(() -> timeoutOf(0)));
        assertEquals("timeout -1", loop.run(() -> timeoutOf(-1)));
        // asyncio's coroutine never started, so only jawait's (started at the call) logs its cancellation
        assertEquals(List.of("s0 cancelled", "s-1 cancelled"), log);
    }

    @Async
    Task<String> innerTimeout(long innerMillis) {
        try {
            return Task.of(await(withTimeout(innerMillis, slow(10_000, "in" + innerMillis))));
        } catch (TimeoutException e) {
            log.add("inner timeout");
            return Task.of("inner value");
        }
    }

    @Async
    Task<String> nestedTimeouts(long innerMillis, long outerMillis) {
        try {
            return Task.of(await(withTimeout(outerMillis, innerTimeout(innerMillis))));
        } catch (TimeoutException e) {
            log.add("outer timeout");
            return Task.of("outer value");
        }
    }

    @Test
    void nestedTimeoutsFireOnlyTheOneThatExpired(TestLoop loop) throws Exception {
        assertEquals("outer value", loop.run(() -> nestedTimeouts(5000, 500)));
        assertEquals(List.of("in5000 cancelled", "outer timeout"), log);
        log.clear();
        assertEquals("inner value", loop.run(() -> nestedTimeouts(100, 5000)));
        assertEquals(List.of("in100 cancelled", "inner timeout"), log);
    }

    @Async
    Task<String> stubborn() {
        try {
            await(sleep(10_000));
            return Task.of("finished");
        } catch (CancellationException e) {
            log.add("swallowed");
            return Task.of("kept");
        }
    }

    @Test
    void aTaskThatSwallowsTheTimeoutsCancellationKeepsItsValue(TestLoop loop) throws Exception {
        assertEquals("kept", loop.run(() -> withTimeout(100, stubborn())));
        assertEquals(List.of("swallowed"), log);
    }

    @Async
    Task<Void> outerOfTimeout() throws TimeoutException {
        try {
            await(withTimeout(5000, slow(10_000, "slow")));
        } catch (CancellationException e) {
            log.add("outer cancelled");
            throw e;
        }
        return Task.done();
    }

    @Async
    Task<Void> cancelAroundATimeout() throws TimeoutException {
        Task<Void> outer = outerOfTimeout();
        await(sleep(100));
        outer.cancel();
        try {
            await(outer);
        } catch (CancellationException e) {
            log.add("main saw cancel"); // a TimeoutException would fail the test
        }
        return Task.done();
    }

    @Test
    void cancellingTheCallerOfATimeoutIsACancellationNotATimeout(TestLoop loop) throws TimeoutException {
        loop.run(this::cancelAroundATimeout);
        assertEquals(List.of("slow cancelled", "outer cancelled", "main saw cancel"), log);
    }

    // --- shield

    @Async
    Task<Integer> work() {
        await(sleep(200));
        log.add("work done");
        return Task.of(42);
    }

    @Async
    Task<Integer> shieldedWaiter(Task<Integer> inner) {
        try {
            return Task.of(await(shield(inner)));
        } catch (CancellationException e) {
            log.add("waiter cancelled");
            throw e;
        }
    }

    @Async
    Task<Integer> shieldScenario() {
        Task<Integer> inner = work();
        Task<Integer> waiter = shieldedWaiter(inner);
        await(sleep(100));
        waiter.cancel();
        try {
            await(waiter);
        } catch (CancellationException e) {
            log.add("inner done=" + inner.isDone());
        }
        return Task.of(await(inner));
    }

    @Test
    void cancellingAShieldedAwaitLeavesTheInnerTaskRunning(TestLoop loop) {
        assertEquals(42, loop.run(this::shieldScenario));
        assertEquals(List.of("waiter cancelled", "inner done=false", "work done"), log);
    }

    // --- gather

    @Async
    Task<List<String>> gatherScenarios() {
        Task<String> a = slow(100, "a");
        Task<String> b = slow(200, "b");
        Task<String> x = slow(300, "x");
        Task<List<Outcome<String>>> settled = gatherSettled(a, b, x);
        await(sleep(150));
        b.cancel();
        List<String> shown = new ArrayList<>();
        for (Outcome<String> o : await(settled)) {
            shown.add(o.isCancelled() ? "cancelled" : o.value());
        }
        log.add(shown.toString());
        log.add(String.valueOf(await(gather(List.<Task<String>>of()))));
        Task<String> t = slow(0, "t");
        return Task.of(await(gather(t, t)));
    }

    @Test
    void gatherSettledShowsACancelledChildAndGatherTakesEmptyAndRepeatedInputs(TestLoop loop) {
        assertEquals(List.of("t", "t"), loop.run(this::gatherScenarios));
        assertEquals(List.of("b cancelled", "[a, cancelled, x]", "[]"), log);
    }

    // --- TaskGroup: two children fail at the same time; a child whose cleanup fails

    @Async
    Task<String> failAfter(long millis, String name) {
        try {
            await(sleep(millis));
            throw new IllegalArgumentException(name);
        } catch (CancellationException e) {
            log.add(name + " cancelled");
            throw e;
        }
    }

    @Async
    Task<String> cleanupFails() {
        try {
            await(sleep(10_000));
            return Task.of("never");
        } finally {
            throw new IllegalStateException("cleanup");
        }
    }

    @Async
    Task<Void> groupWith(List<Task<String>> children) {
        try (TaskGroup group = new TaskGroup()) {
            for (Task<String> child : children) {
                group.spawn(child);
            }
        }
        return Task.done();
    }

    private static List<String> messages(Throwable primary) {
        List<String> all = new ArrayList<>();
        all.add(primary.getClass().getSimpleName() + ":" + primary.getMessage());
        for (Throwable s : primary.getSuppressed()) {
            all.add(s.getClass().getSimpleName() + ":" + s.getMessage());
        }
        all.sort(null);
        return all;
    }

    @Test
    void aGroupReportsEveryChildFailureNotOnlyTheFirst(TestLoop loop) {
        // asyncio raises ExceptionGroup([a, b]); jawait the first failure with the others suppressed
        Throwable withCleanup = assertThrows(IllegalArgumentException.class,
                () -> loop.run(() -> groupWith(List.of(failAfter(100, "d"), cleanupFails()))));
        assertEquals(List.of("IllegalArgumentException:d", "IllegalStateException:cleanup"), messages(withCleanup));
    }

    @Async
    Task<Void> groupWithCancelledChildThenBodyError() {
        Task<String> a;
        Task<String> b;
        try (TaskGroup group = new TaskGroup()) {
            a = group.spawn(slow(100, "a"));
            b = group.spawn(slow(200, "b"));
            await(sleep(0));
            b.cancel();
        }
        log.add("group ok a=" + a.resultNow() + " b.cancelled=" + b.isCancelled());
        try (TaskGroup group = new TaskGroup()) {
            group.spawn(slow(1000, "x"));
            await(sleep(0));
            throw new IllegalArgumentException("body");
        } catch (IllegalArgumentException e) {
            log.add("body error " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
        }
        return Task.done();
    }

    @Test
    void aCancelledChildIsNotAGroupFailureAndABodyErrorCancelsTheChildren(TestLoop loop) {
        loop.run(this::groupWithCancelledChildThenBodyError);
        assertEquals(List.of("b cancelled", "group ok a=a b.cancelled=true", "x cancelled", "body error body suppressed=0"), log);
    }

    // --- as_completed and wait

    @Async
    Task<List<String>> inCompletionOrder() {
        List<String> order = new ArrayList<>();
        for (Task<String> next : asCompleted(List.of(slow(300, "a"), slow(100, "b"), slow(200, "c"), slow(100, "d")))) {
            order.add(await(next));
        }
        return Task.of(order);
    }

    @Test
    void asCompletedYieldsInCompletionOrderTiesInCreationOrder(TestLoop loop) {
        assertEquals(List.of("b", "d", "c", "a"), loop.run(this::inCompletionOrder));
    }

    @Async
    Task<String> valueOrFailure(long millis, String name, boolean fail) {
        await(sleep(millis));
        if (fail) {
            throw new IllegalArgumentException(name);
        }
        return Task.of(name);
    }

    @Async
    Task<List<String>> waitModes() {
        List<Task<String>> tasks = List.of(valueOrFailure(300, "a", false), valueOrFailure(100, "b", true), valueOrFailure(200, "c", false));
        WaitResult<String> firstFailure = await(waitFor(tasks, WaitMode.FIRST_EXCEPTION));
        List<String> shown = new ArrayList<>();
        shown.add(firstFailure.done().size() + " done, " + firstFailure.pending().size() + " pending, "
                + firstFailure.done().get(0).exceptionNow().getMessage());
        Task<String> p = valueOrFailure(100, "p", false);
        p.cancel();
        WaitResult<String> cancelledIsNoException = await(waitFor(List.of(p, valueOrFailure(200, "q", false)), WaitMode.FIRST_EXCEPTION));
        shown.add(cancelledIsNoException.done().size() + " done, " + cancelledIsNoException.pending().size() + " pending");
        await(gatherSettled(tasks));
        return Task.of(shown);
    }

    @Test
    void waitFirstExceptionStopsAtAFailureButNotAtACancellation(TestLoop loop) {
        assertEquals(List.of("1 done, 2 pending, b", "2 done, 0 pending"), loop.run(this::waitModes));
    }

    // --- cancel() return values

    @Async
    Task<String> swallowsOnce() {
        try {
            await(sleep(1000));
            return Task.of("slept");
        } catch (CancellationException e) {
            log.add("caught");
            await(sleep(100));
            return Task.of("swallowed");
        }
    }

    @Async
    Task<List<Boolean>> cancelResults() {
        List<Boolean> r = new ArrayList<>();
        Task<String> s = swallowsOnce();
        await(sleep(0));
        r.add(s.cancel());
        r.add(s.cancel());
        log.add(await(s));
        r.add(s.isCancelled());
        r.add(s.cancel());
        return Task.of(r);
    }

    @Test
    void cancelReturnsTrueWhileTheTaskIsPendingAndFalseOnceItIsDone(TestLoop loop) {
        // asyncio: [True, True, ..., False, False]: a second cancel() of a pending task is still True
        assertEquals(List.of(true, true, false, false), loop.run(this::cancelResults));
        assertEquals(List.of("caught", "swallowed"), log);
    }

    // --- done callbacks and awaiters resume in the order they registered

    @Async
    Task<Void> awaiter(Task<Integer> t, String name) {
        await(t);
        log.add(name);
        return Task.done();
    }

    @Async
    Task<Void> callbackOrder() {
        Task<Integer> t = work();
        Task<Void> a = awaiter(t, "awaiter1");
        t.onComplete((v, e) -> log.add("cb1"));
        Task<Void> b = awaiter(t, "awaiter2");
        t.onComplete((v, e) -> log.add("cb2"));
        await(gather(a, b));
        return Task.done();
    }

    @Test
    void awaitersAndCallbacksRunInRegistrationOrder(TestLoop loop) {
        loop.run(this::callbackOrder);
        assertEquals(List.of("work done", "awaiter1", "cb1", "awaiter2", "cb2"), log);
    }

    // --- Barrier

    @Async
    Task<Void> party(AsyncBarrier barrier, String name, long millis) {
        await(sleep(millis));
        int index = await(barrier.arriveAndWait());
        log.add(name + index);
        return Task.done();
    }

    @Async
    Task<Void> brokenParty(AsyncBarrier barrier, String name) {
        try {
            await(barrier.arriveAndWait());
        } catch (BarrierBrokenException e) {
            log.add(name + " broken");
        }
        return Task.done();
    }

    @Async
    Task<Void> barrierScenario() {
        AsyncBarrier barrier = new AsyncBarrier(3);
        await(gather(party(barrier, "a", 300), party(barrier, "b", 100), party(barrier, "c", 200)));
        AsyncBarrier aborted = new AsyncBarrier(3);
        List<Task<Void>> waiting = List.of(brokenParty(aborted, "x"), brokenParty(aborted, "y"));
        await(sleep(0));
        aborted.abort();
        await(gather(waiting));
        return Task.done();
    }

    @Test
    void barrierIndicesFollowArrivalAndAbortBreaksTheWaiters(TestLoop loop) {
        loop.run(this::barrierScenario);
        List<String> sorted = new ArrayList<>(log.subList(0, 3));
        sorted.sort(null);
        assertEquals(Arrays.asList("a2", "b0", "c1"), sorted);
        assertEquals(List.of("x broken", "y broken"), log.subList(3, 5));
    }

    // --- two tasks await one task; the first to resume cancels the second

    @Async
    Task<Void> resumesFirst(Task<Integer> shared, List<Task<Integer>> other) {
        log.add("A got " + await(shared));
        log.add("cancel other -> " + other.get(0).cancel());
        return Task.done();
    }

    @Async
    Task<Integer> resumesSecond(Task<Integer> shared) {
        try {
            int v = await(shared);
            log.add("B got " + v);
            return Task.of(v);
        } catch (CancellationException e) {
            log.add("B cancelled");
            throw e;
        }
    }

    @Async
    Task<Void> coWaiterCancelled() {
        Task<Integer> shared = work();
        List<Task<Integer>> other = new ArrayList<>();
        Task<Void> a = resumesFirst(shared, other);
        Task<Integer> b = resumesSecond(shared);
        other.add(b);
        await(gatherSettled(a, b));
        log.add("B cancelled=" + b.isCancelled());
        return Task.done();
    }

    @Test
    void aTaskCancelledAfterItsAwaitedTaskCompletedButBeforeItResumedIsCancelled(TestLoop loop) {
        loop.run(this::coWaiterCancelled);
        assertEquals(List.of("work done", "A got 42", "cancel other -> true", "B cancelled", "B cancelled=true"), log);
    }

    @Async
    Task<Integer> awaitsTheSecond(Task<Integer> shared) {
        try {
            return Task.of(await(resumesSecond(shared)));
        } catch (CancellationException e) {
            log.add("C cancelled");
            throw e;
        }
    }

    @Async
    Task<Void> chainOverACoWaiterCancelled() {
        Task<Integer> shared = work();
        List<Task<Integer>> other = new ArrayList<>();
        Task<Void> a = resumesFirst(shared, other);
        Task<Integer> c = awaitsTheSecond(shared);
        other.add(c);
        await(gatherSettled(a, c));
        log.add("C cancelled=" + c.isCancelled());
        return Task.done();
    }

    @Test
    void cancellingAChainWhoseInnermostAwaitedTaskJustCompletedCancelsItInnermostFirst(TestLoop loop) {
        loop.run(this::chainOverACoWaiterCancelled);
        assertEquals(List.of("work done", "A got 42", "cancel other -> true", "B cancelled", "C cancelled", "C cancelled=true"), log);
    }

    // --- wait_for around ev.wait(), sem.acquire(), q.get(), lock.acquire(): no waiter is left behind

    @Async
    Task<String> timedOutWaitsLeaveNothing() {
        AsyncEvent event = new AsyncEvent();
        AsyncSemaphore sem = new AsyncSemaphore(1);
        await(sem.acquire());
        AsyncQueue<Integer> queue = new AsyncQueue<>();
        AsyncLock lock = new AsyncLock();
        await(lock.lock());
        for (Task<?> wait : List.of(event.whenSet(), sem.acquire(), queue.take(), lock.lock())) {
            try {
                await(withTimeout(10, wait));
            } catch (TimeoutException e) {
                // as expected
            }
        }
        String waiting = event + " " + sem + " " + queue + " " + lock;
        sem.release();
        queue.offer(1);
        lock.unlock();
        return Task.of(waiting + " | " + sem.availablePermits() + " " + queue.size() + " " + lock.isLocked());
    }

    @Test
    void aTimedOutWaitLeavesNoWaiterBehind(TestLoop loop) {
        assertEquals("AsyncEvent[not set, waiting=0] AsyncSemaphore[available=0, waiting=0]"
                + " AsyncQueue[size=0, capacity=unbounded, takers=0, putters=0] AsyncLock[locked, waiting=0] | 1 1 false",
                loop.run(this::timedOutWaitsLeaveNothing));
    }

    @Async
    Task<String> failingCleanup() {
        try {
            await(sleep(10_000));
            return Task.of("never");
        } finally {
            throw new IllegalStateException("cleanup");
        }
    }

    @Test
    void aTimeoutWhoseTaskFailsInItsCleanupFailsWithThatFailure(TestLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(() -> withTimeout(100, failingCleanup())));
        assertEquals("cleanup", e.getMessage());
    }

    // --- Condition.wait_for(predicate) cancelled after a signal that left the predicate false

    @Async
    Task<Void> waitsForAnItem(AsyncCondition cond) {
        await(cond.lock().lock());
        try {
            await(cond.waitUntil(() -> !items.isEmpty()));
            log.add("T got");
        } catch (CancellationException e) {
            log.add("T cancelled locked=" + cond.lock().isLocked());
            throw e;
        } finally {
            cond.lock().unlock();
        }
        return Task.done();
    }

    @Async
    Task<Boolean> cancelAfterASpuriousSignal() {
        AsyncCondition cond = new AsyncCondition();
        Task<Void> t = waitsForAnItem(cond);
        await(sleep(0));
        await(cond.lock().lock());
        cond.signalAll(); // the predicate stays false
        await(sleep(0));
        log.add("cancel -> " + t.cancel());
        cond.lock().unlock();
        Task<Void> bounded = Tasks.withTimeoutOrNull(1000, t);
        await(gatherSettled(bounded));
        log.add(t.isCancelled() ? "task cancelled" : t.isDone() ? "task done" : "HUNG");
        t.cancel();
        await(gatherSettled(t));
        return Task.of(cond.lock().isLocked());
    }

    @Test
    void waitUntilCancelledAfterASignalThatLeftThePredicateFalseEndsCancelled(TestLoop loop) {
        assertFalse(loop.run(this::cancelAfterASpuriousSignal));
        assertEquals(List.of("cancel -> true", "T cancelled locked=true", "task cancelled"), log);
    }

    @Async
    Task<Void> handleCoWaiterCancelled() {
        Task<Integer> shared = work();
        List<Task<Integer>> other = new ArrayList<>();
        Task<Void> a = resumesFirst(shared, other);
        Task<Integer> b = resumesSecond(Tasks.spawn(shared)); // awaits the handle, which completes like shared
        other.add(b);
        await(gatherSettled(a, b));
        log.add("B cancelled=" + b.isCancelled());
        return Task.done();
    }

    @Test
    void aTaskAwaitingASpawnHandleIsCancelledLikeOneAwaitingTheTaskItself(TestLoop loop) {
        loop.run(this::handleCoWaiterCancelled);
        assertEquals(List.of("work done", "A got 42", "cancel other -> true", "B cancelled", "B cancelled=true"), log);
    }

    // --- a second cancel() while the task cleans up after the first cancels the cleanup's await

    @Async
    Task<String> cleansUpSlowly() {
        try {
            await(sleep(1000));
            return Task.of("slept");
        } catch (CancellationException e) {
            log.add("caught");
            try {
                await(sleep(100));
            } catch (CancellationException again) {
                log.add("cleanup cancelled");
                throw again;
            }
            return Task.of("swallowed");
        }
    }

    @Async
    Task<Boolean> cancelTwiceAcrossTheCleanup() {
        Task<String> s = cleansUpSlowly();
        await(sleep(0));
        log.add("cancel -> " + s.cancel());
        await(sleep(0));
        log.add("cancel -> " + s.cancel());
        try {
            log.add(await(s));
        } catch (CancellationException e) {
            log.add("cancelled");
        }
        return Task.of(s.isCancelled());
    }

    @Test
    void aSecondCancelWhileTheTaskCleansUpCancelsTheCleanupsAwait(TestLoop loop) {
        assertTrue(loop.run(this::cancelTwiceAcrossTheCleanup));
        assertEquals(List.of("cancel -> true", "caught", "cancel -> true", "cleanup cancelled", "cancelled"), log);
    }

    // --- a TaskGroup child that fails before its first await

    @Async
    Task<String> failsAtOnce() {
        throw new IllegalArgumentException("at once");
    }

    @Async
    Task<Void> groupWithAChildFailingAtOnce() {
        try (TaskGroup group = new TaskGroup()) {
            group.spawn(slow(1000, "slow"));
            group.spawn(failsAtOnce());
            log.add("body done");
        } catch (IllegalArgumentException e) {
            log.add("group failed: " + e.getMessage());
        }
        return Task.done();
    }

    @Test
    void aChildThatFailsBeforeItsFirstAwaitFailsTheGroup(TestLoop loop) {
        loop.run(this::groupWithAChildFailingAtOnce);
        // asyncio's child fails once the body yields, jawait's at the call; the cancelled sibling's
        // catch runs from the ready queue in both, after the body
        assertEquals(List.of("body done", "slow cancelled", "group failed: at once"), log);
    }

    // --- sleeps ending at the same instant: documented difference (docs/semantics.md, "Timers")

    @Async
    Task<String> firstCompletedAtOneInstant() {
        List<Task<String>> tasks = List.of(slow(100, "x"), slow(100, "y"), slow(200, "z"));
        WaitResult<String> r = await(waitFor(tasks, WaitMode.FIRST_COMPLETED));
        String shown = r.done().size() + " done, " + r.pending().size() + " pending";
        await(gather(tasks));
        return Task.of(shown);
    }

    @Test
    void sleepsEndingAtOneInstantResumeOneAtATime(TestLoop loop) {
        // asyncio: "2 done, 1 pending" and ExceptionGroup([a, b]): it ends every due sleep first
        assertEquals("1 done, 2 pending", loop.run(this::firstCompletedAtOneInstant));
        Throwable one = assertThrows(IllegalArgumentException.class,
                () -> loop.run(() -> groupWith(List.of(failAfter(100, "a"), failAfter(100, "b"), failAfter(1000, "c")))));
        assertEquals(List.of("IllegalArgumentException:a"), messages(one));
        assertEquals(List.of("b cancelled", "c cancelled"), log);
    }

    @Test
    void nestedTimeoutsExpiringAtOneInstantEndInTheOuterTimeout(TestLoop loop) {
        // the inner timer fires first, but the inner task's cancellation runs from the ready queue,
        // after the outer timer, which cancels the inner method: asyncio logs the same
        assertEquals("outer value", loop.run(() -> nestedTimeouts(100, 100)));
        assertEquals(List.of("in100 cancelled", "outer timeout"), log);
    }

    // --- a task that cancels itself and returns without another await

    @Async
    Task<String> cancelsItselfThenReturns(List<Task<String>> self) {
        await(sleep(0)); // its own handle is known from here on
        log.add("cancel -> " + self.get(0).cancel());
        return Task.of("value");
    }

    @Async
    Task<String> selfCancel() {
        List<Task<String>> self = new ArrayList<>();
        Task<String> t = cancelsItselfThenReturns(self);
        self.add(t);
        try {
            return Task.of("result " + await(t));
        } catch (CancellationException e) {
            return Task.of("cancelled " + t.isCancelled());
        }
    }

    @Test
    void aTaskCancelledWhileItRunsEndsCancelledEvenIfItReturnsWithoutAnotherAwait(TestLoop loop) {
        assertEquals("cancelled true", loop.run(this::selfCancel));
        assertEquals(List.of("cancel -> true"), log);
    }
}
