package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No method or constructor of the processor takes more than five parameters (issue 12): the state of
 * the method being transformed travels as one object (AttributedBody while it is analysed,
 * SpeculativeBodies for the copies javac checks, MethodContext for the later stages), not as long
 * argument lists. Records are what those objects are, and their components are not counted.
 */
class ParameterCountTest {
    private static final int MAX = 5;

    @Test
    void noMethodOrConstructorOfTheProcessorTakesMoreThanFiveParameters() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java/io/jawait/processor"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() > 50, "the processor's sources were not found from " + Path.of("").toAbsolutePath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> tooLong = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            // Parsed only: a record's canonical constructor is not in the tree until javac enters it.
            for (CompilationUnitTree unit : task.parse()) {
                new TreeScanner<Void, Void>() {
                    private final Deque<String> classes = new ArrayDeque<>();

                    @Override
                    public Void visitClass(ClassTree node, Void p) {
                        classes.push(node.getSimpleName().toString());
                        try {
                            return super.visitClass(node, p);
                        } finally {
                            classes.pop();
                        }
                    }

                    @Override
                    public Void visitMethod(MethodTree node, Void p) {
                        if (node.getParameters().size() > MAX) {
                            String name = node.getName().contentEquals("<init>") ? "new " + classes.peek()
                                    : classes.peek() + "." + node.getName();
                            tooLong.add(name + " (" + node.getParameters().size() + " parameters)");
                        }
                        return super.visitMethod(node, p);
                    }
                }.scan(unit, null);
            }
        }
        assertEquals(List.of(), tooLong, "pass the method's state as one object (see MethodContext, AttributedBody)");
    }
}
