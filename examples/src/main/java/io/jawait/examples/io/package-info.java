/**
 * Child processes on one loop thread: several run at once while their output is read line by line,
 * one is fed through its standard input, and a slow one is killed by a timeout
 * ({@link io.jawait.examples.io.ChildProcesses}).
 */
package io.jawait.examples.io;
