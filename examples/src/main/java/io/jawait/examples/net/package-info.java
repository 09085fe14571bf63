/**
 * TCP on one event-loop thread: an echo server with one {@code @Async} handler per connection, many
 * concurrent clients of it, and a key-value server whose clients share one map without locks.
 */
package io.jawait.examples.net;
