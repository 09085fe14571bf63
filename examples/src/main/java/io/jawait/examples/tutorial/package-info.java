/**
 * The tutorial in three runnable parts: why waiting blocks a thread and how awaiting does not
 * ({@link io.jawait.examples.tutorial.SyncVsAsync}), awaiting one request after the other and all at
 * once with {@code gather} ({@link io.jawait.examples.tutorial.FetchData}), and handling failures with
 * an ordinary try/catch ({@link io.jawait.examples.tutorial.ErrorHandling}).
 */
package io.jawait.examples.tutorial;
