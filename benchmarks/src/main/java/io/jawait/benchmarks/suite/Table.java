package io.jawait.benchmarks.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Markdown table: a header row and rows of already formatted cells. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    int size() {
        return rows.size();
    }

    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        line(md, header);
        line(md, Collections.nCopies(header.size(), "---"));
        for (List<String> row : rows) {
            line(md, row);
        }
        return md.toString();
    }

    private static void line(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }
}
