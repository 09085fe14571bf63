package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.util.List;
import java.util.ArrayList;

/**
 * The in-place edits of the user's class: a new body for the {@code @Async} method and a new
 * member class holding its state machine.
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

    /** Adds a member written as Java text (a method) to {@code owner}, all of it at {@code pos}. */
    public void addMember(ClassTree owner, String member, int pos) {
        JCClassDecl holder = (JCClassDecl) parseMemberClass("class $Holder {\n" + member + "\n}", pos);
        JCClassDecl decl = (JCClassDecl) owner;
        decl.defs = decl.defs.appendList(holder.defs);
    }

    public void replaceBody(MethodTree method, BlockTree body) {
        ((JCMethodDecl) method).body = (JCBlock) body;
    }

    /** Sets the body of the named method of {@code owner} (a generated class). */
    public void setBody(ClassTree owner, String methodName, BlockTree body) {
        for (JCTree def : ((JCClassDecl) owner).defs) {
            if (def instanceof JCMethodDecl m && m.name.contentEquals(methodName)) {
                m.body = (JCBlock) body;
                return;
            }
        }
        throw new IllegalArgumentException("no method " + methodName);
    }

    public void addMember(ClassTree owner, ClassTree member) {
        JCClassDecl decl = (JCClassDecl) owner;
        decl.defs = decl.defs.append((JCClassDecl) member);
    }

    static List<JCStatement> statements(java.util.List<? extends StatementTree> list) {
        ArrayList<JCStatement> out = new ArrayList<>();
        for (StatementTree s : list) {
            out.add((JCStatement) s);
        }
        return List.from(out);
    }
}
