package io.jawait.debug;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.Diagnostics;
import io.jawait.StepListener;
import io.jawait.Task;
import io.jawait.TaskLocal;
import io.jawait.test.TestLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Carrying a task-local into a thread-bound logging context (what SLF4J's MDC is: a map per
 * thread; a stand-in here, so that the test needs no logging library), and step listeners. On
 * virtual time, so that the tasks interleave the same way on every run.
 */
class LoggingContextTest {
    /** The stand-in for org.slf4j.MDC. */
    private static final ThreadLocal<Map<String, String>> MDC = ThreadLocal.withInitial(HashMap::new);
    private static final TaskLocal<String> REQUEST_ID = new TaskLocal<>("requestId");
    private final List<String> log = new ArrayList<>();

    /** What a logger with the MDC in its pattern would print. */
    private void info(String message) {
        log.add("[" + MDC.get().get("requestId") + "] " + message);
    }

    @Async
    Task<Void> handle(String id, int pause) {
        info("before set");
        REQUEST_ID.set(id);
        info("start");
        await(sleep(pause));
        info("after sleep");
        await(audit());
        info("end");
        return Task.done();
    }

    @Async
    Task<Void> audit() {
        info("audit");
        await(sleep(1));
        info("audit after sleep");
        return Task.done();
    }

    @Async
    Task<Void> server() {
        await(gather(handle("r1", 5), handle("r2", 1)));
        info("server");
        return Task.done();
    }

    @Test
    void aMirroredTaskLocalIsInTheThreadsContextInEveryStepOfItsTask() {
        Runnable remove = REQUEST_ID.mirror(id -> {
            if (id == null) {
                MDC.get().remove("requestId");
            } else {
                MDC.get().put("requestId", id);
            }
        });
        try {
            TestLoop.runTest(this::server);
        } finally {
            remove.run();
        }
        assertEquals(List.of("[null] before set", "[r1] start", "[null] before set", "[r2] start",
                "[r2] after sleep", "[r2] audit", "[r2] audit after sleep", "[r2] end",
                "[r1] after sleep", "[r1] audit", "[r1] audit after sleep", "[r1] end", "[null] server"), log);
        assertNull(MDC.get().get("requestId"), "nothing left in the thread once the loop is done");
    }

    @Test
    void stepListenersRunAroundEveryStepInNestedOrder() {
        List<String> seen = new ArrayList<>();
        StepListener listener = new StepListener() {
            @Override
            public Object beforeStep(Task<?> task) {
                seen.add("before " + task.taskName());
                return task.taskName();
            }

            @Override
            public void afterStep(Task<?> task, Object fromBefore) {
                seen.add("after " + fromBefore);
            }
        };
        Diagnostics.addStepListener(listener);
        try {
            TestLoop.runTest(this::audit);
        } finally {
            assertTrue(Diagnostics.removeStepListener(listener));
        }
        assertEquals(List.of("before LoggingContextTest.audit", "after LoggingContextTest.audit",
                "before LoggingContextTest.audit", "after LoggingContextTest.audit"), seen);
        seen.clear();
        TestLoop.runTest(this::audit);
        assertEquals(List.of(), seen, "removed");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTask() {
        StepListener broken = new StepListener() {
            @Override
            public Object beforeStep(Task<?> task) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void afterStep(Task<?> task, Object fromBefore) {
                throw new IllegalStateException("broken listener");
            }
        };
        Diagnostics.addStepListener(broken);
        try {
            TestLoop.runTest(this::audit);
        } finally {
            Diagnostics.removeStepListener(broken);
        }
        assertEquals(List.of("[null] audit", "[null] audit after sleep"), log);
    }
}
