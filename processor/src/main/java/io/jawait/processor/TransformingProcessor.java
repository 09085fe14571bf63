package io.jawait.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.jawait.processor.analyse.AnonymousAwaitResults;
import io.jawait.processor.analyse.AnonymousClassNames;
import io.jawait.processor.analyse.AnonymousTypeLocals;
import io.jawait.processor.analyse.AttributedBody;
import io.jawait.processor.analyse.AwaitSites;
import io.jawait.processor.analyse.DroppedTasks;
import io.jawait.processor.analyse.ExactTemporaries;
import io.jawait.processor.analyse.ImplicitClassLocals;
import io.jawait.processor.analyse.JumpTargets;
import io.jawait.processor.analyse.LocalVariables;
import io.jawait.processor.analyse.NameAllocator;
import io.jawait.processor.analyse.NestedIntersectionLocals;
import io.jawait.processor.analyse.SpeculativeBodies;
import io.jawait.processor.emit.CoroutineClassEmitter;
import io.jawait.processor.emit.TypeText;
import io.jawait.processor.emit.UserCodeRewriter;
import io.jawait.processor.javac.ClassSurgery;
import io.jawait.processor.javac.DebuggerLocalNames;
import io.jawait.processor.javac.IntersectionVariables;
import io.jawait.processor.javac.JavacAccess;
import io.jawait.processor.javac.JavacSession;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.lower.IntactTries;
import io.jawait.processor.lower.ResourceLowering;
import io.jawait.processor.lower.UnsupportedConstruct;
import io.jawait.processor.model.AsyncMethod;
import io.jawait.processor.model.RuntimeApi;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.Liveness;
import io.jawait.processor.ir.StateMachine;
import io.jawait.processor.model.CoroutineContract;
import io.jawait.processor.split.StateMachineBuilder;
import io.jawait.processor.validate.AsyncMethodValidator;
import io.jawait.processor.validate.HiddenPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.sun.source.util.JavacTask;
import io.jawait.processor.validate.AwaitPlacementChecker;
import io.jawait.processor.validate.HidingImports;
import io.jawait.processor.validate.HidingLocalClasses;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The {@code @Async} processor's work, behind {@link AsyncProcessor}: rewrites each annotated method, inside its own class, into a call
 * that starts a state machine held in a new private member class, whose steps run the method's
 * code in a new private method of the same class (the step method).
 *
 * <p>Per method the pipeline is validate (declaration) → analyse (attribution of a copy, awaits,
 * hoisted locals, jump targets) → lower and split (basic blocks) → emit (declarations built as trees,
 * filled with the user's statements). Any failure becomes an error on the method rather
 * than an exception out of javac.
 */
// Only @Async, which it claims: with "*" and nothing claimed, javac's -Xlint:processing (part of
// -Xlint:all) warns that no processor claimed @Async, which fails -Werror builds. The processor
// still runs in compilations without @Async, to reject awaits there: javac initializes every
// processor while an annotation (or, with none, the empty name) is unclaimed, and init() installs
// the await checker.
@SupportedAnnotationTypes(RuntimeApi.ASYNC)
@SupportedOptions({TransformingProcessor.DUMP_OPTION, AsyncProcessor.RESIDENT_OPTION})
public final class TransformingProcessor extends AbstractProcessor {
    /** {@code -Ajawait.dump} prints each generated state machine as a note, to see what the transform made. */
    static final String DUMP_OPTION = "jawait.dump";
    /** Each round of naming anonymous classes names all it can; another is needed only when that reveals more. */
    private static final int MAX_NAMING_ROUNDS = 4;

    private final Map<String, Set<String>> memberNames = new HashMap<>();
    /** The valid {@code @Async} methods found so far, transformed in the last round (see processRound). */
    private PendingMethods pending;
    /** Methods left as written because their body did not attribute, with javac's first error. */
    private final Map<MethodTree, String> untransformed = new java.util.IdentityHashMap<>();
    /** Of those, the ones left because their body has errors: reported if javac stops after processing. */
    private final List<MethodAttribution> withErrors = new ArrayList<>();
    /**
     * The state machine classes and step methods added to users' classes, for the checker to skip
     * their calls; each with whether its user code has classes or method references for it to check.
     */
    private final Map<Tree, Boolean> generated = new java.util.IdentityHashMap<>();
    private Diagnostics diagnostics;
    /** Shows debuggers the step methods' copies of locals under the locals' names. */
    private final DebuggerLocalNames debuggerNames = new DebuggerLocalNames();
    /** javac's trees, reached through the task: Trees.instance(env) rejects the wrappers of IDEs and Gradle. */
    private Trees trees;
    private boolean accessReported;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        pending = new PendingMethods(env);
        JavacTask task = javacTask(env);
        if (task != null) {
            trees = Trees.instance(task);
            task.addTaskListener(new AwaitPlacementChecker(trees, untransformed, generated));
            task.addTaskListener(debuggerNames);
        }
    }

    /** javac's task for the environment, seeing through IDE and Gradle wrappers; null under other compilers. */
    private static JavacTask javacTask(ProcessingEnvironment env) {
        try {
            return JavacTask.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavacOwn) {
            return JavacAccess.missingExports().isEmpty() ? JavacSession.task(env) : null;
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Never let an exception escape into javac: it would print a processor crash instead of a diagnostic.
            processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
                    "jawait: internal error in the @Async processor; please report it with this trace:\n" + trace(e));
        }
        // @Async is this processor's alone: no other processor needs to be asked about it.
        return true;
    }

    private void processRound(RoundEnvironment round) {
        TypeElement async = processingEnv.getElementUtils().getTypeElement(RuntimeApi.ASYNC);
        if (async == null) {
            return;
        }
        Set<? extends Element> annotated = round.processingOver() ? Set.of() : round.getElementsAnnotatedWith(async);
        if (annotated.isEmpty() && (!round.processingOver() || pending.isEmpty())) {
            return;
        }
        List<String> missing = JavacAccess.missingExports();
        if (!missing.isEmpty()) {
            if (!accessReported) {
                accessReported = true;
                processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
                        JavacAccess.howToGrant(missing));
            }
            return;
        }
        JavacSession session = JavacSession.open(processingEnv);
        if (session == null) {
            processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
                    "jawait: @Async methods need the javac compiler (the Eclipse compiler is not supported)");
            return;
        }
        TypeElement coroutine = processingEnv.getElementUtils().getTypeElement(RuntimeApi.COROUTINE);
        if (coroutine == null) {
            processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
                    "jawait: io.jawait:jawait-runtime is not on the compile classpath; add it as a dependency");
            return;
        }
        diagnostics = new Diagnostics(processingEnv.getMessager(), trees != null ? trees : Trees.instance(processingEnv));
        HiddenPackages hiddenPackages = new HiddenPackages(processingEnv.getElementUtils());
        HidingImports hidingImports = new HidingImports(processingEnv.getElementUtils());
        for (Element e : annotated) {
            List<String> problems = AsyncMethodValidator.problems(e, hiddenPackages);
            String imported = problems.isEmpty() ? hidingImports.problem(session.unitOf(e)) : null;
            if (imported != null) {
                problems = List.of("@Async method " + e.getSimpleName() + " cannot be transformed: " + imported);
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> diagnostics.error(e, p));
                continue;
            }
            MethodTree tree = session.tree((ExecutableElement) e);
            if (tree == null || tree.getBody() == null) {
                diagnostics.error(e, "jawait: no source for @Async method " + e.getSimpleName());
                continue;
            }
            pending.add((ExecutableElement) e, tree);
        }
        if (!round.processingOver()) {
            // Every round after the first enters all classes again, members the transform added
            // included: transformed in the last round, they are entered once, for the compilation.
            // By then the members other processors add (Lombok's) and the classes they generate
            // exist too, so each body attributes as javac will attribute it.
            return;
        }
        Transformer transformer = new Transformer(session);
        for (ExecutableElement e : pending.foundAgain(session)) {
            transformer.transform(e);
        }
        if (session.hasErrors() || diagnostics.anyError()) {
            // javac stops after processing now, and would never attribute these methods to report
            // their errors: an error elsewhere would hide them until it is fixed.
            withErrors.forEach(MethodAttribution::reportErrors);
        }
        withErrors.clear();
    }

    private static String trace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** Runs the pipeline for one method at a time against one javac session. */
    private final class Transformer {
        private final JavacSession session;
        /** Looked up once a round: a look-up by name searches every module, each time. */
        private final TypeElement task;
        private final TypeElement asyncCloseable;

        private Transformer(JavacSession session) {
            this.session = session;
            this.task = processingEnv.getElementUtils().getTypeElement(RuntimeApi.TASK);
            this.asyncCloseable = processingEnv.getElementUtils().getTypeElement(RuntimeApi.ASYNC_CLOSEABLE);
        }

        void transform(ExecutableElement element) {
            CompilationUnitTree unit = session.unitOf(element);
            try {
                MethodTree tree = session.tree(element);
                BlockTree body = tree.getBody();
                MethodAttribution attribution = session.attribute(element, body);
                if (attribution.firstError() != null) {
                    // Most likely a mistake in the body: leave the method as written, so that javac
                    // reports it precisely; the checker makes sure an untransformed method never passes.
                    untransformed.put(tree, attribution.firstError().lines().findFirst().orElse(""));
                    withErrors.add(attribution);
                    return;
                }
                int flowErrors = attribution.reportFlowErrors();
                diagnostics.reportedByJavac(flowErrors);
                if (flowErrors > 0) {
                    // Reported as javac reports them without the processor (an editor, -proc:none), so
                    // that code compiles with jawait only if it also compiles without; the body stays
                    // as written, where javac finds the same errors (each shown once).
                    return;
                }
                if (attribution.hasUnreachableStatement()) {
                    // javac reports it on the method as written; the transform would make it reachable.
                    untransformed.put(tree, "unreachable statement");
                    return;
                }
                if (attribution.completesNormally()) {
                    diagnostics.error(element, "missing return statement: @Async method " + element.getSimpleName()
                            + " can reach the end of its body; end it with return Task.of(value), or return Task.done() "
                            + "for a Task<Void>");
                    return;
                }
                AwaitSites awaits = AwaitSites.find(body, attribution);
                if (!awaits.misplaced().isEmpty()) {
                    for (AwaitSites.Misplaced m : awaits.misplaced()) {
                        diagnostics.error(m.await(), unit, element, m.message());
                    }
                    return;
                }
                ClassTree hiding = awaits.declaresClasses() ? HidingLocalClasses.find(body) : null;
                if (hiding != null) {
                    diagnostics.error(hiding, unit, element, HidingLocalClasses.problem(element.getSimpleName().toString(), hiding));
                    return;
                }
                if (element.getModifiers().contains(Modifier.SYNCHRONIZED) && !awaits.isEmpty()) {
                    for (Tree await : awaits.all()) {
                        diagnostics.error(await, unit, element, "await cannot be used in a synchronized @Async method: "
                                + "the monitor is released when the method first suspends, while the rest of it "
                                + "still runs. Code on one event loop needs no lock: drop synchronized, or keep it "
                                + "for a synchronized block around code without awaits");
                    }
                    return;
                }
                AttributedBody code = new AttributedBody(body, attribution, awaits);
                ResourceLowering.Lowered lowering = ResourceLowering.lower(code, element,
                        session.templates(), session.copies(), this::isAsyncCloseable);
                IntactTries intactTries = IntactTries.of(body, awaits, lowering.statements());
                BlockTree lowered = lowering.body();
                if (lowered != null) {
                    MethodAttribution desugared = session.attribute(element, lowered);
                    if (desugared.firstError() != null) {
                        throw new IllegalStateException("the desugared try-with-resources does not attribute: "
                                + desugared.firstError());
                    }
                    code = new AttributedBody(lowered, desugared, AwaitSites.find(lowered, desugared));
                }
                NamedBody named = nameAnonymousClasses(element, code,
                        LocalVariables.analyse(element, code, processingEnv.getTypeUtils()), unit);
                code = named.code();
                LocalVariables vars = named.vars();
                List<AnonymousTypeLocals.Unwritable> unwritable = named.unwritable();
                Map<TypeElement, String> refused = named.refused();
                if (!unwritable.isEmpty()) {
                    for (AnonymousTypeLocals.Unwritable u : unwritable) {
                        String why = u.anonymous() == null ? null : refused.get(u.anonymous());
                        diagnostics.error(u.declaration(), unit, element, u.message() + (why == null ? ""
                                : ". (jawait gives such an anonymous class a name, but not this one: " + why + ")"));
                    }
                    return;
                }
                AsyncMethod method = model(element, tree, code.body());
                TypeText typeText = new TypeText(vars::hoistedClassReference);
                LineMap lineMap = unit == null ? null : unit.getLineMap();
                // Speculative bodies are copies of the method's body, where a local class is declared
                // where it is, not in the step method's CaptureHolder.
                SpeculativeBodies speculative = new SpeculativeBodies(session.copies(), session.templates(),
                        new TypeText(vars::hoistedClassName),
                        (copy, typeVariables) -> session.attribute(element, copy, typeVariables),
                        at -> lineMap == null ? 0 : lineMap.getLineNumber(at));
                NestedIntersectionLocals.Outcome nested = NestedIntersectionLocals.decide(code, vars,
                        new IntersectionVariables(session, element), speculative);
                if (!nested.errors().isEmpty()) {
                    nested.errors().forEach(u -> diagnostics.error(u.declaration(), unit, element, u.message()));
                    return;
                }
                NameAllocator names = new NameAllocator(withGenerated(vars.bodyNames()));
                String machineName = vars.bodyNames().contains(CoroutineContract.MACHINE)
                        ? names.claim(CoroutineContract.MACHINE) : CoroutineContract.MACHINE;
                MethodContext cx = new MethodContext(method, code.attribution(), code.awaits(), vars,
                        JumpTargets.resolve(code.body()), session.templates(), session.copies(), typeText,
                        names, machineName, nested.exact());
                UserCodeRewriter rewriter = new UserCodeRewriter(cx);
                StateMachine machine = new StateMachineBuilder(cx, rewriter).build();
                ExactTemporaries.Unwritable temporary = ExactTemporaries.check(code.body(), cx.exactTypes(), speculative);
                if (temporary != null) {
                    diagnostics.error(temporary.value(), unit, element, temporary.message());
                    return;
                }
                // Only for a method that compiles: next to an error, a warning is noise.
                attribution.reportLintWarnings(intactTries.statement(), intactTries.finallyBlock());
                warnings(element, code, unit);
                MethodTree step = emit(cx, machine, unit);
                debuggerNames.register(unit, step, rewriter.debuggerNames(), rewriter.capturedDebuggerNames(),
                        rewriter.debuggerFields());
            } catch (UnsupportedConstruct e) {
                diagnostics.error(e.tree(), unit, element, e.getMessage());
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                diagnostics.error(element, "jawait: internal error while transforming @Async method "
                        + qualifiedName(element) + "; please report it with this trace:\n" + trace(e));
            }
        }

        /** The body, its locals and what stays unwritable once the anonymous classes that can be named are. */
        private record NamedBody(AttributedBody code, LocalVariables vars,
                List<AnonymousTypeLocals.Unwritable> unwritable, Map<TypeElement, String> refused) {
        }

        /**
         * Gives a name to each anonymous class whose exact type is kept across an await, which then is
         * a local class (AnonymousClassNames); a round may reveal another class's use, so until none
         * is left. {@code refused} says why a class kept no name, for its error.
         */
        private NamedBody nameAnonymousClasses(ExecutableElement element, AttributedBody code, LocalVariables vars,
                CompilationUnitTree unit) {
            List<AnonymousTypeLocals.Unwritable> unwritable = unwritableTypes(code, vars, element, unit);
            Map<TypeElement, String> refused = new HashMap<>();
            for (int round = 0; round < MAX_NAMING_ROUNDS && !unwritable.isEmpty(); round++) {
                Set<TypeElement> needed = new LinkedHashSet<>();
                unwritable.stream().map(AnonymousTypeLocals.Unwritable::anonymous)
                        .filter(c -> c != null && !refused.containsKey(c)).forEach(needed::add);
                if (needed.isEmpty()) {
                    break;
                }
                AnonymousClassNames.Named named;
                try {
                    named = AnonymousClassNames.name(code, needed, session.copies(), session.templates(),
                            new NameAllocator(withGenerated(vars.bodyNames())));
                } catch (RuntimeException e) {
                    // The error the class would be without a name, rather than an internal error.
                    needed.forEach(c -> refused.put(c, "the processor failed to rewrite it (" + e + "); please report it"));
                    break;
                }
                refused.putAll(named.refused());
                if (named.body() == null) {
                    break;
                }
                MethodAttribution renamed = session.attribute(element, named.body());
                String error = renamed.firstError() != null ? renamed.firstError().lines().findFirst().orElse("")
                        : renamed.hasFlowErrors() ? "a flow error" : null;
                if (error != null) {
                    Map<TypeElement, String> notes = named.notes();
                    needed.forEach(c -> refused.putIfAbsent(c, "javac does not accept it as a local class ("
                            + error + ")" + notes.getOrDefault(c, "")));
                    continue;
                }
                code = new AttributedBody(named.body(), renamed, AwaitSites.find(named.body(), renamed));
                vars = LocalVariables.analyse(element, code, processingEnv.getTypeUtils());
                unwritable = unwritableTypes(code, vars, element, unit);
            }
            return new NamedBody(code, vars, unwritable, refused);
        }

        /** The hoisted locals and awaited values whose types the state machine cannot keep as the code needs them. */
        private List<AnonymousTypeLocals.Unwritable> unwritableTypes(AttributedBody code, LocalVariables vars,
                ExecutableElement element, CompilationUnitTree unit) {
            // Each check scans the body; they run only where what they look for can occur.
            List<AnonymousTypeLocals.Unwritable> unwritable = new ArrayList<>();
            if (code.awaits().declaresClasses()) {
                unwritable.addAll(AnonymousTypeLocals.find(code, vars, processingEnv.getTypeUtils(),
                        processingEnv.getElementUtils(), t -> diagnostics.line(t, unit)));
                unwritable.addAll(AnonymousAwaitResults.find(code, processingEnv.getTypeUtils(),
                        processingEnv.getElementUtils()));
            }
            if (ImplicitClassLocals.possibleIn(element)) {
                unwritable.addAll(ImplicitClassLocals.find(code, vars));
            }
            return unwritable;
        }

        /** C#'s two warnings: a method that never awaits (CS1998), a task-returning call not awaited (CS4014). */
        private void warnings(ExecutableElement element, AttributedBody code, CompilationUnitTree unit) {
            AwaitSites awaits = code.awaits();
            if (awaits.isEmpty() && !awaits.referencesAwait() && !AsyncMethodValidator.isSuppressed(element, AsyncMethodValidator.NO_AWAIT)) {
                diagnostics.warning(element, "@Async method " + element.getSimpleName() + " never awaits, so it "
                        + "runs to completion synchronously when called; add an await, drop @Async, or add "
                        + "@SuppressWarnings(\"" + AsyncMethodValidator.NO_AWAIT + "\") if that is intended");
            }
            if (AsyncMethodValidator.isSuppressed(element, AsyncMethodValidator.DROPPED_TASK)) {
                return;
            }
            for (MethodInvocationTree call : DroppedTasks.find(code, task, processingEnv.getTypeUtils(), processingEnv.getElementUtils())) {
                diagnostics.warning(call, unit, element, "the Task returned by " + code.attribution().calledMethod(call).getSimpleName()
                        + "(...) is dropped: the call starts it, but " + element.getSimpleName() + " neither waits for it "
                        + "nor sees its failure. Await it, keep the task to await later, or pass it to spawn(...) to "
                        + "run it in the background; @SuppressWarnings(\"" + AsyncMethodValidator.DROPPED_TASK
                        + "\") silences this");
            }
        }

        private boolean isAsyncCloseable(TypeMirror type) {
            Types types = processingEnv.getTypeUtils();
            return asyncCloseable != null && (type.getKind() == TypeKind.DECLARED || type.getKind() == TypeKind.TYPEVAR)
                    && types.isSubtype(types.erasure(type), types.erasure(asyncCloseable.asType()));
        }

        /** Adds the method's state machine and step method to its class; returns the step method. */
        private MethodTree emit(MethodContext cx, StateMachine machine, CompilationUnitTree unit) {
            AsyncMethod method = cx.method();
            int pos = JavacSession.pos(method.tree());
            ClassSurgery surgery = session.surgery();
            ClassTree owner = session.enclosingClassTree(method.element());
            Liveness liveness = Liveness.of(machine);
            LineMap lines = unit == null ? null : unit.getLineMap();
            CoroutineClassEmitter.Members members = CoroutineClassEmitter.members(cx, machine, liveness,
                    at -> at < 0 || lines == null ? 0 : (int) lines.getLineNumber(at), session.memberTrees(pos));
            MethodTree step = members.stepMethod();
            ClassTree coroutine = members.coroutine();
            surgery.addMethodAfter(owner, method.tree(), step);
            surgery.addMember(owner, coroutine);
            generated.put(coroutine, false);
            generated.put(step, cx.awaits().declaresClasses() || cx.awaits().referencesMembers());
            surgery.replaceBody(method.tree(), members.start());
            if (processingEnv.getOptions().containsKey(DUMP_OPTION)) {
                diagnostics.note(method.element(), "jawait: " + method.owner().getSimpleName() + "."
                        + method.element().getSimpleName() + " became\n" + method.tree() + "\n" + step + "\n" + coroutine);
            }
            return step;
        }

        private AsyncMethod model(ExecutableElement element, MethodTree tree, BlockTree body) {
            TypeElement owner = (TypeElement) element.getEnclosingElement();
            AsyncMethod.Receiver receiver = element.getModifiers().contains(Modifier.STATIC) ? AsyncMethod.Receiver.NONE
                    : owner.getKind() == ElementKind.INTERFACE ? AsyncMethod.Receiver.SELF_FIELD
                    : AsyncMethod.Receiver.OUTER_THIS;
            String name = element.getSimpleName().toString();
            String number = generatedNumber(owner, name);
            return new AsyncMethod(element, owner, tree, body,
                    AsyncMethodValidator.resultType(element.getReturnType()), receiver,
                    name + CoroutineContract.CLASS_SUFFIX + number, name + CoroutineContract.STEP_METHOD_SUFFIX + number);
        }

        /** The names of the members of {@code owner}, with those the processor added to it. */
        private Set<String> memberNames(TypeElement owner) {
            String key = owner.getQualifiedName().toString();
            Set<String> names = memberNames.get(key);
            if (names == null) {
                names = new HashSet<>();
                for (Element e : owner.getEnclosedElements()) {
                    names.add(e.getSimpleName().toString());
                }
                memberNames.put(key, names);
            }
            return names;
        }

        /**
         * The number that makes the names of a method's state machine class and step method free in
         * {@code owner} (both get the same one, so that each names the other): none, or 2, 3, ...
         */
        private String generatedNumber(TypeElement owner, String method) {
            Set<String> used = memberNames(owner);
            String number = "";
            for (int i = 2; used.contains(method + CoroutineContract.CLASS_SUFFIX + number)
                    || used.contains(method + CoroutineContract.STEP_METHOD_SUFFIX + number); i++) {
                number = String.valueOf(i);
            }
            used.add(method + CoroutineContract.CLASS_SUFFIX + number);
            used.add(method + CoroutineContract.STEP_METHOD_SUFFIX + number);
            return number;
        }

        private String qualifiedName(ExecutableElement element) {
            return ((TypeElement) element.getEnclosingElement()).getQualifiedName() + "." + element.getSimpleName();
        }

        private Set<String> withGenerated(Set<String> names) {
            Set<String> all = new HashSet<>(names);
            all.addAll(CoroutineContract.GENERATED);
            return all;
        }
    }
}
