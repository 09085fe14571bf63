package io.jawait.processor.emit;

import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.ControlFlow;
import io.jawait.processor.ir.Exit;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.ir.TryRegion;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The states of the dispatch switch. A block gets a case label, and a state number, when the
 * dispatch loop can enter it ({@code $state} names it: a jump that is not to the next block, a
 * resumption, a handler) or when falling into it changes the try regions; any other block is
 * entered only by falling into it from the block before it, has the same handlers, and shares that
 * block's state. States are numbered in layout order from 0, the entry.
 */
final class StateLayout {
    private final List<Block> blocks;
    private final Map<Block, Integer> index = new IdentityHashMap<>();
    private final Set<Block> labeled = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Block, Integer> state = new IdentityHashMap<>();

    StateLayout(StateMachine machine) {
        this.blocks = machine.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            index.put(blocks.get(i), i);
        }
        labeled.add(machine.entry());
        for (int i = 0; i < blocks.size(); i++) {
            markEntered(blocks.get(i), next(i));
        }
        for (int i = 1; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Block before = blocks.get(i - 1);
            if (!fallsInto(before, b) || !before.regions().equals(b.regions())) {
                labeled.add(b);
            }
        }
        int n = 0;
        for (Block b : blocks) {
            state.put(b, labeled.contains(b) ? n++ : n - 1);
        }
    }

    /**
     * Marks the blocks that {@code b}'s jumps and handlers enter through the dispatch loop;
     * {@code next} is the block laid out after it. A method of its own, called per block, so that
     * HotSpot compiles it within the first few methods of a compilation (the constructor runs once
     * per method, interpreted in nearly every compilation).
     */
    private void markEntered(Block b, Block next) {
        for (Exit e : b.innerExits()) {
            dispatched(e.terminator(), null);
        }
        dispatched(b.end().terminator(), next);
        for (TryRegion.Membership m : b.regions()) {
            for (TryRegion.Catch c : m.region().catches()) {
                labeled.add(c.entry());
            }
            if (m.region().finallyEntry() != null) {
                labeled.add(m.region().finallyEntry());
            }
        }
    }

    /** Marks the blocks {@code t} enters through the dispatch loop; {@code next} is the block it may fall into. */
    private void dispatched(Terminator t, Block next) {
        if (t instanceof Terminator.Goto g) {
            if (g.target() != next) {
                labeled.add(g.target());
            }
        } else if (t instanceof Terminator.Branch br) {
            if (br.whenFalse() == next) {
                labeled.add(br.whenTrue());
            } else if (br.whenTrue() == next) {
                labeled.add(br.whenFalse());
            } else {
                labeled.add(br.whenTrue());
                labeled.add(br.whenFalse());
            }
        } else if (t instanceof Terminator.ViaFinally v) {
            labeled.add(v.target());
            labeled.add(v.region().finallyEntry());
        } else if (t instanceof Terminator.EndFinally e) {
            for (Terminator.Continuation c : e.continuations()) {
                dispatched(c.jump(), null);
            }
        } else {
            labeled.addAll(ControlFlow.successors(t)); // a Suspend's resume block
        }
    }

    /** True when control can reach {@code b} by falling out of the end of {@code before}. */
    private static boolean fallsInto(Block before, Block b) {
        Terminator t = before.end().terminator();
        return (t instanceof Terminator.Goto g && g.target() == b)
                || (t instanceof Terminator.Branch br && (br.whenFalse() == b || br.whenTrue() == b))
                || (t instanceof Terminator.Suspend s && s.resume() == b);
    }

    /** The block laid out after {@code b}, or null. */
    Block next(Block b) {
        return next(index.get(b));
    }

    private Block next(int i) {
        return i + 1 < blocks.size() ? blocks.get(i + 1) : null;
    }

    boolean isLabeled(Block b) {
        return labeled.contains(b);
    }

    /** The number of states: they are 0 to this, exclusive. */
    int stateCount() {
        return state.get(blocks.get(blocks.size() - 1)) + 1;
    }

    /** The value of {@code $state} while {@code b} runs (when it may throw), and to enter it by dispatch. */
    int state(Block b) {
        return state.get(b);
    }
}
