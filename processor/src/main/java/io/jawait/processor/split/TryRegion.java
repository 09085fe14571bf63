package io.jawait.processor.split;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A try statement whose parts await, so that Java's own try cannot cover them: its catches become
 * entries of the exception table and its finally a block entered with a pending completion.
 *
 * <p>The pending completion lives in two fields: {@code $fN} holds the state to continue at
 * after the finally, or -1 to rethrow {@code $fxN}.
 */
final class TryRegion {
    enum Part { TRY, CATCH, FINALLY }

    /** A block's place in a region. */
    record Membership(TryRegion region, Part part) {
    }

    /** One catch clause: the exception types it takes (source text) and the block it starts. */
    record Catch(List<String> types, Block entry) {
    }

    final int index;
    final List<Catch> catches = new ArrayList<>();
    Block finallyEntry;
    /** Every state a jump out of this region through the finally may continue at. */
    final Set<Block> finallyTargets = new LinkedHashSet<>();

    TryRegion(int index) {
        this.index = index;
    }

    String targetField() {
        return "$f" + index;
    }

    String pendingErrorField() {
        return "$fx" + index;
    }
}
