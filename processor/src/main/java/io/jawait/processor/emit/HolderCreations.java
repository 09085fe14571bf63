package io.jawait.processor.emit;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import io.jawait.processor.analyse.CaptureHolder;
import io.jawait.processor.analyse.ExactTypes;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.analyse.NameAllocator;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Declares the CaptureHolder of a method's local classes used across awaits, and writes each
 * creation of one of its classes outside it (in the step method's code, in a lambda or a class
 * there) with a holder instance made of the values javac would pass: {@code new L(...)}, {@code
 * L::new}, and the superclass constructor call of a local subclass that stays where it is declared.
 * Inside the holder nothing changes: code there creates instances with its own holder.
 */
final class HolderCreations {
    /** The copy a creation is part of: it rewrites the creation's parts and reads the locals there. */
    interface Site extends Function<Tree, Tree> {
        /** A copy of a subtree, rewritten like the rest. */
        <T extends Tree> T of(T tree);

        /** A hoisted local's value as the code there reads it: now, or {@code later} through a capture copy. */
        String value(Hoisted h, boolean later);
    }

    private final CaptureHolder holder;
    private final LocalVariables vars;
    private final MethodAttribution attribution;
    private final TreeTemplates templates;
    private final TreeCopies copies;
    private final TypeText typeText;
    private final ExactTypes exactTypes;
    private final NameAllocator localNames;

    HolderCreations(MethodContext context) {
        this.vars = context.vars();
        this.holder = vars.captureHolder();
        this.attribution = context.attribution();
        this.templates = context.templates();
        this.copies = context.copies();
        this.typeText = context.typeText();
        this.exactTypes = context.exactTypes();
        this.localNames = context.names();
    }

    /**
     * The creation {@code t} outside the holder, written with a holder instance; null if {@code t}
     * creates none of its classes. {@code later}: {@code t} is in a lambda or class body.
     */
    Tree rewrite(Tree t, Site copy, boolean later) {
        if (t instanceof NewClassTree n && n.getEnclosingExpression() == null) {
            Element created = createdClass(n.getIdentifier());
            if (created != null) {
                return creation(n, created, copy, later);
            }
        }
        if (t instanceof MemberReferenceTree r && r.getMode() == MemberReferenceTree.ReferenceMode.NEW) {
            Element created = createdClass(r.getQualifierExpression());
            if (created != null) {
                return constructorReference(r, created, copy);
            }
        }
        if (t instanceof ClassTree c && c.getExtendsClause() != null) {
            Element superclass = createdClass(c.getExtendsClause());
            if (superclass != null) {
                return subclassOutsideHolder(c, superclass, copy);
            }
        }
        return null;
    }

    /**
     * The declarations to put at the top of the step method for the copies of its hoisted classes:
     * the copies themselves, or the holder declaring them, its fields and its constructor.
     */
    List<ClassTree> declarations(List<ClassTree> hoistedCopies) {
        if (!holder.exists() || hoistedCopies.isEmpty()) {
            return hoistedCopies;
        }
        StringBuilder fields = new StringBuilder();
        StringBuilder parameters = new StringBuilder();
        StringBuilder stores = new StringBuilder();
        for (Map.Entry<Hoisted, String> f : holder.fields().entrySet()) {
            ExactTypes.Exact exact = exactTypes.of(f.getKey());
            String type = typeText.of(exact == null ? f.getKey().type() : exact.type());
            fields.append("final ").append(type).append(' ').append(f.getValue()).append(";\n");
            parameters.append(parameters.length() == 0 ? "" : ", ").append(type).append(' ').append(f.getValue());
            stores.append("this.").append(f.getValue()).append(" = ").append(f.getValue()).append(";\n");
        }
        String name = holder.name();
        ClassTree declaration = (ClassTree) templates.statement(JavacSession.pos(hoistedCopies.get(0)), "class " + name
                + " {\n" + fields + name + "(" + parameters + ") {\n" + stores + "}\n}");
        copies.appendMembers(declaration, hoistedCopies);
        return List.of(declaration);
    }

    /**
     * {@code new Holder(values)}, the enclosing instance for an instance of {@code hoistedClass}
     * created outside the holder: each local the class captures as the code there reads it ({@code
     * later}: through the site's capture copies, for code that runs later, in a lambda or class
     * body), the holder's other fields their default values.
     */
    private String holderCreation(Element hoistedClass, Site site, boolean later) {
        Set<Hoisted> needed = holder.capturesOf(hoistedClass);
        StringBuilder code = new StringBuilder("new ").append(holder.name()).append('(');
        boolean first = true;
        for (Hoisted h : holder.fields().keySet()) {
            code.append(first ? "" : ", ");
            first = false;
            code.append(needed.contains(h) ? site.value(h, later) : defaultValue(h.type()));
        }
        return code.append(')').toString();
    }

    private static String defaultValue(TypeMirror type) {
        TypeKind kind = type.getKind();
        return kind == TypeKind.BOOLEAN ? "false" : kind.isPrimitive() ? "(" + kind.name().toLowerCase(java.util.Locale.ROOT) + ") 0"
                : "null";
    }

    /** The hoisted class a class instance creation or constructor reference names, or null. */
    private Element createdClass(Tree type) {
        Tree base = type instanceof ParameterizedTypeTree p ? p.getType() : type;
        if (!(base instanceof IdentifierTree)) {
            return null;
        }
        Element sym = attribution.referent(base);
        return holder.isInner(sym) ? sym : null;
    }

    /** A copy of a class's type as a creation qualified by a holder instance names it: by its simple name. */
    private Tree qualifiedCreationType(Tree type, Element created, Site copy) {
        Tree base = type instanceof ParameterizedTypeTree p ? p.getType() : type;
        ExpressionTree simple = templates.expression(JavacSession.pos(base), vars.hoistedClassName(created));
        return base == type ? simple : copies.copy(type, t -> t == base ? simple : copy.apply(t));
    }

    /** {@code new L(...)} (also with a body) outside the holder: {@code new Holder(values).new L(...)}. */
    private Tree creation(NewClassTree n, Element created, Site copy, boolean later) {
        Tree type = n.getIdentifier();
        Tree simple = qualifiedCreationType(type, created, copy);
        NewClassTree c = copies.copy(n, t -> t == n ? null : t == type ? simple : copy.apply(t));
        copies.enclose(c, templates.expression(JavacSession.pos(n), holderCreation(created, copy, later)));
        return c;
    }

    /**
     * {@code L::new} outside the holder: a lambda that creates L in a holder made of the values
     * current where the reference is evaluated, as javac evaluates a local class's captured values
     * there.
     */
    private Tree constructorReference(MemberReferenceTree r, Element created, Site copy) {
        int arity = attribution.functionArity(r);
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < arity; i++) {
            params.append(i == 0 ? "" : ", ").append(localNames.fresh("$a"));
        }
        Tree type = r.getQualifierExpression();
        boolean diamond = !(type instanceof ParameterizedTypeTree) && !((TypeElement) created).getTypeParameters().isEmpty();
        String code = "(" + params + ") -> " + holderCreation(created, copy, true) + ".new $$0" + (diamond ? "<>" : "")
                + "(" + params + ")";
        return templates.expression(JavacSession.pos(r), code, qualifiedCreationType(type, created, copy));
    }

    /**
     * A local class outside the holder (declared with no await after it in its block, so it stays
     * where it is) that extends one of the holder's classes: each of its constructors that does
     * not call {@code this(...)} passes its superclass a holder made of the values it captured,
     * {@code new Holder(values).super(...)}, as javac passes a local subclass's own captured values
     * to its local superclass. Without a constructor it gets the default one written out that way.
     */
    private Tree subclassOutsideHolder(ClassTree c, Element superclass, Site copy) {
        String outer = holderCreation(superclass, copy, true);
        Set<Tree> superCalls = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Tree> bodiesWithoutCall = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean hasConstructor = false;
        for (Tree member : c.getMembers()) {
            if (!(member instanceof MethodTree m) || !m.getName().contentEquals("<init>") || m.getBody() == null) {
                continue;
            }
            hasConstructor = true;
            MethodInvocationTree call = constructorCall(m.getBody());
            if (call == null) {
                bodiesWithoutCall.add(m.getBody());
            } else if (call.getMethodSelect() instanceof IdentifierTree id && id.getName().contentEquals("super")) {
                superCalls.add(call);
            }
        }
        ClassTree result = copies.copy(c, t -> {
            if (t == c) {
                return null;
            }
            int pos = JavacSession.pos(t);
            if (superCalls.contains(t)) {
                List<? extends ExpressionTree> args = ((MethodInvocationTree) t).getArguments();
                StringBuilder code = new StringBuilder(outer).append(".super(");
                Tree[] holes = new Tree[args.size()];
                for (int i = 0; i < holes.length; i++) {
                    code.append(i == 0 ? "" : ", ").append("$$").append(i);
                    holes[i] = copy.of(args.get(i));
                }
                return templates.expression(pos, code.append(')').toString(), holes);
            }
            if (bodiesWithoutCall.contains(t)) {
                List<StatementTree> stats = new ArrayList<>();
                stats.add(templates.statement(pos, outer + ".super();"));
                ((BlockTree) t).getStatements().forEach(st -> stats.add(copy.of(st)));
                return templates.block(pos, stats);
            }
            return copy.apply(t);
        });
        if (!hasConstructor) {
            String name = c.getSimpleName().toString();
            ClassTree template = (ClassTree) templates.statement(JavacSession.pos(c), "class " + name + " { " + name + "() { "
                    + outer + ".super(); } }");
            copies.prependMembers(result, List.of(template.getMembers().get(0)));
        }
        return result;
    }

    /** The {@code super(...)} or {@code this(...)} call of a constructor's body, or null. */
    private static MethodInvocationTree constructorCall(BlockTree body) {
        for (StatementTree s : body.getStatements()) {
            if (s instanceof ExpressionStatementTree e && e.getExpression() instanceof MethodInvocationTree call
                    && call.getMethodSelect() instanceof IdentifierTree id
                    && (id.getName().contentEquals("super") || id.getName().contentEquals("this"))) {
                return call;
            }
        }
        return null;
    }
}
