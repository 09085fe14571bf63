package io.jawait.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.startOn;
import static io.jawait.Tasks.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many tasks of four loops (on whatever cores there are) calling each other across loops at once,
 * some of the calls cancelled or failing, then the group closed while calls are still in flight:
 * every call ends exactly once, accounted for, and closing never hangs. The interleavings differ
 * from run to run; what is checked holds for all of them.
 */
@Timeout(120)
class CrossLoopTrafficTest {
    private final AtomicInteger remoteRuns = new AtomicInteger();
    private final AtomicInteger remoteFinallies = new AtomicInteger();
    private final List<Throwable> unhandled = Collections.synchronizedList(new ArrayList<>());

    @Async
    Task<Integer> remote(int value, boolean fail, boolean slow) {
        remoteRuns.incrementAndGet();
        try {
            await(slow ? sleep(1) : yieldNow());
            if (fail) {
                throw new IllegalStateException("planned failure " + value);
            }
            return Task.of(value);
        } finally {
            remoteFinallies.incrementAndGet();
        }
    }

    /**
     * Calls other loops {@code calls} times, cancelling some calls at once; returns how many ended
     * as they may: with the value or the planned failure, or (only if cancelled, and unless the
     * call had already finished over there) with CancellationException.
     */
    @Async
    Task<Long> caller(EventLoopGroup group, int seed, int calls) {
        Random random = new Random(seed);
        long fine = 0;
        for (int i = 0; i < calls; i++) {
            EventLoop target = group.loop(random.nextInt(group.size()));
            int value = random.nextInt(100);
            boolean fail = random.nextInt(10) == 0;
            boolean cancel = random.nextInt(10) == 0;
            boolean slow = random.nextBoolean();
            Task<Integer> call = startOn(target, () -> remote(value, fail, slow));
            if (cancel) {
                call.cancel();
            }
            try {
                if (await(call) == value && !fail) {
                    fine++;
                }
            } catch (CancellationException e) {   // an IllegalStateException too: caught first
                if (cancel) {
                    fine++;
                }
            } catch (IllegalStateException e) {
                if (fail && e.getMessage().equals("planned failure " + value)) {
                    fine++;
                }
            }
        }
        return Task.of(fine);
    }

    @Async
    Task<Long> everyoneCallsEveryone(EventLoopGroup group, int callers, int calls) {
        List<Task<Long>> all = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int seed = c;
            all.add(startOn(group.loop(c % group.size()), () -> caller(group, seed, calls)));
        }
        long total = 0;
        for (long s : await(gather(all))) {
            total += s;
        }
        return Task.of(total);
    }

    @Test
    void everyCallEndsOnceAndTheTotalsAddUp() {
        int callers = 40;
        int calls = 50;
        long total;
        try (EventLoopGroup group = new EventLoopGroup("t", 4)) {
            group.setUnhandledErrorHandler((name, e) -> unhandled.add(e));
            total = group.run(() -> everyoneCallsEveryone(group, callers, calls));
        }
        assertEquals(callers * calls, total, "calls that ended as they may");
        assertEquals(remoteRuns.get(), remoteFinallies.get(), "every remote call that started has ended");
        assertTrue(remoteRuns.get() <= callers * calls);
        assertEquals(List.of(), unhandled);
    }

    @Async
    Task<Void> forever(EventLoopGroup group, int seed) {
        Random random = new Random(seed);
        while (true) {
            EventLoop target = group.loop(random.nextInt(group.size()));
            try {
                await(startOn(target, () -> remote(1, false, true)));
            } catch (CancellationException stop) {
                return Task.done();
            }
        }
    }

    @Test
    void closingTheGroupWhileCallsAreInFlightEndsThemAll() {
        EventLoopGroup group = new EventLoopGroup("t", 4);
        group.setUnhandledErrorHandler((name, e) -> unhandled.add(e));
        for (int c = 0; c < 40; c++) {
            int seed = c;
            group.loop(c % 4).execute(() -> forever(group, seed));
        }
        while (remoteRuns.get() < 400) {
            assertFalse(Thread.currentThread().isInterrupted(), "timed out: the loops stopped calling each other");
            Thread.onSpinWait();
        }
        group.close();
        for (EventLoop loop : group.loops()) {
            assertTrue(loop.toString().endsWith(", closed]"), loop.toString());
        }
        assertEquals(remoteRuns.get(), remoteFinallies.get(), "every remote call that started has ended");
        assertEquals(List.of(), unhandled);
    }
}
