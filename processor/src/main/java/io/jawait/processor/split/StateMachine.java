package io.jawait.processor.split;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import java.util.List;
import java.util.Map;

/**
 * The transform's result for one method: the fields its state machine needs beyond the hoisted
 * locals, the body of its {@code $step} method, and the local classes that become its members.
 */
public record StateMachine(Map<String, TypeName> fields, BlockTree stepBody, List<ClassTree> memberClasses) {
}
