package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A step that holds its loop past the threshold is reported by the monitor thread while it holds
 * it, and again once it lets go. The step below blocks until the warning has been logged, so the
 * test does not depend on how fast anything runs.
 */
@Timeout(120)
class SlowStepTest {
    private static final Logger JUL = Logger.getLogger("io.jawait");
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CountDownLatch warned = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String m = record.getMessage();
            if (m.contains("event loop thread 'slow-step-loop'")) {
                messages.add(record.getLevel() + " " + m);
                (m.contains(" released ") ? released : warned).countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        JUL.addHandler(handler);
    }

    @AfterEach
    void restore() {
        JUL.removeHandler(handler);
        Diagnostics.setSlowStepThreshold(Duration.ofMillis(100));
    }

    @Test
    void aBlockingCallbackIsReportedWithWhereTheLoopIsThenWhenItLetsGo() throws Exception {
        Diagnostics.setSlowStepThreshold(Duration.ofMillis(20));
        Thread owner = new Thread(() -> {
            try (EventLoop loop = new EventLoop()) {
                loop.runUntilDone(loop.schedule(0, this::blockUntilWarned));
            }
        }, "slow-step-loop");
        owner.start();
        owner.join(TimeUnit.MINUTES.toMillis(1));
        assertTrue(released.await(1, TimeUnit.MINUTES), "the end of the slow step is reported: " + messages);
        assertEquals(2, messages.size(), messages.toString());
        String warning = messages.get(0);
        assertTrue(warning.startsWith("WARNING jawait: a callback has held event loop thread 'slow-step-loop' for "), warning);
        assertTrue(warning.contains("(slow-step threshold 20 ms), now at " + SlowStepTest.class.getName() + ".blockUntilWarned("
                + "SlowStepTest.java:"), warning);
        assertTrue(warning.contains("\n\tat java.util.concurrent.CountDownLatch.await("), warning);
        assertTrue(!warning.contains("io.jawait.internal."), "the runtime's frames are left out: " + warning);
        assertTrue(messages.get(1).startsWith("INFO jawait: a callback released event loop thread 'slow-step-loop' after at least "),
                messages.get(1));
    }

    private void blockUntilWarned() {
        try {
            assertTrue(warned.await(1, TimeUnit.MINUTES), "the monitor reports a step while it holds the loop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theThresholdIsSetForEveryLoopAndZeroTurnsReportsOff() {
        Diagnostics.setSlowStepThreshold(Duration.ZERO);
        assertEquals(Duration.ZERO, Diagnostics.slowStepThreshold());
        Diagnostics.setSlowStepThreshold(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), Diagnostics.slowStepThreshold());
        assertThrows(IllegalArgumentException.class, () -> Diagnostics.setSlowStepThreshold(Duration.ofMillis(-1)));
    }
}
