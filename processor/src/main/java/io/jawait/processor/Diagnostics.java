package io.jawait.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors and warnings on the exact tree (line and column) they are about. */
final class Diagnostics {
    private final Messager messager;
    private final Trees trees;
    /**
     * Errors reported through this and through javac itself this round. javac holds a round's
     * diagnostics back until the round ends, so its own count does not have them yet.
     */
    private int errors;

    Diagnostics(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    void error(Element element, String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    void warning(Element element, String message) {
        messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }

    void note(Element element, String message) {
        messager.printMessage(Diagnostic.Kind.NOTE, message, element);
    }

    void error(Tree tree, CompilationUnitTree unit, Element fallback, String message) {
        errors++;
        print(Diagnostic.Kind.ERROR, tree, unit, fallback, message);
    }

    void warning(Tree tree, CompilationUnitTree unit, Element fallback, String message) {
        print(Diagnostic.Kind.WARNING, tree, unit, fallback, message);
    }

    /** Counts {@code count} errors reported through javac directly (its flow errors). */
    void reportedByJavac(int count) {
        errors += count;
    }

    /** True when an error was reported this round. */
    boolean anyError() {
        return errors > 0;
    }

    /** The source line a tree starts on, for messages that point at a second place. */
    long line(Tree tree, CompilationUnitTree unit) {
        return unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, tree));
    }

    private void print(Diagnostic.Kind kind, Tree tree, CompilationUnitTree unit, Element fallback, String message) {
        if (tree != null && unit != null) {
            trees.printMessage(kind, message, tree, unit);
        } else {
            messager.printMessage(kind, message, fallback);
        }
    }
}
