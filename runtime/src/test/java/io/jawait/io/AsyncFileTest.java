package io.jawait.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Task;
import io.jawait.Tasks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncFileTest {
    @TempDir
    Path dir;
    private LoopDriver driver;

    @BeforeEach
    void setUp() {
        driver = new LoopDriver();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <T> Task<T> settle(Task<T> task) {
        return driver.settle(task);
    }

    private <T> T run(Task<T> task) {
        return driver.run(task);
    }

    @Test
    void wholeFilesRoundTripAndCompleteOnTheLoopThread() throws Exception {
        Path file = dir.resolve("a.txt");
        run(AsyncFile.writeString(file, "héllo\n"));
        Task<String> read = AsyncFile.readString(file);
        Thread[] completedOn = new Thread[1];
        read.onComplete((v, e) -> completedOn[0] = Thread.currentThread());
        assertEquals("héllo\n", run(read));
        assertSame(Thread.currentThread(), completedOn[0]);
        run(AsyncFile.write(file, "more".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND));
        assertArrayEquals("héllo\nmore".getBytes(StandardCharsets.UTF_8), run(AsyncFile.readAllBytes(file)));
    }

    @Test
    void errorsAreTheJdksOwn() throws Exception {
        Task<byte[]> missing = settle(AsyncFile.readAllBytes(dir.resolve("missing")));
        assertInstanceOf(NoSuchFileException.class, missing.exceptionNow());
        Task<AsyncFile> cannotOpen = settle(AsyncFile.open(dir.resolve("missing"), StandardOpenOption.READ));
        assertInstanceOf(NoSuchFileException.class, cannotOpen.exceptionNow());
    }

    @Test
    void malformedUtf8IsAnError() throws IOException {
        Path file = dir.resolve("bad");
        Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28});
        MalformedInputException e = assertInstanceOf(MalformedInputException.class,
                settle(AsyncFile.readString(file)).exceptionNow());
        assertEquals("readString " + file + ": not valid UTF-8: 1 malformed byte(s) at byte 0 of 2", e.getMessage());
    }

    @Test
    void rangesOfALargeFile() throws IOException {
        byte[] data = new byte[5 << 20];
        new Random(42).nextBytes(data);
        Path path = dir.resolve("big.bin");
        AsyncFile file = run(AsyncFile.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ));
        try {
            // written back to front in 1 MiB ranges
            for (int i = 4; i >= 0; i--) {
                run(file.write(ByteBuffer.wrap(data, i << 20, 1 << 20), (long) i << 20));
            }
            assertEquals(data.length, file.size());
            byte[] middle = run(file.read(1_000_000, 3_000_000));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 1_000_000, 4_000_000), middle);
            byte[] tail = run(file.read(data.length - 10, 100));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 10, data.length), tail, "short at the end");
            assertEquals(0, run(file.read(data.length + 5, 10)).length, "nothing past the end");
            ByteBuffer buffer = ByteBuffer.allocate(64);
            assertEquals(64, run(file.read(buffer, 7)));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 7, 71), buffer.array());
            assertEquals(-1, run(file.read(ByteBuffer.allocate(8), data.length)));
            run(file.force(false));
        } finally {
            file.close();
        }
        assertFalse(file.isOpen());
        assertArrayEquals(data, Files.readAllBytes(path));
        Task<byte[]> afterClose = settle(file.read(0, 10));
        assertInstanceOf(java.nio.channels.ClosedChannelException.class, afterClose.exceptionNow());
    }

    @Test
    void aCancelledOpenClosesTheFileItOpened() throws Exception {
        Path path = dir.resolve("f");
        Files.writeString(path, "x");
        int cancelled = 0;
        for (int i = 0; i < 50; i++) {
            Task<AsyncFile> open = AsyncFile.open(path);
            if (open.cancel()) {
                cancelled++;
            } else {
                open.join().close();   // it had already finished
            }
        }
        assertTrue(cancelled > 0);
        // The opens finish on the blocking pool's threads and their files are closed on the loop as
        // they come back. Once one probe per pool thread runs on every thread at the same time, no
        // open is running or queued any more, and the loop has handled their results before the
        // probes' own (they were posted earlier), so nothing of this file may be open then. Only
        // descriptors of this very file count: the JVM opens and closes others (jars, sockets) at will.
        run(Tasks.gather(occupyEveryBlockingThread()));
        assertEquals(0, descriptorsOf(path), "descriptors still open on " + path);
    }

    /**
     * Tasks that complete once each of the blocking pool's threads ({@code min(32, processors + 4)},
     * as README documents) runs one of them, all at once.
     */
    private static List<Task<Boolean>> occupyEveryBlockingThread() throws InterruptedException {
        int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        CountDownLatch allRunning = new CountDownLatch(threads);
        List<Task<Boolean>> probes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            probes.add(Tasks.toThread(() -> {
                allRunning.countDown();
                return allRunning.await(30, TimeUnit.SECONDS);
            }));
        }
        return probes;
    }

    /** How many of this process's file descriptors refer to {@code file} (Linux's /proc/self/fd). */
    private static long descriptorsOf(Path file) throws IOException {
        Path real = file.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException e) {
                    return false;   // closed between listing and reading
                }
            }).count();
        }
    }
}
