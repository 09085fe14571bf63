package io.jawait.processor.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields may still hold a reference when a block runs: forward data flow over the blocks,
 * with the edges of the exception table.
 *
 * <p>Why: a suspension clears the field of each reference variable that is dead where it resumes
 * (see {@link Liveness}). Clearing every such field at every suspension made the step method's
 * code grow as (variables × suspensions), past the 64 KB a method may have, for methods that fit
 * as plain Java. Only the constructor (the parameters) and a suspension (what is live where it
 * resumes) store into the fields, so a field can hold a reference at a suspension only if it came
 * from one of those on some path there; the others are already null and need no clearing.
 */
public final class HeldFields {
    private final Map<Block, BitSet> heldIn = new IdentityHashMap<>();

    private HeldFields() {
    }

    /** Analyses {@code machine}, whose liveness is {@code liveness}. */
    public static HeldFields of(StateMachine machine, Liveness liveness) {
        HeldFields h = new HeldFields();
        h.solve(machine, liveness);
        return h;
    }

    /** The variables whose fields may hold a reference while {@code b} runs (and when it suspends). */
    public BitSet heldIn(Block b) {
        return (BitSet) heldIn.getOrDefault(b, new BitSet()).clone();
    }

    private void solve(StateMachine machine, Liveness liveness) {
        BitSet references = new BitSet();
        BitSet parameters = new BitSet();
        for (FrameVariable v : machine.variables()) {
            if (v.isReference() && liveness.hasField(v)) {
                references.set(v.index());
                if (v.kind() == FrameVariable.Kind.PARAMETER) {
                    parameters.set(v.index());
                }
            }
        }
        if (references.isEmpty()) {
            // No field can hold a reference: every block's set stays empty, no need to iterate.
            return;
        }
        List<Block> blocks = machine.blocks();
        // Each block's handlers, found once rather than on every pass.
        List<List<Block>> handlers = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            heldIn.put(b, new BitSet());
            handlers.add(b.regions().isEmpty() ? List.of() : ControlFlow.handlers(b));
        }
        heldIn.get(machine.entry()).or(parameters);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < blocks.size(); i++) {
                changed |= propagate(blocks.get(i), handlers.get(i), liveness, references);
            }
        }
    }

    /**
     * One block's step of the fixpoint: what its fields hold flows along its edges; true when a
     * target's set grew. A method of its own so that HotSpot compiles it within the first few
     * methods of a compilation (see Liveness#update).
     */
    private boolean propagate(Block b, List<Block> handlers, Liveness liveness, BitSet references) {
        boolean changed = false;
        BitSet in = heldIn.get(b);
        for (Exit e : b.innerExits()) {
            changed |= flow(in, e.terminator(), liveness, references);
        }
        if (b.end() != null) {
            changed |= flow(in, b.end().terminator(), liveness, references);
        }
        for (Block h : handlers) {
            changed |= join(h, in);
        }
        return changed;
    }

    /** Along a terminator's edges: a suspension leaves exactly what is live where it resumes, any other keeps all. */
    private boolean flow(BitSet in, Terminator t, Liveness liveness, BitSet references) {
        if (t instanceof Terminator.Suspend s) {
            BitSet stored = liveness.liveIn(s.resume());
            stored.and(references);
            return join(s.resume(), stored);
        }
        boolean changed = false;
        for (Block next : ControlFlow.successors(t)) {
            changed |= join(next, in);
        }
        return changed;
    }

    private boolean join(Block target, BitSet held) {
        BitSet into = heldIn.get(target);
        if (into == null) {
            throw new IllegalStateException(target + " is not a block of the machine");
        }
        BitSet before = (BitSet) into.clone();
        into.or(held);
        return !into.equals(before);
    }
}
