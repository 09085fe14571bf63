package io.jawait.examples.docs;

import io.jawait.examples.docs.DocSnippet.SourceLine;
import io.jawait.processor.AsyncProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles doc snippets in one javac run, in process, against the test class path (the runtime,
 * jawait-test, JUnit), for Java 17, either as an editor does ({@code -proc:none}) or with the
 * jawait processor; reports each error or warning at its line on its page.
 */
final class SnippetCompiler {
    private SnippetCompiler() {
    }

    /**
     * A finding of javac.
     *
     * @param snippet the block it is about
     * @param pageLine its line on the page, or 0 if on a line the wrapping or the marker's context added
     * @param text kind and message
     */
    record Finding(DocSnippet snippet, int pageLine, String text) {
        @Override
        public String toString() {
            return snippet.page() + ":" + (pageLine > 0 ? pageLine : snippet.fenceLine() + " (hidden context or wrapping)")
                    + ": " + text;
        }
    }

    /**
     * Errors and warnings of compiling {@code snippets} together.
     *
     * @throws RuntimeException if javac or the processor crashes (javac returns failure with no error)
     */
    static List<Finding> compile(List<DocSnippet> snippets, boolean withProcessor) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = temporaryDirectory();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = new ArrayList<>(List.of("--release", "17",
                    "-classpath", System.getProperty("java.class.path"), "-d", out.toString()));
            if (!withProcessor) {
                options.add("-proc:none");
            }
            List<Source> sources = snippets.stream().map(Source::new).toList();
            StringWriter output = new StringWriter();
            JavaCompiler.CompilationTask task = javac.getTask(output, files, diagnostics, options, null, sources);
            if (withProcessor) {
                task.setProcessors(List.of(new AsyncProcessor()));     // runs on every JDK, whatever its -proc default
            }
            boolean compiled = task.call();
            boolean errors = diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
            if (!compiled && !errors) {
                throw new IllegalStateException("javac failed without reporting an error (it crashed):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(out);
        }
        List<Finding> findings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING) {
                continue;
            }
            if (!(d.getSource() instanceof Source source)) {
                throw new AssertionError("javac " + d.getKind() + " outside the snippets: " + d);
            }
            int line = (int) d.getLineNumber();
            int pageLine = line >= 1 && line <= source.lines.size() ? source.lines.get(line - 1).pageLine() : 0;
            findings.add(new Finding(source.snippet, pageLine, d.getKind() + " " + d.getMessage(null)));
        }
        return findings;
    }

    /** The compilation unit with line numbers, for failure messages. */
    static String numbered(DocSnippet snippet) {
        List<SourceLine> lines = snippet.source();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(String.format("%4d %s%n", i + 1, lines.get(i).text()));
        }
        return text.toString();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("doc-snippets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snippet's compilation unit as an in-memory source file. */
    private static final class Source extends SimpleJavaFileObject {
        final DocSnippet snippet;
        final List<SourceLine> lines;

        Source(DocSnippet snippet) {
            super(URI.create("string:///" + snippet.packageName().replace('.', '/') + "/" + snippet.fileName()), Kind.SOURCE);
            this.snippet = snippet;
            this.lines = snippet.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return lines.stream().map(SourceLine::text).collect(Collectors.joining("\n", "", "\n"));
        }
    }
}
