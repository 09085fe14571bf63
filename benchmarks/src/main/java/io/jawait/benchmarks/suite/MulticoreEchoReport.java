package io.jawait.benchmarks.suite;

import io.jawait.benchmarks.echo.EchoLoad;

/** The part of BENCHMARKS.md about {@link MulticoreEchoSuite}: its targets, its section, its bars. */
final class MulticoreEchoReport {
    private final MulticoreEchoSuite.Results r;

    MulticoreEchoReport(MulticoreEchoSuite.Results results) {
        this.r = results;
    }

    void targets(Table t) {
        int n = r.loops();
        EchoSuite.Row jw = r.row(MulticoreEchoSuite.jawait(n, false));
        EchoSuite.Row netty = r.row(MulticoreEchoSuite.netty(n, false));
        String peer = "Netty's group of " + n;
        if (jw == null || netty == null) {
            t.row("echo with " + n + " loops: requests per server CPU-second ≥ 0.9× " + peer, "not measured", "—");
        } else {
            EchoLoad.Result j = jw.result();
            EchoLoad.Result p = netty.result();
            double e = j.requestsPerServerCpuSecond() / p.requestsPerServerCpuSecond();
            t.row("echo with " + n + " loops: requests per server CPU-second ≥ 0.9× " + peer, Double.isNaN(e)
                    ? "not measured: no server CPU time (no /proc)"
                    : Format.ratio(e) + " (" + Format.num(j.serverCpuMicrosPerRequest()) + " vs "
                            + Format.num(p.serverCpuMicrosPerRequest()) + " µs of server CPU per request)",
                    Double.isNaN(e) ? "—" : Report.met(e >= 0.9));
            double x = j.requestsPerSecond() / p.requestsPerSecond();
            t.row("echo with " + n + " loops: throughput ≥ 0.9× " + peer, Format.ratio(x) + " (load generator busy "
                    + Report.percent0(j.clientCores()) + " of a core against jawait, " + Report.percent0(p.clientCores())
                    + " against Netty)", Report.met(x >= 0.9));
        }
        scalingTarget(t, true, "CPU work per message: the server is the limit");
        scalingTarget(t, false, "plain echo: the load generator competes for the cores");
    }

    private void scalingTarget(Table t, boolean work, String what) {
        int n = r.loops();
        String target = "scaling from 1 to " + n + " loops ≥ 1.7× (" + what + ")";
        EchoSuite.Row one = r.row(MulticoreEchoSuite.jawait(1, work));
        EchoSuite.Row many = r.row(MulticoreEchoSuite.jawait(n, work));
        if (n < 2 || one == null || many == null) {
            t.row(target, "not measured: " + (n < 2 ? "one core" : "missing rows"), "—");
            return;
        }
        double x = many.result().requestsPerSecond() / one.result().requestsPerSecond();
        EchoSuite.Row nettyOne = r.row(MulticoreEchoSuite.netty(1, work));
        EchoSuite.Row nettyMany = r.row(MulticoreEchoSuite.netty(n, work));
        String netty = nettyOne == null || nettyMany == null ? ""
                : "; Netty " + Format.ratio(nettyMany.result().requestsPerSecond() / nettyOne.result().requestsPerSecond());
        t.row(target, Format.ratio(x) + " (server cores busy " + Format.num(one.result().serverCores()) + " → "
                + Format.num(many.result().serverCores()) + netty + ")", Report.met(x >= 1.7));
    }

    void section(StringBuilder md, EchoSuite.Settings s) {
        int n = r.loops();
        EchoSuite.Row workOne = r.row(MulticoreEchoSuite.jawait(1, true));
        md.append("## TCP echo on every core\n\n")
                .append("The servers of the previous section on ").append(n).append(" loops, as many as the machine has cores: "
                        + "jawait's `EventLoopGroup` (its first loop accepts, `TcpServer.options().loops(group)` hands each "
                        + "connection to the loop serving the fewest), Netty's `MultiThreadIoEventLoopGroup` of ")
                .append(n).append(" NIO loops (`ServerBootstrap.group(group)`: one of them accepts), and virtual threads on the "
                        + "default scheduler (one carrier per core). Same load generator and settings as above (")
                .append(s.connections()).append(" connections, ").append(s.messageSize()).append("-byte messages, one thread). "
                        + "**The load generator runs on the same machine**: it needs about as much CPU per request as a server, "
                        + "so on a small machine it takes a share of the cores a multi-loop server would use, and requests/s of "
                        + "plain echo says more about the machine than about the servers; server CPU per request (and requests "
                        + "per server CPU-second) still compares them. The rows with **CPU work** make the server the limit instead: "
                        + "for each message it reads, the server (jawait and Netty alike) runs ")
                .append(Format.num(r.work())).append(" steps of a dependent xorshift chain before echoing it")
                .append(workOne == null ? "" : " (" + Format.num(workOne.result().serverCpuMicrosPerRequest())
                        + " µs of server CPU per request in all with one jawait loop)")
                .append(", while a request still costs the generator only its few microseconds: there, going from 1 to ")
                .append(n).append(" loops shows how a server scales.\n\n");
        EchoSuite.Row jw = r.row(MulticoreEchoSuite.jawait(n, false));
        Table t = new Table("server", "requests/s", "p50 latency", "p99 latency", "server CPU per request",
                "requests per server CPU-second", "server cores busy", "load generator cores busy", "load average",
                "jawait ÷ peer (throughput)", "jawait ÷ peer (requests per CPU-second)");
        for (EchoSuite.Row row : r.rows()) {
            if (row.server().endsWith("CPU work") || row.server().endsWith(" 1 loop") || row.server().endsWith(" 1 event loop")) {
                continue;   // in the scaling table
            }
            EchoLoad.Result e = row.result();
            t.row(row.server(), Format.num(e.requestsPerSecond()), Format.num(e.p50Micros()) + " µs", Format.num(e.p99Micros()) + " µs",
                    Report.micros(e.serverCpuMicrosPerRequest()), Format.num(e.requestsPerServerCpuSecond()), Format.num(e.serverCores()),
                    Format.num(e.clientCores()), row.load(),
                    jw == null ? "n/a" : Format.ratio(jw.result().requestsPerSecond() / e.requestsPerSecond()),
                    jw == null ? "n/a" : Format.ratio(jw.result().requestsPerServerCpuSecond() / e.requestsPerServerCpuSecond()));
        }
        md.append(t.toMarkdown()).append('\n');
        Table scaling = new Table("server", "messages", "1 loop: requests/s", "server cores busy", "server CPU per request",
                n + " loops: requests/s", "server cores busy", "server CPU per request", "load generator cores busy", "scaling (requests/s)");
        for (boolean work : new boolean[] {false, true}) {
            scalingRow(scaling, "jawait", MulticoreEchoSuite.jawait(1, work), MulticoreEchoSuite.jawait(n, work), work);
            scalingRow(scaling, "Netty", MulticoreEchoSuite.netty(1, work), MulticoreEchoSuite.netty(n, work), work);
        }
        md.append("From 1 loop to ").append(n).append(":\n\n").append(scaling.toMarkdown()).append('\n');
    }

    private void scalingRow(Table t, String server, String oneLabel, String manyLabel, boolean work) {
        EchoSuite.Row one = r.row(oneLabel);
        EchoSuite.Row many = r.row(manyLabel);
        if (one == null || many == null || one == many) {
            return;
        }
        EchoLoad.Result a = one.result();
        EchoLoad.Result b = many.result();
        t.row(server, work ? "with CPU work" : "plain echo", Format.num(a.requestsPerSecond()), Format.num(a.serverCores()),
                Report.micros(a.serverCpuMicrosPerRequest()), Format.num(b.requestsPerSecond()), Format.num(b.serverCores()),
                Report.micros(b.serverCpuMicrosPerRequest()), Format.num(a.clientCores()) + " → " + Format.num(b.clientCores()),
                Format.ratio(b.requestsPerSecond() / a.requestsPerSecond()));
    }

    void chart(Chart c) {
        int n = r.loops();
        EchoSuite.Row jw = r.row(MulticoreEchoSuite.jawait(n, false));
        if (jw == null) {
            return;
        }
        for (EchoSuite.Row p : r.rows()) {
            if (p != jw && !p.server().endsWith("CPU work") && !p.server().startsWith("jawait")) {
                c.bar("TCP echo on " + n + " loops (requests per server CPU-second)", p.server(),
                        jw.result().requestsPerServerCpuSecond() / p.result().requestsPerServerCpuSecond());
            }
        }
    }
}
