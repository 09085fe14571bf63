package io.jawait.processor.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Catch clauses that javac accepts: no clause catches a subtype of a type an earlier clause
 * catches, and no multi-catch joins related types. The hierarchy is the harness's exceptions plus
 * what generated code can throw by itself ({@code ArithmeticException} from a division by zero).
 */
final class CatchTypes {
    private static final Map<String, String> PARENT = Map.of(
            "E2", "E1",
            "E1", "RuntimeException",
            "E3", "RuntimeException",
            "ArithmeticException", "RuntimeException",
            "RuntimeException", "Exception");

    private static final List<List<String>> CLAUSES = List.of(
            List.of("E1"), List.of("E2"), List.of("E3"), List.of("E2", "E3"), List.of("E1", "ArithmeticException"),
            List.of("ArithmeticException"), List.of("RuntimeException"), List.of("Exception"));

    private CatchTypes() {
    }

    /**
     * Up to {@code count} clause types, e.g. {@code ["E2", "E1 | E3"]}, in an order javac accepts;
     * without {@code wide}, none that catches a {@code CancellationException} (an IllegalStateException).
     */
    static List<String> pick(Chance chance, int count, boolean wide) {
        List<List<String>> chosen = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && chosen.size() < count; attempt++) {
            List<String> clause = chance.pick(CLAUSES);
            if (acceptable(chosen, clause) && (wide || !isSubtype("RuntimeException", clause.get(0)))) {
                chosen.add(clause);
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> c : chosen) {
            out.add(String.join(" | ", c));
        }
        return out;
    }

    private static boolean acceptable(List<List<String>> earlier, List<String> clause) {
        for (List<String> e : earlier) {
            for (String caught : e) {
                for (String type : clause) {
                    if (isSubtype(type, caught)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean isSubtype(String type, String of) {
        for (String t = type; t != null; t = PARENT.get(t)) {
            if (t.equals(of)) {
                return true;
            }
        }
        return false;
    }
}
