package io.jawait.processor.ir;

import com.sun.source.tree.ExpressionTree;
import java.util.List;

/**
 * How a basic block ends. The emitter renders each kind; liveness follows its edges. Where the
 * rendered code can throw, {@code pos} is the source position it reports.
 */
public sealed interface Terminator {
    /** Continue at {@code target} (through the dispatch loop, or by falling into the next case). */
    record Goto(Block target) implements Terminator {
    }

    /** Continue at {@code whenTrue} if {@code condition} holds, else at {@code whenFalse}; both in the same try regions. */
    record Branch(ExpressionTree condition, Block whenTrue, Block whenFalse, int pos) implements Terminator {
    }

    /**
     * Await {@code operand}: suspend unless it is complete, and continue at {@code resume}, which
     * reads the outcome. {@code pos} is the await's source position (its line is where the task waits).
     */
    record Suspend(ExpressionTree operand, Block resume, int pos) implements Terminator {
    }

    /** Complete the task with {@code value}. */
    record Complete(ExpressionTree value, int pos) implements Terminator {
    }

    /** Complete the task like {@code task} ({@code return task;}). */
    record CompleteWithTask(ExpressionTree task, int pos) implements Terminator {
    }

    /** Throw {@code exception}: the exception table or the task's failure takes it. */
    record Throw(ExpressionTree exception, int pos) implements Terminator {
    }

    /** Leave {@code region} through its finally, which then continues at {@code target}. */
    record ViaFinally(TryRegion region, Block target) implements Terminator {
    }

    /**
     * The end of {@code region}'s finally: rethrow the pending exception, or continue where the jump
     * that entered the finally was going, by the matching continuation (a Goto or ViaFinally).
     */
    record EndFinally(TryRegion region, List<Continuation> continuations) implements Terminator {
        public EndFinally {
            continuations = List.copyOf(continuations);
        }
    }

    /** One target a finally may continue at, and how it gets there from the finally. */
    record Continuation(Block target, Terminator jump) {
    }
}
