package io.jawait.processor.ir;

import com.sun.source.tree.StatementTree;
import java.util.ArrayList;
import java.util.List;

/**
 * A basic block of the state machine: straight-line statements (among them whole statements of
 * the user's that do not await, a loop stays a loop) and an end.
 *
 * <p>A block lies wholly inside the same try regions, which is what lets the exception table map
 * a state to its handlers.
 */
public final class Block {
    private final int id;
    private final List<TryRegion.Membership> regions;
    private final int pos;
    private final List<StatementTree> body = new ArrayList<>();
    private final List<Exit> innerExits = new ArrayList<>();
    private Exit end;

    /**
     * @param id      number in creation order, for messages; states are numbered when emitted
     * @param regions enclosing try regions with the part of each this block is in, outermost first
     * @param pos     source position generated code of the block reports
     */
    public Block(int id, List<TryRegion.Membership> regions, int pos) {
        this.id = id;
        this.regions = List.copyOf(regions);
        this.pos = pos;
    }

    public List<TryRegion.Membership> regions() {
        return regions;
    }

    public int pos() {
        return pos;
    }

    /** The statements, in order; the builder appends to it. */
    public List<StatementTree> body() {
        return body;
    }

    /** Jumps out of the middle of the body (from copied user code), each with its slot there. */
    public List<Exit> innerExits() {
        return innerExits;
    }

    public Exit end() {
        return end;
    }

    public boolean isClosed() {
        return end != null;
    }

    public void close(Exit end) {
        if (this.end != null) {
            throw new IllegalStateException("block " + id + " is closed already");
        }
        if (end.slot() != null) {
            throw new IllegalArgumentException("a block's own end has no slot");
        }
        this.end = end;
    }

    @Override
    public String toString() {
        return "block " + id;
    }
}
