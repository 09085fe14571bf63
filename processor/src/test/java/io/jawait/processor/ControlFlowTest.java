package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements: if/else, loops, break/continue (labeled or not), labeled blocks, switch and return,
 * each with awaits in conditions, bodies and updates; expected values are what the same code gives
 * with a blocking await.
 */
class ControlFlowTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ifElseChainWithAwaitsInConditionsAndBranches(Mode mode) {
        var p = compile("IfElse", """
                @Async
                static Task<String> classify(int n) {
                    List<String> log = new ArrayList<>();
                    if (await(get(n)) > 0) {
                        log.add("pos");
                        log.add("" + await(get(n * 2)));
                    } else if (await(get(n == 0))) {
                        log.add("zero");
                    } else {
                        log.add("neg" + await(get(-n)));
                    }
                    if (n > 100) log.add("never" + await(get(1)));
                    log.add("end");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("pos 6 end", p.run(mode, "classify", 3));
        assertEquals("zero end", p.run(mode, "classify", 0));
        assertEquals("neg2 end", p.run(mode, "classify", -2));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void whileWithAwaitInConditionAndBody(Mode mode) {
        var p = compile("While", """
                @Async
                static Task<String> loop() {
                    StringBuilder sb = new StringBuilder();
                    int i = 0;
                    while (await(get(i)) < 4) {
                        sb.append(await(get(i * 10))).append(',');
                        i++;
                    }
                    return Task.of(sb.append("i=").append(i).toString());
                }
                """);
        assertEquals("0,10,20,30,i=4", p.run(mode, "loop"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void doWhileRunsBodyFirstThenAwaitedCondition(Mode mode) {
        var p = compile("DoWhile", """
                @Async
                static Task<String> loop(int start) {
                    StringBuilder sb = new StringBuilder();
                    int i = start;
                    do {
                        sb.append(await(get(i))).append(',');
                        i--;
                    } while (await(get(i)) > 2);
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("5,4,3,", p.run(mode, "loop", 5));
        assertEquals("0,", p.run(mode, "loop", 0));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void forWithAwaitsInInitConditionUpdateAndBody(Mode mode) {
        var p = compile("For", """
                @Async
                static Task<String> loop() {
                    StringBuilder sb = new StringBuilder();
                    for (int i = await(get(1)), j = 10; i < await(get(4)); i += await(get(1)), j--) {
                        sb.append(i).append('/').append(j).append(await(get(",")));
                    }
                    int k = 0;
                    for (;;) {
                        if (await(get(++k)) == 3) break;
                    }
                    return Task.of(sb.append("k=").append(k).toString());
                }
                """);
        assertEquals("1/10,2/9,3/8,k=3", p.run(mode, "loop"));
    }

    /** Found by the differential tests: the loop variable was left a local of the init's state. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void forWhoseOnlyAwaitIsInTheInitializer(Mode mode) {
        var p = compile("ForAwaitOnlyInInit", """
                @Async
                static Task<String> loop() {
                    StringBuilder sb = new StringBuilder();
                    for (int i = await(get(1)), j = i * 10; i < 4; i++, j++) {
                        sb.append(i).append('/').append(j).append(',');
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("1/10,2/11,3/12,", p.run(mode, "loop"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void enhancedForOverArrayEvaluatesArrayOnceAndReadsElementsLive(Mode mode) {
        var p = compile("ForEachArray", """
                @Async
                static Task<String> loop() {
                    List<String> log = new ArrayList<>();
                    String[] arr = {"a", "b", "c"};
                    for (String s : arr) {
                        log.add(await(get(s)));
                        if (s.equals("a")) {
                            arr[1] = "x";                          // same array: seen by the loop
                            arr = new String[] {"q", "q", "q", "q"}; // new array: not seen
                        }
                    }
                    int sum = 0;
                    for (int v : new int[] {1, 2, 3}) sum += await(get(v));
                    log.add("sum" + sum);
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("a x c sum6", p.run(mode, "loop"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void enhancedForOverIterableCallsIteratorOnceAndHasNextBeforeEachNext(Mode mode) {
        var p = compile("ForEachIterable", """
                static Iterable<Integer> counting(List<String> log, int n) {
                    return () -> {
                        log.add("it");
                        return new Iterator<Integer>() {
                            int i = 0;
                            public boolean hasNext() { log.add("h" + i); return i < n; }
                            public Integer next() { log.add("n" + i); return i++; }
                        };
                    };
                }

                @Async
                static Task<String> loop() {
                    List<String> log = new ArrayList<>();
                    log.add("start");
                    for (int x : counting(log, 2)) {
                        log.add("b" + await(get(x)));
                    }
                    int sum = 0;
                    for (Integer x : List.of(1, 2, 3)) {
                        sum += await(get(x));
                        log.add("s" + sum);
                    }
                    log.add("end");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("start it h0 n0 b0 h1 n1 b1 h2 s1 s3 s6 end", p.run(mode, "loop"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void labeledAndUnlabeledBreakAndContinueAcrossAwaits(Mode mode) {
        var p = compile("BreakContinue", """
                @Async
                static Task<String> loop() {
                    List<String> log = new ArrayList<>();
                    outer:
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 4; j++) {
                            int v = await(get(i * 10 + j));
                            if (j == 1) continue;
                            if (j == 3) continue outer;
                            if (i == 2) break;
                            if (i == 3 && j == 2) break outer;
                            log.add("" + v);
                        }
                        log.add("i" + i);
                    }
                    int n = 0;
                    scan:
                    while (true) {
                        n++;
                        do {
                            if (await(get(n)) % 2 == 1) continue scan;
                            if (n > 5) break scan;
                            log.add("n" + n);
                        } while (false);
                    }
                    log.add("end");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("0 2 10 12 i2 30 n2 n4 end", p.run(mode, "loop"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void breakOutOfLabeledBlock(Mode mode) {
        var p = compile("LabeledBlock", """
                @Async
                static Task<String> block(int n) {
                    List<String> log = new ArrayList<>();
                    found: {
                        log.add("a" + await(get(n)));
                        if (n > 0) break found;
                        inner: {
                            if (await(get(n)) < 0) break inner;
                            log.add("b" + await(get(n + 1)));
                        }
                        log.add("c");
                    }
                    log.add("end");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("a1 end", p.run(mode, "block", 1));
        assertEquals("a0 b1 c end", p.run(mode, "block", 0));
        assertEquals("a-1 c end", p.run(mode, "block", -1));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void returnFromAnywhere(Mode mode) {
        var p = compile("ReturnAnywhere", """
                @Async
                static Task<String> find(int stop) {
                    if (stop < 0) return Task.of("early");
                    List<String> log = new ArrayList<>();
                    for (int i = 0; ; i++) {
                        while (true) {
                            log.add("" + await(get(i)));
                            if (i == stop) return Task.of(String.join(" ", log) + " returned");
                            break;
                        }
                        if (i > 100) return Task.of("unreachable");
                    }
                }
                """);
        assertEquals("early", p.run(mode, "find", -1));
        assertEquals("0 returned", p.run(mode, "find", 0));
        assertEquals("0 1 2 returned", p.run(mode, "find", 2));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchStatementWithAwaitsInSelectorAndCasesAndFallThrough(Mode mode) {
        var p = compile("SwitchStatement", """
                @Async
                static Task<String> sw(int n) {
                    List<String> log = new ArrayList<>();
                    switch (await(get(n))) {
                        case 1:
                            log.add("one" + await(get(1)));
                            // fall through
                        case 2:
                            log.add("two");
                            break;
                        case 3: {
                            if (await(get(true))) break;
                            log.add("never");
                        }
                        default:
                            log.add("default" + await(get(n)));
                    }
                    String s = await(get(n > 2 ? "big" : "small"));
                    switch (s) {
                        case "big" -> log.add("B" + await(get(s.length())));
                        case "small" -> { log.add("S"); log.add("" + await(get(s.length()))); }
                        default -> throw new IllegalStateException();
                    }
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("one1 two S 5", p.run(mode, "sw", 1));
        assertEquals("two S 5", p.run(mode, "sw", 2));
        assertEquals("B3", p.run(mode, "sw", 3));
        assertEquals("default9 B3", p.run(mode, "sw", 9));
    }

    /**
     * Found by the differential tests: a local declared in an arm of a switch expression in a for
     * loop's header was not hoisted, though it lives across the arm's await.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchExpressionsInForHeaderKeepArmLocalsAcrossAwaits(Mode mode) {
        var p = compile("SwitchInForHeader", """
                @Async
                static Task<String> run(int n) {
                    List<String> log = new ArrayList<>();
                    for (int i = switch (n) {
                            case 1: { int a = 10; await(get(0)); yield a; }
                            default: yield 0;
                         };
                         i < 13;
                         i += switch (n) { case 1 -> { int b = 1; await(get(0)); yield b; } default -> 5; }) {
                        log.add("i" + i);
                    }
                    return Task.of(String.join(",", log));
                }
                """);
        assertEquals("i10,i11,i12", p.run(mode, "run", 1));
        assertEquals("i0,i5,i10", p.run(mode, "run", 2));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchExpressionWithAwaitInArmsAndYield(Mode mode) {
        var p = compile("SwitchExpression", """
                @Async
                static Task<String> sw(int n) {
                    String prefix = "<";
                    String r = prefix + switch (n) {
                        case 0 -> "zero";
                        case 1 -> await(get("one"));
                        default -> {
                            int d = await(get(n * 2));
                            yield "d" + d;
                        }
                    } + await(get(">"));
                    return Task.of(r);
                }
                """);
        assertEquals("<zero>", p.run(mode, "sw", 0));
        assertEquals("<one>", p.run(mode, "sw", 1));
        assertEquals("<d8>", p.run(mode, "sw", 4));
    }
}
