package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jawait.processor.DualModeProgram.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * switch statements (classic with fall-through, and arrow form) and switch expressions (arrow and
 * yield) over ints, chars, strings, enums and, on JDK 21+, patterns, with awaits in selectors, case
 * bodies and yielded values. Expected values are what the same code gives with a blocking await.
 */
class SwitchTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classicSwitchOverIntsFallsThroughAndSharesLocalsBetweenCases(Mode mode) {
        var p = compile("ClassicInts", """
                @Async
                static Task<String> run(int n) {
                    List<String> log = new ArrayList<>();
                    switch (await(get(n))) {
                        case 1:
                            int shared = await(get(10));
                            log.add("one" + shared);
                        case 2:
                            shared = await(get(20));
                            log.add("two" + shared);
                            break;
                        default:
                            log.add("default" + await(get(n)));
                        case 3:
                        case 4:
                            log.add("three-or-four");
                    }
                    log.add("after");
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("one10 two20 after", p.run(mode, "run", 1));
        assertEquals("two20 after", p.run(mode, "run", 2));
        assertEquals("three-or-four after", p.run(mode, "run", 4));
        assertEquals("default9 three-or-four after", p.run(mode, "run", 9));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void arrowSwitchOverStringsAndCharsWithExpressionBlockAndThrowBodies(Mode mode) {
        var p = compile("ArrowStrings", """
                @Async
                static Task<String> run(String s) {
                    List<String> log = new ArrayList<>();
                    switch (s) {
                        case "a", "b" -> log.add("ab" + await(get(s.length())));
                        case "long" -> {
                            log.add("long");
                            log.add("" + await(get(s.toUpperCase())));
                        }
                        case "bad" -> throw new IllegalArgumentException(await(get("bad!")));
                        default -> log.add("other");
                    }
                    switch (s.charAt(0)) {
                        case 'a' -> log.add("char a" + await(get("!")));
                        default -> { }
                    }
                    return Task.of(String.join(" ", log));
                }
                """);
        assertEquals("ab1 char a!", p.run(mode, "run", "a"));
        assertEquals("long LONG", p.run(mode, "run", "long"));
        assertEquals("other", p.run(mode, "run", "zzz"));
        assertEquals("bad!", assertThrows(IllegalArgumentException.class, () -> p.run(mode, "run", "bad")).getMessage());
        assertThrows(NullPointerException.class, () -> p.run(mode, "run", (Object) null));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchOverEnumsClassicAndArrowWithoutDefault(Mode mode) {
        var p = compile("EnumSwitch", """
                enum Color { RED, GREEN, BLUE }

                @Async
                static Task<String> run(Color c) {
                    List<String> log = new ArrayList<>();
                    switch (c) {
                        case RED:
                            log.add("red" + await(get(1)));
                            break;
                        case GREEN:
                            log.add("green");
                    }
                    switch (await(get(c))) {
                        case BLUE -> log.add("blue" + await(get(3)));
                        case GREEN -> log.add("green" + await(get(2)));
                    }
                    String name = switch (c) {
                        case RED -> "R";
                        case GREEN -> await(get("G"));
                        case BLUE -> {
                            String b = await(get("B"));
                            yield b + b;
                        }
                    };
                    log.add(name);
                    return Task.of(String.join(" ", log));
                }

                @Async
                static Task<String> red() { return run(Color.RED); }

                @Async
                static Task<String> green() { return run(Color.GREEN); }

                @Async
                static Task<String> blue() { return run(Color.BLUE); }
                """);
        assertEquals("red1 R", p.run(mode, "red"));
        assertEquals("green green2 G", p.run(mode, "green"));
        assertEquals("blue3 BB", p.run(mode, "blue"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchExpressionsWithYieldInClassicCasesNestingAndEvaluationOrder(Mode mode) {
        var p = compile("YieldForms", """
                static String join(List<String> log, String a, String b, String c) {
                    log.add("join");
                    return a + b + c;
                }

                static String log(List<String> log, String s) {
                    log.add(s);
                    return s;
                }

                @Async
                static Task<String> run(int n) {
                    List<String> log = new ArrayList<>();
                    int v = switch (n) {
                        case 0:
                        case 1:
                            int t = await(get(n + 100));
                            yield t;
                        case 2:
                            if (await(get(true))) yield 200;
                        default:
                            yield switch (n % 2) {
                                case 0 -> await(get(-2));
                                default -> -1;
                            };
                    };
                    String s = join(log, log(log, "a"), switch (v) {
                        case 100 -> log(log, await(get("b")));
                        default -> log(log, "B");
                    }, log(log, await(get("c"))));
                    return Task.of(v + " " + s + " " + log);
                }
                """);
        assertEquals("100 abc [a, b, c, join]", p.run(mode, "run", 0));
        assertEquals("101 aBc [a, B, c, join]", p.run(mode, "run", 1));
        assertEquals("200 aBc [a, B, c, join]", p.run(mode, "run", 2));
        assertEquals("-2 aBc [a, B, c, join]", p.run(mode, "run", 4));
        assertEquals("-1 aBc [a, B, c, join]", p.run(mode, "run", 5));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void breakAndContinueFromSplitSwitchesInsideLoops(Mode mode) {
        var p = compile("SwitchInLoop", """
                @Async
                static Task<String> run() {
                    StringBuilder sb = new StringBuilder();
                    outer:
                    for (int i = 0; i < 10; i++) {
                        switch (await(get(i % 4))) {
                            case 0:
                                sb.append('z');
                                continue;
                            case 1:
                                sb.append(await(get("o")));
                                break;
                            case 2:
                                if (i > 5) break outer;
                                sb.append('t');
                                break;
                            default:
                                continue outer;
                        }
                        sb.append(i);
                    }
                    return Task.of(sb.toString());
                }
                """);
        assertEquals("zo1t2zo5", p.run(mode, "run"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void patternSwitchesWithRecordPatternsGuardsAndNull(Mode mode) {
        assumeTrue(Runtime.version().feature() >= 21, "pattern matching for switch is Java 21");
        var p = compile("PatternSwitch", """
                sealed interface Shape permits Circle, Square, Group { }
                record Circle(int r) implements Shape { }
                record Square(int side) implements Shape { }
                record Group(Shape first, Shape second) implements Shape { }

                @Async
                static Task<Integer> area(Shape s) {
                    return Task.of(switch (s) {
                        case Circle c when c.r() == 0 -> 0;
                        case Circle c -> 3 * c.r() * await(get(c.r()));
                        case Square(int side) -> {
                            int a = await(get(side * side));
                            yield a;
                        }
                        case Group(Shape a, Shape b) -> await(area(a)) + await(area(b));
                    });
                }

                @Async
                static Task<String> describe(Object o) {
                    switch (o) {
                        case null -> { return Task.of("null" + await(get("!"))); }
                        case String str when str.length() > 3 -> {
                            return Task.of("long " + str);
                        }
                        case String str -> {
                            await(get(0));
                            return Task.of("short " + str);
                        }
                        case Integer i -> {
                            int twice = await(get(i * 2));
                            return Task.of("int " + i + " " + twice);
                        }
                        default -> {
                            return Task.of("other");
                        }
                    }
                }
                """);
        assertEquals(0, (Integer) p.run(mode, "area", p.compiled().newInstance("PatternSwitch$Circle", 0)));
        assertEquals(12, (Integer) p.run(mode, "area", p.compiled().newInstance("PatternSwitch$Circle", 2)));
        Object group = p.compiled().newInstance("PatternSwitch$Group",
                p.compiled().newInstance("PatternSwitch$Square", 3), p.compiled().newInstance("PatternSwitch$Circle", 1));
        assertEquals(12, (Integer) p.run(mode, "area", group));
        assertEquals("null!", p.run(mode, "describe", (Object) null));
        assertEquals("short ab", p.run(mode, "describe", "ab"));
        assertEquals("long abcd", p.run(mode, "describe", "abcd"));
        assertEquals("int 4 8", p.run(mode, "describe", 4));
        assertEquals("other", p.run(mode, "describe", 1.5));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordPatternsInInstanceofBindAcrossAwaits(Mode mode) {
        assumeTrue(Runtime.version().feature() >= 21, "record patterns are Java 21");
        var p = compile("RecordPatterns", """
                record Pair(Object left, Object right) { }

                @Async
                static Task<String> run(Object o) {
                    if (o instanceof Pair(String l, Pair(var a, var b)) && await(get(l.length())) > 0) {
                        await(get(0));
                        return Task.of(l + a + b);
                    }
                    if (!(o instanceof Pair(Integer x, var y))) {
                        return Task.of("no");
                    }
                    int twice = await(get(x * 2));
                    return Task.of(twice + "," + y);
                }
                """);
        Object inner = p.compiled().newInstance("RecordPatterns$Pair", 1, null);
        assertEquals("s1null", p.run(mode, "run", p.compiled().newInstance("RecordPatterns$Pair", "s", inner)));
        assertEquals("8,z", p.run(mode, "run", p.compiled().newInstance("RecordPatterns$Pair", 4, "z")));
        assertEquals("no", p.run(mode, "run", "x"));
    }
}
