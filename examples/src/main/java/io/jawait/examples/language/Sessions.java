package io.jawait.examples.language;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.AsyncCloseable;
import io.jawait.Task;
import io.jawait.Tasks;
import java.util.List;

/**
 * Asynchronous resources and switches in @Async code: each session is an {@link AsyncCloseable}
 * whose goodbye takes time, so try-with-resources awaits it on the way out, in reverse order of
 * opening, also when a command fails (the close failure then rides along as a suppressed
 * exception). Commands are dispatched with a switch expression whose arms await.
 */
public final class Sessions {
    private Sessions() {
    }

    /** A simulated remote session: opening and closing each take a round trip of 50 ms. */
    static final class Session implements AsyncCloseable {
        private final String name;
        private final boolean failsOnClose;

        private Session(String name, boolean failsOnClose) {
            this.name = name;
            this.failsOnClose = failsOnClose;
        }

        @Async
        static Task<Session> open(String name, boolean failsOnClose) {
            await(sleep(50));
            System.out.println(" open " + name);
            return Task.of(new Session(name, failsOnClose));
        }

        @Async
        Task<String> run(String command) {
            await(sleep(10));
            return Task.of(switch (command) {
                case "echo" -> name + ": echo";
                case "slow" -> {
                    await(sleep(20));
                    yield name + ": slow answer";
                }
                default -> throw new IllegalArgumentException(name + ": unknown command " + command);
            });
        }

        @Override
        public Task<Void> closeAsync() {
            return goodbye();
        }

        @Async
        private Task<Void> goodbye() {
            await(sleep(50));
            System.out.println(" closed " + name);
            if (failsOnClose) {
                throw new IllegalStateException(name + ": goodbye lost");
            }
            return Task.done();
        }
    }

    /** Runs each command on two sessions; both are closed (awaited) before this returns or fails. */
    @Async
    static Task<Void> session(List<String> commands, boolean secondFailsOnClose) {
        try (Session first = await(Session.open("first", false));
             Session second = await(Session.open("second", secondFailsOnClose))) {
            for (String command : commands) {
                System.out.println(" " + await(first.run(command)));
                System.out.println(" " + await(second.run(command)));
            }
        }
        System.out.println(" both sessions closed");
        return Task.done();
    }

    public static void main(String[] args) {
        System.out.println("Commands that succeed:");
        Tasks.run(() -> session(List.of("echo", "slow"), false));
        System.out.println("A command that fails, and a close that fails too:");
        try {
            Tasks.run(() -> session(List.of("echo", "reboot"), true));
        } catch (IllegalArgumentException e) {
            System.out.println(" failed: " + e.getMessage());
            for (Throwable s : e.getSuppressed()) {
                System.out.println(" suppressed: " + s.getMessage());
            }
        }
    }
}
