package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.util.List;
import java.util.ArrayList;

/**
 * The in-place edits of the user's class: a new body for the {@code @Async} method, a new member
 * class holding its state machine and a new method holding its code.
 *
 * <p>Edits made during annotation processing are safe because javac enters and attributes every
 * tree again after the last round; the new member is then compiled like user code.
 */
public final class ClassSurgery {
    private final JavacSession session;

    ClassSurgery(JavacSession session) {
        this.session = session;
    }

    /**
     * Adds a method to {@code owner} just after {@code neighbour}. There, javac numbers the lambdas
     * in it as it would have numbered them in {@code neighbour} ({@code lambda$m$step$0} for {@code
     * lambda$m$0}): it counts a class's lambdas in the order of its members.
     */
    public void addMethodAfter(ClassTree owner, MethodTree neighbour, MethodTree method) {
        JCMethodDecl declaration = (JCMethodDecl) method;
        JCClassDecl decl = (JCClassDecl) owner;
        ArrayList<JCTree> defs = new ArrayList<>(decl.defs);
        int at = defs.indexOf((JCTree) neighbour);
        defs.add(at < 0 ? defs.size() : at + 1, declaration);
        decl.defs = List.from(defs);
    }

    public void replaceBody(MethodTree method, BlockTree body) {
        ((JCMethodDecl) method).body = (JCBlock) body;
    }

    public void addMember(ClassTree owner, ClassTree member) {
        JCClassDecl decl = (JCClassDecl) owner;
        decl.defs = decl.defs.append((JCClassDecl) member);
    }
}
