package io.jawait.examples.net;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** File descriptors of this JVM, to check that sockets are really closed (Unix only; -1 elsewhere). */
final class OpenFiles {
    private OpenFiles() {
    }

    static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean ? ((UnixOperatingSystemMXBean) os).getOpenFileDescriptorCount() : -1;
    }

    static long max() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean ? ((UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount() : 1024;
    }
}
