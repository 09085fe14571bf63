package io.jawait.processor.emit;

import io.jawait.processor.ir.Block;
import io.jawait.processor.ir.TryRegion;
import io.jawait.processor.model.CoroutineContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catch side of the step method: for each state inside try regions, what an exception thrown
 * there does. Catch clauses are tested innermost first, in source order; a region with a finally
 * takes every exception its catches do not, as a pending rethrow.
 */
final class ExceptionTable {
    private static final String E = CoroutineContract.CAUGHT;

    private ExceptionTable() {
    }

    /** A switch over {@code $state} with a case per state in a region, or "" when no state is in one. */
    static String text(List<Block> blocks, StateLayout layout, String stateField) {
        Map<String, List<Integer>> byCode = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (!b.regions().isEmpty() && layout.isLabeled(b)) {
                String code = handler(b, layout, stateField);
                List<Integer> states = byCode.get(code);
                if (states == null) {
                    states = new ArrayList<>();
                    byCode.put(code, states);
                }
                states.add(layout.state(b));
            }
        }
        if (byCode.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" switch (" + stateField + ") {");
        for (Map.Entry<String, List<Integer>> e : byCode.entrySet()) {
            for (int state : e.getValue()) {
                out.append(" case ").append(state).append(':');
            }
            out.append(" {").append(e.getKey()).append('}');
            if (!e.getKey().endsWith("continue " + CoroutineContract.DISPATCH + "; ")) {
                out.append(" break;");
            }
        }
        return out.append(" }").toString();
    }

    private static String handler(Block b, StateLayout layout, String stateField) {
        StringBuilder code = new StringBuilder(" ");
        for (int i = b.regions().size() - 1; i >= 0; i--) {
            TryRegion.Membership m = b.regions().get(i);
            TryRegion r = m.region();
            if (m.part() == TryRegion.Part.TRY) {
                for (TryRegion.Catch c : r.catches()) {
                    code.append("if (");
                    for (int t = 0; t < c.types().size(); t++) {
                        code.append(t == 0 ? "" : " || ").append(E).append(" instanceof ").append(c.types().get(t));
                    }
                    code.append(") { ").append(r.caught().name()).append(" = ").append(E).append("; ")
                            .append(enter(stateField, layout.state(c.entry()))).append(" } ");
                }
            }
            if (m.part() != TryRegion.Part.FINALLY && r.finallyEntry() != null) {
                code.append(r.target().name()).append(" = -1; ").append(r.error().name()).append(" = ").append(E)
                        .append("; ").append(enter(stateField, layout.state(r.finallyEntry()))).append(' ');
                return code.toString();
            }
        }
        return code.toString();
    }

    private static String enter(String stateField, int number) {
        return stateField + " = " + number + "; continue " + CoroutineContract.DISPATCH + ";";
    }
}
