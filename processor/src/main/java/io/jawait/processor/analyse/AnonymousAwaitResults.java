package io.jawait.processor.analyse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import io.jawait.processor.javac.MethodAttribution;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * An awaited value of an anonymous class's type whose own member is used on it
 * ({@code await(get(new Object() { int f; })).f}): the state machine reads an awaited value as a
 * type it can write, here what the anonymous class extends, where that member does not exist. Reported
 * on the await, instead of javac's "cannot find symbol ... location: class Object". An override with
 * the supertype's own type is fine: called on the supertype it is the same call. Such a use makes the
 * transform give the class a name (AnonymousClassNames); it stays an error only where it cannot.
 */
public final class AnonymousAwaitResults {
    private AnonymousAwaitResults() {
    }

    public static List<AnonymousTypeLocals.Unwritable> find(AttributedBody code, Types types, Elements elements) {
        MethodAttribution attribution = code.attribution();
        AwaitSites awaits = code.awaits();
        List<AnonymousTypeLocals.Unwritable> found = new ArrayList<>();
        new MethodCodeScanner<Void, Void>() {
            @Override
            public Void visitMemberSelect(MemberSelectTree node, Void p) {
                check(node.getExpression(), node, node.getIdentifier().toString());
                return super.visitMemberSelect(node, p);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree node, Void p) {
                check(node.getQualifierExpression(), node, node.getName().toString());
                return super.visitMemberReference(node, p);
            }

            private void check(ExpressionTree qualifier, Tree use, String name) {
                ExpressionTree q = qualifier;
                while (q instanceof ParenthesizedTree paren) {
                    q = paren.getExpression();
                }
                if (!awaits.isAwait(q)) {
                    return;
                }
                // The member's owner, since the awaited value's type as attributed is already the
                // writable one: an anonymous class's member reached on an await is one of its own.
                Element member = attribution.referent(use);
                if (member != null && member.getEnclosingElement() instanceof TypeElement c
                        && c.getNestingKind() == NestingKind.ANONYMOUS
                        && !AnonymousTypeLocals.isSameOverride(member, c, types, elements)) {
                    found.add(new AnonymousTypeLocals.Unwritable(q, "the awaited value has an anonymous class's type, "
                            + "which the @Async method cannot write down, so the anonymous class's own member " + name
                            + " is out of reach on it; declare a local class (or a local interface or record) instead "
                            + "of the anonymous class, or use only members of the type it extends or implements", c));
                }
            }
        }.scan(code.body(), null);
        return found;
    }
}
