package io.jawait.processor.split;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.StatementTree;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.Exit;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.ir.TryRegion;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks under construction and where code goes now: the current block, the try regions
 * around it, and what the statement being copied still needs (capture copies to declare before it,
 * jumps out of it).
 */
final class BlockWriter {
    private final MethodContext cx;
    private final List<Block> all = new ArrayList<>();
    private final List<Block> placed = new ArrayList<>();
    /** Blocks that no code falls into (the shared return blocks): laid out after all others. */
    private final List<Block> trailing = new ArrayList<>();
    private final List<TryRegion.Membership> regions = new ArrayList<>();
    private final Map<TryRegion, Set<Block>> finallyTargets = new IdentityHashMap<>();
    /**
     * Declarations of the capture copies (see UserCodeRewriter#copy) made for user code that is
     * not emitted yet; they go right before the statement or exit that uses them.
     */
    private final List<StatementTree> pendingCaptures = new ArrayList<>();
    /** Jumps out of user code that is copied but not emitted yet. */
    private final List<Exit> pendingExits = new ArrayList<>();
    private Block current;

    BlockWriter(MethodContext cx) {
        this.cx = cx;
    }

    Block current() {
        return current;
    }

    /** A new block in the current try regions. */
    Block newBlock(int pos) {
        return newBlock(pos, regions);
    }

    Block newBlock(int pos, List<TryRegion.Membership> in) {
        Block b = new Block(all.size(), in, pos);
        all.add(b);
        return b;
    }

    /** Makes {@code b} the current block, laid out after the blocks placed so far. */
    void start(Block b) {
        current = b;
        placed.add(b);
    }

    /** Lays out {@code b} after all other blocks; it must be closed already. */
    void addTrailing(Block b) {
        trailing.add(b);
    }

    /** The blocks in layout order. */
    List<Block> layout() {
        List<Block> out = new ArrayList<>(placed);
        out.addAll(trailing);
        return out;
    }

    void captures(List<StatementTree> declarations) {
        pendingCaptures.addAll(declarations);
    }

    void emit(StatementTree s) {
        current.body().addAll(pendingCaptures);
        pendingCaptures.clear();
        current.innerExits().addAll(pendingExits);
        pendingExits.clear();
        current.body().add(s);
    }

    /** Ends the current block; the capture copies its exit's code needs are declared in the exit. */
    void close(List<StatementTree> prelude, Terminator terminator) {
        List<StatementTree> stats = new ArrayList<>(pendingCaptures);
        pendingCaptures.clear();
        stats.addAll(prelude);
        current.innerExits().addAll(pendingExits);
        pendingExits.clear();
        current.close(new Exit(stats, terminator, null));
    }

    void close(Terminator terminator) {
        close(List.of(), terminator);
    }

    /**
     * A jump out of user code that is copied whole: an empty block to put in the copy where the
     * jump was, which the emitter fills with {@code prelude} and the terminator.
     */
    BlockTree slot(List<StatementTree> prelude, Terminator terminator, int pos) {
        BlockTree slot = cx.templates().block(pos, List.of());
        pendingExits.add(new Exit(prelude, terminator, slot));
        return slot;
    }

    private static boolean inRegion(Block b, TryRegion region) {
        for (TryRegion.Membership t : b.regions()) {
            if (t.region() == region) {
                return true;
            }
        }
        return false;
    }

    /**
     * How control gets from here to {@code target}: directly, or, out of a region with a finally,
     * through the finally, which learns where to continue.
     */
    Terminator jumpTo(Block target) {
        for (int i = regions.size() - 1; i >= 0; i--) {
            TryRegion.Membership m = regions.get(i);
            if (inRegion(target, m.region())) {
                break;
            }
            if (m.part() != TryRegion.Part.FINALLY && m.region().finallyEntry() != null) {
                finallyTargets(m.region()).add(target);
                return new Terminator.ViaFinally(m.region(), target);
            }
        }
        return new Terminator.Goto(target);
    }

    /** Ends the current block with a jump to {@code target}, unless it has ended already. */
    void jump(Block target) {
        if (!current.isClosed()) {
            close(jumpTo(target));
        }
    }

    /** Jumps to {@code label} and continues there. */
    void place(Block label) {
        jump(label);
        start(label);
    }

    /**
     * Ends the current block with a test: when {@code condition} evaluates to {@code when},
     * continue at {@code target}, else in a new block that follows.
     */
    void branch(com.sun.source.tree.ExpressionTree condition, boolean when, Block target, int pos) {
        Block next = newBlock(pos);
        close(new Terminator.Branch(condition, when ? target : next, when ? next : target, pos));
        start(next);
    }

    /** Every block a jump through the finally of {@code region} may continue at. */
    Set<Block> finallyTargets(TryRegion region) {
        Set<Block> targets = finallyTargets.get(region);
        if (targets == null) {
            targets = new LinkedHashSet<>();
            finallyTargets.put(region, targets);
        }
        return targets;
    }

    /** The try regions around the current code, outermost first. */
    List<TryRegion.Membership> regions() {
        return List.copyOf(regions);
    }

    /** Code generated from now until {@link #leaveRegion} is in {@code part} of {@code region}. */
    void enterRegion(TryRegion region, TryRegion.Part part) {
        regions.add(new TryRegion.Membership(region, part));
    }

    /** Ends the innermost {@link #enterRegion}. */
    void leaveRegion() {
        regions.remove(regions.size() - 1);
    }
}
