package io.jawait.processor.split;

import com.sun.source.tree.StatementTree;
import java.util.ArrayList;
import java.util.List;

/**
 * A basic block of the state machine: one {@code case} of its dispatch switch.
 *
 * <p>A block lies wholly inside the same try regions, which is what lets the exception table map
 * a state number to its handlers. It ends with a terminator: a jump, a suspension (which falls
 * through to the block that resumes), a completion, or a throw.
 */
final class Block implements io.jawait.processor.lower.Label {
    final int id;
    /** Enclosing try regions with the part of each this block is in, outermost first. */
    final List<TryRegion.Membership> regions;
    final int pos;
    final List<StatementTree> body = new ArrayList<>();
    StatementTree terminator;
    /** The block control falls into after the terminator (an await that did not suspend), or null. */
    Block fallsInto;
    /** The block the terminator jumps to directly (not through a finally), or null. */
    Block jumpsTo;
    /** Ends by falling into the next case, which it jumps to, with the same handlers: no terminator. */
    boolean fallsThroughSilently;

    Block(int id, List<TryRegion.Membership> regions, int pos) {
        this.id = id;
        this.regions = List.copyOf(regions);
        this.pos = pos;
    }

    boolean isClosed() {
        return terminator != null;
    }
}
