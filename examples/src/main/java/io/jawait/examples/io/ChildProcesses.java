package io.jawait.examples.io;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.withTimeout;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.io.Subprocess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Child processes on one loop thread: three children run at once while their output is read line
 * by line as it comes, one is fed through its standard input, and a slow one is killed by a
 * timeout. The children are small Java programs started with this JVM's own {@code java}, so the
 * example runs anywhere.
 */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /** The child: {@code tick n} prints n lines 50 ms apart; {@code upper} upper-cases its input. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            List<String> results = Tasks.run(() -> {
                try {
                    return demo();
                } catch (IOException e) {   // Tasks.run takes a Supplier: checked exceptions become tasks
                    return Task.failed(e);
                }
            });
            results.forEach(line -> System.out.println("  " + line));
            return;
        }
        if (args[0].equals("tick")) {
            for (int i = 1; i <= Integer.parseInt(args[1]); i++) {
                System.out.println("tick " + i);
                System.out.flush();
                Thread.sleep(50);
            }
            System.exit(Integer.parseInt(args[1]) % 4);   // an exit code to check
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            System.out.println(line.toUpperCase(Locale.ROOT));
        }
    }

    static Subprocess child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ChildProcesses.class.getName()));
        command.addAll(List.of(args));
        return Subprocess.start(new ProcessBuilder(command));
    }

    /** Runs {@code tick n}, collecting its lines as they arrive, and returns them with the exit code. */
    @Async
    static Task<String> ticker(int n) throws IOException {
        try (Subprocess p = child("tick", String.valueOf(n))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = await(p.stdout().readLine(1024))) != null) {
                lines.add(line);
            }
            return Task.of("ticker " + n + ": " + lines.size() + " lines, last '" + lines.get(lines.size() - 1)
                    + "', exit code " + await(p.waitFor()));
        }
    }

    @Async
    static Task<String> upper(List<String> input) throws IOException {
        try (Subprocess p = child("upper")) {
            Task<byte[]> output = p.stdout().readAll(1 << 20);   // read while writing
            for (String line : input) {
                await(p.stdin().write(line + "\n"));
            }
            await(p.stdin().closeAsync());                        // end of input: the child finishes
            String text = new String(await(output), StandardCharsets.UTF_8);
            return Task.of("upper: " + text.strip().replace(System.lineSeparator(), " | ").replace("\n", " | ")
                    + ", exit code " + await(p.waitFor()));
        }
    }

    @Async
    static Task<String> tooSlow() throws IOException {
        try (Subprocess p = child("tick", "1000")) {   // 50 s of ticks
            try {
                await(withTimeout(1_500, p.waitFor()));
                return Task.of("slow child finished?");
            } catch (TimeoutException e) {
                p.kill();
                return Task.of("slow child killed after the timeout, exit code " + await(p.waitFor()));
            }
        }
    }

    @Async
    static Task<List<String>> demo() throws IOException {
        return Task.of(await(gather(ticker(3), ticker(5), upper(List.of("hello", "child process")), tooSlow())));
    }
}
