package io.jawait.processor.analyse;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;

/**
 * Scans the code of the method itself: lambda bodies and class bodies inside it are code of other
 * methods (they run when called, not as part of this method's control flow) and are skipped.
 */
public class MethodCodeScanner<R, P> extends TreeScanner<R, P> {
    @Override
    public R visitLambdaExpression(LambdaExpressionTree node, P p) {
        return null;
    }

    @Override
    public R visitClass(ClassTree node, P p) {
        return null;
    }
}
