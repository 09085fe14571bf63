package io.jawait.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Diagnostics;
import io.jawait.EventLoop;
import io.jawait.Task;
import io.jawait.Tasks;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JMX bean appears once the JVM has a platform MBean server (here the test makes it, as a JMX
 * agent or jconsole attaching would), and its operation is the task dump of every loop.
 */
@Timeout(120)
class DiagnosticsBeanTest {

    @Test
    void theBeanDumpsEveryLoopAndChangesTheSettings() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> sleeping = Tasks.sleep(600_000);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.jawait:type=Diagnostics");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!server.isRegistered(name) && System.nanoTime() < deadline) {
                Thread.sleep(20); // the monitor looks for the server about once a second
            }
            assertTrue(server.isRegistered(name), "registered within a minute of the server's creation");
            // Called from another thread, as a JMX client's request is: the loop answers when it runs.
            var dump = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return (String) server.invoke(name, "dumpTasks", new Object[0], new String[0]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            loop.runUntilDone(Tasks.toThread(() -> dump.join()));
            assertTrue(dump.join().contains("EventLoop[thread=" + Thread.currentThread().getName()), dump.join());
            assertTrue((int) server.getAttribute(name, "OpenLoops") >= 1);
            server.setAttribute(name, new Attribute("SlowStepThresholdMillis", 250L));
            assertEquals(Duration.ofMillis(250), Diagnostics.slowStepThreshold());
            assertEquals(250L, server.getAttribute(name, "SlowStepThresholdMillis"));
            server.setAttribute(name, new Attribute("DebugMode", true));
            assertTrue(Diagnostics.isDebugMode());
            server.setAttribute(name, new Attribute("DebugMode", false));
            sleeping.cancel();
        } finally {
            Diagnostics.setSlowStepThreshold(Duration.ofMillis(100));
        }
    }
}
