package io.jawait.processor.analyse;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.javac.MethodAttribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Locals declared with {@code var} whose type is (or mentions) an anonymous class, and that the
 * transform must keep across awaits: their variable in the state machine can only be declared as
 * what the anonymous class extends or implements (nothing can name the class itself), so a member
 * that only the anonymous class declares is out of reach wherever the value comes from that
 * variable. Such a use makes the transform give the class a name (AnonymousClassNames), after which
 * the local's type is a local class's; it is an error only for a class that cannot be named so
 * (without this check javac would report a bare "cannot find symbol" on the use).
 *
 * <p>A member the anonymous class declares is still fine when it overrides one of its supertype's
 * with the same type (a call dispatches to it anyway). Inside the anonymous class's own body its
 * members are reached through {@code this}, not through the variable, and are not looked at.
 */
public final class AnonymousTypeLocals {
    /**
     * A hoisted local (or awaited value) whose anonymous type the code needs, with the error to show on
     * it; {@code anonymous} is that class, if the error goes away once it has a name (AnonymousClassNames).
     */
    public record Unwritable(Tree declaration, String message, TypeElement anonymous) {
        public Unwritable(Tree declaration, String message) {
            this(declaration, message, null);
        }
    }

    private AnonymousTypeLocals() {
    }

    /** @param lineOf the line a tree starts on, for the message */
    public static List<Unwritable> find(AttributedBody code, LocalVariables vars, Types types, Elements elements,
            ToLongFunction<Tree> lineOf) {
        BlockTree body = code.body();
        MethodAttribution attribution = code.attribution();
        Map<TypeElement, VariableTree> kept = new LinkedHashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void p) {
                Element sym = attribution.referent(node);
                LocalVariables.Hoisted h = vars.hoisted(sym);
                if (h != null && h.placement() != LocalVariables.Placement.CONSTANT) {
                    List<TypeElement> anonymous = new ArrayList<>();
                    anonymousIn(sym.asType(), anonymous);
                    anonymous.forEach(c -> kept.putIfAbsent(c, node));
                }
                return super.visitVariable(node, p);
            }
        }.scan(body, null);
        if (kept.isEmpty()) {
            return List.of();
        }
        Map<VariableTree, Unwritable> found = new LinkedHashMap<>();
        new TreeScanner<Void, TypeElement>() {
            @Override
            public Void visitClass(ClassTree node, TypeElement inside) {
                Element sym = attribution.referent(node);
                return super.visitClass(node, sym instanceof TypeElement c && kept.containsKey(c) ? c : inside);
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree node, TypeElement inside) {
                check(node, node.getIdentifier().toString(), inside);
                return super.visitMemberSelect(node, inside);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree node, TypeElement inside) {
                check(node, node.getName().toString(), inside);
                return super.visitMemberReference(node, inside);
            }

            private void check(Tree use, String name, TypeElement inside) {
                Element member = attribution.referent(use);
                if (member == null || !(member.getEnclosingElement() instanceof TypeElement owner)
                        || owner.equals(inside) || !kept.containsKey(owner) || isSameOverride(member, owner, types, elements)) {
                    return;
                }
                VariableTree declaration = kept.get(owner);
                Element local = attribution.referent(declaration);
                found.putIfAbsent(declaration, new Unwritable(declaration, "local variable " + declaration.getName()
                        + " has an anonymous class's type (" + local.asType() + "), which the @Async method keeps "
                        + "across an await as " + vars.hoisted(local).type() + ": the anonymous class's own member "
                        + name + " (line " + lineOf.applyAsLong(use) + ") is out of reach there. Declare a local "
                        + "class (or a local interface or record) instead of the anonymous class, or use only "
                        + "members of the type it extends or implements", owner));
            }
        }.scan(body, null);
        return new ArrayList<>(found.values());
    }

    /** Every anonymous class the type is, or has among its type arguments, bounds or element types. */
    private static void anonymousIn(TypeMirror t, List<TypeElement> out) {
        if (t instanceof DeclaredType d) {
            if (d.asElement() instanceof TypeElement c && c.getNestingKind() == NestingKind.ANONYMOUS) {
                out.add(c);
            }
            d.getTypeArguments().forEach(a -> anonymousIn(a, out));
        } else if (t instanceof ArrayType a) {
            anonymousIn(a.getComponentType(), out);
        } else if (t instanceof WildcardType w) {
            if (w.getExtendsBound() != null) {
                anonymousIn(w.getExtendsBound(), out);
            }
            if (w.getSuperBound() != null) {
                anonymousIn(w.getSuperBound(), out);
            }
        } else if (t instanceof IntersectionType i) {
            i.getBounds().forEach(b -> anonymousIn(b, out));
        }
    }

    /**
     * True for a method of the anonymous class that overrides one of its supertypes' methods with
     * the same return type: called through the supertype it is the same call.
     */
    static boolean isSameOverride(Element member, TypeElement anonymous, Types types, Elements elements) {
        if (member.getKind() != ElementKind.METHOD) {
            return false;
        }
        ExecutableElement method = (ExecutableElement) member;
        List<TypeMirror> supertypes = new ArrayList<>(anonymous.getInterfaces());
        if (supertypes.isEmpty()) {
            supertypes.add(anonymous.getSuperclass());
        }
        for (TypeMirror s : supertypes) {
            if (!(s instanceof DeclaredType named) || !(named.asElement() instanceof TypeElement superclass)) {
                continue;
            }
            for (Element e : elements.getAllMembers(superclass)) {
                if (e.getKind() == ElementKind.METHOD && e.getSimpleName().equals(method.getSimpleName())
                        && elements.overrides(method, (ExecutableElement) e, anonymous)) {
                    TypeMirror inherited = ((ExecutableType) types.asMemberOf(named, e)).getReturnType();
                    TypeMirror own = method.getReturnType();
                    return own.getKind() == TypeKind.VOID ? inherited.getKind() == TypeKind.VOID
                            : inherited.getKind() != TypeKind.VOID && types.isSameType(own, inherited);
                }
            }
        }
        return false;
    }
}
