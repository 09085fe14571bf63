package io.jawait.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.examples.docs.DocSnippet.Outcome;
import io.jawait.examples.docs.SnippetCompiler.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md, TESTING.md and docs/*.md compiles, as its marker says
 * (TESTING.md, "Java snippets in the docs"), both as an IDE's editor compiles it ({@code -proc:none},
 * where {@code await} is a plain call) and with the jawait processor: what the pages show a user is
 * code that works in both. Blocks marked {@code error} must fail on exactly their {@code // error} lines
 * (with the processor, on some of them: javac stops at the processor's errors, reported first).
 */
class DocSnippetsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyJavaBlockOfTheDocsCompilesWithAndWithoutTheProcessor() throws IOException {
        List<DocSnippet> snippets = snippets(Outcome.COMPILES);
        assertTrue(snippets.stream().anyMatch(s -> s.page().equals("README.md")), "README's example is found");
        for (boolean withProcessor : new boolean[] {false, true}) {
            List<Finding> findings = SnippetCompiler.compile(snippets, withProcessor);
            assertEquals("", report(findings), (withProcessor ? "with the processor" : "with -proc:none")
                    + ": javac's errors and warnings, by page and line (TESTING.md, \"Java snippets in the docs\")");
        }
    }

    @Test
    void blocksMarkedErrorFailExactlyOnTheirErrorLines() throws IOException {
        List<DocSnippet> snippets = snippets(Outcome.ERROR);
        assertFalse(snippets.isEmpty(), "supported-java.md shows an error");
        for (DocSnippet snippet : snippets) {
            Set<Integer> marked = IntStream.range(0, snippet.body().size())
                    .filter(i -> snippet.body().get(i).contains("// error"))
                    .mapToObj(i -> snippet.fenceLine() + 1 + i).collect(Collectors.toCollection(TreeSet::new));
            assertFalse(marked.isEmpty(), snippet.where() + ": a block marked error has lines with // error");
            for (boolean withProcessor : new boolean[] {false, true}) {
                List<Finding> findings = SnippetCompiler.compile(List.of(snippet), withProcessor);
                Set<Integer> failing = findings.stream().filter(f -> f.text().startsWith("ERROR"))
                        .map(Finding::pageLine).collect(Collectors.toCollection(TreeSet::new));
                String message = snippet.where() + (withProcessor ? " with" : " without") + " the processor:\n"
                        + report(findings) + SnippetCompiler.numbered(snippet);
                if (withProcessor) {
                    // javac stops after a processor's errors, before attributing the other methods.
                    assertFalse(failing.isEmpty(), message);
                    assertTrue(marked.containsAll(failing), message);
                } else {
                    assertEquals(marked, failing, message);
                }
            }
        }
    }

    @Test
    void blocksMarkedJavacCrashStillCrashJavac() throws IOException {
        for (DocSnippet snippet : snippets(Outcome.JAVAC_CRASH)) {
            assertThrows(RuntimeException.class, () -> SnippetCompiler.compile(List.of(snippet), false),
                    snippet.where() + ": javac no longer crashes on it; the page describing the bug is out of date");
        }
    }

    @Test
    void anUnmarkedBlockIsAProgramSoAFragmentFails() {
        List<DocSnippet> snippets = MarkdownSnippets.of("page.md", List.of("text", "```java", "await(sleep(1));", "```"));
        assertEquals(1, snippets.size());
        assertFalse(SnippetCompiler.compile(snippets, false).isEmpty(), "a statement is not a compilation unit");
    }

    @Test
    void markedFragmentsAreWrappedWithTheirHiddenContext() {
        List<DocSnippet> snippets = MarkdownSnippets.of("page.md", List.of(
                "<!-- snippet: statements class=Pages",
                "static Task<String> fetch(String url) throws IOException { return Task.of(url); }",
                "-->",
                "```java",
                "String page = await(fetch(\"a\"));",
                "```"));
        assertEquals(List.of(), SnippetCompiler.compile(snippets, false));
        assertEquals(List.of(), SnippetCompiler.compile(snippets, true));
        assertEquals(5, snippets.get(0).source().stream().filter(l -> l.pageLine() > 0).findFirst().orElseThrow().pageLine());
    }

    @Test
    void theProcessorRunsOnTheSnippets() {
        List<DocSnippet> snippets = MarkdownSnippets.of("page.md", List.of(
                "<!-- snippet: members -->",
                "```java",
                "@Async Task<Void> held() { synchronized (this) { await(sleep(1)); } return Task.done(); }",
                "```"));
        assertEquals(List.of(), SnippetCompiler.compile(snippets, false), "plain Java");
        List<Finding> withProcessor = SnippetCompiler.compile(snippets, true);
        assertEquals(1, withProcessor.size(), withProcessor.toString());
        assertEquals(3, withProcessor.get(0).pageLine(), "jawait's error, on the line of the await");
    }

    @Test
    void aMalformedMarkerIsAnErrorNotASkippedBlock() {
        IllegalArgumentException misplaced = assertThrows(IllegalArgumentException.class,
                () -> MarkdownSnippets.of("page.md", List.of("<!-- snippet: members -->", "", "```java", "```")));
        assertTrue(misplaced.getMessage().startsWith("page.md:1: "), misplaced.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MarkdownSnippets.of("page.md", List.of("<!-- snippet: fragment -->", "```java", "```")));
        assertTrue(unknown.getMessage().contains("unknown snippet kind 'fragment'"), unknown.getMessage());
    }

    private static List<DocSnippet> snippets(Outcome expected) throws IOException {
        List<DocSnippet> all = new ArrayList<>();
        for (Path page : pages()) {
            String name = ROOT.relativize(page).toString().replace('\\', '/');
            all.addAll(MarkdownSnippets.of(name, Files.readAllLines(page)));
        }
        return all.stream().filter(s -> s.expected() == expected).toList();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("TESTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String report(List<Finding> findings) {
        return findings.stream().map(f -> f + "\n").collect(Collectors.joining());
    }
}
