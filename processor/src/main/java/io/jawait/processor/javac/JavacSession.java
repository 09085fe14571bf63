package io.jawait.processor.javac;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.comp.Attr;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Flow;
import com.sun.tools.javac.comp.MemberEnter;
import com.sun.tools.javac.parser.ParserFactory;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeMaker;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Log;
import com.sun.tools.javac.util.Names;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * The processor's one handle on javac: the compiler context and the services built on it.
 *
 * <p>The rest of the processor sees only {@code com.sun.source.tree} trees, {@code javax.lang.model}
 * elements and types, and strings; every use of {@code com.sun.tools.javac} stays in this package.
 */
public final class JavacSession {
    final Context context;
    final JavacTrees trees;
    final TreeMaker make;
    final Names names;
    final Attr attr;
    final Flow flow;
    final Enter enter;
    final MemberEnter memberEnter;
    final Log log;
    final ParserFactory parsers;
    final Types types;
    final Symtab symtab;
    /** Parsed template texts by kind (see TreeTemplates); the trees belong to this context. */
    private UnattributedClasses unattributedClasses;
    private final java.util.List<Map<String, JCTree>> parsedTemplates = java.util.List.of(new HashMap<>(),
            new HashMap<>(), new HashMap<>());

    private JavacSession(Context context) {
        this.context = context;
        this.trees = JavacTrees.instance(context);
        this.make = TreeMaker.instance(context);
        this.names = Names.instance(context);
        this.attr = Attr.instance(context);
        this.flow = Flow.instance(context);
        this.enter = Enter.instance(context);
        this.memberEnter = MemberEnter.instance(context);
        this.log = Log.instance(context);
        this.parsers = ParserFactory.instance(context);
        this.types = Types.instance(context);
        this.symtab = Symtab.instance(context);
    }

    /**
     * Opens a session on javac's own processing environment, seeing through the wrappers that
     * IDEs and Gradle put around it. Returns null when the compiler is not javac (e.g. ECJ).
     */
    public static JavacSession open(ProcessingEnvironment env) {
        JavacProcessingEnvironment javac = unwrap(env, 0);
        return javac == null ? null : new JavacSession(javac.getContext());
    }

    /** javac's task behind a possibly wrapped environment, or null when the compiler is not javac. */
    public static com.sun.source.util.JavacTask task(ProcessingEnvironment env) {
        JavacProcessingEnvironment javac = unwrap(env, 0);
        return javac == null ? null : com.sun.source.util.JavacTask.instance(javac);
    }

    private static JavacProcessingEnvironment unwrap(Object env, int depth) {
        if (env instanceof JavacProcessingEnvironment javac) {
            return javac;
        }
        if (env == null || depth > 4) {
            return null;
        }
        if (Proxy.isProxyClass(env.getClass())) {
            Object handler = Proxy.getInvocationHandler(env);
            return unwrap(delegateOf(handler), depth + 1);
        }
        return unwrap(delegateOf(env), depth + 1);
    }

    private static Object delegateOf(Object wrapper) {
        for (Class<?> c = wrapper.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (ProcessingEnvironment.class.isAssignableFrom(f.getType())
                        || f.getName().equals("delegate") || f.getName().equals("val$delegateTo")) {
                    try {
                        f.setAccessible(true);
                        Object value = f.get(wrapper);
                        if (value instanceof ProcessingEnvironment) {
                            return value;
                        }
                    } catch (RuntimeException | IllegalAccessException e) {
                        // Not reachable through this field; try the next one.
                    }
                }
            }
        }
        return null;
    }

    /**
     * The declaration of {@code method}: looked up among its class's members, since javac's
     * lookup scans the class's trees up to it, which grow with each step method added before it.
     */
    public MethodTree tree(ExecutableElement method) {
        JCTree.JCClassDecl owner = classTree(method);
        if (owner != null) {
            for (JCTree def : owner.defs) {
                if (def instanceof JCTree.JCMethodDecl m && m.sym == method) {
                    return m;
                }
            }
        }
        return trees.getTree(method);
    }

    /**
     * The method {@code tree} declares as javac entered it this round, or null when it has not:
     * javac clears the trees' symbols at the end of each round and sets them again when it enters
     * every class at the start of the next.
     */
    public ExecutableElement method(MethodTree tree) {
        return ((JCTree.JCMethodDecl) tree).sym;
    }

    /** The class declaration entered for the class of {@code element}, or null. */
    private JCTree.JCClassDecl classTree(Element element) {
        Symbol.ClassSymbol owner = ((Symbol) element).enclClass();
        Env<AttrContext> env = owner == null ? null : enter.getEnv(owner);
        return env != null && env.tree instanceof JCTree.JCClassDecl c && c.sym == owner ? c : null;
    }

    /** The file that declares {@code element}; from the class's environment, without scanning the file's trees. */
    public CompilationUnitTree unitOf(Element element) {
        Symbol.ClassSymbol owner = ((Symbol) element).enclClass();
        Env<AttrContext> env = owner == null ? null : enter.getEnv(owner);
        if (env != null) {
            return env.toplevel;
        }
        TreePath path = trees.getPath(element);
        return path == null ? null : path.getCompilationUnit();
    }

    public ClassTree enclosingClassTree(ExecutableElement method) {
        JCTree.JCClassDecl owner = classTree(method);
        return owner != null ? owner : (ClassTree) trees.getTree(method.getEnclosingElement());
    }

    /** javac's preferred position of a tree: the one that line numbers and diagnostics use. */
    public static int pos(Tree tree) {
        return ((JCTree) tree).pos;
    }

    /** The position of a block's closing brace: where javac puts the code that runs on leaving it. */
    public static int endPos(BlockTree block) {
        return ((JCTree.JCBlock) block).endpos;
    }

    /** Attributes (a copy of) {@code body} as the body of {@code method}; see MethodAttribution. */
    public MethodAttribution attribute(ExecutableElement method, BlockTree body) {
        return MethodAttribution.of(this, method, body, java.util.List.of());
    }

    /** As {@link #attribute(ExecutableElement, BlockTree)}, with more type variables in scope in the body. */
    public MethodAttribution attribute(ExecutableElement method, BlockTree body, java.util.List<? extends TypeMirror> typeVariables) {
        return MethodAttribution.of(this, method, body, typeVariables);
    }

    /** The source classes javac has yet to attribute, as of the first call in this round. */
    UnattributedClasses unattributedClasses() {
        if (unattributedClasses == null) {
            unattributedClasses = new UnattributedClasses(this);
        }
        return unattributedClasses;
    }

    Map<String, JCTree> parsedTemplates(int kind) {
        return parsedTemplates.get(kind);
    }

    /**
     * True once javac has counted an error in this compilation (javac then stops after processing):
     * not yet those reported during the current round of processing, which javac holds back until
     * the round ends.
     */
    public boolean hasErrors() {
        return log.nerrors > 0;
    }

    public TreeTemplates templates() {
        return new TreeTemplates(this);
    }

    public TreeCopies copies() {
        return new TreeCopies(this);
    }

    /** Builds generated declarations as trees at {@code pos}. */
    public MemberTrees memberTrees(int pos) {
        return new MemberTrees(this, pos);
    }

    public ClassSurgery surgery() {
        return new ClassSurgery(this);
    }
}
