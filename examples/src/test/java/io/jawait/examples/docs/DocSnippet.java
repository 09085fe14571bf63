package io.jawait.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page, with what its marker comment says about it, turned
 * into a compilation unit. The marker convention is described in TESTING.md ("Java snippets in the
 * docs"); a block without a marker must be a complete program.
 *
 * @param page the page's path, as shown in failure messages
 * @param fenceLine the line of the opening {@code ```java} fence (1-based)
 * @param kind how the block is wrapped
 * @param className the class a {@code members} or {@code statements} block goes into
 * @param expected what compiling the block must give
 * @param context hidden lines of the marker: imports, and declarations the block refers to
 * @param body the block's lines
 */
record DocSnippet(String page, int fenceLine, Kind kind, String className, Outcome expected, List<String> context,
        List<String> body) {

    /** How a block becomes a compilation unit. */
    enum Kind {
        /** A complete source file, compiled as written: it must import what it uses. */
        PROGRAM,
        /** Type declarations, possibly after imports; the usual imports are added. */
        CLASS,
        /** Fields, methods and nested types of a class. */
        MEMBERS,
        /** The body of an {@code @Async Task<Void>} instance method that declares {@code throws Exception}. */
        STATEMENTS
    }

    /** What compiling the block must give. */
    enum Outcome {
        /** No error, no warning, with and without the processor. */
        COMPILES,
        /** Errors, exactly on the lines that contain {@code // error}, with and without the processor. */
        ERROR,
        /** javac itself crashes (a javac bug the page describes). */
        JAVAC_CRASH
    }

    /** Imports added to every block but a {@code program}: what the pages' fragments take for granted. */
    static final List<String> USUAL_IMPORTS = List.of(
            "import io.jawait.*;",
            "import io.jawait.io.*;",
            "import io.jawait.net.*;",
            "import io.jawait.sync.*;",
            "import static io.jawait.Tasks.*;",
            "import java.io.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;");

    private static final Pattern PUBLIC_TYPE =
            Pattern.compile("^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

    /** Where the block is, as {@code page:line}. */
    String where() {
        return page + ":" + fenceLine;
    }

    /** A package of its own, so that the blocks of every page compile together. */
    String packageName() {
        return "snippets." + page.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_" + fenceLine;
    }

    /** The compilation unit, line by line, each with its line on the page (0 for a line the wrapping added). */
    List<SourceLine> source() {
        List<SourceLine> out = new ArrayList<>();
        add(out, "package " + packageName() + ";");
        if (kind != Kind.PROGRAM) {
            USUAL_IMPORTS.forEach(line -> add(out, line));
        }
        context.stream().filter(DocSnippet::isImport).forEach(line -> add(out, line));
        List<String> declarations = context.stream().filter(line -> !isImport(line)).toList();
        int bodyStart = 0;
        if (kind == Kind.MEMBERS || kind == Kind.STATEMENTS) {
            while (bodyStart < body.size() && (isImport(body.get(bodyStart)) || body.get(bodyStart).isBlank())) {
                out.add(new SourceLine(body.get(bodyStart), pageLine(bodyStart)));
                bodyStart++;
            }
            add(out, "class " + className + " {");
            declarations.forEach(line -> add(out, line));
            if (kind == Kind.STATEMENTS) {
                add(out, "@Async Task<Void> snippet() throws Exception {");
                add(out, "if (true) {");
            }
        }
        for (int i = bodyStart; i < body.size(); i++) {
            out.add(new SourceLine(body.get(i), pageLine(i)));
        }
        if (kind == Kind.STATEMENTS) {
            add(out, "}");
            add(out, "return Task.done();");
            add(out, "}");
        }
        if (kind == Kind.MEMBERS || kind == Kind.STATEMENTS) {
            add(out, "}");
        } else {
            declarations.forEach(line -> add(out, line));
        }
        return out;
    }

    /** The name of the source file: the program's public class, or the wrapping class. */
    String fileName() {
        for (String line : body) {
            Matcher m = PUBLIC_TYPE.matcher(line);
            if (m.find()) {
                return m.group(1) + ".java";
            }
        }
        return className + ".java";
    }

    private int pageLine(int bodyIndex) {
        return fenceLine + 1 + bodyIndex;
    }

    private static void add(List<SourceLine> out, String text) {
        out.add(new SourceLine(text, 0));
    }

    private static boolean isImport(String line) {
        return line.startsWith("import ");
    }

    /**
     * A line of the compilation unit.
     *
     * @param text the line
     * @param pageLine its line on the page, or 0 if the wrapping added it
     */
    record SourceLine(String text, int pageLine) {
    }
}
