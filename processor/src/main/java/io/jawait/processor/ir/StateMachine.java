package io.jawait.processor.ir;

import com.sun.source.tree.ClassTree;
import java.util.List;

/**
 * The state machine of one {@code @Async} method, before it is written as Java.
 *
 * @param blocks        the blocks in the order they are written, the entry first; an await's block
 *                      is followed by the block that resumes
 * @param variables     the variables of {@code $step} that live across blocks, by index
 * @param memberClasses local classes of the method that become member classes of the state machine
 */
public record StateMachine(List<Block> blocks, List<FrameVariable> variables, List<ClassTree> memberClasses) {
    public StateMachine {
        blocks = List.copyOf(blocks);
        variables = List.copyOf(variables);
        memberClasses = List.copyOf(memberClasses);
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
