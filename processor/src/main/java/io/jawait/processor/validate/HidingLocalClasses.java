package io.jawait.processor.validate;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;
import java.util.Locale;

/**
 * A local class, interface, record or enum named {@code io} or {@code java} declared in an
 * {@code @Async} method's own code: like a member type of those names (HiddenPackages), it hides the
 * package the generated code names, in the rest of its block, and everywhere in the step method
 * once it is used across an await (declared at the step method's top). Lambdas and class bodies are
 * other methods' code, where the generated code puts nothing of that kind. Run only for a body that
 * declares classes (AwaitSites#declaresClasses): one scan, no attribution.
 */
public final class HidingLocalClasses {
    private HidingLocalClasses() {
    }

    /** The first such class declared in {@code body}, or null. */
    public static ClassTree find(BlockTree body) {
        ClassTree[] found = new ClassTree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree node, Void p) {
                if (found[0] == null && HiddenPackages.PACKAGES.contains(node.getSimpleName().toString())) {
                    found[0] = node;
                }
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                return null;
            }
        }.scan(body, null);
        return found[0];
    }

    /** The error for the method {@code method} declaring {@code local}. */
    public static String problem(String method, ClassTree local) {
        String name = local.getSimpleName().toString();
        String kind = local.getKind().toString().toLowerCase(Locale.ROOT);
        return "@Async method " + method + " cannot be transformed: its local " + kind + " " + name
                + HiddenPackages.hidesPackage(name) + "; rename the " + kind;
    }
}
