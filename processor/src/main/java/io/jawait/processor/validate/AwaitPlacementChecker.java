package io.jawait.processor.validate;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jawait.processor.model.RuntimeApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Finds, once javac has attributed a class, every {@code await} that no {@code @Async} method will
 * rewrite (in ordinary methods, constructors, initializers, lambdas of ordinary code) and every
 * {@code @Async} method the processor never saw (those of local and anonymous classes, enum constants'
 * bodies among them), and reports each as an error on its own line.
 *
 * <p>This runs after attribution because only then does javac know which {@code await} a call
 * means; the processor itself only sees the {@code @Async} methods' declarations. Bodies of
 * {@code @Async} methods are the processor's: their awaits are rewritten, or reported there.
 */
public final class AwaitPlacementChecker implements TaskListener {
    private final Trees trees;
    private final Set<Tree> checked = Collections.newSetFromMap(new WeakHashMap<>());

    private final Map<MethodTree, String> untransformed;
    private final Map<Tree, Boolean> generated;

    /**
     * The error on an {@code @Async} method of a local or anonymous class (the processor never sees
     * it); also the one the processor gives for such a method declared in an {@code @Async} body, rather
     * than an error on each of its awaits.
     */
    public static String asyncMethodOfLocalClass(CharSequence method) {
        return "@Async methods of local and anonymous classes are not supported: the processor only sees classes "
                + "declared at the top level or as members. Move " + method + " to a member class, or make it an "
                + "ordinary method returning a task";
    }

    /**
     * @param untransformed {@code @Async} methods the processor left as written because their body
     *                      did not compile, with the error it saw; each gets an error here
     * @param generated     the state machine classes and step methods the processor added: their code
     *                      is that of {@code @Async} bodies, whose awaits the processor rewrote or
     *                      reported; each with whether it has classes or method references to check
     */
    public AwaitPlacementChecker(Trees trees, Map<MethodTree, String> untransformed, Map<Tree, Boolean> generated) {
        this.trees = trees;
        this.untransformed = untransformed;
        this.generated = generated;
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.ANALYZE || e.getTypeElement() == null) {
            return;
        }
        TreePath path = trees.getPath(e.getTypeElement());
        if (path == null) {
            return;
        }
        try {
            new Scanner(e.getCompilationUnit()).scan(path, null);
        } catch (RuntimeException | LinkageError | StackOverflowError failure) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            trees.printMessage(Diagnostic.Kind.ERROR, "jawait: internal error while checking the awaits of "
                    + e.getTypeElement().getQualifiedName() + "; please report it with this trace:\n" + trace,
                    path.getLeaf(), e.getCompilationUnit());
        }
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        /** What the code being scanned belongs to, innermost: a method, lambda, initializer or field. */
        private Tree context;

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            if (!checked.add(node)) {
                // Member classes come with their top-level class; should javac ever report them on their own, once is enough.
                return null;
            }
            Boolean toCheck = generated.get(node);
            if (toCheck != null) {
                if (toCheck) {
                    scanGenerated(node, p);
                }
                return null;
            }
            Tree saved = context;
            context = null;
            try {
                return super.visitClass(node, p);
            } finally {
                context = saved;
            }
        }

        /**
         * A state machine class or step method holds the code of an {@code @Async} body, whose await calls the
         * processor rewrote or reported: what is left to check there is a method reference to
         * await, and a local or anonymous class (its {@code @Async} methods). Only those get the
         * full scan; walking the rest without paths and element look-ups was most of this
         * checker's time on a project of {@code @Async} methods.
         */
        private void scanGenerated(Tree node, Void p) {
            TreePath classPath = getCurrentPath();
            List<Tree> found = new ArrayList<>();
            new com.sun.source.util.TreeScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree c, Void q) {
                    if (c == node) {
                        return super.visitClass(c, q);
                    }
                    found.add(c);
                    return null;
                }

                @Override
                public Void visitMemberReference(MemberReferenceTree r, Void q) {
                    found.add(r);
                    return super.visitMemberReference(r, q);
                }
            }.scan(node, null);
            for (Tree t : found) {
                Tree saved = context;
                try {
                    scan(TreePath.getPath(classPath, t), p);
                } finally {
                    context = saved;
                }
            }
        }

        @Override
        public Void visitMethod(MethodTree node, Void p) {
            Boolean toCheck = generated.get(node);
            if (toCheck != null) {
                if (toCheck) {
                    scanGenerated(node, p);
                }
                return null;
            }
            ExecutableElement method = (ExecutableElement) trees.getElement(getCurrentPath());
            if (RuntimeApi.isAsync(method)) {
                String error = untransformed.remove(node);
                if (error != null) {
                    error(node, "jawait: @Async method " + node.getName() + " was not transformed because its body "
                            + "did not compile during annotation processing (" + error + "); fix the errors "
                            + "reported in it, or report a jawait bug if javac reports none");
                }
                if (inLocalOrAnonymousClass(method)) {
                    Element constant = enumConstantAround(getCurrentPath());
                    error(node, constant != null ? inEnumConstantBody(node, constant)
                            : asyncMethodOfLocalClass(node.getName()));
                }
                return null;
            }
            Tree saved = context;
            context = node;
            try {
                return super.visitMethod(node, p);
            } finally {
                context = saved;
            }
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
            Tree saved = context;
            context = node;
            try {
                return super.visitLambdaExpression(node, p);
            } finally {
                context = saved;
            }
        }

        @Override
        public Void visitBlock(BlockTree node, Void p) {
            if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree) {
                Tree saved = context;
                context = node;
                try {
                    return super.visitBlock(node, p);
                } finally {
                    context = saved;
                }
            }
            return super.visitBlock(node, p);
        }

        @Override
        public Void visitVariable(VariableTree node, Void p) {
            if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree) {
                Tree saved = context;
                context = node;
                try {
                    return super.visitVariable(node, p);
                } finally {
                    context = saved;
                }
            }
            return super.visitVariable(node, p);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
            Element called = trees.getElement(new TreePath(getCurrentPath(), node.getMethodSelect()));
            if (called instanceof ExecutableElement m && RuntimeApi.isAwait(m)) {
                error(node, "await can only be used in the body of an @Async method; " + advice());
            }
            return super.visitMethodInvocation(node, p);
        }

        /**
         * The enum constant whose body (an anonymous class, JLS 8.9.1) is the innermost local or
         * anonymous class around {@code path}, or null when that class is not such a body.
         */
        private Element enumConstantAround(TreePath path) {
            for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof ClassTree && trees.getElement(p) instanceof TypeElement type
                        && (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS)) {
                    TreePath creation = p.getParentPath();
                    TreePath declaration = creation.getParentPath();
                    Element constant = creation.getLeaf() instanceof NewClassTree && declaration != null
                            && declaration.getLeaf() instanceof VariableTree ? trees.getElement(declaration) : null;
                    return constant != null && constant.getKind() == ElementKind.ENUM_CONSTANT ? constant : null;
                }
            }
            return null;
        }

        private static String inEnumConstantBody(MethodTree method, Element constant) {
            return "@Async method " + method.getName() + " is in the body of enum constant " + constant.getSimpleName()
                    + ", which is an anonymous class: @Async methods of anonymous and local classes are not "
                    + "supported (the processor only sees classes declared at the top level or as members). "
                    + "Declare the @Async method in the enum " + constant.getEnclosingElement().getSimpleName()
                    + " itself (switching on this where the constants differ), or in a named class, and call it "
                    + "from the constant's body";
        }

        private boolean inLocalOrAnonymousClass(Element e) {
            for (Element owner = e.getEnclosingElement(); owner instanceof TypeElement type;
                    owner = owner.getEnclosingElement()) {
                if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void p) {
            if (trees.getElement(getCurrentPath()) instanceof ExecutableElement m && RuntimeApi.isAwait(m)) {
                error(node, "await cannot be used as a method reference: the function it makes cannot suspend "
                        + "anything. Await each task in a loop, or all at once with await(gather(tasks))");
            }
            return super.visitMemberReference(node, p);
        }

        private String advice() {
            if (context instanceof LambdaExpressionTree) {
                return "a lambda cannot suspend the method around it. Make the lambda's work an @Async "
                        + "method and return or keep its task, or await outside the lambda";
            }
            if (context instanceof MethodTree m) {
                if (m.getName().contentEquals("<init>")) {
                    return "a constructor cannot suspend. Await before calling it (pass the value in), "
                            + "or create the object in an @Async factory method";
                }
                return "mark " + m.getName() + " @Async (it must then return Task<T>), or, from code "
                        + "that does not run on the event loop, use Tasks.run(...) or task.join()";
            }
            if (context instanceof BlockTree) {
                return "an initializer cannot suspend. Compute the value in an @Async method";
            }
            if (context instanceof VariableTree) {
                return "a field initializer cannot suspend. Initialize the field from an @Async method";
            }
            return "nothing here can suspend";
        }

        private void error(Tree at, String message) {
            trees.printMessage(Diagnostic.Kind.ERROR, message, at, unit);
        }
    }
}
