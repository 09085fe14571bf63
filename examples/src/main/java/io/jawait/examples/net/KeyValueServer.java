package io.jawait.examples.net;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.startOn;

import io.jawait.Async;
import io.jawait.EventLoop;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.io.AsyncFile;
import io.jawait.io.LimitOverrunException;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A line-based key-value server that uses every core: its connections are spread over the loops
 * of an {@link EventLoopGroup}, and every client shares one map. Snapshots go to a file through
 * {@link AsyncFile}.
 *
 * <p><b>How the shared map stays safe.</b> The map is a plain {@code TreeMap} that only one loop
 * touches: the owner, the loop that started the server. The loops serving clients read lines,
 * write replies and send each command to the owner with {@code Tasks.startOn} (a message to an
 * actor); the command runs there and the reply comes back to the client's loop. So commands apply
 * one at a time in arrival order with no lock, {@code SAVE} writes the map as it is at one
 * moment, and {@code KEYS} comes sorted. The price is two thread hand-offs per command and map work
 * on one core only: fine while the I/O is most of the work, as here. A
 * {@code ConcurrentSkipListMap} shared by every loop would spread the map's work too, at the cost
 * of snapshots that mix moments (a {@code SET} can land in the middle of a {@code SAVE}).
 *
 * <pre>
 * SET key value   -> OK                 GET key  -> VALUE value | NOT_FOUND
 * DEL key         -> DELETED | NOT_FOUND KEYS     -> KEYS k1 k2 ...
 * SAVE            -> SAVED n            QUIT     -> BYE (and the server closes the connection)
 * </pre>
 * Lines longer than {@value #MAX_LINE} bytes get {@code ERR line too long} and the connection is
 * closed. Run {@code java ... KeyValueServer serve [port] [snapshot-file]} and talk to it with
 * {@code nc 127.0.0.1 7070}; without arguments, {@link #main} runs a short demonstration.
 */
public final class KeyValueServer {
    static final int MAX_LINE = 4096;

    /** Only the owner loop's thread reads or writes it. */
    private final Map<String, String> data = new TreeMap<>();
    private final Path snapshot;
    private final EventLoop owner = EventLoop.current();

    private KeyValueServer(Path snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * Loads the snapshot (if the file exists) and listens on 127.0.0.1:{@code port} (0: any free
     * port), serving clients on the loops of {@code group}; the calling loop owns the map.
     */
    @Async
    public static Task<TcpServer> start(EventLoopGroup group, int port, Path snapshot) throws IOException {
        KeyValueServer kv = new KeyValueServer(snapshot);
        try {
            for (String line : await(AsyncFile.readString(snapshot)).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    kv.data.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (NoSuchFileException firstStart) {
            // nothing saved yet
        }
        return Task.of(TcpServer.start(new InetSocketAddress("127.0.0.1", port), TcpServer.options().loops(group), kv::serve));
    }

    /** One client's session, on the loop of the group that serves the connection. */
    @Async
    Task<Void> serve(TcpStream client) throws IOException {
        try {
            String line;
            while ((line = await(client.readLine(MAX_LINE))) != null) {
                String command = line.trim();
                String reply = await(startOn(owner, () -> execute(command)));   // runs on the owner loop
                await(client.write(reply + "\n"));
                if (reply.equals("BYE")) {
                    break;
                }
            }
        } catch (LimitOverrunException e) {
            await(client.write("ERR line too long\n"));
        }
        return Task.done();   // the server closes the connection
    }

    /** Runs on the owner loop: the only code that touches the map. */
    @Async
    Task<String> execute(String line) throws IOException {
        String[] words = line.split(" ", 3);
        String command = words[0].toUpperCase();
        switch (command) {
            case "SET":
                if (words.length < 3) {
                    return Task.of("ERR usage: SET key value");
                }
                data.put(words[1], words[2]);
                return Task.of("OK");
            case "GET":
                if (words.length != 2) {
                    return Task.of("ERR usage: GET key");
                }
                String value = data.get(words[1]);
                return Task.of(value == null ? "NOT_FOUND" : "VALUE " + value);
            case "DEL":
                if (words.length != 2) {
                    return Task.of("ERR usage: DEL key");
                }
                return Task.of(data.remove(words[1]) != null ? "DELETED" : "NOT_FOUND");
            case "KEYS":
                return Task.of(("KEYS " + String.join(" ", data.keySet())).trim());
            case "SAVE":
                StringBuilder text = new StringBuilder();
                for (Map.Entry<String, String> e : data.entrySet()) {
                    text.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
                }
                int saved = data.size();
                await(AsyncFile.writeString(snapshot, text));   // other clients are served meanwhile
                return Task.of("SAVED " + saved);
            case "QUIT":
                return Task.of("BYE");
            default:
                return Task.of("ERR unknown command " + command);
        }
    }

    // ---- demonstration --------------------------------------------------------------------------

    /** Sends each command and collects "command -> reply". */
    @Async
    static Task<List<String>> session(int port, List<String> commands) throws IOException {
        List<String> transcript = new ArrayList<>();
        try (TcpStream stream = await(TcpStream.connect("127.0.0.1", port))) {
            for (String command : commands) {
                await(stream.write(command + "\n"));
                transcript.add(command + " -> " + await(stream.readLine(1 << 20)));   // KEYS can be long
            }
        }
        return Task.of(transcript);
    }

    @Async
    static Task<Void> demo(EventLoopGroup group, Path snapshot) throws IOException {
        TcpServer server = await(start(group, 0, snapshot));
        List<List<String>> sessions = await(gather(
                session(server.port(), List.of("SET fruit apple", "SET color red", "GET fruit")),
                session(server.port(), List.of("SET answer 42", "SET tmp x", "DEL tmp", "GET tmp", "BOGUS"))));
        for (List<String> transcript : sessions) {
            transcript.forEach(line -> System.out.println("  " + line));
        }
        System.out.println("  " + await(session(server.port(), List.of("SAVE", "QUIT"))));
        await(server.shutdown(Duration.ofSeconds(1)));

        TcpServer restarted = await(start(group, 0, snapshot));
        System.out.println("  after a restart: " + await(session(restarted.port(), List.of("KEYS", "GET answer"))));
        await(restarted.shutdown(Duration.ofSeconds(1)));
        return Task.done();
    }

    @Async
    static Task<Void> serveForever(EventLoopGroup group, int port, Path snapshot) throws IOException {
        TcpServer server = await(start(group, port, snapshot));
        System.out.println("key-value server on 127.0.0.1:" + server.port() + " with " + group.size() + " loops, snapshot "
                + snapshot + " (try: nc 127.0.0.1 " + server.port() + ")");
        await(new java.util.concurrent.CompletableFuture<Void>());   // until the process is stopped
        return Task.done();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            int port = args.length > 1 ? Integer.parseInt(args[1]) : 7070;
            Path snapshot = Path.of(args.length > 2 ? args[2] : "kv-snapshot.tsv");
            try (EventLoopGroup group = new EventLoopGroup("kv", Runtime.getRuntime().availableProcessors())) {
                group.run(() -> serveForever(group, port, snapshot));
            }
            return;
        }
        Path dir = Files.createTempDirectory("jawait-kv");
        Path snapshot = dir.resolve("snapshot.tsv");
        try (EventLoopGroup group = new EventLoopGroup("kv", 2)) {
            group.run(() -> demo(group, snapshot));
        } finally {
            Files.deleteIfExists(snapshot);
            Files.delete(dir);
        }
    }
}
