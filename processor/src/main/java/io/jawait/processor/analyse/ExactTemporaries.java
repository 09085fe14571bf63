package io.jawait.processor.analyse;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.type.TypeMirror;

/**
 * Checks the temporaries that hold values of the user's code as types written with the step
 * method's type variables (TemporaryTypes): {@code f(List.of(1, 2.5), await(t))} keeps the list as a
 * {@code List<$I0>}, a subtype of what the expression had, not that type itself. Where the rest of the
 * expression needs the type itself ({@code <T> f(List<T> l, T t, int k)} called as {@code f(List.of(1,
 * 2.5), 3, await(t))}, whose T javac infers from the list and the 3 together), javac decides, on a copy
 * of the body in which each such value is read as its temporary's type: its error becomes the
 * processor's, on the value, naming the line and what to do, instead of javac's on generated code.
 */
public final class ExactTemporaries {
    /** The error on a value whose temporary's type is too weak. */
    public record Unwritable(Tree value, String message) {
    }

    private ExactTemporaries() {
    }

    /** The error for the method's temporaries of exact types, or null when there is none. */
    public static Unwritable check(BlockTree body, ExactTypes exactTypes, SpeculativeBodies speculative) {
        Unwritable exact = checkExact(body, exactTypes, speculative);
        return exact != null ? exact : checkWeakened(body, exactTypes, speculative);
    }

    /**
     * The values kept as a supertype of their type (TemporaryTypes: an intersection nested in it
     * names a local class), each read as that supertype in a copy of the body that javac attributes.
     */
    private static Unwritable checkWeakened(BlockTree body, ExactTypes exactTypes, SpeculativeBodies speculative) {
        Map<ExpressionTree, TypeMirror> weakened = exactTypes.weakened();
        if (weakened.isEmpty()) {
            return null;
        }
        TypeText typeText = speculative.typeText();
        TreeTemplates templates = speculative.templates();
        TreeCopies copies = speculative.copies();
        BlockTree copy = copies.copy(body, new Function<Tree, Tree>() {
            @Override
            public Tree apply(Tree t) {
                TypeMirror type = t instanceof ExpressionTree e ? weakened.get(e) : null;
                if (type == null) {
                    return null;
                }
                Tree value = copies.copy(t, u -> u == t ? null : apply(u));
                return templates.expression(JavacSession.pos(t), "(" + typeText.cast(type) + ") $$0", value);
            }
        });
        MethodAttribution attributed = speculative.attribute(copy, exactTypes.typeVariables());
        if (attributed.firstError() == null) {
            return null;
        }
        long line = errorLine(attributed, speculative);
        ExpressionTree value = valueOn(weakened, line, speculative);
        return new Unwritable(value, "the value of " + value + " is computed before an await later in the same "
                + "expression, and its type has an intersection that names a local or anonymous class, which the "
                + "@Async method cannot keep there, so it keeps it as " + typeText.of(weakened.get(value)) + "; the "
                + "expression" + (line < 0 ? "" : " on line " + line) + " needs the exact type (javac: "
                + javacMessage(attributed) + "). Assign the value to a local declared with a type you can write "
                + "first (e.g. List<LocalInterface> xs = List.of(new A(), new B());), or declare the class outside the method");
    }

    private static long errorLine(MethodAttribution attributed, SpeculativeBodies speculative) {
        long position = attributed.firstErrorPosition();
        return position < 0 ? -1 : speculative.line(position);
    }

    /** The value on the line of the error, else the first. */
    private static ExpressionTree valueOn(Map<ExpressionTree, TypeMirror> values, long line, SpeculativeBodies speculative) {
        return values.keySet().stream().filter(v -> speculative.line(JavacSession.pos(v)) == line)
                .findFirst().orElse(values.keySet().iterator().next());
    }

    private static String javacMessage(MethodAttribution attributed) {
        return attributed.firstError().lines().findFirst().orElse("").trim();
    }

    private static Unwritable checkExact(BlockTree body, ExactTypes exactTypes, SpeculativeBodies speculative) {
        Map<ExpressionTree, TypeMirror> temporaries = exactTypes.temporaries();
        if (temporaries.isEmpty()) {
            return null;
        }
        TreeCopies copies = speculative.copies();
        TreeTemplates templates = speculative.templates();
        TypeText typeText = speculative.typeText();
        BlockTree copy = NestedIntersectionLocals.withCasts(copies.copy(body, new AsRead(temporaries, copies, templates, typeText)), templates);
        MethodAttribution attributed = speculative.attribute(copy, exactTypes.typeVariables());
        if (attributed.firstError() == null) {
            return null;
        }
        long position = attributed.firstErrorPosition();
        long line = position < 0 ? -1 : speculative.line(position);
        ExpressionTree value = temporaries.keySet().stream().filter(v -> speculative.line(JavacSession.pos(v)) == line)
                .findFirst().orElse(temporaries.keySet().iterator().next());
        String javac = attributed.firstError().lines().findFirst().orElse("").trim();
        return new Unwritable(value, "the value of " + value + " is computed before an await later in the same expression, "
                + "and its type has an intersection that Java source cannot write, so the @Async method keeps it as "
                + typeText.of(temporaries.get(value)) + ", with type variables bounded by the intersection's bounds; the "
                + "expression" + (line < 0 ? "" : " on line " + line) + " needs the exact type (javac: " + javac
                + "). Assign the value to a local declared with a type you can write first (e.g. List<Number> xs = "
                + "List.of(1, 2.5);)");
    }

    /** Reads each value held in such a temporary as the temporary's type. */
    private static final class AsRead implements Function<Tree, Tree> {
        private final Map<ExpressionTree, TypeMirror> temporaries;
        private final TreeCopies copies;
        private final TreeTemplates templates;
        private final TypeText typeText;

        AsRead(Map<ExpressionTree, TypeMirror> temporaries, TreeCopies copies, TreeTemplates templates, TypeText typeText) {
            this.temporaries = temporaries;
            this.copies = copies;
            this.templates = templates;
            this.typeText = typeText;
        }

        @Override
        public Tree apply(Tree t) {
            TypeMirror type = t instanceof ExpressionTree e ? temporaries.get(e) : null;
            if (type == null) {
                return null;
            }
            Tree value = copies.copy(t, u -> u == t ? null : apply(u));
            // No parentheses around the cast: javac caches the types of parenthesized arguments by
            // position, which the template shares with the value.
            String read = NestedIntersectionLocals.castRead(type, typeText, "$$0");
            return templates.expression(JavacSession.pos(t), read.substring(1, read.length() - 1), value);
        }
    }
}
