package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.processor.javac.JavacAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor kept loaded across compilations in one JVM ({@code ResidentProcessors}), as javac
 * loads it from jars on the processor path. This test JVM has the processor on its own class path,
 * which javac's processor loader would ask first, so the compilations run in a JVM of their own
 * whose class path holds only the runtime, as a build's does.
 */
class ResidentProcessorTest {
    /** Compiles Hello.java once per step, with the processor path and options the step gives; reports each. */
    private static final String DRIVER = """
            import java.nio.file.*;
            import java.util.*;
            import javax.tools.*;
            public class Driver {
                public static void main(String[] args) throws Exception {
                    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                    String classpath = args[0], source = args[1], out = args[2];
                    for (int i = 3; i < args.length; i++) {
                        List<String> options = new ArrayList<>(List.of("-d", out + i, "-classpath", classpath, "-processorpath"));
                        options.addAll(Arrays.asList(args[i].split(" ")));
                        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
                            boolean ok = javac.getTask(null, files, null, options, null, files.getJavaFileObjects(source)).call();
                            boolean transformed = Files.exists(Path.of(out + i, "Hello$hello$Coroutine.class"));
                            StringBuilder keepers = new StringBuilder();
                            for (Thread t : Thread.getAllStackTraces().keySet()) {
                                if (t.getName().startsWith("jawait resident processor: ")) {
                                    keepers.append(" | ").append(t.getName()).append(" @").append(System.identityHashCode(t.getContextClassLoader()));
                                }
                            }
                            System.out.println("step " + (i - 2) + " ok=" + ok + " transformed=" + transformed + keepers);
                        }
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void compilationsOfOneJvmShareOneLoaderPerProcessorJar() throws Exception {
        Path classes = codeSource(AsyncProcessor.class);
        Path jar = jarOf(classes, dir.resolve("jawait-processor.jar"));
        Path rebuilt = jarOf(classes, dir.resolve("rebuilt/jawait-processor.jar"));
        Path javapoet = codeSource(com.palantir.javapoet.TypeName.class);
        String path = jar + java.io.File.pathSeparator + javapoet;
        Map<Integer, String> steps = run(List.of(
                path,
                path,
                path + " -Ajawait.resident=false",
                rebuilt + java.io.File.pathSeparator + javapoet,
                classes + java.io.File.pathSeparator + javapoet));
        for (String step : steps.values()) {
            assertTrue(step.contains("ok=true transformed=true"), step);
        }
        List<String> first = keepers(steps.get(1));
        assertEquals(1, first.size(), "one kept loader, for the jar: " + steps.get(1));
        assertTrue(first.get(0).contains(jar.toString()), first.get(0));
        assertEquals(first, keepers(steps.get(2)), "the second compilation uses the same loader, kept by the same thread");
        assertEquals(first, keepers(steps.get(3)), "turned off, the compilation keeps nothing");
        List<String> afterRebuild = keepers(steps.get(4));
        assertEquals(2, afterRebuild.size(), "another jar, another loader: " + steps.get(4));
        assertNotEquals(afterRebuild.get(0).substring(afterRebuild.get(0).indexOf('@')),
                afterRebuild.get(1).substring(afterRebuild.get(1).indexOf('@')));
        assertEquals(afterRebuild, keepers(steps.get(5)), "a directory of classes is not kept: it can change unseen");
    }

    private static List<String> keepers(String step) {
        List<String> keepers = new ArrayList<>(List.of(step.split(" \\| ")));
        keepers.remove(0);
        keepers.sort(null);
        return keepers;
    }

    /** Runs the driver over the steps' processor paths; the output of each step by its number. */
    private Map<Integer, String> run(List<String> processorPaths) throws Exception {
        Path driver = dir.resolve("Driver.java");
        Files.writeString(driver, DRIVER);
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, JavacAccessTest.SOURCE);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String p : JavacAccess.PACKAGES) {
            cmd.add("--add-exports=jdk.compiler/" + p + "=ALL-UNNAMED");
        }
        String runtime = codeSource(io.jawait.Task.class).toString();
        cmd.addAll(List.of("-cp", runtime, driver.toString(), runtime, source.toString(), dir.resolve("out").toString()));
        cmd.addAll(processorPaths);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the driver did not finish:\n" + output);
        }
        assertEquals(0, p.exitValue(), output);
        Map<Integer, String> steps = new TreeMap<>();
        output.lines().filter(l -> l.startsWith("step ")).forEach(l -> steps.put(Integer.parseInt(l.split(" ")[1]), l));
        assertEquals(processorPaths.size(), steps.size(), output);
        return steps;
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The processor as users get it, a jar, made from its classes (tests run before Maven packages it). */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        if (Files.isRegularFile(classes)) {
            return Files.copy(classes, jar);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
