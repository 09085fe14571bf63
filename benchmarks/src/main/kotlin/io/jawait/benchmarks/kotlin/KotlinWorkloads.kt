package io.jawait.benchmarks.kotlin

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * The Kotlin-coroutine peers, written as a Kotlin user would. Single-threaded like jawait: either
 * runBlocking's event loop on the calling thread, or the Unconfined dispatcher (resumes in place)
 * where jawait resumes in place too.
 */
object KotlinWorkloads {
    /** A completed Deferred holding [value]. */
    @JvmStatic
    fun completed(value: Int): Deferred<Int> = CompletableDeferred(value)

    private suspend fun sumAwaits(done: Deferred<Int>, n: Int): Int {
        var sum = 0
        for (i in 0 until n) {
            sum += done.await()
        }
        return sum
    }

    /** Awaits a completed Deferred [n] times inside a coroutine that never suspends. */
    @OptIn(DelicateCoroutinesApi::class, ExperimentalCoroutinesApi::class)
    @JvmStatic
    fun awaitCompleted(done: Deferred<Int>, n: Int): Int =
        GlobalScope.async(Dispatchers.Unconfined, CoroutineStart.UNDISPATCHED) { sumAwaits(done, n) }.getCompleted()

    /** Two coroutines calling yield() [n] times each on runBlocking's loop; returns the yield count. */
    @JvmStatic
    fun pingPong(n: Int): Int = runBlocking {
        var yields = 0
        val body: suspend () -> Unit = {
            for (i in 0 until n) {
                yield()
                yields++
            }
        }
        val a = launch { body() }
        val b = launch { body() }
        a.join()
        b.join()
        yields
    }

    private suspend fun chain(depth: Int, leaf: Deferred<Int>): Int {
        val v = if (depth == 0) leaf.await() else chain(depth - 1, leaf)
        return v + 1
    }

    /** [depth] + 1 nested suspend calls suspended on a pending leaf, then resumed in place; returns depth + 1. */
    @OptIn(DelicateCoroutinesApi::class, ExperimentalCoroutinesApi::class)
    @JvmStatic
    fun chainOnce(depth: Int): Int {
        val leaf = CompletableDeferred<Int>()
        val top = GlobalScope.async(Dispatchers.Unconfined, CoroutineStart.UNDISPATCHED) { chain(depth, leaf) }
        leaf.complete(0)
        return top.getCompleted()
    }

    /** [n] async children that each yield once, awaited with awaitAll on runBlocking's loop; returns the sum. */
    @JvmStatic
    fun gather(n: Int): Long = runBlocking {
        val children = (0 until n).map { i ->
            async {
                yield()
                i
            }
        }
        children.awaitAll().sumOf { it.toLong() }
    }

    /**
     * The sleepers workload: [n] coroutines each delay [millis] on runBlocking's loop (one thread, as
     * jawait); [whileAllSleep] runs on the loop thread once all have started sleeping. Returns how many finished.
     */
    @JvmStatic
    fun sleepers(n: Int, millis: Long, whileAllSleep: Runnable): Int = runBlocking {
        var finished = 0
        coroutineScope {
            for (i in 0 until n) {
                launch(start = CoroutineStart.UNDISPATCHED) {
                    delay(millis)
                    finished++
                }
            }
            whileAllSleep.run()
        }
        finished
    }
}
