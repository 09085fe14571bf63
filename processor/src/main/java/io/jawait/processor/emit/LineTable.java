package io.jawait.processor.emit;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.javac.MemberTrees;
import io.jawait.processor.model.CoroutineContract;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * The state machine's {@code $line()}: the source line where a task waits, for task dumps and
 * slow-step reports. A suspended machine's {@code $state} is the state that resumes after its
 * await, so that state maps to the await's line; state 0 (not started) maps to the method's line;
 * any other state to the line of the code it starts at (a task is never seen waiting there, but a
 * racy read from another thread may see it). A completed task answers 0.
 *
 * <p>The table is one string constant indexed by {@code $state}: no per-instance cost, no code per
 * state (a switch would add a case per await), and the class file holds it once in its constant
 * pool. One char per state while every line is below the surrogate range, which a literal must
 * not hold alone; otherwise two chars of 15 bits each.
 */
final class LineTable {
    /** The first char value a literal cannot hold by itself (a lone surrogate). */
    private static final int NARROW_LIMIT = Character.MIN_SURROGATE;

    private LineTable() {
    }

    /**
     * The method's declaration, as Java text.
     *
     * @param lineOf     the source line of a position (0 when unknown)
     * @param methodLine the line of the @Async method's declaration
     */
    static MethodTree method(StateMachine machine, StateLayout layout, IntUnaryOperator lineOf, int methodLine,
            MemberTrees t) {
        int[] lines = lines(machine, layout, lineOf, methodLine);
        boolean narrow = true;
        for (int line : lines) {
            narrow &= line < NARROW_LIMIT;
        }
        StringBuilder table = new StringBuilder();
        for (int line : lines) {
            if (narrow) {
                table.append((char) line);
            } else {
                table.append((char) (line >>> 15)).append((char) (line & 0x7fff));
            }
        }
        // An if rather than isDone() ? 0 : ...: javac attributes a conditional's method-call operand
        // twice (speculatively first, to tell a numeric conditional), in every state machine.
        StatementTree done = t.ifThen(t.call(t.select(t.self(), "isDone"), List.of()), t.returning(t.literal(0)));
        List<StatementTree> body;
        if (narrow) {
            ExpressionTree read = t.call(t.select(t.literal(table.toString()), "charAt"),
                    List.of(t.select(t.self(), CoroutineContract.STATE)));
            body = List.of(done, t.returning(read));
        } else {
            String state = "this." + CoroutineContract.STATE;
            body = List.of(done, t.parsedStatement("java.lang.String $lines = " + ConstantText.of(table.toString()) + ";"),
                    t.parsedStatement("return $lines.charAt(" + state + " * 2) << 15 | $lines.charAt("
                            + state + " * 2 + 1);"));
        }
        return t.method(Set.of(Modifier.PROTECTED), "int", CoroutineContract.LINE, List.of(), body);
    }

    /** The line of each state, by state number. */
    static int[] lines(StateMachine machine, StateLayout layout, IntUnaryOperator lineOf, int methodLine) {
        int[] lines = new int[layout.stateCount()];
        for (Block b : machine.blocks()) {
            if (layout.isLabeled(b)) {
                lines[layout.state(b)] = lineOf.applyAsInt(b.pos());
            }
        }
        for (Block b : machine.blocks()) {
            if (b.end().terminator() instanceof Terminator.Suspend s) {
                lines[layout.state(s.resume())] = lineOf.applyAsInt(s.pos());
            }
        }
        lines[0] = methodLine;
        for (int i = 0; i < lines.length; i++) {
            lines[i] = Math.max(0, lines[i]);
        }
        return lines;
    }
}
