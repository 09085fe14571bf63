package io.jawait.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import java.util.Map;
import javax.lang.model.type.TypeMirror;

/** What expression lowering emits into: the state machine under construction. */
public interface LoweringSink {
    /** Emits {@code this.$tN = value;} and returns an expression that reads the temporary. */
    ExpressionTree spill(TypeMirror type, ExpressionTree value, Tree at);

    /** Emits {@code expression;}: evaluates it for its effect only. */
    void evaluate(ExpressionTree expression, Tree at);

    /** Emits {@code <temporary> = value;} for a temporary made by {@link #spill}. */
    void spillInto(ExpressionTree temporary, ExpressionTree value, Tree at);

    /**
     * Emits a suspension on {@code operand}; returns an expression reading the awaited value, or
     * null when {@code resultType} is null (the value is dropped but a failure still throws).
     */
    ExpressionTree await(ExpressionTree operand, TypeMirror resultType, Tree at);

    /** Emits: when {@code condition} evaluates to {@code when}, continue at {@code target}. */
    void branch(ExpressionTree condition, boolean when, Label target, Tree at);

    Label newLabel();

    void jump(Label target, Tree at);

    /** Makes {@code label} the place where the following code goes. */
    void place(Label label, Tree at);

    /**
     * Emits a switch expression whose arms await as a split switch, its selector already lowered
     * to {@code selector}; returns an expression that reads the value it yielded.
     */
    ExpressionTree switchExpression(SwitchExpressionTree s, ExpressionTree selector);

    /** A rewritten copy of a user expression, with {@code replacements} applied first. */
    ExpressionTree copy(ExpressionTree original, Map<Tree, Tree> replacements);

    /** A generated expression from a template with holes. */
    ExpressionTree template(Tree at, String code, Tree... holes);
}
