/**
 * Keeping the processor's code loaded across the compilations of one JVM: javac loads the processor
 * path in a new class loader for each compilation, so without this a build's later modules run the
 * transform interpreted again. {@link io.jawait.processor.resident.ResidentProcessors} makes and
 * finds the kept loader; a {@link io.jawait.processor.resident.Keeper} thread holds it while it is
 * used. Nothing here touches javac: it deals in class loaders, jars and threads only.
 */
package io.jawait.processor.resident;
