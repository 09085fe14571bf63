package io.jawait.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Diagnostics;
import io.jawait.EventLoop;
import io.jawait.EventLoopThread;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.internal.Coroutine;
import io.jawait.internal.jfr.FlightRecorderBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * (In a package of its own: frames of io.jawait.internal are left out of the stacks it checks.)
 * The Flight Recorder events, recorded in this JVM and read back: a task's life, the loops'
 * statistics, slow steps and the task dump. Every wait is for an event to arrive, bounded.
 */
@Timeout(180)
class FlightRecorderEventsTest {

    /** {@code @Async Task<String> napThen(long ms, String v) { await(sleep(ms)); return Task.of(v); }}, by hand. */
    private static final class NapThen extends Coroutine<String> {
        int $state;
        final long millis;
        final String value;

        NapThen(long millis, String value) {
            this.millis = millis;
            this.value = value;
        }

        @Override
        public String taskName() {
            return "Test.napThen";
        }

        @Override
        protected void $step() {
            try {
                if ($state == 0) {
                    $state = 1;
                    if ($await(Tasks.sleep(millis))) {
                        return;
                    }
                }
                $result();
                if (value == null) {
                    throw new IllegalStateException("no value");
                }
                $complete(value);
            } catch (Throwable t) {
                $fail(t);
            }
        }
    }

    /** Waits (bounded) until the loop monitor has connected the task events to the recording. */
    private static void awaitTaskEventsOn() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!FlightRecorderBridge.taskEventsOn() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(FlightRecorderBridge.taskEventsOn(), "task events on while a recording enables them");
    }

    @Test
    void aTaskStartsSuspendsResumesAndCompletes() throws Exception {
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch failedSeen = new CountDownLatch(1);
        try (RecordingStream stream = new RecordingStream(); EventLoop loop = new EventLoop()) {
            for (String name : List.of("io.jawait.TaskStart", "io.jawait.TaskSuspend", "io.jawait.TaskResume",
                    "io.jawait.TaskComplete")) {
                stream.enable(name);
                stream.onEvent(name, e -> {
                    if (e.getString("task").equals("Test.napThen")) {
                        events.add(e);
                        if (name.equals("io.jawait.TaskComplete") && e.getString("outcome").equals("failed")) {
                            failedSeen.countDown();
                        }
                    }
                });
            }
            stream.startAsync();
            awaitTaskEventsOn();
            Task<String> ok = new NapThen(1, "v").$start();
            loop.runUntilDone(ok);
            Task<String> failing = new NapThen(1, null).$start();
            loop.runUntilDone(Tasks.sleep(5));
            assertThrows(IllegalStateException.class, failing::join);
            assertTrue(failedSeen.await(1, TimeUnit.MINUTES), "events arrive: " + events);
        }
        List<RecordedEvent> first = events.stream()
                .filter(e -> e.getLong("taskId") == events.get(0).getLong("taskId")).collect(Collectors.toList());
        assertEquals(List.of("io.jawait.TaskStart", "io.jawait.TaskSuspend", "io.jawait.TaskResume", "io.jawait.TaskComplete"),
                first.stream().map(e -> e.getEventType().getName()).collect(Collectors.toList()));
        RecordedEvent suspend = first.get(1);
        assertTrue(suspend.getString("awaiting").startsWith("Task[sleep"), suspend.toString());
        assertEquals("Test.napThen", suspend.getString("location"), "a hand-written coroutine has no line table");
        assertEquals("succeeded", first.get(3).getString("outcome"));
        RecordedEvent failed = events.get(events.size() - 1);
        assertEquals("failed", failed.getString("outcome"));
        assertEquals("java.lang.IllegalStateException: no value", failed.getString("failure"));
    }

    @Test
    void eachLoopReportsItsStatisticsPeriodically() throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        List<RecordedEvent> mine = new CopyOnWriteArrayList<>();
        String thread = Thread.currentThread().getName();
        try (RecordingStream stream = new RecordingStream(); EventLoop loop = new EventLoop()) {
            stream.enable("io.jawait.LoopStatistics").withPeriod(Duration.ofMillis(20));
            stream.onEvent("io.jawait.LoopStatistics", e -> {
                if (e.getThread("loopThread").getJavaName().equals(thread) && e.getInt("timers") == 2) {
                    mine.add(e);
                    seen.countDown();
                }
            });
            stream.startAsync();
            Task<Void> a = Tasks.sleep(600_000);
            Task<Void> b = Tasks.sleep(600_000);
            assertTrue(seen.await(1, TimeUnit.MINUTES), "a statistics event of this loop with its two timers");
            RecordedEvent e = mine.get(0);
            assertEquals(0, e.getInt("ready"));
            assertEquals(0, e.getInt("channels"));
            a.cancel();
            b.cancel();
        }
    }

    @Test
    void aSlowStepIsRecordedWithTheTaskAndHowLongItHeld() throws Exception {
        CountDownLatch warned = new CountDownLatch(1);
        CountDownLatch seen = new CountDownLatch(1);
        List<RecordedEvent> slow = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger("io.jawait");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage().contains("has held event loop thread 'jfr-slow-loop'")) {
                    warned.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable("io.jawait.SlowStep");
            stream.onEvent("io.jawait.SlowStep", e -> {
                if (e.getThread("loopThread").getJavaName().equals("jfr-slow-loop")) {
                    slow.add(e);
                    seen.countDown();
                }
            });
            stream.startAsync();
            Diagnostics.setSlowStepThreshold(Duration.ofMillis(20));
            try (EventLoopThread owner = EventLoopThread.start("jfr-slow-loop")) {
                owner.loop().execute(() -> {
                    try {
                        warned.await(1, TimeUnit.MINUTES); // holds the loop until the monitor has seen it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                // The event is committed once the step has let go; keep the loop open till then.
                assertTrue(seen.await(1, TimeUnit.MINUTES), "a slow-step event");
            } finally {
                Diagnostics.setSlowStepThreshold(Duration.ofMillis(100));
            }
        } finally {
            jul.removeHandler(handler);
        }
        RecordedEvent e = slow.get(0);
        assertEquals("a callback", e.getString("task"));
        assertTrue(e.getString("location").startsWith(FlightRecorderEventsTest.class.getName() + ".lambda$"), e.toString());
        assertTrue(e.getDuration("heldFor").toMillis() >= 20, e.toString());
        assertTrue(e.getString("stack").contains("CountDownLatch.await"), e.toString());
    }

    @Test
    void everyChunkCarriesATaskDump() throws Exception {
        Path file = Files.createTempFile("jawait-dump", ".jfr");
        try (EventLoopThread owner = EventLoopThread.start("jfr-dump-loop"); Recording recording = new Recording()) {
            recording.enable("io.jawait.TaskDump");
            recording.start();
            CountDownLatch started = new CountDownLatch(1);
            owner.loop().execute(() -> {
                new NapThen(600_000, "late").$start();
                started.countDown();
            });
            assertTrue(started.await(1, TimeUnit.MINUTES));
            recording.stop(); // ends the chunk: the dump is taken then, with the loop still open
            recording.dump(file);
            List<String> dumps = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("io.jawait.TaskDump"))
                    .map(e -> e.getString("dump")).collect(Collectors.toList());
            assertTrue(dumps.stream().anyMatch(d -> d.contains("EventLoop[thread=jfr-dump-loop")
                    && d.contains("\nTest.napThen awaiting, age ")), dumps.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
