package io.jawait.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.Task;
import io.jawait.Tasks;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Child processes through /bin/sh (skipped where there is none). */
class SubprocessTest {
    private LoopDriver driver;

    @BeforeEach
    void setUp() {
        assumeTrue(new File("/bin/sh").canExecute(), "needs /bin/sh");
        driver = new LoopDriver();
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    private <T> Task<T> settle(Task<T> task) {
        return driver.settle(task);
    }

    private <T> T run(Task<T> task) {
        return driver.run(task);
    }

    private static Subprocess sh(String script) throws IOException {
        return Subprocess.start("/bin/sh", "-c", script);
    }

    @Test
    void outputLinesStderrAndExitCode() throws IOException {
        Subprocess p = sh("echo one; echo two; echo oops >&2; exit 3");
        assertEquals("one", run(p.stdout().readLine(100)));
        assertEquals("two", run(p.stdout().readLine(100)));
        assertNull(run(p.stdout().readLine(100)));
        assertEquals("oops\n", new String(run(p.stderr().readAll(100)), StandardCharsets.UTF_8));
        assertEquals(3, run(p.waitFor()));
        p.close();
    }

    @Test
    void largeOutputIsStreamedWithBoundedBuffering() throws IOException {
        // 4 MB through the pipe: the reader thread buffers at most a few chunks ahead of us.
        Subprocess p = sh("head -c 4000000 /dev/zero");
        long total = 0;
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(10_000);
        int n;
        while ((n = run(p.stdout().read(buffer.clear()))) >= 0) {
            total += n;
        }
        assertEquals(4_000_000, total);
        assertEquals(0, run(p.waitFor()));
        p.close();
    }

    @Test
    void stdinRoundTripThroughCat() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        Subprocess cat = Subprocess.start("cat");
        Task<byte[]> all = cat.stdout().readAll(2 << 20);   // read while writing: the pipes never fill
        for (int i = 0; i < data.length; i += 100_000) {
            run(cat.stdin().write(java.util.Arrays.copyOfRange(data, i, Math.min(data.length, i + 100_000))));
        }
        run(cat.stdin().closeAsync());
        assertArrayEquals(data, run(all));
        assertEquals(0, run(cat.waitFor()));
        assertInstanceOf(IllegalStateException.class, cat.stdin().write(new byte[1]).exceptionNow());
        cat.close();
    }

    @Test
    void writingToAChildThatStoppedReadingFails() throws IOException {
        Subprocess p = sh("exit 0");
        run(p.waitFor());
        Task<Void> failed = null;
        for (int i = 0; i < 100 && failed == null; i++) {   // the pipe takes some bytes before it breaks
            p.stdin().write(new byte[100_000]);
            Task<Void> drained = settle(p.stdin().drain());
            if (drained.isFailed()) {
                failed = drained;
            }
        }
        assertTrue(failed != null, "writes to a dead child never failed");
        assertInstanceOf(IOException.class, failed.exceptionNow());
        p.close();
    }

    @Test
    void killEndsTheProcessAndTheReaders() throws IOException {
        Subprocess p = sh("echo started; exec sleep 60");
        assertEquals("started", run(p.stdout().readLine(100)));
        Task<String> pending = p.stdout().readLine(100);
        assertFalse(pending.isDone());
        p.kill();
        int code = run(p.waitFor());
        assertEquals(128 + 9, code, "SIGKILL");
        assertNull(run(pending), "the pipe ends with the process");
        p.close();
        for (int i = 0; i < 1000 && !p.pumpsStopped(); i++) {
            run(Tasks.sleep(1));
        }
        assertTrue(p.pumpsStopped(), "reader threads ended");
    }

    @Test
    void closeTerminatesARunningProcess() throws IOException {
        Subprocess p = sh("exec sleep 60");
        assertTrue(p.isAlive());
        run(p.closeAsync());
        assertFalse(p.isAlive());
        assertEquals(128 + 15, run(p.waitFor()), "SIGTERM");
    }

    @Test
    void unknownProgramsFailToStart() {
        IOException e = assertThrows(IOException.class, () -> Subprocess.start("/no/such/program"));
        assertTrue(e.getMessage().contains("/no/such/program"), e.getMessage());
    }
}
