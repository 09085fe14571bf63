package io.jawait.examples.docs;

import io.jawait.examples.docs.DocSnippet.Kind;
import io.jawait.examples.docs.DocSnippet.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the {@code ```java} blocks of a Markdown page and the marker comment right above each:
 * <pre>
 * &lt;!-- snippet: KIND [class=NAME] [error | javac-crash]
 * hidden context lines (imports, declarations the block uses)
 * --&gt;
 * </pre>
 * or the one-line form {@code <!-- snippet: KIND ... -->}. A malformed or misplaced marker is an
 * {@link IllegalArgumentException} naming its line, never a block silently left out.
 */
final class MarkdownSnippets {
    private static final String MARKER = "<!-- snippet:";
    private static final String FENCE = "```";

    private MarkdownSnippets() {
    }

    /** The Java blocks of {@code lines}, the text of the page called {@code page}. */
    static List<DocSnippet> of(String page, List<String> lines) {
        List<DocSnippet> snippets = new ArrayList<>();
        int markerEnd = -1;
        String header = null;
        List<String> context = List.of();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inFence) {
                inFence = !line.strip().equals(FENCE);
                continue;
            }
            if (line.startsWith(MARKER)) {
                int start = i;
                String first = line.substring(MARKER.length()).strip();
                List<String> hidden = new ArrayList<>();
                if (first.endsWith("-->")) {
                    first = first.substring(0, first.length() - 3).strip();
                } else {
                    for (i++; i < lines.size() && !lines.get(i).strip().equals("-->"); i++) {
                        hidden.add(lines.get(i));
                    }
                    if (i == lines.size()) {
                        throw new IllegalArgumentException(page + ":" + (start + 1) + ": snippet marker never closed by a line -->");
                    }
                }
                if (i + 1 >= lines.size() || !lines.get(i + 1).equals(FENCE + "java")) {
                    throw new IllegalArgumentException(page + ":" + (start + 1)
                            + ": a snippet marker must be right above a ```java block");
                }
                header = first;
                context = hidden;
                markerEnd = i;
            } else if (line.strip().startsWith(FENCE)) {
                if (line.equals(FENCE + "java")) {
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).strip().equals(FENCE)) {
                        end++;
                    }
                    if (end == lines.size()) {
                        throw new IllegalArgumentException(page + ":" + (i + 1) + ": ```java block never closed");
                    }
                    boolean marked = markerEnd == i - 1;
                    snippets.add(snippet(page, i + 1, marked ? header : "program", marked ? context : List.of(),
                            lines.subList(i + 1, end)));
                    i = end;
                } else if (line.strip().startsWith(FENCE + "java")) {
                    throw new IllegalArgumentException(page + ":" + (i + 1)
                            + ": a ```java block must start at the start of its line, with nothing after java");
                } else {
                    inFence = true;
                }
            }
        }
        return snippets;
    }

    private static DocSnippet snippet(String page, int fenceLine, String header, List<String> context, List<String> body) {
        String where = page + ":" + fenceLine;
        String[] words = header.split("\\s+");
        Kind kind;
        try {
            kind = Kind.valueOf(words[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown snippet kind '" + words[0]
                    + "' (program, class, members or statements)");
        }
        String className = "Snippet";
        Outcome expected = Outcome.COMPILES;
        for (int w = 1; w < words.length; w++) {
            if (words[w].startsWith("class=")) {
                className = words[w].substring("class=".length());
            } else if (words[w].equals("error")) {
                expected = Outcome.ERROR;
            } else if (words[w].equals("javac-crash")) {
                expected = Outcome.JAVAC_CRASH;
            } else {
                throw new IllegalArgumentException(where + ": unknown snippet option '" + words[w]
                        + "' (class=NAME, error or javac-crash)");
            }
        }
        return new DocSnippet(page, fenceLine, kind, className, expected, List.copyOf(context), List.copyOf(body));
    }
}
