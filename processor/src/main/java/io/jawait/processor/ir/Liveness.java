package io.jawait.processor.ir;

import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which frame variables are live where: classic backward data flow over the blocks, with the
 * edges of the exception table.
 *
 * <p>What it decides: at each suspension, the variables live in the resuming block are stored in
 * their fields and the fields of the others are cleared, so that a suspended task holds exactly
 * what the rest of the method may still read (a local of a loop body does not keep the previous
 * iteration's value alive across the next await). A variable gets a field only if it is live at
 * some suspension, or is a parameter (the constructor hands it to the first step through it).
 */
public final class Liveness {
    private final StateMachine machine;
    private final VariableUses uses;
    private final Map<Block, BitSet> liveIn = new IdentityHashMap<>();
    private final BitSet stored = new BitSet();
    /** Each exit's prelude and each terminator's operand, scanned once rather than on every pass of the fixpoint. */
    private final Map<Exit, VariableUses.Effect> preludes = new IdentityHashMap<>();
    private final Map<Tree, BitSet> reads = new IdentityHashMap<>();

    private Liveness(StateMachine machine) {
        this.machine = machine;
        this.uses = new VariableUses(machine.variables());
    }

    /** Analyses the blocks of {@code machine} (all of them must be closed). */
    public static Liveness of(StateMachine machine) {
        Liveness l = new Liveness(machine);
        l.solve();
        return l;
    }

    /** True when the variable has a field: a parameter, or live at some suspension. */
    public boolean hasField(FrameVariable v) {
        return v.kind() == FrameVariable.Kind.PARAMETER || stored.get(v.index());
    }

    /** The variables live when {@code b} starts. */
    public BitSet liveIn(Block b) {
        return (BitSet) liveIn.getOrDefault(b, new BitSet()).clone();
    }

    private void solve() {
        List<Block> blocks = machine.blocks();
        int n = blocks.size();
        VariableUses.Effect[] bodies = new VariableUses.Effect[n];
        List<List<HandlerEdge>> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            bodies[i] = uses.of(b.body());
            handlers.add(b.regions().isEmpty() ? List.of() : handlerEdges(b));
            liveIn.put(b, new BitSet());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                changed |= update(blocks.get(i), bodies[i], handlers.get(i));
            }
        }
        for (Block b : blocks) {
            if (b.end() != null && b.end().terminator() instanceof Terminator.Suspend s) {
                stored.or(liveIn.get(s.resume()));
            }
        }
    }

    /**
     * One block's step of the fixpoint: true when its live-in set grew. A method of its own, called
     * for every block on every pass, so that HotSpot compiles it within the first few @Async
     * methods of a compilation; inlined in {@code solve}, which runs once per method, it ran
     * interpreted in nearly every compilation (the processor is loaded anew in each).
     */
    private boolean update(Block b, VariableUses.Effect body, List<HandlerEdge> handlers) {
        BitSet in = body.before(b.end() == null ? new BitSet() : before(b.end()));
        for (Exit e : b.innerExits()) {
            in.or(before(e));
        }
        for (HandlerEdge h : handlers) {
            BitSet entering = (BitSet) liveIn.get(h.entry()).clone();
            entering.andNot(h.set());
            in.or(entering);
        }
        if (in.equals(liveIn.get(b))) {
            return false;
        }
        liveIn.put(b, in);
        return true;
    }

    /**
     * An edge of the exception table: an exception thrown in a block enters {@code entry} with
     * the variables of {@code set} just written by the table (the pending completion of a
     * finally, the caught exception of a catch), so they are not live before it.
     */
    private record HandlerEdge(Block entry, BitSet set) {
    }

    /** The handlers an exception thrown in {@code from} may reach (computed once; the fixpoint reads them on every pass). */
    private static List<HandlerEdge> handlerEdges(Block from) {
        List<HandlerEdge> out = new ArrayList<>();
        for (Block h : ControlFlow.handlers(from)) {
            BitSet set = new BitSet();
            for (TryRegion.Membership m : from.regions()) {
                TryRegion r = m.region();
                if (r.finallyEntry() == h) {
                    set.set(r.target().index());
                    set.set(r.error().index());
                }
                for (TryRegion.Catch c : r.catches()) {
                    if (c.entry() == h) {
                        set.set(r.caught().index());
                    }
                }
            }
            out.add(new HandlerEdge(h, set));
        }
        return out;
    }

    /** Live before an exit runs its prelude. */
    private BitSet before(Exit e) {
        VariableUses.Effect prelude = preludes.get(e);
        if (prelude == null) {
            prelude = uses.of(e.prelude());
            preludes.put(e, prelude);
        }
        return prelude.before(before(e.terminator()));
    }

    private BitSet before(Terminator t) {
        BitSet live = new BitSet();
        if (t instanceof Terminator.Goto g) {
            live.or(liveIn.get(g.target()));
        } else if (t instanceof Terminator.Branch br) {
            live.or(reads(br.condition()));
            live.or(liveIn.get(br.whenTrue()));
            live.or(liveIn.get(br.whenFalse()));
        } else if (t instanceof Terminator.Suspend s) {
            live.or(liveIn.get(s.resume()));
            live.or(reads(s.operand()));
        } else if (t instanceof Terminator.Complete c) {
            live.or(reads(c.value()));
        } else if (t instanceof Terminator.CompleteWithTask c) {
            live.or(reads(c.task()));
        } else if (t instanceof Terminator.Throw th) {
            live.or(reads(th.exception()));
        } else if (t instanceof Terminator.ViaFinally v) {
            // Sets the target; the finally reads the pending exception only when the target is -1.
            live.or(liveIn.get(v.region().finallyEntry()));
            live.clear(v.region().target().index());
            live.clear(v.region().error().index());
        } else if (t instanceof Terminator.EndFinally e) {
            for (Terminator.Continuation c : e.continuations()) {
                live.or(before(c.jump()));
            }
            live.set(e.region().target().index());
            live.set(e.region().error().index());
        }
        return live;
    }

    private BitSet reads(Tree tree) {
        BitSet r = reads.get(tree);
        if (r == null) {
            r = uses.reads(tree);
            reads.put(tree, r);
        }
        return r;
    }
}
