package io.jawait.processor.analyse;

import com.sun.source.tree.BlockTree;
import io.jawait.processor.javac.MethodAttribution;

/**
 * The body of an {@code @Async} method that the analysis works on, with what javac and AwaitSites
 * found in it: the three change together when ResourceLowering desugars the body (its copy is
 * attributed again and its awaits found again), so the analysis steps take them as one.
 *
 * @param body        the declared body, or its desugared copy
 * @param attribution the types and symbols of {@code body}
 * @param awaits      the awaits of {@code body}
 */
public record AttributedBody(BlockTree body, MethodAttribution attribution, AwaitSites awaits) {
}
