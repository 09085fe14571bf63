package io.jawait.processor.split;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import io.jawait.processor.analyse.MethodContext;
import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.FrameVariable;
import io.jawait.processor.ir.Terminator;
import io.jawait.processor.ir.TryRegion;
import io.jawait.processor.lower.UnsupportedConstruct;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.List;

/**
 * A try statement whose parts await becomes a try region: its blocks are covered by the exception
 * table instead of a Java try, its catch clauses are entered from the table, and its finally is a
 * block entered with a pending completion (a state to continue at, or an exception to rethrow).
 */
final class TrySplitter {
    private final StateMachineBuilder builder;
    private final MethodContext cx;
    private int regions;

    TrySplitter(StateMachineBuilder builder) {
        this.builder = builder;
        this.cx = builder.cx;
    }

    void tryStatement(TryTree s) {
        if (!s.getResources().isEmpty()) {
            throw new UnsupportedConstruct(s, "await inside try-with-resources is not supported yet");
        }
        BlockWriter code = builder.code;
        Block after = code.newBlock(StateMachineBuilder.pos(s));
        List<TryRegion.Membership> outer = code.regions();
        FrameVariable caught = s.getCatches().isEmpty() ? null
                : builder.frame.named(CoroutineContract.CATCHING, "java.lang.Throwable");
        int index = regions++;
        TryRegion r = s.getFinallyBlock() == null ? new TryRegion(null, null, caught)
                : new TryRegion(builder.frame.named(CoroutineContract.finallyTarget(index), "int"),
                        builder.frame.named(CoroutineContract.finallyError(index), "java.lang.Throwable"), caught);
        if (s.getFinallyBlock() != null) {
            r.finallyEntry(code.newBlock(StateMachineBuilder.pos(s.getFinallyBlock()),
                    with(outer, r, TryRegion.Part.FINALLY)));
        }
        for (CatchTree c : s.getCatches()) {
            r.addCatch(catchTypes(c.getParameter()),
                    code.newBlock(StateMachineBuilder.pos(c), with(outer, r, TryRegion.Part.CATCH)));
        }
        Block body = code.newBlock(StateMachineBuilder.pos(s.getBlock()), with(outer, r, TryRegion.Part.TRY));
        code.jump(body);
        code.enterRegion(r, TryRegion.Part.TRY);
        try {
            code.start(body);
            StateMachineBuilder.ScopeStart scope = builder.openScope();
            builder.statements(s.getBlock().getStatements());
            builder.closeScope(scope);
            code.jump(after);
        } finally {
            code.leaveRegion();
        }
        for (int i = 0; i < s.getCatches().size(); i++) {
            CatchTree c = s.getCatches().get(i);
            code.enterRegion(r, TryRegion.Part.CATCH);
            try {
                code.start(r.catches().get(i).entry());
                StateMachineBuilder.ScopeStart scope = builder.openScope();
                VariableTree param = c.getParameter();
                String type = cx.typeText().of(cx.attribution().typeOf(param));
                builder.declare(param, builder.template(param, "(" + type + ") " + caught.name()));
                builder.statements(c.getBlock().getStatements());
                builder.closeScope(scope);
                code.jump(after);
            } finally {
                code.leaveRegion();
            }
        }
        if (r.finallyEntry() != null) {
            code.enterRegion(r, TryRegion.Part.FINALLY);
            try {
                code.start(r.finallyEntry());
                StateMachineBuilder.ScopeStart scope = builder.openScope();
                builder.statements(s.getFinallyBlock().getStatements());
                builder.closeScope(scope);
                if (!code.current().isClosed()) {
                    List<Terminator.Continuation> continuations = new ArrayList<>();
                    for (Block target : List.copyOf(code.finallyTargets(r))) {
                        continuations.add(new Terminator.Continuation(target, code.jumpTo(target)));
                    }
                    code.close(new Terminator.EndFinally(r, continuations));
                }
            } finally {
                code.leaveRegion();
            }
        }
        code.place(after);
    }

    private List<String> catchTypes(VariableTree param) {
        List<String> out = new ArrayList<>();
        if (param.getType() instanceof UnionTypeTree union) {
            for (Tree alt : union.getTypeAlternatives()) {
                out.add(cx.typeText().of(cx.attribution().typeOf((ExpressionTree) alt)));
            }
        } else {
            out.add(cx.typeText().of(cx.attribution().typeOf(param)));
        }
        return out;
    }

    private static List<TryRegion.Membership> with(List<TryRegion.Membership> outer, TryRegion r, TryRegion.Part part) {
        List<TryRegion.Membership> l = new ArrayList<>(outer);
        l.add(new TryRegion.Membership(r, part));
        return l;
    }
}
