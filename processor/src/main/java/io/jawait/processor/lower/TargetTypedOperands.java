package io.jawait.processor.lower;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;

/**
 * Which awaited operands depend on the type that the await's result is assigned to. A generic call
 * or a conditional is inferred from its context (JLS 18.5.2); standalone, an argument that is a
 * lambda or method reference has no functional interface to target when the type it goes to is
 * one of the call's own type variables, and javac rejects it. Other operands infer the same erased
 * types alone as in context, so they are passed on as they are.
 */
final class TargetTypedOperands {
    private TargetTypedOperands() {
    }

    /** True when {@code operand} is a call, {@code new} or conditional holding a lambda or method reference. */
    static boolean needsTargetType(ExpressionTree operand) {
        ExpressionTree e = operand;
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return switch (e.getKind()) {
            case METHOD_INVOCATION, NEW_CLASS, CONDITIONAL_EXPRESSION, SWITCH_EXPRESSION ->
                    Boolean.TRUE.equals(new FunctionalArguments().scan(e, null));
            default -> false;
        };
    }

    /** Finds a lambda or method reference, not looking into class bodies (their code has its own targets). */
    private static final class FunctionalArguments extends TreeScanner<Boolean, Void> {
        @Override
        public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
        }

        @Override
        public Boolean visitLambdaExpression(LambdaExpressionTree node, Void p) {
            return true;
        }

        @Override
        public Boolean visitMemberReference(MemberReferenceTree node, Void p) {
            return true;
        }

        @Override
        public Boolean visitClass(ClassTree node, Void p) {
            return false;
        }

        @Override
        public Boolean scan(Tree tree, Void p) {
            return Boolean.TRUE.equals(super.scan(tree, p));
        }
    }
}
