package io.jawait.processor.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The edges between blocks: where each terminator continues, and where an exception goes. */
public final class ControlFlow {
    private ControlFlow() {
    }

    /** The blocks a terminator continues at directly. */
    public static List<Block> successors(Terminator t) {
        if (t instanceof Terminator.Goto g) {
            return List.of(g.target());
        }
        if (t instanceof Terminator.Branch b) {
            return List.of(b.whenTrue(), b.whenFalse());
        }
        if (t instanceof Terminator.Suspend s) {
            return List.of(s.resume());
        }
        if (t instanceof Terminator.ViaFinally v) {
            // The target too, though only the finally's end goes there: its state number is stored
            // even when the finally never completes normally.
            return List.of(v.region().finallyEntry(), v.target());
        }
        if (t instanceof Terminator.EndFinally e) {
            List<Block> out = new ArrayList<>();
            for (Terminator.Continuation c : e.continuations()) {
                out.addAll(successors(c.jump()));
            }
            return out;
        }
        return List.of(); // Complete, CompleteWithTask, Throw
    }

    /**
     * The handlers an exception thrown in {@code b} may reach, innermost first: the catch clauses
     * of the innermost region whose try part holds it, then the first finally around it.
     */
    public static List<Block> handlers(Block b) {
        Set<Block> out = new LinkedHashSet<>();
        List<TryRegion.Membership> regions = b.regions();
        for (int i = regions.size() - 1; i >= 0; i--) {
            TryRegion.Membership m = regions.get(i);
            if (m.part() == TryRegion.Part.TRY) {
                for (TryRegion.Catch c : m.region().catches()) {
                    out.add(c.entry());
                }
            }
            if (m.part() != TryRegion.Part.FINALLY && m.region().finallyEntry() != null) {
                out.add(m.region().finallyEntry());
                break;
            }
        }
        return new ArrayList<>(out);
    }

    /** Every block {@code b} may continue at: through its exits and through its handlers. */
    public static List<Block> allSuccessors(Block b) {
        List<Block> out = new ArrayList<>();
        for (Exit e : b.innerExits()) {
            out.addAll(successors(e.terminator()));
        }
        if (b.end() != null) {
            out.addAll(successors(b.end().terminator()));
        }
        out.addAll(handlers(b));
        return out;
    }

    /** The blocks reachable from the entry, as a set by identity. */
    public static Set<Block> reachable(StateMachine machine) {
        Set<Block> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Block> work = new ArrayDeque<>();
        work.add(machine.entry());
        seen.add(machine.entry());
        while (!work.isEmpty()) {
            for (Block next : allSuccessors(work.pop())) {
                if (seen.add(next)) {
                    work.add(next);
                }
            }
        }
        return seen;
    }
}
