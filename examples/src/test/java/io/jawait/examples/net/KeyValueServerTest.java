package io.jawait.examples.net;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.Async;
import io.jawait.EventLoopGroup;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.net.TcpServer;
import io.jawait.net.TcpStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class KeyValueServerTest {
    @TempDir
    Path dir;

    /** A test scenario started on a loop of the group. */
    private interface Scenario<T> {
        Task<T> start(EventLoopGroup group) throws Exception;
    }

    /** Runs {@code body} on a group of two loops: the server's connections are served on both. */
    private static <T> T run(Scenario<T> body) throws Exception {
        try (EventLoopGroup group = new EventLoopGroup("kv", 2)) {
            return group.run(() -> Tasks.withTimeout(30_000, body.start(group)));
        }
    }

    @Async
    static Task<List<String>> commandsAndPersistence(EventLoopGroup group, Path snapshot) throws IOException {
        List<String> out = new ArrayList<>();
        TcpServer server = await(KeyValueServer.start(group, 0, snapshot));
        out.addAll(await(KeyValueServer.session(server.port(), List.of(
                "SET a 1", "SET b two words", "GET b", "GET c", "DEL a", "DEL a", "KEYS", "SET x",
                "get b", "NOPE", "SAVE"))));
        await(server.shutdown(Duration.ofSeconds(5)));
        TcpServer again = await(KeyValueServer.start(group, 0, snapshot));
        out.addAll(await(KeyValueServer.session(again.port(), List.of("KEYS", "GET b", "QUIT"))));
        await(again.shutdown(Duration.ofSeconds(5)));
        return Task.of(out);
    }

    @Test
    void commandsRepliesAndSnapshotsThatSurviveARestart() throws Exception {
        Path snapshot = dir.resolve("kv.tsv");
        assertEquals(List.of(
                "SET a 1 -> OK",
                "SET b two words -> OK",
                "GET b -> VALUE two words",
                "GET c -> NOT_FOUND",
                "DEL a -> DELETED",
                "DEL a -> NOT_FOUND",
                "KEYS -> KEYS b",
                "SET x -> ERR usage: SET key value",
                "get b -> VALUE two words",
                "NOPE -> ERR unknown command NOPE",
                "SAVE -> SAVED 1",
                "KEYS -> KEYS b",
                "GET b -> VALUE two words",
                "QUIT -> BYE"), run(group -> commandsAndPersistence(group, snapshot)));
        assertEquals("b\ttwo words\n", Files.readString(snapshot));
    }

    @Async
    static Task<Integer> client(int port, int id) throws IOException {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            commands.add("SET k" + id + "_" + i + " v" + i);
            commands.add("GET k" + id + "_" + i);
        }
        int ok = 0;
        for (String line : await(KeyValueServer.session(port, commands))) {
            if (line.endsWith("-> OK") || line.matches("GET k\\d+_(\\d+) -> VALUE v\\1")) {
                ok++;
            }
        }
        return Task.of(ok);
    }

    @Async
    static Task<String> concurrentClients(EventLoopGroup group, Path snapshot) throws IOException {
        TcpServer server = await(KeyValueServer.start(group, 0, snapshot));
        List<Task<Integer>> clients = new ArrayList<>();
        for (int id = 0; id < 50; id++) {
            clients.add(client(server.port(), id));
        }
        int ok = 0;
        for (int n : await(gather(clients))) {
            ok += n;
        }
        List<String> keys = await(KeyValueServer.session(server.port(), List.of("KEYS")));
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(ok + " " + (keys.get(0).split(" ").length - 3));
    }

    @Test
    void fiftyConcurrentClientsOnTwoLoopsShareOneMapWithoutLocks() throws Exception {
        assertEquals("2000 1000", run(group -> concurrentClients(group, dir.resolve("kv.tsv"))));
    }

    @Async
    static Task<List<String>> tooLongLine(EventLoopGroup group, Path snapshot) throws IOException {
        List<String> out = new ArrayList<>();
        TcpServer server = await(KeyValueServer.start(group, 0, snapshot));
        try (TcpStream s = await(TcpStream.connect("127.0.0.1", server.port()))) {
            await(s.write("SET big " + "x".repeat(KeyValueServer.MAX_LINE) + "\n"));
            try {
                out.add(await(s.readLine(100)));
                out.add(String.valueOf(await(s.readLine(100))));
            } catch (IOException reset) {
                out.add("reset");   // closed with unread input: the kernel may reset instead
            }
        }
        out.addAll(await(KeyValueServer.session(server.port(), List.of("KEYS"))));
        await(server.shutdown(Duration.ofSeconds(5)));
        return Task.of(out);
    }

    @Test
    void tooLongLinesAreRefusedAndTheServerGoesOn() throws Exception {
        List<String> out = run(group -> tooLongLine(group, dir.resolve("kv.tsv")));
        assertTrue(out.equals(List.of("ERR line too long", "null", "KEYS -> KEYS"))
                || out.equals(List.of("reset", "KEYS -> KEYS"))
                || out.equals(List.of("ERR line too long", "reset", "KEYS -> KEYS")), out.toString());
    }
}
