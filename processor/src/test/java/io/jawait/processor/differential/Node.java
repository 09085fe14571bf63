package io.jawait.processor.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable piece of generated source: text interleaved with child nodes. Programs are kept as
 * trees rather than strings so that a failing program can be shrunk by {@link ProgramReducer}
 * (drop a statement, unwrap a compound statement, replace an expression by a literal).
 */
final class Node {

    /** What a node is, which tells the reducer what it may be replaced with. */
    enum Kind {
        /** A list of statements, rendered one per line; its parts are all statement nodes. */
        BLOCK,
        /** One statement. */
        STATEMENT,
        /** An expression of type {@code int} (or {@code Integer}). */
        INT,
        /** An expression of type {@code boolean}. */
        BOOLEAN,
        /** An expression of type {@code String}. */
        STRING,
        /** Anything else: declarations, the program's fixed harness. */
        OTHER;

        /** The simplest expression of this kind, or null for kinds that are not expressions. */
        String literal() {
            return switch (this) {
                case INT -> "0";
                case BOOLEAN -> "false";
                case STRING -> "\"\"";
                default -> null;
            };
        }
    }

    private final Kind kind;
    private final List<Object> parts;

    private Node(Kind kind, List<Object> parts) {
        this.kind = kind;
        this.parts = Collections.unmodifiableList(parts);
    }

    /** A node made of strings and nodes, in source order. */
    static Node of(Kind kind, Object... parts) {
        List<Object> list = new ArrayList<>(parts.length);
        for (Object p : parts) {
            if (!(p instanceof String) && !(p instanceof Node)) {
                throw new IllegalArgumentException("part is neither text nor node: " + p);
            }
            list.add(p);
        }
        return new Node(kind, list);
    }

    static Node block(List<Node> statements) {
        return new Node(Kind.BLOCK, new ArrayList<>(statements));
    }

    Kind kind() {
        return kind;
    }

    List<Node> children() {
        List<Node> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Node n) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A copy of this tree with {@code target} (found by identity) replaced by {@code replacement}:
     * inside a block any number of statements may take its place; elsewhere exactly one node.
     */
    Node replace(Node target, List<Node> replacement) {
        if (this == target) {
            if (replacement.size() != 1) {
                throw new IllegalArgumentException("only a block statement can be replaced by " + replacement.size());
            }
            return replacement.get(0);
        }
        List<Object> copy = new ArrayList<>(parts.size());
        boolean changed = false;
        for (Object p : parts) {
            if (p == target && kind == Kind.BLOCK) {
                copy.addAll(replacement);
                changed = true;
            } else if (p instanceof Node n) {
                Node r = n.replace(target, replacement);
                changed |= r != n;
                copy.add(r);
            } else {
                copy.add(p);
            }
        }
        return changed ? new Node(kind, copy) : this;
    }

    /** Every node of this tree, parents before children. */
    List<Node> preorder() {
        List<Node> out = new ArrayList<>();
        collect(out);
        return out;
    }

    private void collect(List<Node> out) {
        out.add(this);
        for (Node c : children()) {
            c.collect(out);
        }
    }

    /** Number of statements in this tree, a measure of program size. */
    int statementCount() {
        int n = kind == Kind.STATEMENT ? 1 : 0;
        for (Node c : children()) {
            n += c.statementCount();
        }
        return n;
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, 0);
        return sb.toString();
    }

    /** A block puts each statement on its own line, one level deeper than the line it opens. */
    private void render(StringBuilder sb, int indent) {
        if (kind == Kind.BLOCK) {
            for (Object p : parts) {
                sb.append('\n').append("    ".repeat(indent + 1));
                ((Node) p).render(sb, indent + 1);
            }
            sb.append('\n').append("    ".repeat(indent));
            return;
        }
        for (Object p : parts) {
            if (p instanceof Node n) {
                n.render(sb, indent);
            } else {
                sb.append((String) p);
            }
        }
    }

    @Override
    public String toString() {
        return render();
    }
}
