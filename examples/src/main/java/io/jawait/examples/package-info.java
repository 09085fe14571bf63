/**
 * Runnable programs that show jawait, each with a {@code main}; {@link io.jawait.examples.AllExamples}
 * runs them one after the other ({@code mvn -B -q package -DskipTests -Prun-examples}). The project's
 * {@code docs/examples.md} lists them and what each prints.
 *
 * <p>By topic: {@code tutorial} (waiting, await and gather, errors), {@code language} (try-with-resources
 * and switches across awaits), {@code toolkit} (queues, semaphores, timeouts, task groups), {@code net}
 * (TCP servers and clients), {@code io} (child processes), {@code http} (the JDK's HttpClient, awaited).
 */
package io.jawait.examples;
