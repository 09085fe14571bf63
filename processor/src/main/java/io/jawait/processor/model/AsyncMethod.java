package io.jawait.processor.model;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodTree;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One validated {@code @Async} method: what the later stages need to know about its declaration.
 *
 * @param element     the method
 * @param owner       the class, interface, enum or record that declares it
 * @param tree        its declaration tree
 * @param body        the body to transform: the declared one, or a copy of it with some constructs
 *                    desugared first (see ResourceLowering)
 * @param resultType  {@code T} of its {@code Task<T>} return type
 * @param receiver    how the state machine reaches the method's {@code this}
 * @param coroutineName simple name of the generated member class
 * @param stepName    name of the generated method of {@code owner} that holds the body's code
 */
public record AsyncMethod(
        ExecutableElement element,
        TypeElement owner,
        MethodTree tree,
        BlockTree body,
        TypeMirror resultType,
        Receiver receiver,
        String coroutineName,
        String stepName) {

    /** How generated code refers to the instance the method was called on. */
    public enum Receiver {
        /** A static method: there is no receiver; the state machine is a static nested class, the step method static. */
        NONE,
        /** An instance method of a class, enum or record: the state machine is an inner class. */
        OUTER_THIS,
        /**
         * A default method of an interface: member classes are static there, so a field holds it
         * (to call the step method, a private method of the interface).
         */
        SELF_FIELD
    }
}
