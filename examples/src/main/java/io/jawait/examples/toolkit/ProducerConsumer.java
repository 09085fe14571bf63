package io.jawait.examples.toolkit;

import static io.jawait.Tasks.await;
import static io.jawait.Tasks.gather;
import static io.jawait.Tasks.sleep;

import io.jawait.AsyncIterator;
import io.jawait.Async;
import io.jawait.Task;
import io.jawait.Tasks;
import io.jawait.sync.AsyncQueue;

/**
 * A fast producer and two slow consumers over a bounded queue: once two jobs are queued the
 * producer's {@code put} waits (back-pressure), and closing the queue lets the consumers finish
 * cleanly after the last job.
 */
public final class ProducerConsumer {
    private ProducerConsumer() {
    }

    @Async
    static Task<Void> producer(AsyncQueue<String> jobs) {
        for (int i = 1; i <= 6; i++) {
            String job = "job-" + i;
            System.out.println("producer: putting " + job + " (queued: " + jobs.size() + ")");
            await(jobs.put(job)); // waits while the queue is full
            await(sleep(10));
        }
        System.out.println("producer: done, closing the queue");
        jobs.close();
        return Task.done();
    }

    @Async
    static Task<Integer> consumer(String name, AsyncQueue<String> jobs) {
        int handled = 0;
        AsyncIterator<String> it = jobs.iterator();
        while (await(it.hasNext())) { // false once the queue is closed and drained
            String job = it.next();
            System.out.println("  " + name + ": working on " + job);
            await(sleep(100)); // slower than the producer
            handled++;
        }
        System.out.println("  " + name + ": queue closed, handled " + handled);
        return Task.of(handled);
    }

    @Async
    static Task<Void> main() {
        AsyncQueue<String> jobs = new AsyncQueue<>(2);
        var counts = await(gather(producer(jobs), consumer("consumer A", jobs), consumer("consumer B", jobs)));
        System.out.println("handled " + ((Integer) counts.get(1) + (Integer) counts.get(2)) + " jobs in all");
        return Task.done();
    }

    public static void main(String[] args) {
        Tasks.run(ProducerConsumer::main);
    }
}
