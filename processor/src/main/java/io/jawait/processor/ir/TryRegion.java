package io.jawait.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A try statement whose parts await, so that Java's own try cannot cover them: its catches become
 * entries of the exception table and its finally a block entered with a pending completion.
 *
 * <p>The pending completion lives in two variables: {@link #target()} holds the state to continue
 * at after the finally ({@link Terminator.ViaFinally}), or -1 to rethrow {@link #error()}.
 */
public final class TryRegion {
    public enum Part { TRY, CATCH, FINALLY }

    /** A block's place in a region. */
    public record Membership(TryRegion region, Part part) {
        // Written out, as a record's generated ones would compute them: the generated ones bootstrap
        // ObjectMethods (method handle combinators) on first use, a cost each fresh javac pays.
        @Override
        public boolean equals(Object o) {
            return o instanceof Membership m && region == m.region && part == m.part;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(region) + part.hashCode();
        }
    }

    /** One catch clause: the exception types it takes (source text) and the block it starts. */
    public record Catch(List<String> types, Block entry) {
    }

    private final List<Catch> catches = new ArrayList<>();
    private final FrameVariable target;
    private final FrameVariable error;
    private final FrameVariable caught;
    private Block finallyEntry;

    /**
     * @param target null for a region without a finally, else an int variable
     * @param error  null for a region without a finally
     * @param caught where the exception table leaves the exception for a catch clause; null without catches
     */
    public TryRegion(FrameVariable target, FrameVariable error, FrameVariable caught) {
        if ((target == null) != (error == null) || (target != null && !target.type().equals("int"))) {
            throw new IllegalArgumentException("a finally needs an int target and an error variable");
        }
        this.target = target;
        this.error = error;
        this.caught = caught;
    }

    /** Sets the first block of the finally, which lies in this region; once, and only with a target variable. */
    public void finallyEntry(Block entry) {
        if (target == null || finallyEntry != null) {
            throw new IllegalStateException("no finally expected, or set already");
        }
        finallyEntry = entry;
    }

    public List<Catch> catches() {
        return catches;
    }

    public void addCatch(List<String> types, Block entry) {
        catches.add(new Catch(List.copyOf(types), entry));
    }

    /** The first block of the finally, or null. */
    public Block finallyEntry() {
        return finallyEntry;
    }

    public FrameVariable target() {
        return target;
    }

    public FrameVariable error() {
        return error;
    }

    public FrameVariable caught() {
        return caught;
    }
}
