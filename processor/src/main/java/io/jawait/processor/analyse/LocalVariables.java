package io.jawait.processor.analyse;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.javac.MethodAttribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Which locals of an {@code @Async} method must live in fields of its state machine.
 *
 * <p>A local is hoisted when an await can happen while it is in scope: its value must survive the
 * method returning from {@code $step}. Parameters always are. Everything else stays a real local,
 * so a hot loop without awaits keeps its variables in registers.
 *
 * <p>References to hoisted locals from inside lambdas and local or anonymous classes are recorded
 * separately: those must capture a copy made at capture time, not read the field later.
 */
public final class LocalVariables {
    /** A local or parameter stored in a field of the state machine. */
    public record Hoisted(Element symbol, String name, String field, TypeMirror type) {
    }

    /** Names of the state machine's own members; see StateMachineBuilder. */
    private static final Set<String> RESERVED = Set.of("$state", "$ex", "$self", "$value", "$task", "$step");

    private final Map<Element, Hoisted> hoisted = new LinkedHashMap<>();
    private final Map<Tree, Hoisted> captured = new IdentityHashMap<>();
    private final Set<String> bodyNames = new HashSet<>();
    /** Local classes declared before an await and used after it, with the name each is declared with. */
    private final Map<Element, String> hoistedClasses = new LinkedHashMap<>();
    private final Set<Tree> hoistedClassTrees = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Set<Element>> referentsByName = new HashMap<>();

    private LocalVariables() {
    }

    public static LocalVariables analyse(ExecutableElement method, BlockTree body,
            MethodAttribution attribution, AwaitSites awaits) {
        LocalVariables vars = new LocalVariables();
        Set<String> otherNames = new HashSet<>(RESERVED);
        new NameCollector(vars.bodyNames, otherNames, vars.referentsByName, attribution).scan(body, null);
        NameAllocator fields = new NameAllocator(otherNames);
        for (VariableElement p : method.getParameters()) {
            vars.hoisted.put(p, new Hoisted(p, p.getSimpleName().toString(),
                    fields.claim(p.getSimpleName().toString()), p.asType()));
        }
        List<VariableTree> toHoist = new ArrayList<>();
        List<ClassTree> classes = new ArrayList<>();
        new Hoister(awaits, toHoist, classes).statements(body.getStatements());
        NameAllocator classNames = new NameAllocator(vars.bodyNames);
        for (ClassTree c : classes) {
            if (vars.hoistedClassTrees.contains(c)) {
                continue;
            }
            Element sym = attribution.referent(c);
            String name = c.getSimpleName().toString();
            // All hoisted classes share one scope (members of the state machine), where the name
            // must not hide another class, local or not, that the body names the same way.
            boolean clashes = vars.referentsByName.getOrDefault(name, Set.of()).stream().anyMatch(e -> !e.equals(sym))
                    || vars.hoistedClasses.containsValue(name);
            vars.hoistedClasses.put(sym, clashes ? classNames.claim(name) : name);
            vars.hoistedClassTrees.add(c);
        }
        for (VariableTree decl : toHoist) {
            Element sym = attribution.referent(decl);
            if (isUnnamed(decl)) {
                // An unnamed variable (_, Java 22+) can never be read: nothing to keep across awaits.
                continue;
            }
            if (sym != null && !vars.hoisted.containsKey(sym)) {
                String name = decl.getName().toString();
                vars.hoisted.put(sym, new Hoisted(sym, name, fields.claim(name), attribution.typeOf(decl)));
            }
        }
        new CaptureFinder(vars, attribution).scan(body, null);
        return vars;
    }

    /** All identifiers and declared names in the body, so generated names avoid them. */
    public Set<String> bodyNames() {
        return bodyNames;
    }

    public Hoisted hoisted(Element symbol) {
        return symbol == null ? null : hoisted.get(symbol);
    }

    public Iterable<Hoisted> all() {
        return hoisted.values();
    }

    /**
     * True for a local class declaration that the transform turns into a member class of the state
     * machine, because an await lies between it and some of its uses.
     */
    public boolean isHoistedClass(Tree declaration) {
        return hoistedClassTrees.contains(declaration);
    }

    /** The name a hoisted local class is declared with there, or null if the symbol is not one. */
    public String hoistedClassName(Element symbol) {
        return symbol == null ? null : hoistedClasses.get(symbol);
    }

    /** The hoisted local an identifier inside a lambda or class body refers to, or null. */
    public Hoisted capturedBy(Tree identifier) {
        return captured.get(identifier);
    }

    /** True for an unnamed variable ({@code _}, Java 22+), which javac gives an empty name. */
    public static boolean isUnnamed(VariableTree v) {
        return v.getName().isEmpty() || v.getName().contentEquals("_");
    }

    /** True for locals, parameters, catch parameters, resources and pattern bindings. */
    public static boolean isLocal(Element sym) {
        ElementKind k = sym.getKind();
        return k == ElementKind.LOCAL_VARIABLE || k == ElementKind.PARAMETER
                || k == ElementKind.EXCEPTION_PARAMETER || k == ElementKind.RESOURCE_VARIABLE
                || k.name().equals("BINDING_VARIABLE");
    }

    /**
     * Decides hoisting by lexical scope: a declaration is hoisted when a statement in its scope
     * awaits. Scopes are statement lists (a local's scope is the rest of its list), loop headers,
     * catch blocks, and for pattern bindings, conservatively, the rest of the enclosing list.
     */
    private static final class Hoister {
        private final AwaitSites awaits;
        private final List<VariableTree> out;
        private final List<ClassTree> classes;

        Hoister(AwaitSites awaits, List<VariableTree> out, List<ClassTree> classes) {
            this.awaits = awaits;
            this.out = out;
            this.classes = classes;
        }

        void statements(List<? extends StatementTree> list) {
            for (int i = 0; i < list.size(); i++) {
                StatementTree s = list.get(i);
                boolean fromHere = awaits.containsAny(list.subList(i, list.size()));
                boolean after = awaits.containsAny(list.subList(i + 1, list.size()));
                if (s instanceof VariableTree v && after) {
                    out.add(v);
                }
                if (s instanceof ClassTree c && after) {
                    classes.add(c);
                }
                if (fromHere) {
                    new BindingFinder(out).scanShallow(s);
                }
                switchExpressionsIn(s);
                statement(s);
            }
        }

        private void single(StatementTree s) {
            if (s != null) {
                statements(List.of(s));
            }
        }

        private void statement(StatementTree s) {
            switch (s.getKind()) {
                case BLOCK -> statements(((BlockTree) s).getStatements());
                case IF -> {
                    IfTree t = (IfTree) s;
                    single(t.getThenStatement());
                    single(t.getElseStatement());
                }
                case WHILE_LOOP -> single(((WhileLoopTree) s).getStatement());
                case DO_WHILE_LOOP -> single(((DoWhileLoopTree) s).getStatement());
                case FOR_LOOP -> {
                    ForLoopTree t = (ForLoopTree) s;
                    // A split loop's header and body are different basic blocks, whatever part awaits.
                    if (awaits.contains(t)) {
                        for (StatementTree init : t.getInitializer()) {
                            if (init instanceof VariableTree v) {
                                out.add(v);
                            }
                        }
                    }
                    // The header's statements are not visited as statements of a list.
                    t.getInitializer().forEach(this::switchExpressionsIn);
                    t.getUpdate().forEach(this::switchExpressionsIn);
                    single(t.getStatement());
                }
                case ENHANCED_FOR_LOOP -> {
                    EnhancedForLoopTree t = (EnhancedForLoopTree) s;
                    if (awaits.contains(t.getStatement())) {
                        out.add(t.getVariable());
                    }
                    single(t.getStatement());
                }
                case LABELED_STATEMENT -> single(((LabeledStatementTree) s).getStatement());
                case TRY -> {
                    TryTree t = (TryTree) s;
                    if (awaits.contains(t)) {
                        for (Tree r : t.getResources()) {
                            if (r instanceof VariableTree v) {
                                out.add(v);
                            }
                        }
                    }
                    statements(t.getBlock().getStatements());
                    for (CatchTree c : t.getCatches()) {
                        if (awaits.contains(c.getBlock())) {
                            out.add(c.getParameter());
                        }
                        statements(c.getBlock().getStatements());
                    }
                    if (t.getFinallyBlock() != null) {
                        statements(t.getFinallyBlock().getStatements());
                    }
                }
                case SWITCH -> cases(((SwitchTree) s).getCases());
                default -> {
                }
            }
        }

        /**
         * The cases of a switch statement or expression. In a classic switch a local declared in one
         * case is in scope in the next, and each case of a split switch is its own basic block:
         * then they are all hoisted.
         */
        private void cases(List<? extends CaseTree> cases) {
            List<StatementTree> all = new ArrayList<>();
            boolean split = awaits.containsAny(cases);
            for (CaseTree c : cases) {
                if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
                    all.addAll(c.getStatements());
                } else if (c.getBody() instanceof StatementTree body) {
                    single(body);
                } else {
                    switchExpressionsIn(c.getBody());
                }
            }
            if (split) {
                all.stream().filter(VariableTree.class::isInstance).forEach(v -> out.add((VariableTree) v));
            }
            statements(all);
        }

        /** Switch expressions in the expressions of one statement (its nested statements are visited on their own). */
        private void switchExpressionsIn(Tree root) {
            new MethodCodeScanner<Void, Void>() {
                @Override
                public Void scan(Tree t, Void p) {
                    if (t != root && t instanceof StatementTree) {
                        return null;
                    }
                    return super.scan(t, p);
                }

                @Override
                public Void visitSwitchExpression(SwitchExpressionTree node, Void p) {
                    scan(node.getExpression(), p);
                    cases(node.getCases());
                    return null;
                }
            }.scan(root, null);
        }
    }

    /** Finds pattern bindings in a statement without entering its nested statement lists. */
    private static final class BindingFinder extends MethodCodeScanner<Void, Void> {
        private final List<VariableTree> out;

        BindingFinder(List<VariableTree> out) {
            this.out = out;
        }

        void scanShallow(StatementTree s) {
            scan(s, null);
        }

        @Override
        public Void visitBindingPattern(BindingPatternTree node, Void p) {
            out.add(node.getVariable());
            return super.visitBindingPattern(node, p);
        }

        @Override
        public Void visitBlock(BlockTree node, Void p) {
            return null;
        }
    }

    /**
     * Collects every name the body uses, and separately the names that do not denote locals:
     * a field named like one of those would shadow what the user meant (a field, or a type name
     * such as {@code Math} in {@code Math.max}).
     */
    private static final class NameCollector extends TreeScanner<Void, Void> {
        private final Set<String> names;
        private final Set<String> nonLocal;
        private final Map<String, Set<Element>> referents;
        private final MethodAttribution attribution;

        NameCollector(Set<String> names, Set<String> nonLocal, Map<String, Set<Element>> referents,
                MethodAttribution attribution) {
            this.names = names;
            this.nonLocal = nonLocal;
            this.referents = referents;
            this.attribution = attribution;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void p) {
            String name = node.getName().toString();
            names.add(name);
            Element sym = attribution.referent(node);
            if (sym == null || !isLocal(sym)) {
                nonLocal.add(name);
            }
            if (sym != null) {
                referents.computeIfAbsent(name, n -> new HashSet<>()).add(sym);
            }
            return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            String name = node.getSimpleName().toString();
            Element sym = attribution.referent(node);
            if (!name.isEmpty() && sym != null) {
                names.add(name);
                referents.computeIfAbsent(name, n -> new HashSet<>()).add(sym);
            }
            return super.visitClass(node, p);
        }

        @Override
        public Void visitVariable(VariableTree node, Void p) {
            names.add(node.getName().toString());
            return super.visitVariable(node, p);
        }
    }

    /** Records identifiers inside lambdas and class bodies that read hoisted locals. */
    private static final class CaptureFinder extends TreeScanner<Void, Void> {
        private final LocalVariables vars;
        private final MethodAttribution attribution;
        private int depth;

        CaptureFinder(LocalVariables vars, MethodAttribution attribution) {
            this.vars = vars;
            this.attribution = attribution;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void p) {
            if (depth > 0) {
                Element sym = attribution.referent(node);
                Hoisted h = vars.hoisted(sym);
                if (h != null && isLocal(sym)) {
                    vars.captured.put(node, h);
                }
            }
            return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
            depth++;
            try {
                return super.visitLambdaExpression(node, p);
            } finally {
                depth--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            depth++;
            try {
                return super.visitClass(node, p);
            } finally {
                depth--;
            }
        }
    }
}
