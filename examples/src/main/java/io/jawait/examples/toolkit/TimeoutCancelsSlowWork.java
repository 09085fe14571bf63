package io.jawait.examples.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;
import static io.jawait.Tasks.withTimeout;
import static io.jawait.Tasks.withTimeoutOrNull;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * A timeout that cancels slow work: the slow report is cancelled at its await, its cleanup runs,
 * and only then does the caller get {@code TimeoutException}; {@code withTimeoutOrNull} turns the
 * same situation into a fallback value.
 */
public final class TimeoutCancelsSlowWork {
    private TimeoutCancelsSlowWork() {
    }

    @Async
    static Task<String> slowReport(long millis) {
        System.out.println("  report: started, needs " + millis + " ms");
        try {
            await(sleep(millis));
            System.out.println("  report: finished");
            return Task.of("report after " + millis + " ms");
        } catch (CancellationException e) {
            System.out.println("  report: cancelled at its await, cleaning up");
            throw e;
        } finally {
            System.out.println("  report: finally ran");
        }
    }

    @Async
    static Task<Void> main() throws TimeoutException {
        System.out.println("fast enough (100 ms allowed 300 ms):");
        System.out.println("  got: " + await(withTimeout(300, slowReport(100))));

        System.out.println("too slow (1000 ms allowed 200 ms):");
        long start = System.nanoTime();
        try {
            await(withTimeout(200, slowReport(1000)));
        } catch (TimeoutException e) {
            System.out.printf("  caller: %s after %d ms%n", e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
        }

        System.out.println("with a fallback:");
        String report = await(withTimeoutOrNull(200, slowReport(1000)));
        System.out.println("  got: " + (report != null ? report : "the cached report (timed out)"));
        return Task.done();
    }

    public static void main(String[] args) throws TimeoutException {
        Tasks.run(TimeoutCancelsSlowWork::main);
    }
}
