package io.jawait.processor.analyse;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.model.RuntimeApi;
import io.jawait.processor.validate.AwaitPlacementChecker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import javax.lang.model.element.ExecutableElement;

/**
 * Where a method body awaits: every {@code await(x)} and {@code x.await()} call, and every tree
 * that has one inside it (the trees the transform must split).
 *
 * <p>Awaits inside lambdas, anonymous or local classes, or {@code synchronized} blocks cannot be
 * transformed; they are collected as misplaced so that validation can reject them, and so is an
 * {@code @Async} method of a class declared in the body (which the processor never transforms).
 */
public final class AwaitSites {
    /**
     * An await the transform cannot reach (or an {@code @Async} method of a class in the body), with
     * the error that says why and what to do.
     */
    public record Misplaced(Tree await, String message) {
    }

    private final Map<Tree, ExpressionTree> operands = new IdentityHashMap<>();
    private final List<Tree> inOrder = new ArrayList<>();
    private final Set<Tree> containing = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Misplaced> misplaced = new ArrayList<>();
    private boolean referencesAwait;
    private boolean declaresClasses;
    private boolean referencesMembers;
    private boolean hasResources;

    private AwaitSites() {
    }

    public static AwaitSites find(BlockTree body, MethodAttribution attribution) {
        AwaitSites sites = new AwaitSites();
        sites.new Finder(attribution).scan(body, null);
        return sites;
    }

    /** The operand of an await call: the task or stage awaited. Null if {@code tree} is not one. */
    public ExpressionTree operand(Tree tree) {
        return operands.get(tree);
    }

    public boolean isAwait(Tree tree) {
        return operands.containsKey(tree);
    }

    /** True when the tree is, or has inside it (outside lambdas and classes), an await. */
    public boolean contains(Tree tree) {
        return tree != null && containing.contains(tree);
    }

    public boolean containsAny(List<? extends Tree> trees) {
        for (Tree t : trees) {
            if (contains(t)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return operands.isEmpty();
    }

    /** Every await call, in the order the scan met them (source order of their ends). */
    public List<Tree> all() {
        return inOrder;
    }

    /** True when the body has a method reference to await ({@code Tasks::await}), which is an error. */
    public boolean referencesAwait() {
        return referencesAwait;
    }

    /**
     * True when the body declares a class, local or anonymous (also inside a lambda): only then can
     * a type of the body be an anonymous class's, which the checks for those skip otherwise.
     */
    public boolean declaresClasses() {
        return declaresClasses;
    }

    /** True when the body has a method reference (also inside a lambda or class). */
    public boolean referencesMembers() {
        return referencesMembers;
    }

    /**
     * True when the body has a try-with-resources statement (also inside a lambda or class): without
     * one, the resource lowering has nothing to look for.
     */
    public boolean hasResources() {
        return hasResources;
    }

    public List<Misplaced> misplaced() {
        return misplaced;
    }

    private final class Finder extends TreeScanner<Boolean, Void> {
        private final MethodAttribution attribution;
        private String barrier;

        Finder(MethodAttribution attribution) {
            this.attribution = attribution;
        }

        @Override
        public Boolean scan(Tree tree, Void p) {
            if (tree == null) {
                return false;
            }
            Boolean found = super.scan(tree, p);
            if (Boolean.TRUE.equals(found)) {
                containing.add(tree);
                return true;
            }
            return false;
        }

        @Override
        public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
        }

        @Override
        public Boolean visitMethodInvocation(MethodInvocationTree call, Void p) {
            boolean inside = Boolean.TRUE.equals(super.visitMethodInvocation(call, p));
            if (!RuntimeApi.isAwait(attribution.calledMethod(call))) {
                return inside;
            }
            if (barrier != null) {
                misplaced.add(new Misplaced(call, "await cannot be used inside " + barrier + " of an @Async method: "
                        + "the method can only suspend in its own body. " + adviceFor(barrier)));
                return inside;
            }
            ExpressionTree operand = call.getArguments().isEmpty()
                    ? ((MemberSelectTree) call.getMethodSelect()).getExpression()
                    : call.getArguments().get(0);
            operands.put(call, operand);
            inOrder.add(call);
            return true;
        }

        @Override
        public Boolean visitMemberReference(MemberReferenceTree node, Void p) {
            referencesMembers = true;
            Boolean inside = super.visitMemberReference(node, p);
            if (attribution.referent(node) instanceof ExecutableElement m && RuntimeApi.isAwait(m)) {
                // An error, which the checker reports where the reference ends up (so that javac goes on
                // to report other errors too); the method is not one that forgot to await.
                referencesAwait = true;
            }
            return inside;
        }

        @Override
        public Boolean visitTry(TryTree node, Void p) {
            hasResources |= !node.getResources().isEmpty();
            return super.visitTry(node, p);
        }

        @Override
        public Boolean visitLambdaExpression(LambdaExpressionTree node, Void p) {
            return behind("a lambda", () -> super.visitLambdaExpression(node, p));
        }

        @Override
        public Boolean visitClass(ClassTree node, Void p) {
            declaresClasses = true;
            return behind(node.getSimpleName().length() == 0 ? "an anonymous class" : "a local class",
                    () -> super.visitClass(node, p));
        }

        @Override
        public Boolean visitMethod(MethodTree node, Void p) {
            // An @Async method of a class in the body is an error of its own, whether or not it awaits:
            // reported for each of its awaits, the error would tell the user to do what they did.
            if (barrier != null && RuntimeApi.isAsync(attribution.referent(node))) {
                misplaced.add(new Misplaced(node, AwaitPlacementChecker.asyncMethodOfLocalClass(node.getName())));
                return false;
            }
            return super.visitMethod(node, p);
        }

        @Override
        public Boolean visitSynchronized(SynchronizedTree node, Void p) {
            Boolean lock = scan(node.getExpression(), p);
            Boolean body = behind("a synchronized block", () -> scan(node.getBlock(), p));
            return reduce(lock, body);
        }

        private static String adviceFor(String barrier) {
            if (barrier.equals("a synchronized block")) {
                // A monitor is owned by a thread and would stay held (or be released by another step) while
                // the method is suspended.
                return "A monitor cannot be held across a suspension: await before or after the block, or "
                        + "guard the section with an io.jawait.sync.AsyncLock instead";
            }
            return "Await before or after it, or make the " + barrier.substring(barrier.indexOf(' ') + 1)
                    + "'s work an @Async method and await its task";
        }

        private Boolean behind(String where, java.util.function.Supplier<Boolean> scan) {
            String saved = barrier;
            if (barrier == null) {
                barrier = where;
            }
            try {
                scan.get();
                return false;
            } finally {
                barrier = saved;
            }
        }
    }
}
