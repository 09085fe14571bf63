package io.jawait.processor.lower;

import com.sun.source.tree.Tree;

/** Thrown by the transform for a construct it cannot handle; becomes an error on that tree. */
public final class UnsupportedConstruct extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Tree tree;

    public UnsupportedConstruct(Tree tree, String message) {
        super(message);
        this.tree = tree;
    }

    public Tree tree() {
        return tree;
    }
}
