package io.jawait.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.benchmarks.peers.VirtualThreads;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite at toy size: every benchmark runs (so none can rot) and the report and chart are
 * written. Figures are not checked (timing is meaningless in a test); shapes and contents are.
 */
class SuiteSmokeTest {
    @TempDir
    Path out;

    @Test
    void everyPartRunsAndTheReportIsWritten() throws Exception {
        SuiteResults results = RunAll.measure(RunAll.Options.parse("--smoke"),
                new Progress(new PrintStream(OutputStream.nullOutputStream())));

        assertEquals(List.of("AwaitCompleted", "Chain", "Gather", "RoundTrip"), results.micro().keySet().stream().sorted().toList());
        results.micro().forEach((workload, peers) -> {
            assertNotNull(peers.get("jawait"));
            assertNotNull(peers.get("kotlin"));
            if (!workload.equals("AwaitCompleted")) {
                assertEquals(VirtualThreads.available(), peers.containsKey("virtualThreads"), workload);
            }
            for (MicroSuite.Score s : peers.values()) {
                assertTrue(s.score() > 0, s.toString());
                assertFalse(Double.isNaN(s.bytesPerOp()), s.toString());
            }
        });
        for (SleepersSuite.Row row : results.sleepers()) {
            assertEquals(200, row.result().tasks(), row.toString());
            assertTrue(row.result().wallMillis() >= 50, row + " cannot finish before its sleep ends");
        }
        assertNotNull(results.largestSleepers(SleepersSuite.JAWAIT));
        assertNotNull(results.largestSleepers(SleepersSuite.KOTLIN));
        boolean procFs = Files.exists(Path.of("/proc/self/stat"));
        for (EchoSuite.Row row : results.echo()) {
            assertTrue(row.result().requests() > 0, row.toString());
            // CPU times are whole clock ticks: zero is possible in a toy window, negative or missing is a bug.
            assertEquals(procFs, row.result().serverCpuSeconds() >= 0, row.toString());
            assertTrue(row.result().clientCpuSeconds() >= 0, row.toString());
            assertEquals(procFs, row.load().matches("[0-9]+\\.[0-9]+"), row.toString());
        }
        assertNotNull(results.echo(EchoSuite.NETTY));
        assertNotNull(results.echo(EchoSuite.JAWAIT));
        int cores = Runtime.getRuntime().availableProcessors();
        MulticoreEchoSuite.Results multicore = results.multicore();
        assertEquals(cores, multicore.loops());
        for (String label : List.of(MulticoreEchoSuite.jawait(cores, false), MulticoreEchoSuite.netty(cores, false),
                MulticoreEchoSuite.jawait(1, true), MulticoreEchoSuite.jawait(cores, true), MulticoreEchoSuite.netty(1, true))) {
            assertTrue(multicore.row(label).result().requests() > 0, label);
        }
        assertTrue(results.compile().warmProcessedMs() > 0);

        Path md = RunAll.write(results, out);
        String text = Files.readString(md);
        for (String section : List.of("## Machine", "## Targets", "## The main ratios", "### Await of an already-completed task",
                "### Suspend/resume round trip", "### Chain of 100 nested async calls", "### Gather of 1,000 tasks",
                "## Concurrent sleepers", "## TCP echo on loopback", "## TCP echo on every core", "## Compile time")) {
            assertTrue(text.contains(section), section + " missing from\n" + text);
        }
        assertTrue(text.contains("| heap per suspended sleeping task ≤ 150 B |"), text);
        assertTrue(text.contains("| Netty (NIO, 1 event loop) |"), text);
        assertTrue(text.contains("| echo throughput ≥ 0.9× Netty's single loop |"), text);
        assertTrue(text.contains("| requests/s | p50 latency | p99 latency | max latency | server CPU per request | "
                + "requests per server CPU-second | server cores busy | load generator cores busy | load average |"), text);
        assertTrue(text.contains("| echo requests per server CPU-second ≥ 0.9× Netty's single loop"), text);
        assertTrue(text.contains("| echo with " + cores + " loops: requests per server CPU-second ≥ 0.9× Netty's group of " + cores + " |"), text);
        assertTrue(text.contains("| scaling from 1 to " + cores + " loops ≥ 1.7× (CPU work per message: the server is the limit) |"), text);
        assertFalse(text.contains("no jawait echo server"), text);
        assertTrue(text.contains("| 200 | jawait |"), text);
        assertEquals(VirtualThreads.available(), text.contains("virtual threads (1 carrier)"), text);
        byte[] png = Files.readAllBytes(out.resolve(Report.CHART_PNG));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = Files.readString(out.resolve(Report.CHART_SVG));
        assertTrue(svg.contains("Round trip"));
        // One heading per group: the echo peers' bars are grouped by measure, not interleaved.
        assertEquals(1, svg.split("TCP echo \\(requests/s\\)", -1).length - 1, svg);
        assertTrue(text.contains("every server is measured once."), text);
    }

    @Test
    void unknownArgumentsAreRefusedWithTheUsage() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RunAll.Options.parse("--fast"));
        assertTrue(e.getMessage().contains("usage: RunAll"), e.getMessage());
    }
}
