package io.jawait.benchmarks.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server started in its own process that announces {@code PORT <n>} and stops when its input closes. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    ServerProcess(List<String> command) {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            int found = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    found = Integer.parseInt(line.substring(5).trim());
                    break;
                }
                seen.append(line).append('\n');
            }
            if (found < 0) {
                process.destroyForcibly();
                throw new IllegalStateException("server did not start: " + String.join(" ", command) + "\n" + seen);
            }
            port = found;
            // Keep draining so that a server that logs cannot block on a full pipe.
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "server-output");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    int port() {
        return port;
    }

    /** CPU nanoseconds the server process has used so far (all threads), -1 where {@code /proc} cannot tell. */
    long cpuNanos() {
        return ProcessCpu.nanos(process.pid());
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
