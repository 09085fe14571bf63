/**
 * HTTP with the JDK's {@code HttpClient}: {@code @Async} code awaits {@code sendAsync} like any
 * {@code CompletionStage}; {@link io.jawait.examples.http.HttpFetcher} fetches pages concurrently from a
 * local server it starts, with a limit on requests in flight.
 */
package io.jawait.examples.http;
