package io.jawait.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the Markdown pages (README, TESTING, BENCHMARKS, docs/, benchmarks/) leads to a
 * file that exists and, if it names an anchor, to a heading of that page, with the anchors GitHub
 * makes (lower case, punctuation dropped, spaces turned into hyphens, "-1" for a repeated heading).
 */
class DocLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*$");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("```")) {
                    inFence = !inFence;
                    continue;
                }
                Matcher m = LINK.matcher(lines.get(i));
                while (!inFence && m.find()) {
                    String link = m.group(1);
                    if (link.matches("^[a-z]+:.*")) {
                        continue;                           // http(s), mailto: not checked off line
                    }
                    checked++;
                    String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                    String anchor = link.contains("#") ? link.substring(link.indexOf('#') + 1) : null;
                    Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                    String where = ROOT.relativize(page) + ":" + (i + 1) + ": " + link;
                    if (!Files.exists(target)) {
                        broken.add(where + " (no such file)");
                    } else if (anchor != null && !anchors(target).contains(anchor)) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertTrue(checked > 20, "the pages' links were found: " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("async-resources-asynccloseable", slug("Async resources: `AsyncCloseable`"));
        assertEquals("synchronization-primitives--iojawaitsync", slug("Synchronization primitives — `io.jawait.sync`"));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String name : List.of("README.md", "TESTING.md", "BENCHMARKS.md")) {
            pages.add(ROOT.resolve(name));
        }
        for (String dir : List.of("docs", "benchmarks")) {
            try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
                files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            }
            Matcher m = HEADING.matcher(line);
            if (!inFence && m.matches()) {
                String slug = slug(m.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    private static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }
}
