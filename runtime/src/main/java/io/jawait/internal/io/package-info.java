/**
 * Not API: the byte plumbing under {@link io.jawait.net} and {@link io.jawait.io}. Sockets driven by
 * the loop's selector and blocking pipes pumped by a thread are both seen as a
 * {@link io.jawait.internal.io.ByteSource} and a {@link io.jawait.internal.io.ByteSink}; an
 * {@link io.jawait.internal.io.OutputQueue} gives writes their back-pressure. Every method runs on the
 * loop thread and never blocks it.
 */
package io.jawait.internal.io;
