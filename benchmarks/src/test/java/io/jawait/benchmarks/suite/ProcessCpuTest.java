package io.jawait.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void readsTheSameCountersAsTheJdkInTheSameUnit() {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")), "Linux only");
        ProcessHandle me = ProcessHandle.current();
        // The JDK reads utime + stime of /proc/<pid>/stat too, converted with sysconf(_SC_CLK_TCK): a wrong
        // clock tick or a misread field puts our reading outside the JDK's readings before and after it.
        long before = me.info().totalCpuDuration().orElseThrow().toNanos();
        long ours = ProcessCpu.nanos(me.pid());
        long after = me.info().totalCpuDuration().orElseThrow().toNanos();
        assertTrue(before <= ours && ours <= after, before + " <= " + ours + " <= " + after);
        assertTrue(ours > 0, "a running JVM has used CPU");
    }

    @Test
    void aProcessThatDoesNotExistReadsAsUnknown() {
        assertEquals(-1, ProcessCpu.nanos(Long.MAX_VALUE));
    }
}
