package io.jawait.processor.split;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.Exit;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.lower.UnsupportedConstruct;
import io.jawait.processor.model.CoroutineContract;
import io.jawait.processor.model.RuntimeApi;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * The method's returns. A return completes the task: {@code return Task.of(v)} and
 * {@code return Task.done()} with a value, any other task by completing like it. Outside any try
 * it completes at once; inside one, the value is stored and control goes through a shared return
 * block, so that every finally runs first.
 */
final class Returns {
    private final StateMachineBuilder builder;
    private final MethodContext cx;
    private Block valueBlock;
    private Block taskBlock;

    Returns(StateMachineBuilder builder) {
        this.builder = builder;
        this.cx = builder.cx;
    }

    Exit exit(ReturnTree r) {
        int pos = StateMachineBuilder.pos(r);
        ExpressionTree e = r.getExpression();
        if (e == null) {
            throw new UnsupportedConstruct(r, "an @Async method must return a Task, e.g. return Task.done();");
        }
        ExpressionTree value = null;
        boolean isValue = false;
        if (e instanceof MethodInvocationTree call && isTaskFactory(call, "of", 1)) {
            value = call.getArguments().get(0);
            isValue = true;
        } else if (e instanceof MethodInvocationTree call && isTaskFactory(call, "done", 0)) {
            isValue = true;
        } else {
            value = e;
        }
        ExpressionTree residual = value == null ? builder.template(r, "null")
                : cx.awaits().contains(value) ? builder.lowering.lower(value) : builder.copy(value, Map.of());
        boolean direct = !cx.jumps().isGuarded(r) && builder.code.regions().isEmpty();
        if (direct) {
            return Exit.of(isValue ? new Terminator.Complete(residual, pos) : new Terminator.CompleteWithTask(residual, pos));
        }
        String result = cx.typeText().of(cx.method().resultType());
        FrameVariable stored = isValue ? builder.frame.named(CoroutineContract.RETURN_VALUE, result)
                : builder.frame.named(CoroutineContract.RETURN_TASK,
                        RuntimeApi.TASK + "<? extends " + result + ">");
        return new Exit(List.of(cx.templates().statement(pos, stored.name() + " = $$0;", residual)),
                builder.code.jumpTo(block(isValue, stored)), null);
    }

    private boolean isTaskFactory(MethodInvocationTree call, String name, int params) {
        ExecutableElement m = cx.attribution().calledMethod(call);
        return m != null && m.getSimpleName().contentEquals(name) && m.getParameters().size() == params
                && RuntimeApi.declaredBy(m, RuntimeApi.TASK);
    }

    /** The block outside every try region that completes the task with what {@code stored} holds. */
    private Block block(boolean value, FrameVariable stored) {
        Block b = value ? valueBlock : taskBlock;
        if (b == null) {
            int pos = StateMachineBuilder.pos(cx.method().tree());
            b = builder.code.newBlock(pos, List.of());
            ExpressionTree read = cx.templates().expression(pos, stored.name());
            b.close(Exit.of(value ? new Terminator.Complete(read, pos) : new Terminator.CompleteWithTask(read, pos)));
            builder.code.addTrailing(b);
            if (value) {
                valueBlock = b;
            } else {
                taskBlock = b;
            }
        }
        return b;
    }
}
