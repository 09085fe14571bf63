package io.jawait.processor.differential;

import io.jawait.processor.differential.DifferentialRunner.Outcome;
import io.jawait.processor.differential.DifferentialRunner.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing program while it keeps failing the same way (greedy delta debugging over the
 * program tree): drop a statement, replace a compound statement by the statements of one of its
 * blocks, replace an expression by a literal or by one of its operands of the same type. A
 * candidate that no longer compiles without the processor is simply rejected.
 */
final class ProgramReducer {
    private final DifferentialRunner runner;
    private final int maxAttempts;

    ProgramReducer(DifferentialRunner runner, int maxAttempts) {
        this.runner = runner;
        this.maxAttempts = maxAttempts;
    }

    /** The smallest failing variant found within the attempt budget (the input when none is smaller). */
    Verdict reduce(Verdict failing) {
        Outcome kind = failing.outcome();
        Verdict best = failing;
        int attempts = 0;
        boolean progress = true;
        while (progress && attempts < maxAttempts) {
            progress = false;
            List<Node> nodes = best.program().tree().preorder();
            for (int i = 0; i < nodes.size() && attempts < maxAttempts; i++) {
                Node node = nodes.get(i);
                for (List<Node> replacement : replacements(best.program().tree(), node)) {
                    if (attempts++ >= maxAttempts) {
                        break;
                    }
                    GeneratedProgram candidate = best.program().withTree(best.program().tree().replace(node, replacement));
                    Verdict v = runner.run(candidate);
                    if (v.outcome() == kind) {
                        best = v;
                        progress = true;
                        nodes = best.program().tree().preorder();
                        i = Math.max(-1, i - 1); // the same position now holds the next candidate
                        break;
                    }
                }
            }
        }
        return best;
    }

    /** Smaller stand-ins for {@code node}, most aggressive first. */
    private static List<List<Node>> replacements(Node root, Node node) {
        List<List<Node>> out = new ArrayList<>();
        switch (node.kind()) {
            case STATEMENT -> {
                if (isInBlock(root, node)) {
                    out.add(List.of());
                    for (Node child : node.children()) {
                        for (Node block : blocksIn(child)) {
                            out.add(block.children());
                        }
                    }
                }
            }
            case INT, BOOLEAN, STRING -> {
                String literal = node.kind().literal();
                if (!node.render().equals(literal)) {
                    out.add(List.of(Node.of(node.kind(), literal)));
                    for (Node child : node.children()) {
                        if (child.kind() == node.kind()) {
                            out.add(List.of(child));
                        }
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** The blocks directly under a statement (looking through non-statement wrappers). */
    private static List<Node> blocksIn(Node n) {
        List<Node> out = new ArrayList<>();
        if (n.kind() == Node.Kind.BLOCK) {
            out.add(n);
        } else if (n.kind() == Node.Kind.OTHER) {
            for (Node c : n.children()) {
                out.addAll(blocksIn(c));
            }
        }
        return out;
    }

    private static boolean isInBlock(Node root, Node target) {
        for (Node n : root.preorder()) {
            if (n.kind() == Node.Kind.BLOCK && n.children().stream().anyMatch(c -> c == target)) {
                return true;
            }
        }
        return false;
    }
}
