package io.jawait.examples.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.sleep;

import io.jawait.Async;
import io.jawait.Task;
import io.jawait.TaskGroup;
import io.jawait.Tasks;
import java.io.IOException;
import java.util.concurrent.CancellationException;

/**
 * A task group where one failure cancels the rest: three downloads run as children of a group, the
 * second fails after 150 ms, the group cancels the two others at their awaits, and {@code join()}
 * rethrows the failure once every child has finished.
 */
public final class GroupFailure {
    private GroupFailure() {
    }

    @Async
    static Task<String> download(String name, long millis, boolean fails) throws IOException {
        System.out.println("  " + name + ": started");
        try {
            await(sleep(millis));
            if (fails) {
                System.out.println("  " + name + ": failing");
                throw new IOException(name + ": connection reset");
            }
            System.out.println("  " + name + ": done");
            return Task.of(name);
        } catch (CancellationException e) {
            System.out.println("  " + name + ": cancelled by the group");
            throw e;
        }
    }

    @Async
    static Task<Void> main() {
        try (TaskGroup group = new TaskGroup()) {
            group.spawn(download("a.bin", 500, false));
            group.spawn(download("b.bin", 150, true));
            group.spawn(download("c.bin", 800, false));
            await(group.join());
            System.out.println("all downloaded");
        } catch (IOException e) {
            System.out.println("group failed: " + e);
        }
        return Task.done();
    }

    public static void main(String[] args) {
        Tasks.run(GroupFailure::main);
    }
}
