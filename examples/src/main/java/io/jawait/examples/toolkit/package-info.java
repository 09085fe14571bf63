/**
 * The concurrency toolkit in use: a bounded queue between a producer and consumers, a semaphore
 * limiting a crawler's downloads, a timeout that cancels slow work, and a task group whose failure
 * cancels its other children.
 */
package io.jawait.examples.toolkit;
