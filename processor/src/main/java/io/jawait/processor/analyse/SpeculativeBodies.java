package io.jawait.processor.analyse;

import com.sun.source.tree.BlockTree;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongUnaryOperator;
import javax.lang.model.type.TypeMirror;

/**
 * What it takes to ask javac whether the step method's way of writing an {@code @Async} method's code
 * compiles, before writing it: copies of the body changed as the step method would have them
 * (NestedIntersectionLocals, ExactTemporaries), attributed as the method's, and the line of the first
 * error, for the message the processor shows instead of javac's on generated code.
 *
 * @param copies     copies the body, substituting trees
 * @param templates  parses the trees the substitutions put in
 * @param typeText   writes types as the step method does, but a local class as the body declares it
 *                   (the step method may declare it in its CaptureHolder)
 * @param attributor attributes a body as the method's with the given type variables in scope too
 * @param lines      the line of a source position of the method's file
 */
public record SpeculativeBodies(TreeCopies copies, TreeTemplates templates, TypeText typeText,
        BiFunction<BlockTree, List<? extends TypeMirror>, MethodAttribution> attributor, LongUnaryOperator lines) {
    /** {@code copy} attributed as the method's body, with {@code typeVariables} in scope too. */
    MethodAttribution attribute(BlockTree copy, List<? extends TypeMirror> typeVariables) {
        return attributor.apply(copy, typeVariables);
    }

    /** The line of a source position of the method's file. */
    long line(long position) {
        return lines.applyAsLong(position);
    }
}
