package io.jawait.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a benchmark program in its own process (a JVM on this suite's class path, or python3) and collects its output. */
final class ChildProcess {
    private ChildProcess() {
    }

    /** The java launcher of the running JVM. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A command line that runs {@code mainClass} in a fresh JVM with this JVM's class path. */
    static List<String> java(List<String> jvmArgs, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Whether python3 can be started here (it is not on the CI machine). */
    static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs to completion within {@code timeoutSeconds}; returns stdout+stderr, or throws with it if the exit code is not 0. */
    static String run(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Drained on another thread so that a chatty child can never block on a full pipe.
            byte[][] out = new byte[1][];
            Thread pump = new Thread(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = ("(output lost: " + e + ")").getBytes(StandardCharsets.UTF_8);
                }
            }, "child-output");
            pump.setDaemon(true);
            pump.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            pump.join(10_000);
            String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit code " + p.exitValue() + " from " + String.join(" ", command)
                        + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
