package io.jawait.internal;

import io.jawait.Diagnostics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/** The {@link DiagnosticsMXBean}: a thin layer over {@link Diagnostics}. */
final class DiagnosticsBean implements DiagnosticsMXBean {
    static final String NAME = "io.jawait:type=Diagnostics";

    /**
     * Registers the bean with the platform MBean server; only if one exists unless
     * {@code createServer}. Returns true once registered (or if it already was).
     */
    static boolean register(boolean createServer) {
        List<MBeanServer> servers = MBeanServerFactory.findMBeanServer(null);
        if (servers.isEmpty() && !createServer) {
            return false;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(NAME);
            if (!server.isRegistered(name)) {
                server.registerMBean(new DiagnosticsBean(), name);
            }
            return true;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + NAME, e);
        }
    }

    @Override
    public String dumpTasks() {
        return Diagnostics.dumpTasks();
    }

    @Override
    public int getOpenLoops() {
        return LoopMonitor.openLoops().size();
    }

    @Override
    public long getSlowStepThresholdMillis() {
        return Diagnostics.slowStepThreshold().toMillis();
    }

    @Override
    public void setSlowStepThresholdMillis(long millis) {
        Diagnostics.setSlowStepThreshold(Duration.ofMillis(millis));
    }

    @Override
    public boolean isDebugMode() {
        return Diagnostics.isDebugMode();
    }

    @Override
    public void setDebugMode(boolean on) {
        Diagnostics.setDebugMode(on);
    }
}
