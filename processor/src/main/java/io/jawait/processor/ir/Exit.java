package io.jawait.processor.ir;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.StatementTree;
import java.util.List;

/**
 * A way out of a block: statements that run first (declarations of capture copies, the store of a
 * value being returned or yielded), then a terminator.
 *
 * <p>A block's own end is an exit without a slot. A jump from inside user code that is copied whole
 * (a {@code break} out of a loop that does not await, to a loop that does) is an exit with a slot:
 * an empty block placed in the copied code, which the emitter fills.
 */
public record Exit(List<StatementTree> prelude, Terminator terminator, BlockTree slot) {
    public Exit {
        prelude = List.copyOf(prelude);
    }

    public static Exit of(Terminator terminator) {
        return new Exit(List.of(), terminator, null);
    }
}
