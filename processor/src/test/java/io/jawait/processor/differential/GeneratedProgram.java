package io.jawait.processor.differential;

/**
 * One generated program: a top-level class {@code className} whose {@code static String drive()}
 * returns the log of a run. {@code tree} is its source as a tree, for shrinking.
 */
record GeneratedProgram(String className, long seed, Node tree) {

    String source() {
        return tree.render();
    }

    GeneratedProgram withTree(Node smaller) {
        return new GeneratedProgram(className, seed, smaller);
    }
}
