package io.jawait.processor.javac;

import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.List;
import com.sun.tools.javac.util.Log;
import java.util.ArrayList;
import java.util.Set;
import javax.tools.JavaFileObject;

/**
 * javac's flow checks (JLS 11.2 checked exceptions, JLS 16 definite assignment, effectively final
 * captures), run on an {@code @Async} body as written.
 *
 * <p>The transform turns the body into a state machine whose steps may throw anything and whose
 * locals that live across an await become fields, so javac would check neither the exceptions nor
 * the assignments of the code the user wrote; an editor that does not run the processor does, and
 * sees {@code await(x)} as a call that throws nothing. Running javac's flow analysis on the
 * attributed copy of the body (in a stand-in of its class holding only this method) gives exactly
 * the errors javac gives with {@code -proc:none}: an exception neither caught nor declared, a catch
 * of a checked exception the try cannot throw or one caught twice, an implicit {@code close()} that
 * throws, a local read before it is surely assigned, a final assigned twice, a lambda or class
 * capturing a local that is not effectively final, a switch that does not cover its input or whose
 * rule or body can end without a value (split at its awaits, javac would no longer see either), a
 * {@code try (r)} over a variable that is not effectively final, an assignment in a guard. The other
 * flow errors, an unreachable statement and a missing return, are the processor's own business: the
 * same pass tells whether the body has either ({@link Outcome}), and the processor decides.
 */
final class FlowErrors {
    private static final String UNREACHABLE = "compiler.err.unreachable.stmt";
    private static final String MISSING_RETURN = "compiler.err.missing.ret.stmt";

    private static final Set<String> KEYS = Set.of(
            "compiler.err.unreported.exception.need.to.catch.or.throw",
            "compiler.err.unreported.exception.implicit.close",
            "compiler.err.except.never.thrown.in.try",
            "compiler.err.except.already.caught",
            "compiler.err.var.might.not.have.been.initialized",
            "compiler.err.var.might.already.be.assigned",
            "compiler.err.var.might.be.assigned.in.loop",
            "compiler.err.final.parameter.may.not.be.assigned",
            "compiler.err.multicatch.parameter.may.not.be.assigned",
            "compiler.err.try.resource.may.not.be.assigned",
            "compiler.err.cant.ref.non.effectively.final.var",
            "compiler.err.local.var.accessed.from.icls.needs.final",
            "compiler.err.not.exhaustive",
            "compiler.err.not.exhaustive.statement",
            "compiler.err.rule.completes.normally",
            "compiler.err.switch.expression.completes.normally",
            "compiler.err.try.with.resources.expr.effectively.final.var",
            "compiler.err.cannot.assign.not.declared.guard");

    /**
     * javac's lint warnings of the flow pass that the transformed code no longer gives: a
     * fall-through in the user's switch (the step method suppresses the states' own fall-through),
     * a resource never referenced (the transform desugars try-with-resources), a finally that
     * cannot complete normally (split, it is no longer one block).
     */
    private static final Set<String> WARNING_KEYS = Set.of(
            "compiler.warn.possible.fall-through.into.case",
            "compiler.warn.try.resource.not.referenced",
            "compiler.warn.finally.cannot.complete");

    private FlowErrors() {
    }

    /** A warning about a try statement's finally block (it cannot complete normally), given at its end. */
    static boolean aboutFinally(JCDiagnostic warning) {
        return warning.getCode().equals("compiler.warn.finally.cannot.complete");
    }

    /** A warning about a try statement itself (its resource, its finally), given at a position inside it. */
    static boolean aboutTryStatement(JCDiagnostic warning) {
        return warning.getCode().equals("compiler.warn.try.resource.not.referenced")
                || warning.getCode().equals("compiler.warn.finally.cannot.complete");
    }

    /**
     * What javac's flow analysis of the body found.
     *
     * @param errors            the errors javac would report on the body. Some may lie inside lambdas
     *                          or classes of the body, which javac also checks where the transform puts
     *                          them: reported twice at one position, an error is shown once.
     * @param unreachable       a statement of the body (or of a lambda or class in it) is unreachable
     * @param completesNormally control can reach the end of the body (JLS 14.22)
     * @param warnings          the lint warnings javac would report on the body as written that the
     *                          transformed code does not give (see WARNING_KEYS), as the user's lint
     *                          options and {@code @SuppressWarnings} have them
     */
    record Outcome(java.util.List<JCDiagnostic> errors, boolean unreachable, boolean completesNormally,
            java.util.List<JCDiagnostic> warnings) {
    }

    /** Analyses {@code copy}, the attributed body of {@code method}. */
    static Outcome of(JavacSession session, JCMethodDecl method, Env<AttrContext> classEnv,
            JCBlock copy) {
        JCClassDecl owner = (JCClassDecl) classEnv.tree;
        JCMethodDecl alone = session.make.at(method.pos).MethodDef(method.mods, method.name, method.restype,
                method.typarams, method.params, method.thrown, copy, null);
        alone.sym = method.sym;
        alone.type = method.type;
        JCClassDecl holder = session.make.at(owner.pos).ClassDef(owner.mods, owner.name, owner.typarams,
                owner.extending, owner.implementing, List.of(alone));
        holder.sym = owner.sym;
        holder.type = owner.sym.type;
        Log log = session.log;
        Log.DiagnosticHandler held = MethodAttribution.holdDiagnostics(log);
        JavaFileObject previousSource = log.useSource(classEnv.toplevel.sourcefile);
        try {
            session.flow.analyzeTree(classEnv.dup(holder), session.make);
        } finally {
            log.useSource(previousSource);
            log.popDiagnosticHandler(held);
        }
        java.util.List<JCDiagnostic> errors = new ArrayList<>();
        java.util.List<JCDiagnostic> warnings = new ArrayList<>();
        boolean unreachable = false;
        boolean completesNormally = false;
        for (JCDiagnostic d : MethodAttribution.pendingDiagnostics(held)) {
            if (KEYS.contains(d.getCode())) {
                errors.add(d);
            } else if (WARNING_KEYS.contains(d.getCode())) {
                warnings.add(d);
            } else if (d.getCode().equals(UNREACHABLE)) {
                unreachable = true;
            } else if (d.getCode().equals(MISSING_RETURN) && d.getPosition() == copy.endpos) {
                // Only the method's own: one of a method of a local class in it is reported there.
                completesNormally = true;
            }
        }
        return new Outcome(errors, unreachable, completesNormally, warnings);
    }
}
