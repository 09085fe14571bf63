package io.jawait.processor.split;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BlockTree;
import java.util.Map;

/**
 * The transform's result for one method: the fields its state machine needs beyond the hoisted
 * locals, and the body of its {@code $step} method.
 */
public record StateMachine(Map<String, TypeName> fields, BlockTree stepBody) {
}
