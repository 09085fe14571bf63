package io.jawait.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.AwaitSites;
import io.jawait.processor.javac.JavacSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Which try statements of a body stay Java try statements in the generated code: those without an
 * await that ResourceLowering leaves as written (also every try in a lambda or class of the body).
 * javac checks those itself where the transform puts them, so the lint warnings about such a
 * statement that the processor reports from the body as written (a resource never referenced, a
 * finally that cannot complete) would be reported twice.
 */
public final class IntactTries {
    private record Span(int start, int end, boolean intact) {
    }

    private final BlockTree body;
    private final AwaitSites awaits;
    private final Set<Tree> lowered;
    /** Found when first asked: most bodies have no warning to ask about. */
    private List<Span> spans;

    private IntactTries(BlockTree body, AwaitSites awaits, Set<Tree> lowered) {
        this.body = body;
        this.awaits = awaits;
        this.lowered = lowered;
    }

    /**
     * A test of a source position: true when the innermost try statement around it stays as written.
     *
     * @param lowered the try-with-resources statements ResourceLowering takes apart
     */
    public static LongPredicate of(BlockTree body, AwaitSites awaits, Set<Tree> lowered) {
        return new IntactTries(body, awaits, lowered)::innermostIsIntact;
    }

    private List<Span> spans() {
        if (spans == null) {
            List<Span> found = new ArrayList<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitTry(TryTree node, Void unused) {
                    boolean intact = !awaits.contains(node) && !lowered.contains(node);
                    found.add(new Span(JavacSession.pos(node), JavacSession.endPos(lastBlock(node)), intact));
                    return super.visitTry(node, unused);
                }
            }.scan(body, null);
            spans = found;
        }
        return spans;
    }

    private static BlockTree lastBlock(TryTree t) {
        if (t.getFinallyBlock() != null) {
            return t.getFinallyBlock();
        }
        List<? extends CatchTree> catches = t.getCatches();
        return catches.isEmpty() ? t.getBlock() : catches.get(catches.size() - 1).getBlock();
    }

    private boolean innermostIsIntact(long position) {
        Span innermost = null;
        for (Span s : spans()) {
            if (s.start() <= position && position <= s.end() && (innermost == null || s.start() > innermost.start())) {
                innermost = s;
            }
        }
        return innermost != null && innermost.intact();
    }
}
