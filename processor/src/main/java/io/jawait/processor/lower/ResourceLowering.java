package io.jawait.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.AttributedBody;
import io.jawait.processor.analyse.AwaitSites;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.MethodCodeScanner;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.javac.TreeCopies;
import io.jawait.processor.javac.TreeTemplates;
import io.jawait.processor.model.RuntimeApi;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Rewrites the try-with-resources statements that the transform must take apart into the plain
 * try statements JLS 14.20.3 defines them as, before the body is analysed: those that await in a
 * resource or the body, those with an {@code io.jawait.AsyncCloseable} resource, whose close is
 * awaited, and those over an existing variable ({@code try (r)}), which may become a field. For each resource, innermost last:
 * <pre>
 * { R r = init;                       // try (existing) declares: final var $jawait$rN = existing;
 *   Throwable $jawait$primaryN = null;
 *   try { rest } catch (Throwable t) { $jawait$primaryN = t; throw t; }
 *   finally {
 *     if (r != null) {
 *       if ($jawait$primaryN != null) { try { CLOSE } catch (Throwable s) { $jawait$primaryN.addSuppressed(s); } }
 *       else { CLOSE }
 *   } } }
 * </pre>
 * where CLOSE is {@code r.close();} or {@code io.jawait.Tasks.await(r.closeAsync());}, positioned
 * at the try block's closing brace as javac positions its own close calls; in the branch after a
 * failure, an {@code AsyncCloseable} gets {@code r.closeAsync($jawait$primaryN)} instead, so that it
 * knows its block failed (asyncio's {@code __aexit__} gets the exception too). Catches and a finally of
 * the statement wrap all of it (JLS 14.20.3.2). Other try-with-resources stay as written.
 *
 * <p>Where the method cannot suspend, in a {@code synchronized} block or anywhere in a
 * {@code synchronized} method (the monitor would be released at the suspension), an
 * {@code AsyncCloseable} is closed with its {@code close()}, as it is in a lambda and in plain code: an
 * await there would stay an untransformed call, or release the monitor.
 */
public final class ResourceLowering {
    private static final String PREFIX = "$jawait$";

    private final MethodAttribution attribution;
    private final AwaitSites awaits;
    private final TreeTemplates templates;
    private final TreeCopies copies;
    private final Predicate<TypeMirror> asyncCloseable;
    private final Set<Tree> targets = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Statements whose AsyncCloseable resources are closed by close(), not awaited. */
    private final Set<Tree> closedWithoutAwait = Collections.newSetFromMap(new IdentityHashMap<>());
    private int count;
    /** The names the body declares and the method's parameters: the generated locals' differ from them. */
    private final Set<String> taken = new HashSet<>();

    private ResourceLowering(AttributedBody code, TreeTemplates templates, TreeCopies copies,
            Predicate<TypeMirror> asyncCloseable) {
        this.attribution = code.attribution();
        this.awaits = code.awaits();
        this.templates = templates;
        this.copies = copies;
        this.asyncCloseable = asyncCloseable;
    }

    /**
     * What lowering made of a body.
     *
     * @param body       the body with such statements desugared (a copy; user trees keep their
     *                   positions), or null when it has none
     * @param statements the try-with-resources statements of the body as written that it desugared
     */
    public record Lowered(BlockTree body, Set<Tree> statements) {
    }

    public static Lowered lower(AttributedBody code, ExecutableElement method, TreeTemplates templates,
            TreeCopies copies, Predicate<TypeMirror> asyncCloseable) {
        if (!code.awaits().hasResources()) {
            // Most methods: no statement to lower, and no scan of the body to find out.
            return new Lowered(null, Collections.emptySet());
        }
        ResourceLowering lowering = new ResourceLowering(code, templates, copies, asyncCloseable);
        lowering.findTargets(code.body(), method.getModifiers().contains(Modifier.SYNCHRONIZED));
        if (!lowering.targets.isEmpty()) {
            for (VariableElement p : method.getParameters()) {
                lowering.taken.add(p.getSimpleName().toString());
            }
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree node, Void unused) {
                    lowering.taken.add(node.getName().toString());
                    return super.visitVariable(node, unused);
                }
            }.scan(code.body(), null);
        }
        BlockTree body = lowering.targets.isEmpty() ? null : copies.copy(code.body(), lowering::substitute);
        return new Lowered(body, Collections.unmodifiableSet(lowering.targets));
    }

    private void findTargets(BlockTree body, boolean synchronizedMethod) {
        new MethodCodeScanner<Void, Boolean>() {
            @Override
            public Void visitSynchronized(SynchronizedTree node, Boolean mayAwait) {
                scan(node.getExpression(), mayAwait);
                return scan(node.getBlock(), false);
            }

            @Override
            public Void visitTry(TryTree node, Boolean mayAwait) {
                if (!mayAwait) {
                    closedWithoutAwait.add(node);
                }
                if (!node.getResources().isEmpty() && (awaits.contains(node) || node.getResources().stream()
                        .anyMatch(r -> (mayAwait && asyncCloseable.test(typeOf(r))) || isExisting(r)))) {
                    targets.add(node);
                }
                return super.visitTry(node, mayAwait);
            }
        }.scan(body, !synchronizedMethod);
    }

    /**
     * {@code try (r)} over an existing variable: javac requires r to be effectively final, which it
     * no longer is once hoisted into a field because it lives across an await elsewhere. Desugared,
     * r is only read once, which is what JLS 14.20.3 means anyway.
     */
    private static boolean isExisting(Tree resource) {
        return !(resource instanceof VariableTree);
    }

    private TypeMirror typeOf(Tree resource) {
        return resource instanceof VariableTree v ? attribution.typeOf(v) : attribution.typeOf((ExpressionTree) resource);
    }

    private Tree substitute(Tree t) {
        return targets.contains(t) ? desugar((TryTree) t) : null;
    }

    private StatementTree desugar(TryTree t) {
        int pos = JavacSession.pos(t);
        int end = JavacSession.endPos(t.getBlock());
        Function<Tree, Tree> inner = this::substitute;
        StatementTree body = copies.copy(t.getBlock(), inner);
        List<? extends Tree> resources = t.getResources();
        for (int i = resources.size() - 1; i >= 0; i--) {
            body = resource(resources.get(i), !closedWithoutAwait.contains(t), body, pos, end);
        }
        if (t.getCatches().isEmpty() && t.getFinallyBlock() == null) {
            return body;
        }
        return copies.copyTryWithoutResources(t, inner, templates.block(pos, List.of(body)));
    }

    /** The next index whose names ($jawait$primaryN, $jawait$tN, $jawait$sN, $jawait$rN) are all free. */
    private int nextIndex() {
        while (true) {
            int n = count++;
            if (Stream.of("primary", "t", "s", "r").noneMatch(kind -> taken.contains(PREFIX + kind + n))) {
                return n;
            }
        }
    }

    private StatementTree resource(Tree resource, boolean mayAwait, StatementTree body, int pos, int end) {
        int n = nextIndex();
        String primary = PREFIX + "primary" + n;
        String thrown = PREFIX + "t" + n;
        String suppressed = PREFIX + "s" + n;
        StatementTree declaration;
        String name;
        if (resource instanceof VariableTree v) {
            declaration = copies.copy(v, this::substitute);
            name = v.getName().toString();
            if (LocalVariables.isUnnamed(v)) {
                // try (var _ = open()) (JDK 22+): the close needs a name to call it on.
                name = PREFIX + "r" + n;
                copies.rename(declaration, name);
            }
        } else {
            name = PREFIX + "r" + n;
            declaration = templates.statement(JavacSession.pos(resource), "final var " + name + " = $$0;",
                    copies.copy(resource, this::substitute));
        }
        boolean async = mayAwait && asyncCloseable.test(typeOf(resource));
        // $$0 is Tasks, named so that a local or field called io cannot obscure its package.
        String close = async ? "$$0.await(" + name + ".closeAsync());" : name + ".close();";
        // An AsyncCloseable is told why its block failed (a TaskGroup cancels its children then).
        String closeOnFailure = async ? "$$0.await(" + name + ".closeAsync(" + primary + "));" : close;
        StatementTree closeAfterFailure = templates.statement(end, "try { " + closeOnFailure + " } catch (java.lang.Throwable "
                + suppressed + ") { " + primary + ".addSuppressed(" + suppressed + "); }", tasks(end));
        StatementTree closeOnly = templates.statement(end, "{ " + close + " }", tasks(end));
        StatementTree guarded = templates.statement(end, "try { $$0(); } catch (java.lang.Throwable " + thrown + ") { " + primary
                + " = " + thrown + "; throw " + thrown + "; } finally { if (" + name + " != null) { if (" + primary
                + " != null) $$1(); else $$2(); } }", body, closeAfterFailure, closeOnly);
        return templates.statement(pos, "{ $$0(); java.lang.Throwable " + primary + " = null; $$1(); }", declaration, guarded);
    }

    private ExpressionTree tasks(int pos) {
        return templates.qualifiedName(pos, RuntimeApi.TASKS);
    }
}
