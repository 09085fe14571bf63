package io.jawait.processor.javac;

import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.TreeCopier;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * javac's {@code [varargs]} warning on an unsafe use of a {@code @SafeVarargs} method's varargs
 * parameter in its body ({@code Object[] os = xs;}), which javac gives only while it attributes the
 * method's declaration: the check asks which method it is in (Check's current method, set by no
 * public means). The transformed code cannot give it (the parameter is a frame variable of a step
 * method that is no varargs method), and attributing a copy of the body in the method's environment
 * does not (no current method), so a copy of the whole declaration is attributed, with fresh trees
 * for its signature (javac flushes the lint warnings it deferred for the trees it attributes: the
 * method's own stay where they are) and the method's own symbols.
 */
final class SafeVarargsProbe {
    static final String UNSAFE_USE = "compiler.warn.varargs.unsafe.use.varargs.param";

    private SafeVarargsProbe() {
    }

    /** True when {@code method} is {@code @SafeVarargs} with a varargs parameter of a non-reifiable type: the only case. */
    static boolean applies(JavacSession session, MethodSymbol method) {
        return method.isVarArgs() && method.attribute(session.symtab.trustMeType.tsym) != null
                && !method.params.isEmpty() && !session.types.isReifiable(method.params.last().type);
    }

    /** True for javac's warning of an unsafe use of {@code method}'s own varargs parameter. */
    static boolean isUnsafeUseOf(JCDiagnostic d, MethodSymbol method) {
        Object[] args = d.getArgs();
        return d.getCode().equals(UNSAFE_USE) && args.length > 0 && method.params != null && !method.params.isEmpty()
                && args[0] == method.params.last();
    }

    /**
     * The warnings of unsafe uses of the varargs parameter of {@code decl} in its body, attributed
     * in {@code classEnv}, with its diagnostics going to {@code source}.
     */
    static List<JCDiagnostic> warnings(JavacSession session, JCMethodDecl decl, Env<AttrContext> classEnv,
            JavaFileObject source) {
        MethodSymbol m = decl.sym;
        JCBlock body = new TreeCopier<Void>(session.make).copy(decl.body);
        JCMethodDecl probe = session.make.at(decl.pos).MethodDef(m, body);
        // javac fixes up a type parameter's bound from its tree each time it attributes it.
        List<Type> bounds = new ArrayList<>();
        for (Type v : m.type.getTypeArguments()) {
            bounds.add(((Type.TypeVar) v).getUpperBound());
        }
        List<VarSymbol> params = new ArrayList<>(m.params);
        Log.DiagnosticHandler held = MethodAttribution.holdDiagnostics(session.log);
        JavaFileObject previousSource = session.log.useSource(source);
        boolean typeless = classEnv.enclClass.type == null;
        if (typeless) {
            classEnv.enclClass.type = m.owner.type;
        }
        try (UnattributedClasses.Pause paused = session.unattributedClasses().pause()) {
            session.attr.attribStat(probe, classEnv);
        } finally {
            if (typeless) {
                classEnv.enclClass.type = null;
            }
            int i = 0;
            for (Type v : m.type.getTypeArguments()) {
                ((Type.TypeVar) v).setUpperBound(bounds.get(i++));
            }
            m.params = com.sun.tools.javac.util.List.from(params);
            session.log.useSource(previousSource);
            session.log.popDiagnosticHandler(held);
        }
        List<JCDiagnostic> found = new ArrayList<>();
        for (JCDiagnostic d : MethodAttribution.pendingDiagnostics(held)) {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                // Not as javac sees the method: say nothing rather than something wrong.
                return List.of();
            }
            if (isUnsafeUseOf(d, m) && d.getPosition() >= body.pos && d.getPosition() <= JavacSession.endPos(decl.body)) {
                found.add(d);
            }
        }
        return found;
    }
}
