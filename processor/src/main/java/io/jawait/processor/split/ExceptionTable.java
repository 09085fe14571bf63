package io.jawait.processor.split;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * Generates the catch side of {@code $step}: for each state inside try regions, what an exception
 * thrown there does. Catch clauses are tested innermost first, in source order; a region with a
 * finally takes every exception its catches do not, as a pending rethrow.
 */
final class ExceptionTable {
    private ExceptionTable() {
    }

    static String handlers(List<Block> blocks) {
        Map<String, List<Integer>> byCode = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (!b.regions.isEmpty()) {
                byCode.computeIfAbsent(handlerOf(b), k -> new ArrayList<>()).add(b.id);
            }
        }
        if (byCode.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" switch (this.$state) {");
        for (Map.Entry<String, List<Integer>> e : byCode.entrySet()) {
            for (int id : e.getValue()) {
                out.append(" case ").append(id).append(':');
            }
            out.append(" {").append(e.getKey()).append('}');
            if (!e.getKey().endsWith("continue $dispatch; ")) {
                out.append(" break;");
            }
        }
        return out.append(" }").toString();
    }

    private static String handlerOf(Block b) {
        StringBuilder code = new StringBuilder(" ");
        for (int i = b.regions.size() - 1; i >= 0; i--) {
            TryRegion.Membership m = b.regions.get(i);
            TryRegion r = m.region();
            if (m.part() == TryRegion.Part.TRY) {
                for (TryRegion.Catch c : r.catches) {
                    code.append("if (");
                    for (int t = 0; t < c.types().size(); t++) {
                        code.append(t == 0 ? "" : " || ").append("$e instanceof ").append(c.types().get(t));
                    }
                    code.append(") { this.$ex = $e; this.$state = ").append(c.entry().id).append("; continue $dispatch; } ");
                }
            }
            if (m.part() != TryRegion.Part.FINALLY && r.finallyEntry != null) {
                code.append("this.").append(r.targetField()).append(" = -1; this.").append(r.pendingErrorField())
                        .append(" = $e; this.$state = ").append(r.finallyEntry.id).append("; continue $dispatch; ");
                return code.toString();
            }
        }
        return code.toString();
    }
}
