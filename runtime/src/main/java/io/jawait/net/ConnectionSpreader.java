package io.jawait.net;

import io.jawait.EventLoop;
import java.util.List;

/**
 * Picks the loop of a group that serves each new connection of a {@link TcpServer}: the one
 * serving the fewest of the server's connections, and among equals the next in turn, so that
 * connections are spread evenly whether they are long-lived or come and go. Only this server's
 * connections count (reading other loops' load would need their threads). Confined to the
 * accepting loop.
 */
final class ConnectionSpreader {
    private final List<EventLoop> loops;
    private final int[] serving;
    private int turn;

    ConnectionSpreader(List<EventLoop> loops) {
        this.loops = loops;
        this.serving = new int[loops.size()];
    }

    /** Chooses the loop for a new connection and counts it there; returns its index. */
    int choose() {
        int n = serving.length;
        int best = turn;
        for (int k = 1; k < n; k++) {
            int i = (turn + k) % n;
            if (serving[i] < serving[best]) {
                best = i;
            }
        }
        turn = (best + 1) % n;
        serving[best]++;
        return best;
    }

    /** The connection counted at {@code index} has ended. */
    void ended(int index) {
        serving[index]--;
    }

    EventLoop loop(int index) {
        return loops.get(index);
    }
}
