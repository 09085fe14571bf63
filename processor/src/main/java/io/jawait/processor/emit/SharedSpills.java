package io.jawait.processor.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For a method whose suspensions would store too many fields to fit javac's 64 KB of code per
 * method: each suspension sets its state and leaves the dispatch loop, and one copy of each
 * distinct set of stores follows the loop, chosen by the state. A method with a blocking await of
 * hundreds of awaits and dozens of live locals compiles; written at every await (as for smaller
 * methods, where a suspension then costs no extra switch), its stores alone would pass the limit.
 */
final class SharedSpills {
    /**
     * Stores in all of a method's suspensions from which they are shared: at about five bytes
     * each, 4,000 stores are a third of the limit (a method of 200 awaits with 20 live locals).
     */
    static final int THRESHOLD = 4000;

    /** The stores' text, with the states whose suspensions run them, in the order first met. */
    private final Map<String, List<Integer>> statesBySpill = new LinkedHashMap<>();

    /** Records that the suspension resuming at {@code state} runs {@code spill}. */
    void add(String spill, int state) {
        statesBySpill.computeIfAbsent(spill, s -> new ArrayList<>()).add(state);
    }

    boolean isEmpty() {
        return statesBySpill.isEmpty();
    }

    /** The statement after the dispatch loop: the stores of the state that left it. */
    String epilogue(String state) {
        StringBuilder out = new StringBuilder("switch (").append(state).append(") {");
        for (Map.Entry<String, List<Integer>> e : statesBySpill.entrySet()) {
            for (int s : e.getValue()) {
                out.append(" case ").append(s).append(':');
            }
            out.append(" { ").append(e.getKey()).append("} break;");
        }
        return out.append(" }").toString();
    }
}
