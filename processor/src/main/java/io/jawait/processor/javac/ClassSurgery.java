package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
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

    /** Parses one member class from Java text and moves all of it to {@code pos}. */
    public ClassTree parseMemberClass(String source, int pos) {
        JCCompilationUnit unit = session.parsers.newParser(source, false, false, false).parseCompilationUnit();
        for (JCTree def : unit.defs) {
            if (def instanceof JCClassDecl c) {
                new TreeTemplates.Repositioner(pos).scan(c);
                return c;
            }
        }
        throw new IllegalArgumentException("no class in generated source");
    }

    /**
     * Adds a method written as Java text to {@code owner} just after {@code neighbour}, all of it at
     * {@code pos}; returns its tree. There, javac numbers the lambdas in it as it would have numbered
     * them in {@code neighbour} ({@code lambda$m$step$0} for {@code lambda$m$0}): it counts a class's
     * lambdas in the order of its members.
     */
    public MethodTree addMethodAfter(ClassTree owner, MethodTree neighbour, String method, int pos) {
        JCClassDecl holder = (JCClassDecl) parseMemberClass("class $Holder {\n" + method + "\n}", pos);
        JCMethodDecl declaration = (JCMethodDecl) holder.defs.head;
        JCClassDecl decl = (JCClassDecl) owner;
        ArrayList<JCTree> defs = new ArrayList<>(decl.defs);
        int at = defs.indexOf((JCTree) neighbour);
        defs.add(at < 0 ? defs.size() : at + 1, declaration);
        decl.defs = List.from(defs);
        return declaration;
    }

    public void replaceBody(MethodTree method, BlockTree body) {
        ((JCMethodDecl) method).body = (JCBlock) body;
    }

    public void addMember(ClassTree owner, ClassTree member) {
        JCClassDecl decl = (JCClassDecl) owner;
        decl.defs = decl.defs.append((JCClassDecl) member);
    }
}
