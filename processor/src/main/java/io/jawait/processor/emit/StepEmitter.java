package io.jawait.processor.emit;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.Exit;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.HeldFields;
import io.jawait.processor.ir.Liveness;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.javac.TreeTemplates;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes a state machine as the body of the step method, a method of the user's class whose
 * parameter {@code $m} is the state machine:
 * <pre>
 * class Local {...} ...                      // local classes used across awaits
 * T local = $m.local; ...                    // the frame variables, from their fields
 * $dispatch: while (true) {
 *     try {
 *         switch ($m.$state) { case 0: {...} case 1: {...} ... }
 *     } catch (Throwable $e) {
 *         switch ($m.$state) { handlers of each state that lies in a try region }
 *         $m.$fail($e); return;
 *     }
 * }
 * </pre>
 * A jump writes {@code $state} and continues the dispatch loop, or falls into the next case. An
 * await is {@code if ($m.$await(x)) { $m.$state = N; ...store the live variables...; return; }}
 * followed by case N, which reads the outcome: an await of a complete task writes no field at all.
 */
public final class StepEmitter {
    private static final String CONTINUE = "continue " + CoroutineContract.DISPATCH + ";";

    private final StateMachine machine;
    private final Liveness liveness;
    private final HeldFields held;
    private final TreeTemplates templates;
    private final StateLayout layout;
    /** The step method's parameter, the state machine, followed by a dot; and its state. */
    private final String machinePrefix;
    private final String stateField;

    /** Null unless the suspensions share their stores (see {@link SharedSpills}). */
    private final SharedSpills shared;

    private StepEmitter(StateMachine machine, Liveness liveness, StateLayout layout, TreeTemplates templates,
            String machineName) {
        this.machine = machine;
        this.machinePrefix = machineName + ".";
        this.stateField = machinePrefix + CoroutineContract.STATE;
        this.liveness = liveness;
        this.held = HeldFields.of(machine, liveness);
        this.templates = templates;
        this.layout = layout;
        this.shared = storeCount() > SharedSpills.THRESHOLD ? new SharedSpills() : null;
    }

    /** How many fields the method's suspensions store or clear in all. */
    private int storeCount() {
        int count = 0;
        for (Block b : machine.blocks()) {
            if (b.end() != null && b.end().terminator() instanceof Terminator.Suspend s) {
                BitSet live = liveness.liveIn(s.resume());
                BitSet mayHold = held.heldIn(b);
                for (FrameVariable v : machine.variables()) {
                    if (writes(v, live, mayHold)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** The body of the step method for {@code machine}; {@code pos} is where its generated code reports. */
    static BlockTree body(StateMachine machine, Liveness liveness, StateLayout layout, MethodContext cx, int pos) {
        return new StepEmitter(machine, liveness, layout, cx.templates(), cx.machine()).body(pos);
    }

    private BlockTree body(int pos) {
        // Local classes first: frame variables may be of their types.
        List<StatementTree> stats = new ArrayList<>(machine.hoistedClasses());
        for (FrameVariable v : machine.variables()) {
            stats.add(templates.statement(pos, declaration(v)));
        }
        // Case by case rather than as one text: the text of a single case recurs across methods
        // (its template is parsed once), that of a whole dispatch switch rarely does.
        List<CaseTree> cases = new ArrayList<>();
        List<StatementTree> group = null;
        Block groupStart = null;
        for (Block b : machine.blocks()) {
            if (layout.isLabeled(b)) {
                if (group != null) {
                    cases.add(caseOf(groupStart, group));
                }
                group = new ArrayList<>();
                groupStart = b;
            }
            group.add(block(b));
        }
        cases.add(caseOf(groupStart, group));
        cases.add(templates.switchCase(pos, "default", templates.statement(pos,
                "throw " + machinePrefix + CoroutineContract.CORRUPT_STATE + "(" + stateField + ");")));
        StatementTree dispatch = templates.switchStatement(pos, templates.expression(pos, stateField), cases);
        String e = CoroutineContract.CAUGHT;
        stats.add(templates.statement(pos, CoroutineContract.DISPATCH + ": while (true) { try { $$0(); } catch (java.lang.Throwable "
                + e + ") {" + ExceptionTable.text(machine.blocks(), layout, stateField) + " " + machinePrefix + CoroutineContract.FAIL + "(" + e
                + "); return; } }", dispatch));
        if (shared != null && !shared.isEmpty()) {
            stats.add(templates.statement(pos, shared.epilogue(stateField)));
        }
        return templates.block(pos, stats);
    }

    /** A frame variable's declaration: from its field (a MIRROR's always), its constant, or its type's default. */
    private String declaration(FrameVariable v) {
        if (v.kind() == FrameVariable.Kind.CONSTANT) {
            return "final " + v.type() + " " + v.name() + " = " + v.constant() + ";";
        }
        if (v.kind() == FrameVariable.Kind.MIRROR) {
            return v.type() + " " + v.name() + " = " + machinePrefix + v.name() + ";";
        }
        String start = v.exactCast() != null ? "var " + v.name() + " = " + v.exactCast()
                : v.intersection() == null ? v.type() + " " + v.name() + " = "
                : "var " + v.name() + " = (" + v.intersection() + ") ";
        return start + (liveness.hasField(v) ? machinePrefix + v.name() : v.defaultValue()) + ";";
    }

    private CaseTree caseOf(Block start, List<StatementTree> group) {
        StatementTree body = group.size() == 1 ? group.get(0) : templates.block(start.pos(), group);
        return templates.switchCase(start.pos(), "case " + layout.state(start), body);
    }

    /**
     * One block, as a Java block of its own (its locals must not reach the next case): its body,
     * then its end, which may read the locals the body declares. Its inner exits fill their slots.
     */
    private StatementTree block(Block b) {
        for (Exit e : b.innerExits()) {
            templates.fill(e.slot(), exit(e, b, null));
        }
        List<StatementTree> stats = new ArrayList<>(b.body());
        if (!stats.isEmpty() && !completesNormally(stats.get(stats.size() - 1))) {
            // A last statement that may not complete normally (a copied loop that only returns)
            // would make the end unreachable, which javac rejects: "if (true)" hides that from it.
            stats.set(stats.size() - 1, templates.statement(b.pos(), "if (true) $$0();", stats.get(stats.size() - 1)));
        }
        stats.addAll(exit(b.end(), b, layout.next(b)));
        return templates.block(b.pos(), stats);
    }

    /** The statements of an exit; {@code next} is the block it may fall into, or null. */
    private List<StatementTree> exit(Exit e, Block from, Block next) {
        List<StatementTree> out = new ArrayList<>(e.prelude());
        out.addAll(terminator(e.terminator(), from, next));
        return out;
    }

    private List<StatementTree> terminator(Terminator t, Block from, Block next) {
        int pos = from.pos();
        if (t instanceof Terminator.Goto g) {
            return jump(g.target(), from, next, pos);
        }
        if (t instanceof Terminator.Branch br) {
            Block fallsTo = br.whenFalse() == next ? br.whenFalse() : br.whenTrue() == next ? br.whenTrue() : null;
            boolean negate = fallsTo != null && fallsTo == br.whenTrue();
            Block taken = negate ? br.whenFalse() : br.whenTrue();
            List<StatementTree> out = new ArrayList<>();
            out.add(templates.statement(br.pos(), "if (" + (negate ? "!($$0)" : "$$0") + ") { " + dispatchText(taken) + " }",
                    br.condition()));
            if (fallsTo == null) {
                out.addAll(jump(br.whenFalse(), from, null, pos));
            } else if (!fallsTo.regions().equals(from.regions())) {
                throw new IllegalStateException("a branch leaves its try regions: " + from);
            }
            return out;
        }
        if (t instanceof Terminator.Suspend s) {
            if (s.resume() != next || !s.resume().regions().equals(from.regions())) {
                throw new IllegalStateException(from + " is not followed by its resume block");
            }
            int state = layout.state(s.resume());
            if (shared != null) {
                shared.add(spills(from, s.resume()), state);
                return List.of(templates.statement(s.pos(), "if (" + machinePrefix + CoroutineContract.AWAIT + "($$0)) { " + stateField
                        + " = " + state + "; break " + CoroutineContract.DISPATCH + "; }", s.operand()));
            }
            return List.of(templates.statement(s.pos(), "if (" + machinePrefix + CoroutineContract.AWAIT + "($$0)) { " + stateField + " = "
                    + state + "; " + spills(from, s.resume()) + "return; }", s.operand()));
        }
        if (t instanceof Terminator.Complete c) {
            return List.of(templates.statement(c.pos(), "{ " + machinePrefix + CoroutineContract.COMPLETE + "($$0); return; }", c.value()));
        }
        if (t instanceof Terminator.CompleteWithTask c) {
            return List.of(templates.statement(c.pos(), "{ " + machinePrefix + CoroutineContract.COMPLETE_WITH + "($$0); return; }",
                    c.task()));
        }
        if (t instanceof Terminator.Throw th) {
            return List.of(templates.statement(th.pos(), "throw $$0;", th.exception()));
        }
        if (t instanceof Terminator.ViaFinally v) {
            return List.of(templates.statement(pos, "{ " + v.region().target().name() + " = " + layout.state(v.target())
                    + "; " + dispatchText(v.region().finallyEntry()) + " }"));
        }
        Terminator.EndFinally end = (Terminator.EndFinally) t;
        String target = end.region().target().name();
        List<StatementTree> out = new ArrayList<>();
        out.add(templates.statement(pos, "if (" + target + " == -1) throw " + end.region().error().name() + ";"));
        for (Terminator.Continuation c : end.continuations()) {
            List<StatementTree> jump = terminator(c.jump(), from, null);
            out.add(templates.statement(pos, "if (" + target + " == " + layout.state(c.target()) + ") $$0();",
                    templates.block(pos, jump)));
        }
        out.add(templates.statement(pos, "throw new java.lang.IllegalStateException(\"jawait: lost finally target\");"));
        return out;
    }

    /** A jump to {@code target}: falling into it when it is {@code next}, else through the dispatch loop. */
    private List<StatementTree> jump(Block target, Block from, Block next, int pos) {
        if (target != next) {
            return List.of(templates.statement(pos, "{ " + dispatchText(target) + " }"));
        }
        // $state is read only by the exception table (a jump or an await writes it first), so it
        // needs the new value only when the next case has other handlers.
        return target.regions().equals(from.regions()) ? List.of()
                : List.of(templates.statement(pos, stateField + " = " + layout.state(target) + ";"));
    }

    private String dispatchText(Block target) {
        return stateField + " = " + layout.state(target) + "; " + CONTINUE;
    }

    /**
     * What a suspension at the end of {@code from} stores: each frame variable live where it
     * resumes into its field, and the field of each other one that may still hold a reference
     * there ({@link HeldFields}) cleared, so the suspended task keeps nothing the rest of the
     * method does not read.
     */
    private String spills(Block from, Block resume) {
        BitSet live = liveness.liveIn(resume);
        BitSet mayHold = held.heldIn(from);
        StringBuilder out = new StringBuilder();
        for (FrameVariable v : machine.variables()) {
            if (writes(v, live, mayHold)) {
                out.append(machinePrefix).append(v.name()).append(" = ").append(live.get(v.index()) ? v.name() : "null")
                        .append("; ");
            }
        }
        return out.toString();
    }

    /**
     * Whether a suspension writes {@code v}'s field: stores it when live where it resumes
     * ({@code live}), else clears it when it may still hold a reference ({@code mayHold}).
     */
    private boolean writes(FrameVariable v, BitSet live, BitSet mayHold) {
        return liveness.hasField(v) && (live.get(v.index()) || v.isReference() && mayHold.get(v.index()));
    }

    /**
     * True when the statement can surely complete normally (JLS 14.22): an expression statement,
     * a declaration, an enhanced for, an if without else, or a block whose last statement does.
     * False says only "not sure".
     */
    private static boolean completesNormally(StatementTree last) {
        return switch (last.getKind()) {
            case EXPRESSION_STATEMENT, VARIABLE, EMPTY_STATEMENT, ENHANCED_FOR_LOOP, CLASS, INTERFACE, ENUM, RECORD -> true;
            case IF -> ((IfTree) last).getElseStatement() == null;
            case BLOCK -> {
                List<? extends StatementTree> inner = ((BlockTree) last).getStatements();
                yield inner.isEmpty() || completesNormally(inner.get(inner.size() - 1));
            }
            default -> false;
        };
    }
}
