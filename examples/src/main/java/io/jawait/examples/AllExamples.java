package io.jawait.examples;

import io.jawait.examples.http.HttpFetcher;
import io.jawait.examples.io.ChildProcesses;
import io.jawait.examples.language.Sessions;
import io.jawait.examples.net.EchoClients;
import io.jawait.examples.net.KeyValueServer;
import io.jawait.examples.toolkit.Crawler;
import io.jawait.examples.toolkit.GroupFailure;
import io.jawait.examples.toolkit.ProducerConsumer;
import io.jawait.examples.toolkit.TimeoutCancelsSlowWork;
import io.jawait.examples.tutorial.ErrorHandling;
import io.jawait.examples.tutorial.FetchData;
import io.jawait.examples.tutorial.SyncVsAsync;

/** Runs every example in turn: what README's run command starts. */
public final class AllExamples {
    private AllExamples() {
    }

    public static void main(String[] args) throws Exception {
        section("Tutorial 1: sync vs async");
        SyncVsAsync.main(args);
        section("Tutorial 2: fetch_data, sequential and concurrent");
        FetchData.main(args);
        section("Tutorial 3: error handling");
        ErrorHandling.main(args);
        section("Language: async resources closed by try-with-resources, switch expressions that await");
        Sessions.main(args);
        section("Toolkit: producer/consumer over a bounded queue");
        ProducerConsumer.main(args);
        section("Toolkit: crawler fan-out limited by a semaphore");
        Crawler.main(args);
        section("Toolkit: a timeout that cancels slow work");
        TimeoutCancelsSlowWork.main(args);
        section("Toolkit: a task group where one failure cancels the rest");
        GroupFailure.main(args);
        section("TCP: an echo server and 200 concurrent clients on one thread");
        EchoClients.main(new String[] {"200", "10"});
        section("TCP, files and two loops: a key-value server on an event loop group, with snapshots");
        KeyValueServer.main(new String[0]);
        section("Processes: children streamed, fed and killed, on one thread");
        ChildProcesses.main(new String[0]);
        section("HTTP: HttpClient.sendAsync awaited, at most 5 requests in flight");
        HttpFetcher.main(new String[0]);
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("=== " + title + " ===");
    }
}
