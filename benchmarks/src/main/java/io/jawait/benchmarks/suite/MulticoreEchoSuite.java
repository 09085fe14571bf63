package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.peers.VirtualThreads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP echo benchmark on every core: jawait's {@code EventLoopGroup} against Netty's group of as
 * many event loops and against virtual threads (the default scheduler: one carrier per core), with
 * loops = cores; and how jawait and Netty scale from one loop to loops = cores, on plain echo (where
 * the load generator competes for the same cores) and on echo with CPU work per message (where the
 * server is the limit). Same load generator, settings and interleaved rounds as {@link EchoSuite}.
 */
final class MulticoreEchoSuite {
    /** Steps of {@code RequestWork} per message in the server-bound rows. */
    static final int WORK = 50_000;

    /** @param loops the loops (and carriers) of the multi-loop rows; @param work steps per message of the work rows */
    record Results(int loops, int work, List<EchoSuite.Row> rows) {
        EchoSuite.Row row(String label) {
            for (EchoSuite.Row r : rows) {
                if (r.server().equals(label)) {
                    return r;
                }
            }
            return null;
        }
    }

    private MulticoreEchoSuite() {
    }

    static String jawait(int loops, boolean work) {
        return "jawait EventLoopGroup, " + loops + (loops == 1 ? " loop" : " loops") + (work ? ", CPU work" : "");
    }

    static String netty(int loops, boolean work) {
        return "Netty, " + loops + (loops == 1 ? " event loop" : " event loops") + (work ? ", CPU work" : "");
    }

    static String virtual(int carriers) {
        return "virtual threads, " + carriers + (carriers == 1 ? " carrier" : " carriers");
    }

    static Results run(EchoSuite.Settings s, int loops, int work, Progress progress) {
        Map<String, List<String>> servers = new LinkedHashMap<>();
        servers.put(jawait(loops, false), EchoSuite.server("jawait-group", loops, 0));
        servers.put(netty(loops, false), EchoSuite.server("netty", loops, 0));
        if (VirtualThreads.available()) {
            // The default scheduler has one carrier per available processor: loops = cores.
            servers.put(virtual(Runtime.getRuntime().availableProcessors()), EchoSuite.server("virtual", loops, 0));
        }
        servers.put(jawait(1, false), EchoSuite.server("jawait-group", 1, 0));
        servers.put(netty(1, false), EchoSuite.server("netty", 1, 0));
        servers.put(jawait(1, true), EchoSuite.server("jawait-group", 1, work));
        servers.put(jawait(loops, true), EchoSuite.server("jawait-group", loops, work));
        servers.put(netty(1, true), EchoSuite.server("netty", 1, work));
        servers.put(netty(loops, true), EchoSuite.server("netty", loops, work));
        return new Results(loops, work, EchoSuite.measureAll(servers, s, progress));
    }
}
