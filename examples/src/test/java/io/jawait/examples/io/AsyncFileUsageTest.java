package io.jawait.examples.io;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.io.AsyncFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** AsyncFile from @Async code: whole files, ranges, try-with-resources, concurrent copies. */
@Timeout(60)
class AsyncFileUsageTest {
    @TempDir
    Path dir;

    /** Copies {@code from} to {@code to} in 64 KiB ranges, both files open in try-with-resources. */
    @Async
    static Task<Long> copy(Path from, Path to) throws IOException {
        long copied = 0;
        try (AsyncFile in = await(AsyncFile.open(from, READ));
             AsyncFile out = await(AsyncFile.open(to, CREATE, WRITE))) {
            byte[] block;
            while ((block = await(in.read(copied, 64 * 1024))).length > 0) {
                await(out.write(copied, block));
                copied += block.length;
            }
        }
        return Task.of(copied);
    }

    @Async
    static Task<List<Long>> copyAll(List<Path> sources, Path target) throws IOException {
        List<Task<Long>> copies = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            copies.add(copy(sources.get(i), target.resolve("copy" + i)));
        }
        return Task.of(await(gather(copies)));
    }

    @Test
    void concurrentRangeCopiesWithTryWithResources() throws Exception {
        Random random = new Random(7);
        List<Path> sources = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] data = new byte[random.nextInt(300_000)];
            random.nextBytes(data);
            Path p = dir.resolve("src" + i);
            Files.write(p, data);
            sources.add(p);
            contents.add(data);
        }
        List<Long> sizes = Tasks.run(() -> Tasks.withTimeout(30_000, copyAll(sources, dir)));
        for (int i = 0; i < 8; i++) {
            assertEquals(contents.get(i).length, sizes.get(i));
            assertArrayEquals(contents.get(i), Files.readAllBytes(dir.resolve("copy" + i)));
        }
    }

    @Async
    static Task<String> appendLines(Path log) throws IOException {
        for (int i = 0; i < 5; i++) {
            await(AsyncFile.write(log, ("line " + i + "\n").getBytes(StandardCharsets.UTF_8), CREATE, APPEND));
        }
        return Task.of(await(AsyncFile.readString(log)));
    }

    @Test
    void wholeFileWritesAndReads() throws IOException {
        Path log = dir.resolve("log.txt");
        assertEquals("line 0\nline 1\nline 2\nline 3\nline 4\n", Tasks.run(() -> appendLines(log)));
    }

    @Async
    static Task<Boolean> closedAfterTheBlock(Path path) throws IOException {
        AsyncFile kept;
        try (AsyncFile file = await(AsyncFile.open(path, CREATE, WRITE))) {
            kept = file;
            await(file.write(0, new byte[] {1, 2, 3}));
        }
        return Task.of(kept.isOpen());
    }

    @Test
    void tryWithResourcesClosesTheFile() throws IOException {
        assertFalse(Tasks.run(() -> closedAfterTheBlock(dir.resolve("f"))));
    }
}
