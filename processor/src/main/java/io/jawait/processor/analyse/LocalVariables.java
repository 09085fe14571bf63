package io.jawait.processor.analyse;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
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
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Where each local of an {@code @Async} method lives in its state machine, and under which name.
 *
 * <p>A local is hoisted when an await can happen while it is in scope: its value must survive the
 * step method returning. Parameters always are. A hoisted local becomes a variable of
 * the step method's frame, declared at its top under the local's own name wherever that cannot clash
 * (so a debugger shows it as the user wrote it), and saved in a field of the same name only while
 * the machine is suspended (see io.jawait.processor.ir.Liveness). Locals of the same name and type
 * in disjoint scopes (two loops' {@code i}) share one such variable. Two exceptions: a constant
 * variable (JLS 4.12.4) is declared {@code final} with its value, and every use becomes its literal,
 * so it stays a constant ({@code case K:}, string identity); and a local that a local class read
 * after an await lives in a field, read where an instance is created (see CaptureHolder).
 *
 * <p>Everything else stays a real local where it is declared, so a hot loop without awaits keeps its
 * variables in registers; one whose name a frame variable took is renamed, or, when it is declared
 * by a statement with the same type, shares that frame variable.
 *
 * <p>References to hoisted locals from inside lambdas and local or anonymous classes are recorded
 * separately: those must capture a copy made at capture time.
 */
public final class LocalVariables {
    /** Where a hoisted local lives. */
    public enum Placement {
        /** A local of the step method declared at its top, saved in a field of the same name across suspensions. */
        FRAME,
        /**
         * A field of the state machine, read and written as such (captured by a local class used across
         * awaits); a frame variable of its name mirrors it for debuggers (FrameVariable.Kind#MIRROR).
         */
        FIELD,
        /** A final local of the step method declared with the constant's value; uses are replaced by the value. */
        CONSTANT
    }

    /**
     * A local or parameter that lives across awaits; several locals may share one.
     *
     * @param name     name of the frame variable, and of its field
     * @param constant the value of a CONSTANT, else null
     */
    public record Hoisted(String name, TypeMirror type, Placement placement, Object constant) {
        // Written out, as a record's generated ones would compute them: the generated ones bootstrap
        // ObjectMethods (method handle combinators) on first use, a cost each fresh javac pays.
        @Override
        public boolean equals(Object o) {
            return o instanceof Hoisted h && java.util.Objects.equals(name, h.name)
                    && java.util.Objects.equals(type, h.type) && placement == h.placement
                    && java.util.Objects.equals(constant, h.constant);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, type, placement, constant);
        }
    }

    private final Map<Element, Hoisted> hoisted = new LinkedHashMap<>();
    private final Map<Element, String> renamed = new HashMap<>();
    private final Set<Tree> sharedDeclarations = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<VariableElement, Hoisted> parameters = new LinkedHashMap<>();
    private final Map<Tree, Hoisted> captured = new IdentityHashMap<>();
    private final Set<String> bodyNames = new HashSet<>();
    /** Local classes declared before an await and used after it, with the name each is declared with. */
    private final Map<Element, String> hoistedClasses = new LinkedHashMap<>();
    private final Set<Tree> hoistedClassTrees = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Set<Element>> referentsByName = new HashMap<>();
    private CaptureHolder captureHolder;
    /** The name in the source of the locals each hoisted variable stands for. */
    private final Map<Hoisted, String> sourceNames = new HashMap<>();

    private LocalVariables() {
    }

    public static LocalVariables analyse(ExecutableElement method, AttributedBody code, Types types) {
        BlockTree body = code.body();
        MethodAttribution attribution = code.attribution();
        LocalVariables vars = new LocalVariables();
        Set<String> nonLocalNames = new HashSet<>(CoroutineContract.GENERATED);
        new NameCollector(vars.bodyNames, nonLocalNames, vars.referentsByName, attribution).scan(body, null);
        List<VariableTree> toHoist = new ArrayList<>();
        List<ClassTree> classes = new ArrayList<>();
        new Hoister(code.awaits(), toHoist, classes).statements(body.getStatements());
        vars.nameHoistedClasses(classes, attribution);
        Set<Element> readByClasses = vars.readByHoistedClasses(attribution);
        SlotNames names = new SlotNames(nonLocalNames, vars.bodyNames);
        FrameSlots frame = new FrameSlots(names, types);
        for (VariableElement p : method.getParameters()) {
            Hoisted h = vars.place(p, p.getSimpleName().toString(), p.asType(), readByClasses.contains(p), frame);
            vars.parameters.put(p, h);
        }
        for (VariableTree decl : toHoist) {
            Element sym = attribution.referent(decl);
            if (isUnnamed(decl) || sym == null || vars.hoisted.containsKey(sym)) {
                // An unnamed variable (_, Java 22+) can never be read: nothing to keep across awaits.
                continue;
            }
            vars.place(sym, decl.getName().toString(), attribution.typeOf(decl), readByClasses.contains(sym), frame);
        }
        DeclarationSites sites = DeclarationSites.find(body, attribution);
        Set<String> localNames = new HashSet<>();
        for (Hoisted h : vars.hoisted.values()) {
            // A FIELD's too: the step method mirrors it in a frame variable of its name, for debuggers.
            localNames.add(h.name());
        }
        for (DeclarationSites.Site site : sites.sites()) {
            vars.declaredAgain(site, sites, localNames, frame, attribution);
        }
        new CaptureFinder(vars, attribution).scan(body, null);
        // Names made here join the body's, so that names generated later avoid them too.
        vars.bodyNames.addAll(names.claimed);
        Map<Element, ClassTree> hoistedClassesBySymbol = new LinkedHashMap<>();
        for (ClassTree c : classes) {
            if (vars.hoistedClassTrees.contains(c)) {
                hoistedClassesBySymbol.put(attribution.referent(c), c);
            }
        }
        Set<String> taken = new HashSet<>(vars.bodyNames);
        taken.addAll(CoroutineContract.GENERATED);
        vars.captureHolder = CaptureHolder.of(hoistedClassesBySymbol, vars.captured, attribution, new NameAllocator(taken));
        vars.bodyNames.addAll(vars.captureHolder.names());
        return vars;
    }

    /**
     * A declaration of a name that a hoisted variable has too: it shares that variable's frame
     * variable where it can, else it is renamed. A method of its own, called per declaration, so
     * that HotSpot compiles it within the first few methods of a compilation ({@code analyse} runs
     * once per method, interpreted in nearly every compilation).
     */
    private void declaredAgain(DeclarationSites.Site site, DeclarationSites sites, Set<String> localNames, FrameSlots frame,
            MethodAttribution attribution) {
        Element sym = site.symbol();
        String name = site.tree().getName().toString();
        if (sym == null || hoisted.containsKey(sym) || isUnnamed(site.tree()) || !localNames.contains(name)) {
            return;
        }
        Hoisted shared = site.statement() && !sites.isReferencedFromInside(sym) && !isConstant(sym)
                ? frame.sameType(name, attribution.typeOf(site.tree())) : null;
        if (shared != null) {
            hoisted.put(sym, shared);
            sharedDeclarations.add(site.tree());
        } else {
            renamed.put(sym, frame.names.fresh(name));
        }
    }

    /** Decides the placement and name of one hoisted local or parameter. */
    private Hoisted place(Element sym, String name, TypeMirror type, boolean readByClass, FrameSlots frame) {
        Hoisted h;
        if (isConstant(sym)) {
            h = new Hoisted(frame.names.claim(name), type, Placement.CONSTANT, ((VariableElement) sym).getConstantValue());
        } else if (readByClass) {
            h = new Hoisted(frame.names.claim(name), type, Placement.FIELD, null);
        } else {
            h = frame.sameType(name, type);
            if (h == null) {
                h = new Hoisted(frame.names.claim(name), type, Placement.FRAME, null);
                List<Hoisted> sameName = frame.byName.get(name);
                if (sameName == null) {
                    sameName = new ArrayList<>();
                    frame.byName.put(name, sameName);
                }
                sameName.add(h);
            }
        }
        hoisted.put(sym, h);
        sourceNames.putIfAbsent(h, name);
        return h;
    }

    private static boolean isConstant(Element sym) {
        return sym instanceof VariableElement v && v.getConstantValue() != null;
    }

    private void nameHoistedClasses(List<ClassTree> classes, MethodAttribution attribution) {
        NameAllocator classNames = new NameAllocator(bodyNames);
        for (ClassTree c : classes) {
            if (hoistedClassTrees.contains(c)) {
                continue;
            }
            Element sym = attribution.referent(c);
            String name = c.getSimpleName().toString();
            // All hoisted classes share one scope (members of the state machine), where the name
            // must not hide another class, local or not, that the body names the same way.
            boolean clashes = referentsByName.getOrDefault(name, Set.of()).stream().anyMatch(e -> !e.equals(sym))
                    || hoistedClasses.containsValue(name);
            hoistedClasses.put(sym, clashes ? classNames.claim(name) : name);
            hoistedClassTrees.add(c);
        }
    }

    /** The locals the hoisted classes refer to: declared at the top of the step method, they see no local of it. */
    private Set<Element> readByHoistedClasses(MethodAttribution attribution) {
        Set<Element> read = new HashSet<>();
        for (Tree c : hoistedClassTrees) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void p) {
                    Element sym = attribution.referent(node);
                    if (sym != null && isLocal(sym)) {
                        read.add(sym);
                    }
                    return null;
                }
            }.scan(c, null);
        }
        return read;
    }

    /** All identifiers and declared names in the body, so generated names avoid them. */
    public Set<String> bodyNames() {
        return bodyNames;
    }

    /**
     * The types of the hoisted locals and parameters, constants aside (as declared, not as the state
     * machine writes them): checks that look for rare types test these before scanning the body.
     */
    public List<TypeMirror> hoistedTypes() {
        List<TypeMirror> out = new ArrayList<>();
        for (Map.Entry<Element, Hoisted> e : hoisted.entrySet()) {
            if (e.getValue().placement() != Placement.CONSTANT) {
                out.add(e.getKey().asType());
            }
        }
        return out;
    }

    /** Where the local or parameter lives if it is hoisted (or shares a hoisted one's variable), else null. */
    public Hoisted hoisted(Element symbol) {
        return symbol == null ? null : hoisted.get(symbol);
    }

    /** The name in the source of the local (or locals, all of that name) {@code h} stands for. */
    public String sourceName(Hoisted h) {
        return sourceNames.getOrDefault(h, h.name());
    }

    /**
     * True when {@code h} is the variable of a single local or parameter, not shared with another
     * local of the same name and type (see the class comment).
     */
    public boolean isOnlyLocalOf(Hoisted h) {
        int count = 0;
        for (Hoisted other : hoisted.values()) {
            if (other.equals(h) && ++count > 1) {
                return false;
            }
        }
        return count == 1;
    }

    /** The name a local that stays where it is declared has there, if it is not its own, else null. */
    public String renamed(Element symbol) {
        return symbol == null ? null : renamed.get(symbol);
    }

    /**
     * True for the declaration statement of a local that stays where it is declared but shares a
     * frame variable: it becomes an assignment of that variable.
     */
    public boolean isSharedDeclaration(Tree declaration) {
        return sharedDeclarations.contains(declaration);
    }

    /** Each variable once, parameters first, in the order of their first declaration. */
    public List<Hoisted> all() {
        return new ArrayList<>(new LinkedHashSet<>(hoisted.values()));
    }

    /** The hoisted variable of a parameter of the method. */
    public Hoisted parameter(VariableElement p) {
        return parameters.get(p);
    }

    /**
     * True for a local class declaration that the transform moves to the top of the step method,
     * because an await lies between it and some of its uses.
     */
    public boolean isHoistedClass(Tree declaration) {
        return hoistedClassTrees.contains(declaration);
    }

    /** The name a hoisted local class is declared with there, or null if the symbol is not one. */
    public String hoistedClassName(Element symbol) {
        return symbol == null ? null : hoistedClasses.get(symbol);
    }

    /**
     * How the step method's own code names a hoisted local class: its name, qualified by the
     * {@link CaptureHolder}'s when there is one; null if the symbol is not one.
     */
    public String hoistedClassReference(Element symbol) {
        String name = hoistedClassName(symbol);
        return name == null || !captureHolder.exists() ? name : captureHolder.name() + "." + name;
    }

    /** The class holding what the hoisted local classes capture (see CaptureHolder). */
    public CaptureHolder captureHolder() {
        return captureHolder;
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

    /** The step method's frame variables being placed: their names, and those of each name, to share by type. */
    private static final class FrameSlots {
        private final SlotNames names;
        private final Map<String, List<Hoisted>> byName = new HashMap<>();
        private final Types types;

        FrameSlots(SlotNames names, Types types) {
            this.names = names;
            this.types = types;
        }

        /** The frame variable named {@code name} of exactly {@code type}, or null. */
        Hoisted sameType(String name, TypeMirror type) {
            List<Hoisted> candidates = byName.get(name);
            if (candidates != null) {
                for (Hoisted h : candidates) {
                    if (h.name().equals(name) && types.isSameType(h.type(), type)) {
                        return h;
                    }
                }
            }
            return null;
        }
    }

    /**
     * Names of the variables of the step method: a local's own name unless the body uses it for something
     * else (a field or type it names, which the variable would hide everywhere in the step method) or another
     * variable has it; then a name with a suffix that nothing in the body uses.
     */
    private static final class SlotNames {
        private final Set<String> nonLocal;
        private final Set<String> claimed = new HashSet<>();
        private final NameAllocator suffixed;

        SlotNames(Set<String> nonLocal, Set<String> bodyNames) {
            this.nonLocal = nonLocal;
            Set<String> taken = new HashSet<>(bodyNames);
            taken.addAll(nonLocal);
            this.suffixed = new NameAllocator(taken);
        }

        String claim(String name) {
            if (!nonLocal.contains(name) && claimed.add(name)) {
                return name;
            }
            return fresh(name);
        }

        String fresh(String name) {
            String n = suffixed.fresh(name + "$");
            claimed.add(n);
            return n;
        }
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
                    for (StatementTree init : t.getInitializer()) {
                        switchExpressionsIn(init);
                    }
                    for (ExpressionStatementTree update : t.getUpdate()) {
                        switchExpressionsIn(update);
                    }
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
                referent(name, sym);
            }
            return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            String name = node.getSimpleName().toString();
            Element sym = attribution.referent(node);
            if (!name.isEmpty() && sym != null) {
                names.add(name);
                referent(name, sym);
            }
            return super.visitClass(node, p);
        }

        /** Records that {@code name} refers to {@code sym} (a look-up, not computeIfAbsent: see package-info). */
        private void referent(String name, Element sym) {
            Set<Element> all = referents.get(name);
            if (all == null) {
                all = new HashSet<>();
                referents.put(name, all);
            }
            all.add(sym);
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
                if (h != null && h.placement() != Placement.CONSTANT && isLocal(sym)) {
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
