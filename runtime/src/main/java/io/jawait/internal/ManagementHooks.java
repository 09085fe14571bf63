package io.jawait.internal;

import java.util.concurrent.TimeUnit;

/**
 * Makes the loops reachable from outside the process, from the {@link LoopMonitor}'s thread:
 * <ul>
 * <li>the JMX bean {@code io.jawait:type=Diagnostics} ({@link DiagnosticsBean}: the task dump and
 * the settings), registered as soon as the JVM's platform MBean server exists: at once if the
 * program or {@code -Dcom.sun.management.jmxremote} made it, or within a second of
 * {@code jcmd <pid> ManagementAgent.start_local} or of jconsole attaching. It is not created just
 * for jawait (that costs tens of milliseconds of CPU): {@code -Djawait.jmx=true} does, and
 * {@code -Djawait.jmx=false} keeps jawait out of JMX;
 * <li>Flight Recorder: trace events, on when a recording enables them (see
 * {@code io.jawait.internal.jfr}); {@code -Djawait.jfr=false} keeps jawait out of it.
 * </ul>
 * Either is skipped, silently, where the JDK image lacks its module.
 */
final class ManagementHooks {
    private static final System.Logger LOGGER = System.getLogger("io.jawait");
    private static final long JMX_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Monitor thread only. */
    private static boolean jmxDone;
    private static long lastJmxPoll;

    private ManagementHooks() {
    }

    static void installAtStart() {
        if (!"false".equalsIgnoreCase(System.getProperty("jawait.jfr")) && hasModule("jdk.jfr")) {
            try {
                io.jawait.internal.jfr.FlightRecorderBridge.install();
            } catch (RuntimeException | LinkageError e) {
                LOGGER.log(System.Logger.Level.DEBUG, "jawait: no Flight Recorder events", e);
            }
        }
        String jmx = System.getProperty("jawait.jmx", "");
        jmxDone = jmx.equalsIgnoreCase("false") || !hasModule("java.management");
        if (!jmxDone && jmx.equalsIgnoreCase("true")) {
            registerBean(true);
        }
    }

    /** Each monitor tick: registers the bean once a platform MBean server has appeared. */
    static void onTick() {
        if (jmxDone) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastJmxPoll < JMX_POLL_NANOS) {
            return;
        }
        lastJmxPoll = now;
        registerBean(false);
    }

    private static void registerBean(boolean createServer) {
        try {
            jmxDone = DiagnosticsBean.register(createServer);
        } catch (RuntimeException | LinkageError e) {
            jmxDone = true;
            LOGGER.log(System.Logger.Level.DEBUG, "jawait: no JMX bean", e);
        }
    }

    private static boolean hasModule(String name) {
        return ModuleLayer.boot().findModule(name).isPresent();
    }
}
