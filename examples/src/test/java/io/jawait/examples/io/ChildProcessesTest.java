package io.jawait.examples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Task;
import io.jawait.Tasks;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ChildProcessesTest {

    @Test
    void childrenRunConcurrentlyAndTheSlowOneIsKilled() throws TimeoutException {
        List<String> results = Tasks.run(() -> {
            try {
                return Tasks.withTimeout(60_000, ChildProcesses.demo());
            } catch (IOException e) {
                return Task.failed(e);
            }
        });
        assertEquals(List.of(
                "ticker 3: 3 lines, last 'tick 3', exit code 3",
                "ticker 5: 5 lines, last 'tick 5', exit code 1",
                "upper: HELLO | CHILD PROCESS, exit code 0"), results.subList(0, 3));
        assertTrue(results.get(3).startsWith("slow child killed after the timeout, exit code "), results.get(3));
    }
}
