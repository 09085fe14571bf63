package io.jawait.processor.analyse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Gives a name to the anonymous classes whose exact type the transform must keep across an await
 * (a {@code var} of one whose own members are used after the await, an awaited value of one): each
 * becomes an equivalent local class, which the transform carries as it carries any local class used
 * across awaits (hoisted to the top of the step method, its captures in the CaptureHolder). Nothing
 * can name an anonymous class, so without this the state machine could only keep such a value as
 * the anonymous class's supertype, where the class's own members are out of reach.
 *
 * <p>{@code new S(a, b) { body }} becomes the declaration {@code class $Anonymous0 extends S {
 * $Anonymous0(P1 p0, P2 p1) throws X { super(p0, p1); } body }}, put right before the statement of
 * the method's block (or {@code case L:} group, or a block made around a loop's or if's statement that
 * is not one) that holds the creation, and the creation becomes {@code new $Anonymous0(a,
 * b)}. The constructor takes what javac gave the anonymous class's own constructor: the parameter
 * types of the superclass constructor it chose, as members of the supertype, its varargs and its
 * {@code throws}, so that {@code super(...)} calls the same constructor. An interface becomes {@code
 * implements I}; a diamond ({@code new Foo<>() {}}) extends the type javac inferred; a qualified
 * {@code outer.new Inner() {}} takes the enclosing instance as its first parameter ({@code
 * p0.super(...)}), checked for null where it is created, as javac checks it. The arguments are still
 * evaluated where the class was created, in the same order; a local class captures the same locals
 * with the same values, since the ones it may capture are effectively final and assigned before the
 * statement. One created in a lambda is declared before the statement that holds the lambda. Other
 * anonymous classes stay anonymous.
 *
 * <p>A class whose body reads a local declared or assigned in that same statement (a pattern
 * variable, a lambda's parameter or local) cannot capture it where it is declared: it is declared
 * as a member of a holder class whose fields take those values where the class is created ({@code
 * new $Values0(n).new $Anonymous0(a)}), which Java stores before the class's {@code super(...)}, as it
 * stores what a class captures. A class that cannot be moved is left anonymous (its use stays the
 * error AnonymousTypeLocals or AnonymousAwaitResults reports), with the reason: one inside another
 * class's body (where {@code this} means that class; no type of such a class can reach a local of
 * the method or an awaited value, since class bodies declare their members' types).
 */
public final class AnonymousClassNames {
    /**
     * The rewritten body (null if no class could be named), why each other class could not be, and,
     * for a named class given a local's value as a supertype of the local's type (which Java cannot
     * write), a note saying so, for the error if javac does not accept the class so.
     */
    public record Named(BlockTree body, Map<TypeElement, String> refused, Map<TypeElement, String> notes) {
    }

    /**
     * Where an anonymous class to name is created: the creation and the block statement holding it;
     * {@code holder} names the class around it that holds {@code passed}, or is null when none is.
     */
    private record Site(NewClassTree creation, TypeElement type, StatementTree statement, String name,
            String holder, List<Passed> passed) {
    }

    /**
     * A local that the class's body reads and the statement creating it declares or assigns (a pattern
     * variable, a lambda's parameter or local): declared before the statement, the class cannot capture
     * it, so the value is passed where the class is created, to a holder class around it.
     */
    private record Passed(String name, String type) {
    }

    private final MethodAttribution attribution;
    private final TreeCopies copies;
    private final TreeTemplates templates;
    private final TypeText typeText = new TypeText(e -> e.getSimpleName().toString());

    private AnonymousClassNames(MethodAttribution attribution, TreeCopies copies, TreeTemplates templates) {
        this.attribution = attribution;
        this.copies = copies;
        this.templates = templates;
    }

    /**
     * @param needed the anonymous classes whose type must be kept across an await
     * @param names  hands out the classes' names, unused in the body
     */
    public static Named name(AttributedBody code, Set<TypeElement> needed, TreeCopies copies, TreeTemplates templates,
            NameAllocator names) {
        return new AnonymousClassNames(code.attribution(), copies, templates).rewrite(code.body(), needed, names);
    }

    private Named rewrite(BlockTree body, Set<TypeElement> needed, NameAllocator names) {
        Map<TypeElement, String> refused = new LinkedHashMap<>();
        Map<TypeElement, String> notes = new LinkedHashMap<>();
        Map<NewClassTree, Site> sites = new IdentityHashMap<>();
        Map<StatementTree, List<Site>> before = new IdentityHashMap<>();
        Set<StatementTree> wrapped = Collections.newSetFromMap(new IdentityHashMap<>());
        new TreeScanner<Void, Void>() {
            private StatementTree statement;
            /** Lambdas and class bodies around: their blocks' statements are not the method's. */
            private int nested;
            /** Class bodies around: in one, this and the class's members mean what they mean there. */
            private int inClass;

            @Override
            public Void visitBlock(BlockTree node, Void p) {
                if (nested > 0) {
                    return super.visitBlock(node, p);
                }
                StatementTree outer = statement;
                for (StatementTree s : node.getStatements()) {
                    statement = s;
                    scan(s, p);
                }
                statement = outer;
                return null;
            }

            @Override
            public Void visitCase(CaseTree node, Void p) {
                if (nested > 0 || node.getCaseKind() != CaseTree.CaseKind.STATEMENT) {
                    return super.visitCase(node, p);
                }
                // A case L: group's statements are a block's (its labels hold no class to name)
                StatementTree outer = statement;
                for (StatementTree s : node.getStatements()) {
                    statement = s;
                    scan(s, p);
                }
                statement = outer;
                return null;
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
                scan(node.getVariable(), p);
                scan(node.getExpression(), p);
                body(node.getStatement(), p);
                return null;
            }

            @Override
            public Void visitForLoop(ForLoopTree node, Void p) {
                scan(node.getInitializer(), p);
                scan(node.getCondition(), p);
                scan(node.getUpdate(), p);
                body(node.getStatement(), p);
                return null;
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree node, Void p) {
                scan(node.getCondition(), p);
                body(node.getStatement(), p);
                return null;
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree node, Void p) {
                body(node.getStatement(), p);
                scan(node.getCondition(), p);
                return null;
            }

            @Override
            public Void visitIf(IfTree node, Void p) {
                scan(node.getCondition(), p);
                body(node.getThenStatement(), p);
                body(node.getElseStatement(), p);
                return null;
            }

            /**
             * A loop's or if's statement that is not a block is where a class it creates is declared
             * before, in a block made around it: there it sees the loop's variable, the if's bindings.
             */
            private void body(StatementTree s, Void p) {
                if (s == null || nested > 0 || s instanceof BlockTree) {
                    scan(s, p);
                    return;
                }
                StatementTree outer = statement;
                statement = s;
                scan(s, p);
                statement = outer;
                wrapped.add(s);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                nested++;
                super.visitLambdaExpression(node, p);
                nested--;
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                nested++;
                inClass++;
                super.visitClass(node, p);
                inClass--;
                nested--;
                return null;
            }

            @Override
            public Void visitNewClass(NewClassTree node, Void p) {
                if (node.getClassBody() != null && attribution.referent(node.getClassBody()) instanceof TypeElement c
                        && needed.contains(c)) {
                    // One in a lambda is declared before the statement holding the lambda; the
                    // lambda's parameters or locals it reads are passed to it (passed).
                    String why = inClass > 0 ? "it is created inside another class's body"
                            : statement == null ? "it is not inside a statement of the method's blocks"
                            : constructorOf(c) == null ? "javac gave it no constructor" : null;
                    if (why != null) {
                        refused.put(c, why);
                    } else {
                        List<Passed> passed = passed(node, statement, c, notes);
                        Site site = new Site(node, c, statement, names.fresh("$Anonymous"),
                                passed.isEmpty() ? null : names.fresh("$Values"), passed);
                        sites.put(node, site);
                        before.computeIfAbsent(statement, s -> new ArrayList<>()).add(site);
                    }
                }
                return super.visitNewClass(node, p);
            }
        }.scan(body, null);
        if (sites.isEmpty()) {
            return new Named(null, refused, notes);
        }
        wrapped.retainAll(before.keySet());
        return new Named(copies.copy(body, new Naming(sites, before, wrapped)), refused, notes);
    }

    /**
     * The locals that the class created by {@code creation} reads and {@code statement} declares or
     * assigns, outside the class's body: a class declared before the statement cannot capture them (or
     * would capture them before they are assigned), so they are passed where it is created.
     */
    private List<Passed> passed(NewClassTree creation, StatementTree statement, TypeElement anonymous,
            Map<TypeElement, String> notes) {
        ClassTree classBody = creation.getClassBody();
        Map<Element, VariableTree> inStatement = new LinkedHashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree node, Void p) {
                return node == classBody ? null : super.visitClass(node, p);
            }

            @Override
            public Void visitVariable(VariableTree node, Void p) {
                add(attribution.referent(node), node);
                return super.visitVariable(node, p);
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void p) {
                add(attribution.referent(node.getVariable()), null);
                return super.visitAssignment(node, p);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
                add(attribution.referent(node.getVariable()), null);
                return super.visitCompoundAssignment(node, p);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void p) {
                add(attribution.referent(node.getExpression()), null);
                return super.visitUnary(node, p);
            }

            private void add(Element e, VariableTree declaration) {
                if (e != null && (declaration != null || !inStatement.containsKey(e))) {
                    inStatement.put(e, declaration);
                }
            }
        }.scan(statement, null);
        Map<Element, Passed> read = new LinkedHashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                Element sym = attribution.referent(node);
                if (sym != null && !read.containsKey(sym) && inStatement.containsKey(sym) && LocalVariables.isLocal(sym)) {
                    VariableTree declaration = inStatement.get(sym);
                    // As the local is declared (a lambda's parameter as javac inferred it, made denotable).
                    TypeMirror type = declaration != null ? attribution.typeOf(declaration) : sym.asType();
                    if (!type.toString().equals(sym.asType().toString())) {
                        notes.putIfAbsent(anonymous, "; its body reads " + sym.getSimpleName() + ", of type " + sym.asType()
                                + ", which Java cannot write, so the class would be given it as a " + type);
                    }
                    read.put(sym, new Passed(sym.getSimpleName().toString(), typeText.of(type)));
                }
                return null;
            }
        }.scan(classBody, null);
        return new ArrayList<>(read.values());
    }

    /** The constructor javac gave the anonymous class. */
    private static ExecutableElement constructorOf(TypeElement anonymous) {
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(anonymous.getEnclosedElements());
        return constructors.size() == 1 ? constructors.get(0) : null;
    }

    /** The substitution that declares the classes and creates them by name. */
    private final class Naming implements Function<Tree, Tree> {
        private final Map<NewClassTree, Site> sites;
        private final Map<StatementTree, List<Site>> before;
        private final Set<StatementTree> wrapped;
        private final Set<Tree> copying = new HashSet<>();

        Naming(Map<NewClassTree, Site> sites, Map<StatementTree, List<Site>> before, Set<StatementTree> wrapped) {
            this.sites = sites;
            this.before = before;
            this.wrapped = wrapped;
        }

        @Override
        public Tree apply(Tree t) {
            if (t instanceof StatementTree body && wrapped.contains(body) && !copying.contains(body)) {
                // { class $Anonymous0 ...; body }: a statement that is a loop's or if's body declares nothing outside it.
                copying.add(body);
                StatementTree copy = copies.copy(body, this);
                copying.remove(body);
                return templates.block(JavacSession.pos(body), withDeclarations(List.of(body), List.of(copy)));
            }
            if (t instanceof BlockTree block && !copying.contains(block)
                    && block.getStatements().stream().anyMatch(before::containsKey)) {
                copying.add(block);
                BlockTree copy = copies.copy(block, this);
                copying.remove(block);
                templates.fill(copy, withDeclarations(block.getStatements(), copy.getStatements()));
                return copy;
            }
            if (t instanceof CaseTree group && !copying.contains(group) && group.getCaseKind() == CaseTree.CaseKind.STATEMENT
                    && group.getStatements().stream().anyMatch(before::containsKey)) {
                copying.add(group);
                CaseTree copy = copies.copy(group, this);
                copying.remove(group);
                templates.fill(copy, withDeclarations(group.getStatements(), copy.getStatements()));
                return copy;
            }
            if (t instanceof NewClassTree creation && sites.containsKey(creation)) {
                return creation(sites.get(creation));
            }
            return null;
        }

        /** The copied statements with the declarations of the classes created in each put before it. */
        private List<StatementTree> withDeclarations(List<? extends StatementTree> original,
                List<? extends StatementTree> copied) {
            List<StatementTree> statements = new ArrayList<>();
            for (int i = 0; i < original.size(); i++) {
                for (Site s : before.getOrDefault(original.get(i), List.of())) {
                    statements.add(declaration(s));
                }
                statements.add(copied.get(i));
            }
            return statements;
        }

        /** {@code class $Anonymous0 extends S { $Anonymous0(P p0) throws X { super(p0); } body }} */
        private StatementTree declaration(Site s) {
            NewClassTree creation = s.creation();
            int pos = JavacSession.pos(creation);
            AnonymousClassHeader header = AnonymousClassHeader.of(s.name(), creation, s.type(), constructorOf(s.type()), typeText);
            StatementTree declaration = header.inferred() ? templates.statement(pos, header.text())
                    : templates.statement(pos, header.text(), copies.copy(creation.getIdentifier(), t -> null));
            List<Tree> members = new ArrayList<>();
            for (Tree m : creation.getClassBody().getMembers()) {
                if (!(m instanceof MethodTree method && method.getName().contentEquals("<init>"))) {
                    members.add(copies.copy(m, this));
                }
            }
            copies.appendMembers((ClassTree) declaration, members);
            if (s.holder() == null) {
                return declaration;
            }
            // class $Values0 { final T n; $Values0(T n) { this.n = n; } class $Anonymous0 ... }: the body's
            // reads of n are the holder's field, stored before the class's super(...) runs, as javac
            // stores what a class captures.
            StringBuilder fields = new StringBuilder();
            List<String> parameters = new ArrayList<>();
            StringBuilder stores = new StringBuilder();
            for (Passed v : s.passed()) {
                fields.append("final ").append(v.type()).append(' ').append(v.name()).append("; ");
                parameters.add(v.type() + " " + v.name());
                stores.append("this.").append(v.name()).append(" = ").append(v.name()).append("; ");
            }
            StatementTree holder = templates.statement(pos, "class " + s.holder() + " { " + fields + s.holder() + "("
                    + String.join(", ", parameters) + ") { " + stores + "} }");
            copies.appendMembers((ClassTree) holder, List.of(declaration));
            return holder;
        }

        /** {@code new $Anonymous0(a, b)}; {@code new $Anonymous0(Objects.requireNonNull(outer), a)} when qualified. */
        private ExpressionTree creation(Site s) {
            NewClassTree creation = s.creation();
            List<Tree> holes = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            if (creation.getEnclosingExpression() != null) {
                arguments.add("java.util.Objects.requireNonNull($$0)");
                holes.add(copies.copy(creation.getEnclosingExpression(), this));
            }
            for (ExpressionTree a : creation.getArguments()) {
                arguments.add("$$" + holes.size());
                holes.add(copies.copy(a, this));
            }
            List<String> typeArguments = new ArrayList<>();
            for (Tree t : creation.getTypeArguments()) {
                typeArguments.add("$$" + holes.size());
                holes.add(copies.copy(t, u -> null));
            }
            String explicit = typeArguments.isEmpty() ? "" : "<" + String.join(", ", typeArguments) + ">";
            String holder = "";
            if (s.holder() != null) {
                List<String> values = new ArrayList<>();
                s.passed().forEach(v -> values.add(v.name()));
                holder = "new " + s.holder() + "(" + String.join(", ", values) + ").";
            }
            return templates.expression(JavacSession.pos(creation), holder + "new " + explicit + s.name() + "("
                    + String.join(", ", arguments) + ")", holes.toArray(new Tree[0]));
        }
    }
}
