package io.jawait.processor.ir;

import com.sun.source.tree.ClassTree;
import java.util.List;

/**
 * The state machine of one {@code @Async} method, before it is written as Java.
 *
 * @param blocks        the blocks in the order they are written, the entry first; an await's block
 *                      is followed by the block that resumes
 * @param variables     the variables of the step method that live across blocks, by index
 * @param hoistedClasses local classes of the method declared at the top of the step method, because an
 *                      await lies between their declaration and a use (or the one class holding them
 *                      and what they capture, see io.jawait.processor.analyse.CaptureHolder)
 */
public record StateMachine(List<Block> blocks, List<FrameVariable> variables, List<ClassTree> hoistedClasses) {
    public StateMachine {
        blocks = List.copyOf(blocks);
        variables = List.copyOf(variables);
        hoistedClasses = List.copyOf(hoistedClasses);
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).index() != i) {
                throw new IllegalArgumentException("variable " + variables.get(i).name() + " is not at its index");
            }
        }
    }

    public Block entry() {
        return blocks.get(0);
    }
}
