package io.jawait.processor.analyse;

import io.jawait.processor.emit.TypeText;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import io.jawait.processor.model.AsyncMethod;

/**
 * One {@code @Async} method being transformed: what the analysis learned about it, and the tools
 * that write its generated code. The later stages share it instead of passing each part along.
 *
 * @param names allocates the names of generated locals and members, clear of every name in the body
 * @param machine the step method's parameter, the state machine: {@code $m}, unless the body names
 *     something so (a field {@code $m}, which the parameter would hide)
 * @param exactTypes the hoisted locals read as their exact type, written with type variables
 */
public record MethodContext(
        AsyncMethod method,
        MethodAttribution attribution,
        AwaitSites awaits,
        LocalVariables vars,
        JumpTargets jumps,
        TreeTemplates templates,
        TreeCopies copies,
        TypeText typeText,
        NameAllocator names,
        String machine,
        ExactTypes exactTypes) {
}
