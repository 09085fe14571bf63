package io.jawait.examples.tutorial;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gatherSettled;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Outcome;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.List;

/**
 * Tutorial part 3, "error handling": an ordinary try/catch around an await, a settled gather that
 * reports each outcome instead of failing, and a task started early and awaited later.
 */
public final class ErrorHandling {
    private ErrorHandling() {
    }

    @Async
    static Task<Integer> risky(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("Can't process zero");
        }
        await(sleep(100));
        return Task.of(n * 10);
    }

    @Async
    static Task<Void> main() {
        try {
            int result = await(risky(0));
            System.out.println("Result: " + result);
        } catch (IllegalArgumentException e) {
            System.out.println("Caught: " + e.getMessage());
        }

        // Like gather(..., return_exceptions=True): every outcome, none of them thrown.
        List<Outcome<Integer>> results = await(gatherSettled(risky(1), risky(0), risky(3)));
        for (Outcome<Integer> r : results) {
            if (r.isFailure()) {
                System.out.println(" Error: " + r.error().getMessage());
            } else {
                System.out.println(" Result: " + r.value());
            }
        }

        // Calling an @Async method starts it at once; await its task when the result is needed.
        Task<Integer> task = risky(5);
        System.out.println("Task created, doing other work...");
        int result = await(task);
        System.out.println("Task result: " + result);
        return Task.done();
    }

    public static void main(String[] args) {
        Tasks.run(ErrorHandling::main);
    }
}
