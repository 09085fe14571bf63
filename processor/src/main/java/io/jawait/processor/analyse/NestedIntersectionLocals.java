package io.jawait.processor.analyse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.ExactTypes.Exact;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.javac.IntersectionVariables;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.model.CoroutineContract;
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
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * Locals declared with {@code var} whose type has an intersection inside a type argument
 * ({@code var xs = List.of(1, 2.5);} is a {@code List<Number & Comparable<...> & Constable &
 * ConstantDesc>}), and that the transform hoists. Java source cannot write that type, so the step
 * method declares such a variable as the nearest supertype it can write ({@code List<? extends
 * Number>}, see DenotableTypes): what is assigned to it stays assignable, but code that uses an
 * element as a {@code Comparable} or {@code Constable} would not compile there.
 *
 * <p>Which way works is decided by javac itself, on copies of the body attributed as the step method
 * would have them: first with each such local declared as its written supertype; if that has an
 * error, with each read of it also cast to its exact type written with type variables
 * ({@code List<$I0>}, see IntersectionVariables), which has every bound's members. If that has an
 * error too, no type the generated code can write will do: the error goes on the local's declaration,
 * naming the line that needs the exact type, rather than javac's bare message on generated code.
 *
 * <p>The same holds for a {@code var} of an intersection whose class bound has a wildcard type argument
 * ({@code flag ? new ArrayList<Thread>() : new LinkedList<Runnable>()}, which javac cannot cast to):
 * declared as that class bound, read where needed as {@code AbstractList<$I0> & Serializable &
 * Cloneable} with {@code $I0 extends Runnable} (see IntersectionVariables).
 *
 * <p>An intersection naming a local class or interface ({@code List.of(new A(), new B())} for local
 * classes implementing a local {@code Tag}) cannot have the step method's type variables, declared
 * outside the body where the local type is in scope. Such a local is declared as its written supertype
 * when that is enough; where it is not, a read declares its own variables, on a generic method written
 * at the read (see {@link #read}), where local types are in scope (the classes a hoisted local's type
 * names are declared before it, so they are hoisted with it to the step method's top).
 */
public final class NestedIntersectionLocals {
    /** A local whose use needs its exact type, with the error to show on its declaration. */
    public record Unwritable(VariableTree declaration, String message) {
    }

    /** What to do: read the locals of {@code exact} as such, or report {@code errors}. */
    public record Outcome(ExactTypes exact, List<Unwritable> errors) {
    }

    private static final String CASTS = "$jawait$Casts";

    private final BlockTree body;
    private final MethodAttribution attribution;
    private final LocalVariables vars;
    private final IntersectionVariables variables;
    /** The variables of the reads of locals whose intersections name a local type, made on first need. */
    private IntersectionVariables localVariables;
    private final SpeculativeBodies speculative;
    private final TreeCopies copies;
    private final TreeTemplates templates;
    private final TypeText typeText;
    private final Map<VariableTree, Element> candidates = new LinkedHashMap<>();
    private final Map<Element, Exact> exact = new LinkedHashMap<>();
    private final Set<Tree> written = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Candidates whose exact type not even type variables can write, with the reason. */
    private final Map<VariableTree, String> unwritable = new LinkedHashMap<>();

    private NestedIntersectionLocals(AttributedBody code, LocalVariables vars, IntersectionVariables variables,
            SpeculativeBodies speculative) {
        this.body = code.body();
        this.attribution = code.attribution();
        this.vars = vars;
        this.variables = variables;
        this.speculative = speculative;
        this.copies = speculative.copies();
        this.templates = speculative.templates();
        this.typeText = speculative.typeText();
    }

    /** Decides how the step method reads each such local. */
    public static Outcome decide(AttributedBody code, LocalVariables vars, IntersectionVariables variables,
            SpeculativeBodies speculative) {
        NestedIntersectionLocals locals = new NestedIntersectionLocals(code, vars, variables, speculative);
        if (!locals.findCandidates()) {
            return new Outcome(ExactTypes.none(variables), List.of());
        }
        Set<Element> all = new HashSet<>(locals.candidates.values());
        if (speculative.attribute(locals.speculativeBody(all, new HashSet<>()), List.of()).firstError() == null) {
            return new Outcome(ExactTypes.none(variables), List.of());
        }
        locals.findExactTypes();
        Set<Element> writable = locals.exact.keySet();
        List<? extends TypeVariable> typeVariables = variables.variables();
        MethodAttribution withVariables = speculative.attribute(locals.speculativeBody(all, writable), typeVariables);
        if (withVariables.firstError() == null) {
            return new Outcome(locals.exactTypes(), List.of());
        }
        List<Unwritable> errors = new ArrayList<>();
        for (Map.Entry<VariableTree, Element> c : locals.candidates.entrySet()) {
            Set<Element> alone = new HashSet<>(List.of(c.getValue()));
            MethodAttribution failed = speculative.attribute(locals.speculativeBody(alone,
                    writable.contains(c.getValue()) ? alone : new HashSet<>()), typeVariables);
            if (failed.firstError() != null) {
                errors.add(locals.unwritable(c.getKey(), failed));
            }
        }
        if (errors.isEmpty()) {
            errors.add(locals.unwritable(locals.candidates.keySet().iterator().next(), withVariables));
        }
        return new Outcome(ExactTypes.none(variables), errors);
    }

    /** Finds the hoisted locals whose type nests an intersection; true if there is one. */
    private boolean findCandidates() {
        boolean any = false;
        for (TypeMirror type : vars.hoistedTypes()) {
            if (IntersectionVariables.needsVariables(type)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return false;
        }
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Element sym = attribution.referent(node);
                Hoisted h = vars.hoisted(sym);
                if (h != null && h.placement() != LocalVariables.Placement.CONSTANT
                        && IntersectionVariables.needsVariables(sym.asType())
                        && unnamedClassIn(sym.asType(), NestingKind.ANONYMOUS) == null) {
                    candidates.put(node, sym);
                }
                return super.visitVariable(node, p);
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void p) {
                written.add(node.getVariable());
                return super.visitAssignment(node, p);
            }
        }.scan(body, null);
        return !candidates.isEmpty();
    }

    /**
     * Finds each candidate's exact type written with type variables, or, when not even they can
     * write it, why not.
     */
    private void findExactTypes() {
        for (Map.Entry<VariableTree, Element> c : candidates.entrySet()) {
            Element sym = c.getValue();
            // The step method's type variables are declared outside its body, where no local type is in
            // scope: for one that names a local type, those of a generic method written at each read.
            IntersectionVariables atRead = unnamedClassIn(sym.asType(), NestingKind.LOCAL) == null ? null
                    : localVariables != null ? localVariables : (localVariables = variables.forLocalTypes());
            try {
                TypeMirror type = (atRead == null ? variables : atRead).exact(sym.asType());
                exact.putIfAbsent(sym, new Exact(type, variables.erasure(type), atRead));
            } catch (IntersectionVariables.Unwritable e) {
                unwritable.put(c.getKey(), e.getMessage());
            }
        }
    }

    /**
     * A copy of the body in which the given locals are declared as the step method declares them,
     * and each read of those of {@code cast} is cast to its exact type, as the step method reads them.
     */
    private BlockTree speculativeBody(Set<Element> locals, Set<Element> cast) {
        BlockTree copy = copies.copy(body, new AsTheStepMethodHasIt(locals, cast));
        if (cast.isEmpty()) {
            return copy;
        }
        return withCasts(copy, templates);
    }

    /**
     * The copy of a body with the class that {@link #castRead} calls declared first: the casts are
     * unchecked, and javac would note that the user's file has unchecked operations, so the copy
     * casts in a method where that is suppressed, typed as the cast is.
     */
    static BlockTree withCasts(BlockTree copy, TreeTemplates templates) {
        List<StatementTree> stats = new ArrayList<>();
        stats.add(templates.statement(JavacSession.pos(copy), "class " + CASTS + " { @java.lang.SuppressWarnings(\"unchecked\") "
                + "<T> T as(java.lang.Object o) { return (T) o; } }"));
        stats.addAll(copy.getStatements());
        return templates.block(JavacSession.pos(copy), stats);
    }

    /** In a body made by {@link #withCasts}, {@code value} read as {@code type} (a type argument cannot be an intersection). */
    static String castRead(TypeMirror type, TypeText typeText, String value) {
        return "((" + typeText.cast(type) + ") new " + CASTS + "().<" + typeText.of(type) + ">as(" + value + "))";
    }

    /** The substitution that makes {@link #speculativeBody}. */
    private final class AsTheStepMethodHasIt implements Function<Tree, Tree> {
        private final Set<Element> locals;
        private final Set<Element> cast;

        AsTheStepMethodHasIt(Set<Element> locals, Set<Element> cast) {
            this.locals = locals;
            this.cast = cast;
        }

        @Override
        public Tree apply(Tree t) {
            if (t instanceof VariableTree v && v.getInitializer() != null && locals.contains(candidates.get(v))) {
                return templates.statement(JavacSession.pos(v), modifiers(v)
                        + typeText.declaration(declared(v), v.getName().toString()) + "$$0;",
                        copies.copy(v.getInitializer(), this));
            }
            if (t instanceof EnhancedForLoopTree loop && locals.contains(candidates.get(loop.getVariable()))
                    && typeText.intersection(declared(loop.getVariable())) == null) {
                // A loop variable of an intersection type keeps var (only a cast can write the type).
                VariableTree v = loop.getVariable();
                return templates.statement(JavacSession.pos(loop), "for (" + modifiers(v) + typeText.of(declared(v)) + " "
                        + v.getName() + " : $$0) $$1();", copies.copy(loop.getExpression(), this), copies.copy(loop.getStatement(), this));
            }
            if (!cast.isEmpty() && t instanceof IdentifierTree id && !written.contains(t)) {
                Element sym = attribution.referent(id);
                if (cast.contains(sym)) {
                    Exact e = exact.get(sym);
                    // A type argument cannot be an intersection: its first bound, then a cast.
                    return templates.expression(JavacSession.pos(t), e.atRead() != null
                            ? read(e, typeText, id.getName().toString()) : castRead(e.type(), typeText, id.getName().toString()));
                }
            }
            return null;
        }

        private TypeMirror declared(VariableTree v) {
            return vars.hoisted(candidates.get(v)).type();
        }

        private static String modifiers(VariableTree v) {
            return v.getModifiers().getFlags().contains(Modifier.FINAL) ? "final " : "";
        }
    }

    /**
     * A read of a local of exact type {@code e}: {@code ((List<$I0>) (java.util.List) xs)}; when the
     * variables name a local type, a call of a generic method declared where it is read, whose type
     * variables javac infers each as the intersection of its bounds: {@code new java.lang.Object() {
     * <$L0 extends Record & Tag> List<$L0>[] $exact(java.lang.Object o) { return (List<$L0>[]) new
     * java.util.List[] { (java.util.List) o }; } }.$exact(xs)[0]}.
     */
    public static String read(Exact e, TypeText typeText, String access) {
        if (e.atRead() == null) {
            return "((" + typeText.cast(e.type()) + ") (" + typeText.of(e.erasure()) + ") " + access + ")";
        }
        List<String> variables = new ArrayList<>();
        for (TypeVariable v : e.atRead().variables()) {
            variables.add(v.asElement().getSimpleName() + " extends " + bounds(e.atRead().bounds(v), typeText));
        }
        String type = typeText.of(e.type());
        if (e.type().getKind() == TypeKind.INTERSECTION) {
            // A method cannot return an intersection: a variable bounded by it, inferred as it.
            type = CoroutineContract.LOCAL_INTERSECTION_VARIABLE;
            variables.add(type + " extends " + typeText.cast(e.type()));
        }
        // An array's element: a receiver is no poly expression, so javac infers the variables from their
        // bounds alone (as the exact type), not from where the value goes.
        String erasure = typeText.of(e.erasure());
        return "new java.lang.Object() { @java.lang.SuppressWarnings(\"unchecked\") <" + String.join(", ", variables)
                + "> " + type + "[] " + CoroutineContract.EXACT_READ + "(java.lang.Object o) { return (" + type
                + "[]) new " + erasure + "[] { (" + erasure + ") o }; } }." + CoroutineContract.EXACT_READ + "(" + access + ")[0]";
    }

    private static String bounds(List<? extends TypeMirror> bounds, TypeText typeText) {
        StringBuilder text = new StringBuilder();
        for (TypeMirror b : bounds) {
            text.append(text.length() == 0 ? "" : " & ").append(typeText.of(b));
        }
        return text.toString();
    }

    private ExactTypes exactTypes() {
        Map<Hoisted, Exact> byHoisted = new LinkedHashMap<>();
        exact.forEach((sym, e) -> byHoisted.putIfAbsent(vars.hoisted(sym), e));
        return new ExactTypes(exact, byHoisted, variables);
    }

    private Unwritable unwritable(VariableTree declaration, MethodAttribution failed) {
        Element sym = candidates.get(declaration);
        String javac = failed.firstError().lines().findFirst().orElse("").trim();
        long position = failed.firstErrorPosition();
        String where = position < 0 ? "" : " on line " + speculative.line(position);
        String reason = unwritable.get(declaration);
        String variablesToo = reason == null ? " (or with type variables bounded by the intersection's bounds)"
                : " (type variables cannot stand for it: " + reason + ")";
        return new Unwritable(declaration, "local variable " + declaration.getName() + " has type " + sym.asType()
                + ", " + whyUnwritable(sym.asType()) + ". The @Async method keeps it across an await as "
                + typeText.of(vars.hoisted(sym).type()) + variablesToo + ", and its use" + where
                + " needs the exact type (javac: " + javac + "). " + advice(declaration));
    }

    private static String whyUnwritable(TypeMirror type) {
        return IntersectionVariables.hasWildcardClassBound(type)
                ? "an intersection whose class bound has a wildcard type argument, which Java source cannot write"
                : "with an intersection inside a type argument, which Java source cannot write";
    }

    private static String advice(VariableTree declaration) {
        return "Declare " + declaration.getName() + " with a type you can write that has what that line needs "
                + "(for var xs = List.of(1, 2.5), e.g. List<Number>, or List<? extends Constable> if "
                + "it uses the elements as Constables; for var xs = f ? new ArrayList<Integer>() : new LinkedList<Double>(), "
                + "e.g. List<? extends Number>)";
    }

    /** True when the type is or mentions an anonymous or local class (AnonymousTypeLocals's concern). */
    static boolean mentionsUnnamedClass(TypeMirror type) {
        return unnamedClassIn(type, NestingKind.LOCAL) != null || unnamedClassIn(type, NestingKind.ANONYMOUS) != null;
    }

    /** The first class of the given nesting kind that the type is or mentions, or null. */
    private static TypeElement unnamedClassIn(TypeMirror type, NestingKind kind) {
        return type.accept(new SimpleTypeVisitor14<TypeElement, Void>() {
            @Override
            public TypeElement visitDeclared(DeclaredType t, Void p) {
                if (t.asElement() instanceof TypeElement c && c.getNestingKind() == kind) {
                    return c;
                }
                return first(t.getTypeArguments());
            }

            @Override
            public TypeElement visitArray(javax.lang.model.type.ArrayType t, Void p) {
                return t.getComponentType().accept(this, p);
            }

            @Override
            public TypeElement visitWildcard(javax.lang.model.type.WildcardType t, Void p) {
                TypeMirror bound = t.getExtendsBound() != null ? t.getExtendsBound() : t.getSuperBound();
                return bound == null ? null : bound.accept(this, p);
            }

            @Override
            public TypeElement visitIntersection(javax.lang.model.type.IntersectionType t, Void p) {
                return first(t.getBounds());
            }

            private TypeElement first(List<? extends TypeMirror> types) {
                for (TypeMirror m : types) {
                    TypeElement c = m.accept(this, null);
                    if (c != null) {
                        return c;
                    }
                }
                return null;
            }
        }, null);
    }
}
