package io.jawait.processor.analyse;

import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import io.jawait.processor.javac.MethodAttribution;
import io.jawait.processor.model.RuntimeApi;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Calls in an {@code @Async} body whose {@code Task} result is thrown away: most likely a forgotten
 * await (C#'s warning CS4014). The task still runs, but the method neither waits for it nor sees
 * its failure. The runtime's fire-and-forget methods (spawn, schedule, onComplete) are exempt, and so
 * are methods that hand back a value their object holds, whose declared result is a type variable of
 * their class: {@code inFlight.remove(key)} or {@code inFlight.put(key, task)} of a
 * {@code Map<K, Task<V>>}, {@code queue.poll()} of a {@code Deque<Task<T>>} start nothing, and what
 * they return is usually unwanted (the single abstract method of a functional interface, such as
 * {@code Supplier<Task<T>>.get()}, runs code, and is not exempt).
 */
public final class DroppedTasks {
    private DroppedTasks() {
    }

    public static List<MethodInvocationTree> find(AttributedBody code, TypeElement task, Types types, Elements elements) {
        MethodAttribution attribution = code.attribution();
        AwaitSites awaits = code.awaits();
        List<MethodInvocationTree> out = new ArrayList<>();
        new MethodCodeScanner<Void, Void>() {
            @Override
            public Void visitExpressionStatement(ExpressionStatementTree node, Void p) {
                ExpressionTree e = node.getExpression();
                while (e instanceof ParenthesizedTree paren) {
                    e = paren.getExpression();
                }
                if (e instanceof MethodInvocationTree call && !awaits.isAwait(call)) {
                    ExecutableElement m = attribution.calledMethod(call);
                    TypeMirror type = attribution.typeOf(call);
                    if (m != null && !RuntimeApi.isFireAndForget(m) && !returnsHeldValue(m, elements)
                            && type.getKind() == TypeKind.DECLARED
                            && types.isSubtype(types.erasure(type), types.erasure(task.asType()))) {
                        out.add(call);
                    }
                }
                return super.visitExpressionStatement(node, p);
            }
        }.scan(code.body(), null);
        return out;
    }

    /**
     * True when the method's declared result is a type variable of its class (not its own, which a
     * call may instantiate with a task it starts), and the method is not the function of a
     * functional interface.
     */
    private static boolean returnsHeldValue(ExecutableElement m, Elements elements) {
        if (!(m.getReturnType() instanceof TypeVariable variable)
                || !(variable.asElement().getEnclosingElement() instanceof TypeElement owner)) {
            return false;
        }
        return !(m.getModifiers().contains(Modifier.ABSTRACT) && m.getEnclosingElement() instanceof TypeElement declaring
                && elements.isFunctionalInterface(declaring) && owner.equals(declaring));
    }
}
