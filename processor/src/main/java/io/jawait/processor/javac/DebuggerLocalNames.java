package io.jawait.processor.javac;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Kinds;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeScanner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives locals of step methods the names a debugger should show for them, once javac has
 * attributed them: a lambda's copy of a local ({@code final int k$c0 = k;}) must be declared under
 * a name of its own, as Java lets no local hide another, but then the lambda's method has a
 * parameter {@code k$c0} where plain Java's has {@code k}, and the step method a local of that name.
 *
 * <p>The names javac writes into the class file (the LocalVariableTable, a lambda method's
 * parameters, an anonymous class's {@code val$k} fields) are those of the symbols, and javac looks
 * names up only while it attributes; so renaming the symbols after attribution, before javac
 * lowers and generates the class (the end of its analysis of the class, an {@code ANALYZE} event),
 * changes what debuggers show and nothing else. Where the copy and the frame variable of the same
 * name are both in scope, a debugger shows the one whose scope starts later, the copy, which holds
 * the same value (only copies of a local that the frame variable holds alone are renamed).
 *
 * <p>A copy of a local whose frame variable other locals of that name share may outlast the local
 * in the step method, so there it keeps its name; but in the lambdas and classes that capture it
 * it stands for that one local, the only variable of that name there (no local of a lambda can
 * have the name of a local in scope where the lambda is). javac makes their parameters and
 * {@code val$} fields while it lowers the class, from the symbol's name then, and writes the step
 * method's LocalVariableTable when it generates the class: so such a copy is renamed after the
 * analysis and named back before javac generates the first class of its top-level class (an
 * event {@code GENERATE}), when all of them have been lowered.
 *
 * <p>Likewise it marks synthetic the fields that a hoisted local class declares for debuggers in
 * place of javac's {@code val$k} (emit/CaptureMirrors): debuggers (IntelliJ) take only a synthetic
 * {@code val$} field of {@code this} for a captured local. javac checks flags for synthetic members
 * only when it generates the class, where a field marked so is one more of its own.
 */
public final class DebuggerLocalNames implements TaskListener {
    /** Step methods waiting for javac's attribution. */
    private final Map<JCTree.JCMethodDecl, Pending> pending = new IdentityHashMap<>();
    /** Copies renamed for their captures only, by the top-level class before whose generation they are named back. */
    private final Map<Symbol.ClassSymbol, List<JCTree.JCVariableDecl>> toNameBack = new IdentityHashMap<>();

    /**
     * What to do to a step method's variables, by their declared names: rename in the whole
     * method, rename only where captured, mark synthetic (fields of its local classes).
     */
    private record Pending(CompilationUnitTree unit, Map<String, String> names, Map<String, String> capturedNames,
            Set<String> syntheticFields) {
        boolean concerns(String name) {
            return names.containsKey(name) || capturedNames.containsKey(name) || syntheticFields.contains(name);
        }
    }

    /**
     * Once javac has attributed {@code step}, a method of a class of {@code unit}: renames its locals
     * declared as a key of {@code names} to its value, those of {@code capturedNames} only for the
     * lambdas and classes that capture them, and marks synthetic the fields of its local classes
     * named in {@code syntheticFields}.
     */
    public synchronized void register(CompilationUnitTree unit, MethodTree step, Map<String, String> names,
            Map<String, String> capturedNames, Set<String> syntheticFields) {
        if (!names.isEmpty() || !capturedNames.isEmpty() || !syntheticFields.isEmpty()) {
            pending.put((JCTree.JCMethodDecl) step, new Pending(unit, Map.copyOf(names), Map.copyOf(capturedNames),
                    Set.copyOf(syntheticFields)));
        }
    }

    @Override
    public synchronized void started(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.GENERATE || toNameBack.isEmpty()
                || !(e.getTypeElement() instanceof Symbol.ClassSymbol generated)) {
            return;
        }
        List<JCTree.JCVariableDecl> copies = toNameBack.remove(generated.outermostClass());
        if (copies != null) {
            for (JCTree.JCVariableDecl d : copies) {
                d.sym.name = d.name;
            }
        }
    }

    @Override
    public synchronized void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.ANALYZE || pending.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<JCTree.JCMethodDecl, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<JCTree.JCMethodDecl, Pending> m = it.next();
            // javac analyses a file's classes before it lowers any of them.
            Pending p = m.getValue();
            if ((p.unit() == null || p.unit() == e.getCompilationUnit()) && renamed(m.getKey(), p)) {
                it.remove();
            }
        }
    }

    /** Renames the locals (marks the fields) of one method if javac has attributed it; false when it has not yet. */
    private boolean renamed(JCTree.JCMethodDecl method, Pending p) {
        if (method.body == null) {
            return true;
        }
        List<JCTree.JCVariableDecl> declarations = new ArrayList<>();
        new TreeScanner() {
            @Override
            public void visitVarDef(JCTree.JCVariableDecl tree) {
                if (p.concerns(tree.name.toString())) {
                    declarations.add(tree);
                }
                super.visitVarDef(tree);
            }
        }.scan(method.body);
        for (JCTree.JCVariableDecl d : declarations) {
            if (d.sym == null) {
                return false;
            }
        }
        for (JCTree.JCVariableDecl d : declarations) {
            String name = d.name.toString();
            if (p.syntheticFields().contains(name) && d.sym.owner.kind == Kinds.Kind.TYP) {
                d.sym.flags_field |= Flags.SYNTHETIC;
            } else if (p.names().containsKey(name)) {
                d.sym.name = d.sym.name.table.fromString(p.names().get(name));
            } else if (p.capturedNames().containsKey(name) && method.sym != null) {
                d.sym.name = d.sym.name.table.fromString(p.capturedNames().get(name));
                toNameBack.computeIfAbsent(method.sym.outermostClass(), c -> new ArrayList<>()).add(d);
            }
        }
        return true;
    }
}
