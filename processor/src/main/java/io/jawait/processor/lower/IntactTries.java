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
 * finally that cannot complete) would be reported twice. A try-with-resources over an existing
 * variable ({@code try (r)}) without an await is taken apart, but its catch clauses and finally stay
 * those of a Java try around what it became: javac checks that finally itself.
 */
public final class IntactTries {
    /**
     * @param intact        the statement stays as written
     * @param finallyIntact its finally stays a Java finally (it does not await)
     */
    private record Span(int start, int end, boolean intact, boolean finallyIntact) {
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
    public static IntactTries of(BlockTree body, AwaitSites awaits, Set<Tree> lowered) {
        return new IntactTries(body, awaits, lowered);
    }

    /** True when the innermost try statement around the position stays as written. */
    public LongPredicate statement() {
        return position -> {
            Span s = innermost(position);
            return s != null && s.intact();
        };
    }

    /** True when the finally of the innermost try statement around the position stays a Java finally. */
    public LongPredicate finallyBlock() {
        return position -> {
            Span s = innermost(position);
            return s != null && s.finallyIntact();
        };
    }

    private List<Span> spans() {
        if (spans == null) {
            List<Span> found = new ArrayList<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitTry(TryTree node, Void unused) {
                    boolean awaiting = awaits.contains(node);
                    found.add(new Span(JavacSession.pos(node), JavacSession.endPos(lastBlock(node)),
                            !awaiting && !lowered.contains(node), !awaiting));
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

    private Span innermost(long position) {
        Span innermost = null;
        for (Span s : spans()) {
            if (s.start() <= position && position <= s.end() && (innermost == null || s.start() > innermost.start())) {
                innermost = s;
            }
        }
        return innermost;
    }
}
