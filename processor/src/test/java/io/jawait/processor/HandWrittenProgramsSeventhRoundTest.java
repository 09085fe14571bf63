package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compiler;
import io.jawait.processor.DualModeProgram.Mode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seventh round of programs written the way users write them (2026-12-07), in territory the earlier
 * rounds (HandWrittenProgramsTest, UserProgramsTest, RareFormsTest) did not reach: code shaped like
 * real libraries (a connection pool, an LRU cache with an eviction listener, a JSON parser over
 * chunks, a retrying client with a builder, an actor, a saga, a pager, a batcher, event sourcing, an
 * event bus, a binary search tree with an inner iterator, a generic Result type) and Java forms
 * stressed across awaits (inferred and captured wildcard types, mixed primitive and boxed arrays, char
 * arithmetic, promotion in conditionals, every kind of nested class extending another, instance
 * initializers of anonymous classes, lambdas made before an await and run after, nested switch
 * expressions with labeled jumps, try statements nested three deep, custom exceptions,
 * ConcurrentModificationException, this escaping, recursion through interfaces, var, blank finals,
 * shadowing, Outer.super calls, evaluation order). Each expected string is what the same members give
 * compiled without the processor, with await(t) blocking the caller while it drives the loop until t is
 * done, in both modes, on JDK 17 and 25; {@link #lintOfEveryProgramIsWhatJavacGivesWithoutTheProcessor}
 * compares their {@code -Xlint:all} warnings with javac's without the processor.
 */
class HandWrittenProgramsSeventhRoundTest {

    private static DualModeProgram compile(String className, String members) {
        return DualModeProgram.compile(className, members);
    }

    @Test
    void lintOfEveryProgramIsWhatJavacGivesWithoutTheProcessor() {
        // All programs in one javac run each way: the processor must neither add warnings (on the
        // generated code, or its own about dropped tasks) nor lose the user's (the pool's explicit
        // close() of a resource inside a try-with-resources that awaits was lost).
        Map<String, String> sources = new LinkedHashMap<>();
        for (String[] program : programs()) {
            sources.put(program[0], DualModeProgram.source(program[0], program[1]));
        }
        List<String> plain = warnings(Compiler.javac().withOptions("-Xlint:all", "-proc:none"), sources);
        assertTrue(plain.stream().anyMatch(w -> w.startsWith("WARNING ConnPool.java")
                && w.contains("explicit call to close() on an auto-closeable resource")), "the premise: " + plain);
        assertEquals(plain, warnings(CompiledProgram.withProcessor().withOptions("-Xlint:all"), sources));
    }

    private static List<String> warnings(Compiler compiler, Map<String, String> sources) {
        CompiledProgram.Batch batch = CompiledProgram.compileBatch(compiler, sources,
                HandWrittenProgramsSeventhRoundTest.class.getClassLoader());
        assertTrue(batch.succeeded(), batch.diagnostics());
        return batch.diagnostics().lines().filter(l -> l.startsWith("WARNING") || l.startsWith("MANDATORY_WARNING"))
                .sorted().toList();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aConnectionPoolWhoseLeasesAreInnerClassesReturnedInFinallyBlocksThatAwait(Mode mode) {
        // A pool with inner Conn and Lease classes (AutoCloseable): each lease is returned in a finally that
        // awaits, a failing query is caught inside the lease, leases are held in a try-with-resources over
        // two awaited acquisitions, and a lease closed explicitly inside its try-with-resources is not
        // released twice.
        assertEquals("[c1:SELECT A, err(conn1 failed select boom), c1:UPDATE B, c1:DELETE C, "
                + "c2:INNER 1, c1:AFTER CLOSE] [lease c1, release c1, lease c1, release c1, "
                + "lease c1, release c1, lease c1, release c1, lease c1, lease c2, release "
                + "c2, release c1, lease c1, lease c2, both 12 uses 6, release c2, release "
                + "c1] idle=2",
                compile("ConnPool", CONN_POOL).run(mode, "run"));
    }

    private static final String CONN_POOL = """
            static final class Pool {
                final Deque<Conn> idle = new ArrayDeque<>();
                final Deque<CompletableFuture<Conn>> waiters = new ArrayDeque<>();
                final List<String> log;
                int created;
                final int max;

                Pool(int max, List<String> log) { this.max = max; this.log = log; }

                final class Conn {
                    final int id = ++created;
                    int uses;
                    @Async
                    Task<String> query(String sql) {
                        uses++;
                        await(get(sql.length()));
                        if (sql.contains("boom")) throw new IllegalStateException("conn" + id + " failed " + sql);
                        return Task.of("c" + id + ":" + sql.toUpperCase());
                    }
                }

                final class Lease implements AutoCloseable {
                    final Conn conn;
                    boolean closed;
                    Lease(Conn c) { conn = c; log.add("lease c" + c.id); }
                    @Override public void close() {
                        if (closed) return;
                        closed = true;
                        release(conn);
                    }
                }

                @Async
                Task<Lease> acquire() {
                    Conn c = idle.pollFirst();
                    if (c == null && created < max) c = new Conn();
                    if (c == null) {
                        var f = new CompletableFuture<Conn>();
                        waiters.addLast(f);
                        log.add("wait " + waiters.size());
                        c = await(f);
                    }
                    return Task.of(new Lease(c));
                }

                void release(Conn c) {
                    log.add("release c" + c.id);
                    var w = waiters.pollFirst();
                    if (w != null) w.complete(c); else idle.addFirst(c);
                }
            }

            @Async
            static Task<String> work(Pool pool, String sql) {
                Pool.Lease lease = await(pool.acquire());
                try {
                    String r = await(lease.conn.query(sql));
                    return Task.of(r);
                } catch (IllegalStateException e) {
                    return Task.of("err(" + e.getMessage() + ")");
                } finally {
                    await(get(0));
                    lease.close();
                }
            }

            @Async
            static Task<String> run() {
                List<String> log = new ArrayList<>();
                Pool pool = new Pool(2, log);
                List<String> rs = new ArrayList<>();
                for (String q : List.of("select a", "select boom", "update b", "delete c"))
                    rs.add(await(work(pool, q)));
                try (Pool.Lease outer = await(pool.acquire())) {
                    rs.add(await(work(pool, "inner " + outer.conn.id)));
                    outer.close();
                    rs.add(await(outer.conn.query("after close")));
                }
                try (var l = await(pool.acquire()); var m = await(pool.acquire())) {
                    log.add("both " + l.conn.id + m.conn.id + " uses " + (l.conn.uses + m.conn.uses));
                }
                return Task.of(rs + " " + log + " idle=" + pool.idle.size());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anLruCacheWithAsyncLoadersAndAnAnonymousEvictionListenerReadingAwaitedFinals(Mode mode) {
        // An access-ordered LinkedHashMap subclassed anonymously in a constructor (its initializer block and
        // removeEldestEntry read the constructor's parameters), an eviction listener that is an anonymous
        // class with a final field set in an instance initializer from locals assigned by awaits, a loader
        // Function<? super K, ? extends Task<? extends V>>, a Map<K, Task<V>> of loads in flight.
        assertEquals("10,20,10,30,20,40,10,100 loads=7 h/m=2/7 [#2:bb=20(size>2), #2:a=10(size>2), "
                + "#2:ccc=30(size>2), #2:bb=20(size>2), #2:dddd=40(size>2)]",
                compile("LruCache", LRU_CACHE).run(mode, "run"));
    }

    private static final String LRU_CACHE = """
            interface EvictionListener<K, V> { void evicted(K key, V value, String why); }

            static final class AsyncLru<K, V> {
                private final LinkedHashMap<K, V> map;
                private final Map<K, Task<V>> loading = new HashMap<>();
                int hits, misses;

                AsyncLru(int capacity, EvictionListener<? super K, ? super V> listener) {
                    map = new LinkedHashMap<K, V>(16, 0.75f, true) {
                        { hits = -1; hits++; }
                        @Override protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                            boolean out = size() > capacity;
                            if (out) listener.evicted(eldest.getKey(), eldest.getValue(), "size>" + capacity);
                            return out;
                        }
                    };
                }

                @Async
                Task<V> get(K key, Function<? super K, ? extends Task<? extends V>> loader) {
                    V v = map.get(key);
                    if (v != null) { hits++; return Task.of(v); }
                    misses++;
                    Task<V> pending = loading.get(key);
                    if (pending != null) return Task.of(await(pending));
                    Task<V> t = loadAndPut(key, loader);
                    if (!t.isDone()) loading.put(key, t);
                    return Task.of(await(t));
                }

                @Async
                private Task<V> loadAndPut(K key, Function<? super K, ? extends Task<? extends V>> loader) {
                    try {
                        V v = await(loader.apply(key));
                        map.put(key, v);
                        return Task.of(v);
                    } finally {
                        loading.remove(key);
                    }
                }
            }

            @Async
            static Task<String> run() {
                List<String> evictions = new ArrayList<>();
                final int cap = await(get(2));
                final String tag = await(get("#"));
                int[] loads = {0};
                AsyncLru<String, Integer> lru = new AsyncLru<>(cap, new EvictionListener<Object, Number>() {
                    final String prefix;
                    { prefix = tag + cap; }
                    @Override public void evicted(Object k, Number v, String why) {
                        evictions.add(prefix + ":" + k + "=" + v + "(" + why + ")");
                    }
                });
                Function<String, Task<Integer>> loader = k -> { loads[0]++; return get(k.length() * 10); };
                var sb = new StringBuilder();
                for (String k : "a bb a ccc bb dddd a".split(" ")) {
                    sb.append(await(lru.get(k, loader))).append(',');
                }
                Task<Integer> x = lru.get("eeeee", loader);
                sb.append(await(x) + await(lru.get("eeeee", loader)));
                return Task.of(sb + " loads=" + loads[0] + " h/m=" + lru.hits + "/" + lru.misses + " " + evictions);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRecursiveDescentJsonParserAwaitingEachChunk(Mode mode) {
        // A JSON parser over chunks that arrive by awaits: char peeks, a do/while whose condition awaits, a
        // switch expression over escape characters whose \\u arm loops over awaited hex digits, a sealed
        // hierarchy of records and an enum, a checked exception with a field, recursion for nested values.
        assertEquals("{a=[1,2.5,-3],b={c='xA\n"
                + "y'},d=[true,null,[]]} | error@6: expected , or ] got @ at 6 | error@4: "
                + "unterminated string at 4 | error@5: bad literal nope at 5",
                compile("JsonParser", JSON_PARSER).run(mode, "run"));
    }

    private static final String JSON_PARSER = """
            sealed interface Json permits JNum, JStr, JArr, JObj, JLit {}
            record JNum(double v) implements Json {}
            record JStr(String s) implements Json {}
            record JArr(List<Json> items) implements Json {}
            record JObj(Map<String, Json> fields) implements Json {}
            enum JLit implements Json { TRUE, FALSE, NULL }

            static final class ParseError extends Exception {
                final int offset;
                ParseError(String msg, int offset) { super(msg + " at " + offset); this.offset = offset; }
            }

            static final class ChunkReader {
                private final Iterator<String> chunks;
                private String buf = "";
                private int pos, base;
                ChunkReader(List<String> cs) { chunks = cs.iterator(); }

                @Async
                Task<Character> peek() {
                    while (pos >= buf.length()) {
                        if (!chunks.hasNext()) return Task.of('\\0');
                        base += buf.length();
                        buf = await(get(chunks.next()));
                        pos = 0;
                    }
                    return Task.of(buf.charAt(pos));
                }

                @Async
                Task<Character> next() {
                    char c = await(peek());
                    if (c != '\\0') pos++;
                    return Task.of(c);
                }

                int offset() { return base + pos; }
            }

            static final class Parser {
                final ChunkReader in;
                int depth;
                Parser(ChunkReader in) { this.in = in; }

                @Async
                Task<Character> skipWs() {
                    char c;
                    while (Character.isWhitespace(c = await(in.peek()))) await(in.next());
                    return Task.of(c);
                }

                @Async
                Task<Json> value() throws ParseError {
                    char c = await(skipWs());
                    switch (c) {
                        case '{': return Task.of(await(object()));
                        case '[': {
                            await(in.next());
                            List<Json> items = new ArrayList<>();
                            depth++;
                            if (await(skipWs()) == ']') { await(in.next()); depth--; return Task.of(new JArr(items)); }
                            do {
                                items.add(await(value()));
                            } while (await(expectEither(',', ']')) == ',');
                            depth--;
                            return Task.of(new JArr(items));
                        }
                        case '"': return Task.of(new JStr(await(string())));
                        case 't': case 'f': case 'n': {
                            StringBuilder w = new StringBuilder();
                            while (Character.isLetter(await(in.peek()))) w.append((char) await(in.next()));
                            switch (w.toString()) {
                                case "true": return Task.of(JLit.TRUE);
                                case "false": return Task.of(JLit.FALSE);
                                case "null": return Task.of(JLit.NULL);
                                default: throw new ParseError("bad literal " + w, in.offset());
                            }
                        }
                        default:
                            if (c == '-' || c >= '0' && c <= '9') {
                                long whole = 0; int sign = 1; double frac = 0, scale = 1;
                                if (c == '-') { sign = -1; await(in.next()); }
                                while ((c = await(in.peek())) >= '0' && c <= '9') { whole = whole * 10 + (c - '0'); await(in.next()); }
                                if (c == '.') {
                                    await(in.next());
                                    while ((c = await(in.peek())) >= '0' && c <= '9') { scale /= 10; frac += (c - '0') * scale; await(in.next()); }
                                }
                                return Task.of(new JNum(sign * (whole + frac)));
                            }
                            throw new ParseError("unexpected '" + c + "' (" + (int) c + ")", in.offset());
                    }
                }

                @Async
                Task<Character> expectEither(char a, char b) throws ParseError {
                    char c = await(skipWs());
                    if (c != a && c != b) throw new ParseError("expected " + a + " or " + b + " got " + c, in.offset());
                    await(in.next());
                    return Task.of(c);
                }

                @Async
                Task<JObj> object() throws ParseError {
                    await(in.next());
                    Map<String, Json> fields = new LinkedHashMap<>();
                    if (await(skipWs()) == '}') { await(in.next()); return Task.of(new JObj(fields)); }
                    do {
                        if (await(skipWs()) != '"') throw new ParseError("key expected", in.offset());
                        String k = await(string());
                        await(expectEither(':', ':'));
                        fields.put(k, await(value()));
                    } while (await(expectEither(',', '}')) == ',');
                    return Task.of(new JObj(fields));
                }

                @Async
                Task<String> string() throws ParseError {
                    await(in.next());
                    StringBuilder sb = new StringBuilder();
                    for (char c; (c = await(in.next())) != '"'; ) {
                        if (c == '\\0') throw new ParseError("unterminated string", in.offset());
                        if (c == '\\\\') {
                            char e = await(in.next());
                            sb.append(switch (e) {
                                case 'n' -> '\\n';
                                case 't' -> '\\t';
                                case 'u' -> {
                                    int code = 0;
                                    for (int i = 0; i < 4; i++) code = code * 16 + Character.digit(await(in.next()), 16);
                                    yield (char) code;
                                }
                                default -> e;
                            });
                        } else sb.append(c);
                    }
                    return Task.of(sb.toString());
                }
            }

            static String show(Json j) {
                if (j instanceof JNum n) return n.v() == Math.rint(n.v()) ? String.valueOf((long) n.v()) : String.valueOf(n.v());
                if (j instanceof JStr s) return "'" + s.s() + "'";
                if (j instanceof JArr a) { StringJoiner sj = new StringJoiner(",", "[", "]"); for (Json x : a.items()) sj.add(show(x)); return sj.toString(); }
                if (j instanceof JObj o) { StringJoiner sj = new StringJoiner(",", "{", "}"); o.fields().forEach((k, v) -> sj.add(k + "=" + show(v))); return sj.toString(); }
                return j.toString().toLowerCase();
            }

            @Async
            static Task<String> parse(List<String> chunks) {
                try {
                    return Task.of(show(await(new Parser(new ChunkReader(chunks)).value())));
                } catch (ParseError e) {
                    return Task.of("error@" + e.offset + ": " + e.getMessage());
                }
            }

            @Async
            static Task<String> run() {
                String a = await(parse(List.of("{\\"a\\": [1, 2.", "5, -3], \\"b\\":", " {\\"c\\": \\"x\\\\u0041\\\\ny\\"}, \\"d\\": [tr", "ue, null, []]}")));
                String b = await(parse(List.of("[1, 2", " @]")));
                String c = await(parse(List.of("\\"abc")));
                String d = await(parse(List.of("[nope]")));
                return Task.of(a + " | " + b + " | " + c + " | " + d);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRetryingClientWithABuilderAndAGenericDecoderChainingCauses(Mode mode) {
        // A builder-made client whose generic send(url, Decoder<? extends T>) retries 5xx and 429 with
        // exponential sleeps, chains each failed attempt as the next one's cause, wraps a decoder's checked
        // exception; a generic record Response<T>; explicit type arguments and lambdas that throw.
        assertEquals("200 11 {x=1,2}\n"
                + "404@2 429@1r \n"
                + "HTTP 200 for /c (attempt 1) <- IOException: cannot decode 10\n"
                + "[/a#1=503, /a#2=500, /a#3=200, /b#1=429, /b#2=404, /c#1=200]",
                compile("HttpClient", HTTP_CLIENT).run(mode, "run"));
    }

    private static final String HTTP_CLIENT = """
            static class HttpException extends RuntimeException {
                final int status;
                final String url;
                final int attempt;
                HttpException(String url, int status, int attempt, Throwable cause) {
                    super("HTTP " + status + " for " + url + " (attempt " + attempt + ")", cause);
                    this.status = status; this.url = url; this.attempt = attempt;
                }
                boolean retryable() { return status >= 500 || status == 429; }
            }

            record Response<T>(int status, T body, Map<String, String> headers) {}

            interface Decoder<T> { T decode(String raw) throws Exception; }

            static final class Client {
                final Map<String, Deque<Integer>> script;
                final List<String> trace = new ArrayList<>();
                final int maxAttempts;
                final long backoff;
                final Map<String, String> defaults;

                private Client(Builder b) { script = b.script; maxAttempts = b.maxAttempts; backoff = b.backoff; defaults = Map.copyOf(b.headers); }

                static Builder builder() { return new Builder(); }

                static final class Builder {
                    private final Map<String, Deque<Integer>> script = new HashMap<>();
                    private final Map<String, String> headers = new TreeMap<>();
                    private int maxAttempts = 1;
                    private long backoff;
                    Builder respond(String url, Integer... statuses) { script.put(url, new ArrayDeque<>(List.of(statuses))); return this; }
                    Builder header(String k, String v) { headers.merge(k, v, (a, b) -> a + "," + b); return this; }
                    Builder retries(int n) { maxAttempts = n + 1; return this; }
                    Builder backoff(long ms) { backoff = ms; return this; }
                    Client build() { return new Client(this); }
                }

                @Async
                private Task<Response<String>> once(String url, int attempt) {
                    await(get(null));
                    Deque<Integer> q = script.getOrDefault(url, new ArrayDeque<>());
                    int status = q.isEmpty() ? 404 : q.size() == 1 ? q.peek() : q.poll();
                    trace.add(url + "#" + attempt + "=" + status);
                    return Task.of(new Response<>(status, "body of " + url, defaults));
                }

                @Async
                <T> Task<Response<T>> send(String url, Decoder<? extends T> decoder) {
                    HttpException last = null;
                    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                        if (attempt > 1) await(sleep(backoff * (1L << (attempt - 2))));
                        Response<String> raw = await(once(url, attempt));
                        if (raw.status() / 100 == 2) {
                            try {
                                T body = decoder.decode(raw.body());
                                return Task.of(new Response<>(raw.status(), body, raw.headers()));
                            } catch (Exception e) {
                                throw new HttpException(url, raw.status(), attempt, e);
                            }
                        }
                        last = new HttpException(url, raw.status(), attempt, last);
                        if (!last.retryable()) break;
                    }
                    throw last;
                }
            }

            @Async
            static Task<String> run() {
                Client c = Client.builder().respond("/a", 503, 500, 200).respond("/b", 429, 404).respond("/c", 200)
                        .header("x", "1").header("x", "2").retries(3).backoff(2).build();
                StringBuilder out = new StringBuilder();
                Response<Integer> a = await(c.<Integer>send("/a", String::length));
                out.append(a.status()).append(' ').append(a.body() + 1).append(' ').append(a.headers()).append('\\n');
                try {
                    await(c.send("/b", raw -> raw));
                } catch (HttpException e) {
                    for (Throwable t = e; t != null; t = t.getCause())
                        out.append(t instanceof HttpException h ? h.status + "@" + h.attempt + (h.retryable() ? "r " : " ") : "? ");
                    out.append('\\n');
                }
                try {
                    Response<List<Integer>> bad = await(c.send("/c", raw -> { throw new java.io.IOException("cannot decode " + raw.length()); }));
                    out.append(bad);
                } catch (HttpException e) {
                    out.append(e.getMessage()).append(" <- ").append(e.getCause().getClass().getSimpleName()).append(": ").append(e.getCause().getMessage());
                }
                return Task.of(out + "\\n" + c.trace);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anActorDrainingItsMailboxOfSealedMessagesAndCompletingReplyFutures(Mode mode) {
        // An actor loop over an AsyncQueue of sealed record messages: replies through CompletableFutures the
        // sender awaits afterwards, a labeled break on Stop, messages after Stop left for the next run.
        assertEquals("true false 200 [+500 ann, -300 bob, !300 cid, +50 dan, stop:done after "
                + "6, +1 late, stop:again after 2] true",
                compile("ActorMailbox", ACTOR_MAILBOX).run(mode, "run"));
    }

    private static final String ACTOR_MAILBOX = """
            sealed interface Msg permits Deposit, Withdraw, Balance, Stop {}
            record Deposit(String who, long cents) implements Msg {}
            record Withdraw(String who, long cents, CompletableFuture<Boolean> ok) implements Msg {}
            record Balance(CompletableFuture<Long> reply) implements Msg {}
            record Stop(String reason) implements Msg {}

            static final class Account {
                private final io.jawait.sync.AsyncQueue<Msg> mailbox = new io.jawait.sync.AsyncQueue<>();
                private long balance;
                private final List<String> journal = new ArrayList<>();

                void tell(Msg m) { mailbox.offer(m); }

                @Async
                Task<List<String>> loop() {
                    int handled = 0;
                    loop:
                    while (true) {
                        Msg m = await(mailbox.take());
                        handled++;
                        if (m instanceof Deposit d) {
                            await(get(d.cents()));
                            balance += d.cents();
                            journal.add("+" + d.cents() + " " + d.who());
                        } else if (m instanceof Withdraw w) {
                            boolean ok = balance >= w.cents();
                            if (ok) balance -= await(get(w.cents()));
                            journal.add((ok ? "-" : "!") + w.cents() + " " + w.who());
                            w.ok().complete(ok);
                        } else if (m instanceof Balance b) {
                            b.reply().complete(balance);
                        } else if (m instanceof Stop s) {
                            journal.add("stop:" + s.reason() + " after " + handled);
                            break loop;
                        }
                    }
                    return Task.of(journal);
                }
            }

            @Async
            static Task<String> run() {
                Account acc = new Account();
                acc.tell(new Deposit("ann", 500));
                var w1 = new CompletableFuture<Boolean>();
                var w2 = new CompletableFuture<Boolean>();
                acc.tell(new Withdraw("bob", 300, w1));
                acc.tell(new Withdraw("cid", 300, w2));
                var bal = new CompletableFuture<Long>();
                acc.tell(new Balance(bal));
                acc.tell(new Deposit("dan", 50));
                acc.tell(new Stop("done"));
                acc.tell(new Deposit("late", 1));
                List<String> journal = await(acc.loop());
                boolean r1 = await(w1), r2 = await(w2);
                long b = await(bal);
                acc.tell(new Stop("again"));
                List<String> again = await(acc.loop());
                return Task.of(r1 + " " + r2 + " " + b + " " + journal + " " + (again == journal));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSagaRunningCompensationsInReverseWhenAStepFails(Mode mode) {
        // A saga: a deque of Runnables (made before each step's await, run after) popped in reverse when a
        // step fails, a failing compensation added as suppressed, a finally that logs commit or rollback,
        // steps as anonymous classes capturing the factory's parameters.
        assertEquals("[A, B] | saga failed at w / w refused / [undone, undone] / [cannot undo "
                + "y] | [do a, do b, commit, do x, do y, do z, do w, undo z, undo y, undo "
                + "x, rollback w]",
                compile("Saga", SAGA).run(mode, "run"));
    }

    private static final String SAGA = """
            interface Step { String name(); Task<String> act(); Runnable undo(); }

            static class SagaFailed extends RuntimeException {
                final List<String> compensated;
                SagaFailed(String step, Throwable cause, List<String> compensated) {
                    super("saga failed at " + step, cause);
                    this.compensated = compensated;
                }
            }

            @Async
            static Task<List<String>> saga(List<Step> steps, List<String> log) {
                Deque<Runnable> compensations = new ArrayDeque<>();
                List<String> results = new ArrayList<>();
                boolean ok = false;
                String current = "none";
                try {
                    for (Step s : steps) {
                        current = s.name();
                        Runnable undo = s.undo();
                        results.add(await(s.act()));
                        compensations.push(undo);
                    }
                    ok = true;
                    return Task.of(results);
                } catch (RuntimeException e) {
                    List<String> done = new ArrayList<>();
                    SagaFailed f = new SagaFailed(current, e, done);
                    while (!compensations.isEmpty()) {
                        Runnable r = compensations.pop();
                        try {
                            await(get(r));
                            r.run();
                            done.add("undone");
                        } catch (RuntimeException ce) {
                            f.addSuppressed(ce);
                        }
                    }
                    throw f;
                } finally {
                    log.add(ok ? "commit" : "rollback " + current);
                }
            }

            static Step step(String name, List<String> log, boolean fails, boolean undoFails) {
                return new Step() {
                    public String name() { return name; }
                    public Task<String> act() {
                        log.add("do " + name);
                        return fails ? fail(new IllegalStateException(name + " refused")) : get(name.toUpperCase());
                    }
                    public Runnable undo() {
                        return () -> {
                            log.add("undo " + name);
                            if (undoFails) throw new UnsupportedOperationException("cannot undo " + name);
                        };
                    }
                };
            }

            @Async
            static Task<String> run() {
                List<String> log = new ArrayList<>();
                List<String> first = await(saga(List.of(step("a", log, false, false), step("b", log, false, false)), log));
                String second;
                try {
                    await(saga(List.of(step("x", log, false, false), step("y", log, false, true), step("z", log, false, false), step("w", log, true, false)), log));
                    second = "?";
                } catch (SagaFailed e) {
                    second = e.getMessage() + " / " + e.getCause().getMessage() + " / " + e.compensated + " / "
                            + Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList();
                }
                return Task.of(first + " | " + second + " | " + log);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPaginatedIteratorFetchingPagesOnDemandThroughAGenericSource(Mode mode) {
        // A pager whose @Async hasNext() fetches pages (some empty) until one has items, a generic collect
        // with a limit, and next() throwing NoSuchElementException on an exhausted pager.
        assertEquals("21 4 [#1, #2, #3, #4] 3 call hasNext first",
                compile("Paging", PAGING).run(mode, "run"));
    }

    private static final String PAGING = """
            record Page<T>(List<T> items, String next) {}

            interface PageSource<T> { Task<Page<T>> fetch(String token); }

            static final class Pager<T> {
                private final PageSource<T> source;
                private String token = "";
                private Iterator<T> current = Collections.emptyIterator();
                private boolean exhausted;
                int pagesFetched;

                Pager(PageSource<T> source) { this.source = source; }

                @Async
                Task<Boolean> hasNext() {
                    while (!current.hasNext()) {
                        if (exhausted) return Task.of(false);
                        Page<T> p = await(source.fetch(token));
                        pagesFetched++;
                        current = p.items().iterator();
                        if (p.next() == null) exhausted = true; else token = p.next();
                    }
                    return Task.of(true);
                }

                T next() {
                    if (!current.hasNext()) throw new NoSuchElementException("call hasNext first");
                    return current.next();
                }

                @Async
                <R> Task<List<R>> collect(Function<? super T, ? extends R> f, int limit) {
                    List<R> out = new ArrayList<>();
                    while (out.size() < limit && await(hasNext())) out.add(f.apply(next()));
                    return Task.of(out);
                }
            }

            @Async
            static Task<String> run() {
                Map<String, Page<Integer>> pages = Map.of(
                        "", new Page<>(List.of(1, 2), "p2"),
                        "p2", new Page<>(List.of(), "p3"),
                        "p3", new Page<>(List.of(3, 4, 5), "p4"),
                        "p4", new Page<>(List.of(6), null));
                PageSource<Integer> src = tok -> get(pages.get(tok));
                Pager<Integer> all = new Pager<>(src);
                int sum = 0;
                while (await(all.hasNext())) sum += all.next();
                Pager<Integer> some = new Pager<>(src);
                List<String> first4 = await(some.collect(i -> "#" + i, 4));
                Pager<Integer> empty = new Pager<>(t -> get(new Page<>(List.<Integer>of(), null)));
                String err;
                try {
                    err = "" + (await(empty.hasNext()) ? empty.next() : empty.next());
                } catch (NoSuchElementException e) {
                    err = e.getMessage();
                }
                return Task.of(sum + " " + all.pagesFetched + " " + first4 + " " + some.pagesFetched + " " + err);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBatcherFlushingFullBatchesToAFailingBackend(Mode mode) {
        // A batcher that flushes when a batch is full (and sleeps between flushes), completes each caller's
        // CompletableFuture from the batch's result or failure; the caller awaits the CompletionStages.
        assertEquals("[1, 2, 3, E:batch [dddd, bad, ee], E:batch [dddd, bad, ee], E:batch [dddd, "
                + "bad, ee], 1] [3, 3, 1]",
                compile("Batching", BATCHING).run(mode, "run"));
    }

    private static final String BATCHING = """
            static final class Batcher<T, R> {
                private final int maxBatch;
                private final Function<List<T>, Task<List<R>>> backend;
                private final List<T> pending = new ArrayList<>();
                private final List<CompletableFuture<R>> replies = new ArrayList<>();
                final List<Integer> batchSizes = new ArrayList<>();
                private long nextSlot;
                private final long interval;

                Batcher(int maxBatch, long interval, Function<List<T>, Task<List<R>>> backend) {
                    this.maxBatch = maxBatch; this.interval = interval; this.backend = backend;
                }

                @Async
                Task<CompletionStage<R>> submit(T item) {
                    var reply = new CompletableFuture<R>();
                    pending.add(item);
                    replies.add(reply);
                    if (pending.size() >= maxBatch) await(flush());
                    return Task.of(reply);
                }

                @Async
                Task<Void> flush() {
                    if (pending.isEmpty()) return Task.done();
                    List<T> batch = List.copyOf(pending);
                    List<CompletableFuture<R>> rs = List.copyOf(replies);
                    pending.clear();
                    replies.clear();
                    batchSizes.add(batch.size());
                    long now = nextSlot;
                    nextSlot = now + interval;
                    if (now > 0) await(sleep(interval));
                    try {
                        List<R> results = await(backend.apply(batch));
                        for (int i = 0; i < rs.size(); i++) rs.get(i).complete(results.get(i));
                    } catch (RuntimeException e) {
                        rs.forEach(r -> r.completeExceptionally(e));
                    }
                    return Task.done();
                }
            }

            @Async
            static Task<String> run() {
                Batcher<String, Integer> b = new Batcher<>(3, 1, items -> {
                    if (items.contains("bad")) return fail(new IllegalArgumentException("batch " + items));
                    List<Integer> out = new ArrayList<>();
                    for (String s : items) out.add(s.length());
                    return get(out);
                });
                List<CompletionStage<Integer>> ts = new ArrayList<>();
                for (String s : "a bb ccc dddd bad ee f".split(" ")) ts.add(await(b.submit(s)));
                await(b.flush());
                List<String> rs = new ArrayList<>();
                for (CompletionStage<Integer> t : ts) {
                    try { rs.add("" + await(t)); } catch (IllegalArgumentException e) { rs.add("E:" + e.getMessage()); }
                }
                return Task.of(rs + " " + b.batchSizes);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventSourcingOverASealedHierarchyOfRecordsWithOptimisticVersions(Mode mode) {
        // Event sourcing: a sealed interface of records with a default method, a State record folding them,
        // a store whose append checks the expected version (ConcurrentModificationException), commands as a
        // switch expression with a yielding block, replay that detects a gap.
        assertEquals("[opened@1, credited@2, debited(ok) credited@4, debited(refused 70)@5, @5, "
                + "bad bogus, acc: expected v1 but is v5, gap before Closed[seq=99], closed@6] "
                + "State[owner=ACC, balance=37, open=false, version=6]",
                compile("EventSourcing", EVENT_SOURCING).run(mode, "run"));
    }

    private static final String EVENT_SOURCING = """
            sealed interface Event permits Opened, Credited, Debited, Closed {
                long seq();
                default String kind() { return getClass().getSimpleName().toLowerCase(); }
            }
            record Opened(long seq, String owner) implements Event {}
            record Credited(long seq, long amount) implements Event {}
            record Debited(long seq, long amount, String memo) implements Event {}
            record Closed(long seq) implements Event {}

            record State(String owner, long balance, boolean open, int version) {
                static final State EMPTY = new State(null, 0, false, 0);
                State apply(Event e) {
                    if (e instanceof Opened o) return new State(o.owner(), 0, true, version + 1);
                    if (e instanceof Credited c) return new State(owner, balance + c.amount(), open, version + 1);
                    if (e instanceof Debited d) return new State(owner, balance - d.amount(), open, version + 1);
                    return new State(owner, balance, false, version + 1);
                }
            }

            static final class Store {
                final Map<String, List<Event>> streams = new TreeMap<>();
                @Async
                Task<Long> append(String id, int expectedVersion, List<? extends Event> events) {
                    List<Event> s = streams.computeIfAbsent(id, k -> new ArrayList<>());
                    await(get(events.size()));
                    if (s.size() != expectedVersion) throw new ConcurrentModificationException(id + ": expected v" + expectedVersion + " but is v" + s.size());
                    s.addAll(events);
                    return Task.of((long) s.size());
                }
                @Async
                Task<List<Event>> load(String id) {
                    return Task.of(List.copyOf(await(get(streams.getOrDefault(id, List.of())))));
                }
            }

            @Async
            static Task<State> replay(Store store, String id) {
                State st = State.EMPTY;
                for (Event e : await(store.load(id))) {
                    if (e.seq() != st.version() + 1) throw new IllegalStateException("gap before " + e);
                    st = st.apply(e);
                }
                return Task.of(st);
            }

            @Async
            static Task<String> handle(Store store, String id, String cmd, long amount) {
                State s = await(replay(store, id));
                long next = s.version() + 1;
                List<Event> out = switch (cmd) {
                    case "open" -> s.open() ? List.of() : List.of(new Opened(next, id.toUpperCase()));
                    case "credit" -> List.of(new Credited(next, amount));
                    case "debit" -> {
                        if (s.balance() < amount) yield List.of(new Debited(next, 0, "refused " + amount));
                        yield List.of(new Debited(next, amount, "ok"), new Credited(next + 1, amount / 10));
                    }
                    case "close" -> List.of(new Closed(next));
                    default -> throw new IllegalArgumentException(cmd);
                };
                long v = await(store.append(id, s.version(), out));
                StringBuilder kinds = new StringBuilder();
                for (Event e : out) kinds.append(e.kind()).append(e instanceof Debited d ? "(" + d.memo() + ")" : "").append(' ');
                return Task.of(kinds.toString().trim() + "@" + v);
            }

            @Async
            static Task<String> run() {
                Store store = new Store();
                List<String> r = new ArrayList<>();
                r.add(await(handle(store, "acc", "open", 0)));
                r.add(await(handle(store, "acc", "credit", 100)));
                r.add(await(handle(store, "acc", "debit", 70)));
                r.add(await(handle(store, "acc", "debit", 70)));
                r.add(await(handle(store, "acc", "open", 0)));
                try { r.add(await(handle(store, "acc", "bogus", 0))); } catch (IllegalArgumentException e) { r.add("bad " + e.getMessage()); }
                try {
                    await(store.append("acc", 1, List.of(new Closed(2))));
                } catch (ConcurrentModificationException e) { r.add(e.getMessage()); }
                store.streams.get("acc").add(new Closed(99));
                try { await(replay(store, "acc")); } catch (IllegalStateException e) { r.add(e.getMessage()); }
                store.streams.get("acc").remove(store.streams.get("acc").size() - 1);
                r.add(await(handle(store, "acc", "close", 0)));
                return Task.of(r + " " + await(replay(store, "acc")));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void typeArgumentsInferredFromAwaitedValuesAndWildcardCaptures(Mode mode) {
        // Generic methods whose type arguments come from awaited values: List<? extends Number> passed to a
        // sum, a wildcard List<?> passed to a capture helper, a generic @Async method instantiated with an
        // awaited conditional of mixed boxes, List<? super Integer> sinks, Optional<? extends CharSequence>.
        assertEquals("11.5 9 [2, 9, 4] 2 ab+ab [1, 1] a=3 [x1, yy2, zzz3] [0, 1, 2] [3, 1.5, 7, 0, 1] dflt 5 2",
                compile("GenericInference", GENERIC_INFERENCE).run(mode, "run"));
    }

    private static final String GENERIC_INFERENCE = """
            static <T extends Comparable<? super T>> T max(Collection<? extends T> xs) {
                Iterator<? extends T> it = xs.iterator();
                T best = it.next();
                while (it.hasNext()) { T x = it.next(); if (x.compareTo(best) > 0) best = x; }
                return best;
            }
            static double sum(List<? extends Number> xs) { double s = 0; for (Number n : xs) s += n.doubleValue(); return s; }
            static <T> void swap(List<T> l, int i, int j) { T t = l.get(i); l.set(i, l.get(j)); l.set(j, t); }
            static void reverseAny(List<?> l) { for (int i = 0, j = l.size() - 1; i < j; i++, j--) swap(l, i, j); }
            static <K, V extends Comparable<V>> Map.Entry<K, V> top(Map<K, V> m) {
                return Collections.max(m.entrySet(), Map.Entry.comparingByValue());
            }
            static <T, R> List<R> mapAll(List<? extends T> xs, Function<? super T, ? extends R> f) {
                List<R> out = new ArrayList<>(); for (T x : xs) out.add(f.apply(x)); return out;
            }
            static <T> T firstNonNull(T a, T b) { return a != null ? a : b; }
            static void addInts(List<? super Integer> sink, int n) { for (int i = 0; i < n; i++) sink.add(i); }

            @Async
            static <T> Task<List<T>> twice(T x) { return Task.of(List.of(await(get(x)), x)); }

            @Async
            static Task<String> run() {
                List<? extends Number> nums = await(get(List.of(3, 1.5, 7L)));
                double s = sum(nums);
                var ints = await(get(new ArrayList<>(List.of(4, 9, 2))));
                Integer m = max(ints);
                reverseAny(ints);
                List<?> wild = await(get(ints));
                Object first = wild.get(0);
                var pairs = await(twice("ab"));
                String joined = String.join("+", pairs);
                var mixed = await(twice(await(get(1)) > 0 ? (Number) 1 : 2.0));
                Map<String, Integer> counts = new HashMap<>();
                for (String w : await(get("b a c a b a".split(" ")))) counts.merge(w, 1, Integer::sum);
                Map.Entry<String, Integer> t = top(await(get(counts)));
                List<String> lens = mapAll(await(get(List.of("x", "yy", "zzz"))), str -> str + str.length());
                List<Object> objs = new ArrayList<>();
                addInts(objs, await(get(3)));
                List<Number> numSink = new ArrayList<>(nums);
                addInts(numSink, await(get(2)));
                String fnn = firstNonNull(await(get((String) null)), "dflt");
                Comparable<?> c = firstNonNull(await(get(5)), "str");
                Optional<? extends CharSequence> opt = await(get(Optional.of(new StringBuilder("sb"))));
                int len = opt.map(CharSequence::length).orElse(-1);
                return Task.of(s + " " + m + " " + ints + " " + first + " " + joined + " " + mixed + " " + t + " " + lens
                        + " " + objs + " " + numSink + " " + fnn + " " + c + " " + len);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void arraysOfPrimitivesAndBoxesCharArithmeticAndPromotionInConditionals(Mode mode) {
        // int/Integer/long/char/double arrays with compound assignments whose index or value awaits, char
        // arithmetic, conditionals mixing char, int, Integer, Float and Long operands (their boxed classes),
        // byte shifts, overflow, NaN, floorMod, a null Integer element, a bad index, a covariant array store.
        assertEquals("[11, 3, 3][10, null, 28][0, 0, 33000000000]bdc198|7 Characterx Integer120 "
                + "Integer1 Characterq Float1.1 10.099999904632568 Infinity 2.1|-14 -14336 "
                + "15 1099511627776 195 ab z 14|npe Index 5 out of bounds for length 3 java.lang.Integer "
                + "-9223372036854775808 Infinity NaN 2 / by zero",
                compile("PrimitiveMix", PRIMITIVE_MIX).run(mode, "run"));
    }

    private static final String PRIMITIVE_MIX = """
            @Async
            static Task<String> run() {
                int[] ia = {1, 2, 3};
                Integer[] ba = {10, null, 30};
                long[] la = new long[3];
                char[] ca = "abc".toCharArray();
                double[] da = {0.5, 1.5};
                float f = 1.1f;
                StringBuilder out = new StringBuilder();
                ia[await(get(0))] += ba[0];
                ba[2] -= ia[await(get(1))]++;
                la[await(get(2))] = ia[0] * 1_000_000_000L * await(get(3));
                ca[await(get(1))] += await(get(2));
                ca[0]++;
                char c = ca[2];
                c *= 2;
                out.append(Arrays.toString(ia)).append(Arrays.toString(ba)).append(Arrays.toString(la)).append(new String(ca)).append((int) c).append('|');
                int i = await(get(7));
                long l = i > 5 ? i : 2L;
                Object o1 = i > 5 ? 'x' : 0;
                Object o2 = i > 5 ? 'x' : i;
                Object o3 = i > 5 ? await(get(1)) : 2.5f;
                Object o4 = i < 5 ? (Integer) null : await(get('q'));
                Object o5 = i > 5 ? f : await(get(3L));
                double d = i / 2 + i / 2.0 + (f += await(get(1))) + da[i % 2];
                da[1] /= await(get(0));
                out.append(l).append(' ').append(o1.getClass().getSimpleName()).append(o1).append(' ')
                   .append(o2.getClass().getSimpleName()).append(o2).append(' ')
                   .append(o3.getClass().getSimpleName()).append(o3).append(' ')
                   .append(o4.getClass().getSimpleName()).append(o4).append(' ')
                   .append(o5.getClass().getSimpleName()).append(o5).append(' ')
                   .append(d).append(' ').append(da[1]).append(' ').append(f).append('|');
                byte b = (byte) (int) await(get(200));
                b >>= 1;
                b >>>= await(get(1));
                short sh = (short) (b << 10);
                int shifted = -1 >>> await(get(28));
                long lshift = 1L << await(get(40));
                out.append(b).append(' ').append(sh).append(' ').append(shifted).append(' ').append(lshift).append(' ')
                   .append('a' + 'b').append(' ').append("" + 'a' + 'b').append(' ').append((char) ('a' + await(get(25)))).append(' ')
                   .append(Character.getNumericValue(await(get('7'))) * 2).append('|');
                try {
                    ba[1] += await(get(5));
                } catch (NullPointerException e) {
                    out.append("npe ");
                }
                try {
                    ia[await(get(5))] = 1;
                } catch (ArrayIndexOutOfBoundsException e) {
                    out.append(e.getMessage()).append(' ');
                }
                try {
                    Object[] objs = new String[1];
                    objs[0] = await(get(1));
                } catch (ArrayStoreException e) {
                    out.append(e.getMessage()).append(' ');
                }
                long big = Long.MAX_VALUE;
                big += await(get(1));
                int div = await(get(0));
                out.append(big).append(' ').append(5.0 / div).append(' ').append(0.0 / div).append(' ').append(Math.floorMod(-7, await(get(3))));
                try { out.append(5 / div); } catch (ArithmeticException e) { out.append(' ').append(e.getMessage()); }
                return Task.of(out.toString());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void staticNestedInnerLocalAndAnonymousClassesExtendingEachOtherAcrossAwaits(Mode mode) {
        // A static nested class extended by an inner class, extended by a local class capturing an awaited
        // final, extended by a second local class, extended by an anonymous class; an anonymous subclass of
        // the static nested class; qualified this.new Inner(await(..)); an outer field changed between.
        assertEquals("Loc3/In6/SN/Base(static:inner6)/changed\n"
                + "Anon(34)/L2:4/Loc3/In6/SN/Base(static:inner6)/changed\n"
                + "static:x1/SN/Base(static:x)\n"
                + "In9/SN/Base(static:inner9)/changed\n"
                + "Loc3/In6/SN/Base(static:inner6)/changed\n"
                + "truetrue",
                compile("ClassKinds", CLASS_KINDS).run(mode, "run"));
    }

    private static final String CLASS_KINDS = """
            static class Base {
                final String name;
                Base(String name) { this.name = name; }
                String describe() { return "Base(" + name + ")"; }
            }
            static class StaticNested extends Base {
                StaticNested(String n) { super("static:" + n); }
                @Override String describe() { return "SN/" + super.describe(); }
            }
            class Inner extends StaticNested {
                final int k;
                Inner(int k) { super("inner" + k); this.k = k; }
                @Override String describe() { return "In" + k + "/" + super.describe() + "/" + outerName; }
            }
            String outerName = "outer";

            @Async
            Task<String> go(int seed) {
                final int a = await(get(seed));
                class Local extends Inner {
                    Local() { super(a * 2); }
                    @Override String describe() { return "Loc" + a + "/" + super.describe(); }
                }
                Local l1 = new Local();
                int b = await(get(a + 1));
                class Local2 extends Local {
                    final int bb = b;
                    @Override String describe() { return "L2:" + bb + "/" + super.describe(); }
                }
                Base anon = new Local2() {
                    @Override String describe() { return "Anon(" + a + b + ")/" + super.describe(); }
                };
                outerName = await(get("changed"));
                String bang = await(get("!"));
                Base anon2 = new StaticNested("x") {
                    String extra = name + bang.length();
                    @Override String describe() { return extra + "/" + super.describe(); }
                };
                Inner viaQualified = this.new Inner(await(get(9)));
                Local l3 = new Local();
                return Task.of(l1.describe() + "\\n" + anon.describe() + "\\n" + anon2.describe() + "\\n" + viaQualified.describe()
                        + "\\n" + l3.describe() + "\\n" + (anon instanceof Local) + (anon.getClass().getSuperclass() == Local2.class));
            }

            @Async
            static Task<String> run() {
                return Task.of(await(new ClassKinds().go(3)));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void instanceInitializersOfAnonymousClassesReadAwaitedFinals(Mode mode) {
        // Anonymous classes whose instance initializer blocks read finals assigned by awaits, an abstract
        // superclass whose constructor calls an overridden method before the subclass's fields are set,
        // anonymous classes created in a loop capturing each iteration's awaited value.
        assertEquals("10 16 22.700000000000003 [init ctr@10, ctr@10=16, init() sees cachedW=0.0 "
                + "w=2.0, rect init -1.0 r2.0, circle 1 r=1.0, circle 2 r=2.0]",
                compile("AnonInit", ANON_INIT).run(mode, "run"));
    }

    private static final String ANON_INIT = """
            interface Counter { int next(); String state(); }
            abstract static class Shape {
                final String id;
                Shape(String id) { this.id = id; init(); }
                abstract void init();
                abstract double area();
            }

            @Async
            static Task<String> run() {
                final int start = await(get(10));
                final String label = await(get("ctr"));
                List<String> trace = new ArrayList<>();
                Counter c = new Counter() {
                    int n;
                    final String tag;
                    {
                        n = start;
                        tag = label + "@" + start;
                        trace.add("init " + tag);
                    }
                    public int next() { return n++; }
                    public String state() { return tag + "=" + n; }
                };
                int a = c.next();
                int step = await(get(5));
                for (int i = 0; i < step; i++) c.next();
                trace.add(c.state());
                final double w = await(get(2.0)), h = await(get(3.5));
                Shape rect = new Shape("r" + w) {
                    double cachedW = -1;
                    { trace.add("rect init " + cachedW + " " + id); }
                    @Override void init() { trace.add("init() sees cachedW=" + cachedW + " w=" + w); }
                    @Override double area() { return w * h; }
                };
                List<Shape> shapes = new ArrayList<>(List.of(rect));
                for (int k = 1; k <= 2; k++) {
                    final int kk = k;
                    double r = await(get(k * 1.0));
                    shapes.add(new Shape("c" + kk) {
                        @Override void init() { trace.add("circle " + kk + " r=" + r); }
                        @Override double area() { return Math.floor(Math.PI * r * r * 100) / 100; }
                    });
                }
                double total = 0;
                for (Shape s : shapes) total += await(get(s.area()));
                return Task.of(a + " " + c.next() + " " + total + " " + trace);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lambdasAndMethodReferencesMadeBeforeAnAwaitAreInvokedAfterIt(Mode mode) {
        // Method references (bound to a StringBuilder, to this, to another instance, static, constructor,
        // array constructor) and composed functions made before awaits and invoked after them, so they see
        // state the awaits changed; per-iteration captures of awaited values; comparators composed before.
        assertEquals("sb [sb-x!, <QV>, 5, 4, oz, 1, 2, 5, [a, cc, bb, ddd]]",
                compile("LambdasBefore", LAMBDAS_BEFORE).run(mode, "run"));
    }

    private static final String LAMBDAS_BEFORE = """
            static String tag(String s) { return "<" + s + ">"; }
            String prefix = "p";
            String pre(String s) { return prefix + s; }

            @Async
            Task<String> go() {
                StringBuilder sb = new StringBuilder("sb");
                Supplier<String> sup = sb::toString;
                Function<String, String> t = LambdasBefore::tag;
                Function<String, String> bound = this::pre;
                UnaryOperator<String> up = String::toUpperCase;
                Function<String, String> chain = t.andThen(up).compose(bound);
                BiFunction<Integer, Integer, Integer> add = Integer::sum;
                Supplier<List<String>> mk = ArrayList::new;
                IntFunction<int[]> arr = int[]::new;
                Runnable r = () -> sb.append("!");
                String before = sup.get();
                await(get(null));
                sb.append(await(get("-x")));
                prefix = await(get("q"));
                r.run();
                List<String> l = mk.get();
                l.add(sup.get());
                l.add(chain.apply(await(get("v"))));
                l.add("" + add.apply(await(get(2)), await(get(3))));
                int[] a = arr.apply(await(get(4)));
                l.add("" + a.length);
                LambdasBefore other = new LambdasBefore();
                Function<String, String> otherBound = other::pre;
                other.prefix = await(get("o"));
                l.add(otherBound.apply("z"));
                List<Supplier<Integer>> sups = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int j = await(get(i * i));
                    sups.add(() -> j + 1);
                }
                for (Supplier<Integer> s : sups) l.add("" + await(get(s.get())));
                Comparator<String> byLen = Comparator.comparing(String::length);
                Comparator<String> cmp = byLen.thenComparing(Comparator.reverseOrder());
                List<String> words = new ArrayList<>(List.of("bb", "a", "cc", "ddd"));
                await(get(0));
                words.sort(cmp);
                l.add(words.toString());
                return Task.of(before + " " + l);
            }

            @Async
            static Task<String> run() { return Task.of(await(new LambdasBefore().go())); }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void switchExpressionsNestedInSwitchStatementsWithLabeledContinueAndBreak(Mode mode) {
        // Switch expressions nested in a colon-form switch statement inside a labeled loop, a yielding block
        // that assigns the loop variable, continue and break of the outer and an inner labeled loop from
        // arrow cases, awaits in arms, conditions and the loop body.
        assertEquals("1012 [1:1, 2:2, sign+, +:1, depth1@3, paren 3..7, (:1004, ;:0, sign-, -:-1, 5:5]",
                compile("NestedSwitch", NESTED_SWITCH).run(mode, "run"));
    }

    private static final String NESTED_SWITCH = """
            enum Kind { NUM, OP, PAREN, END }

            static Kind kindOf(char c) {
                return Character.isDigit(c) ? Kind.NUM : c == '(' || c == ')' ? Kind.PAREN : c == ';' ? Kind.END : Kind.OP;
            }

            @Async
            static Task<String> run() {
                String src = "12+(3*4);-5;;x70";
                List<String> out = new ArrayList<>();
                int score = 0;
                outer:
                for (int i = 0; i < src.length(); i++) {
                    char c = await(get(src.charAt(i)));
                    Kind k = kindOf(c);
                    int delta;
                    switch (k) {
                        case NUM:
                            int v = c - '0';
                            if (v == 0) continue outer;
                            delta = switch (v % 3) {
                                case 0 -> v * await(get(10));
                                case 1 -> v;
                                default -> {
                                    int w = await(get(v));
                                    yield w > 5 ? -w : w;
                                }
                            };
                            break;
                        case OP:
                            if (c == 'x') { out.add("skip " + c); continue; }
                            delta = switch (c) {
                                case '+', '-' -> { out.add("sign" + c); yield c == '+' ? 1 : -1; }
                                case '*' -> 100;
                                default -> throw new IllegalStateException("op " + c);
                            };
                            break;
                        case PAREN: {
                            int depth = 0, found = -1;
                            scan:
                            for (int j = i; j < src.length(); j++) {
                                switch (src.charAt(j)) {
                                    case '(' -> depth++;
                                    case ')' -> { if (--depth == 0) { found = j; break scan; } }
                                    default -> { continue scan; }
                                }
                                out.add("depth" + depth + "@" + await(get(j)));
                            }
                            out.add("paren " + i + ".." + found);
                            delta = switch (found - i) {
                                case 0, 1 -> 0;
                                default -> {
                                    int len = found - i;
                                    i = found;
                                    yield await(get(len + 1000));
                                }
                            };
                            break;
                        }
                        default:
                            if (out.size() > 8) break outer;
                            delta = 0;
                    }
                    score += delta;
                    out.add(c + ":" + delta);
                }
                return Task.of(score + " " + out);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tryCatchFinallyNestedThreeDeepWithAwaitsInEveryPart(Mode mode) {
        // try/catch/finally nested three deep with awaits in each try, catch and finally: a checked
        // exception, an awaited failure, an early return, a finally that throws, a nested try in a finally,
        // each mode through every level.
        assertEquals("0=normal0 [t1, t2 0, t3 body ok, f3 0, after t3, f2, f2 finally done, after "
                + "t2, f1]\n"
                + "1=c1-RuntimeException [t1, t2 1, f3 10, c2 m1, f2, f2 finally done, c1 "
                + "java.lang.RuntimeException: wrap <- m1, f1]\n"
                + "2=normal2 [t1, t2 2, c3 m2!, f3 20, c2 from c3, c2 swallowed, f2, f2 finally "
                + "done, after t2, f1]\n"
                + "3=early3 [t1, t2 3, t3 body ok, f3 30, f2, f2 finally done, f1]\n"
                + "4=c1-ArithmeticException [t1, t2 4, t3 body ok, f3 40, f2, f2 finally done, "
                + "c1 java.lang.ArithmeticException: f3 throws, f1]\n"
                + "5=normal5 [t1, t2 5, t3 body ok, f3 50, after t3, f2, f2 caught f2 inner, "
                + "f2 finally done, after t2, f1]\n"
                + "6=normal6 [t1, t2 6, t3 body ok, f3 60, after t3, f2, f2 finally done, "
                + "after t2, f1]\n",
                compile("TripleTry", TRIPLE_TRY).run(mode, "run"));
    }

    private static final String TRIPLE_TRY = """
            static class Oops extends Exception {
                Oops(String m) { super(m); }
            }

            @Async
            static Task<String> level(int mode, List<String> log) throws Oops {
                try {
                    log.add("t1");
                    try {
                        log.add("t2 " + await(get(mode)));
                        try {
                            if (mode == 1) throw new Oops("m1");
                            if (mode == 2) await(fail(new IllegalStateException("m2")));
                            log.add("t3 body " + await(get("ok")));
                            if (mode == 3) return Task.of("early3");
                        } catch (IllegalStateException e) {
                            log.add("c3 " + e.getMessage() + await(get("!")));
                            if (mode == 2) throw new Oops("from c3");
                        } finally {
                            log.add("f3 " + await(get(mode * 10)));
                            if (mode == 4) throw new ArithmeticException("f3 throws");
                        }
                        log.add("after t3");
                    } catch (Oops e) {
                        log.add("c2 " + e.getMessage());
                        await(get(null));
                        if (mode == 1) throw new RuntimeException("wrap", e);
                        log.add("c2 swallowed");
                    } finally {
                        log.add("f2");
                        try {
                            await(mode == 5 ? fail(new Oops("f2 inner")) : get(0));
                        } catch (Exception e) {
                            log.add("f2 caught " + e.getMessage());
                        } finally {
                            log.add("f2 finally " + await(get("done")));
                        }
                    }
                    log.add("after t2");
                    return Task.of("normal" + mode);
                } catch (RuntimeException e) {
                    log.add("c1 " + e + (e.getCause() != null ? " <- " + e.getCause().getMessage() : ""));
                    return Task.of("c1-" + await(get(e.getClass().getSimpleName())));
                } finally {
                    log.add("f1");
                    if (mode == 6) await(get("f1await"));
                }
            }

            @Async
            static Task<String> run() {
                StringBuilder sb = new StringBuilder();
                for (int mode = 0; mode <= 6; mode++) {
                    List<String> log = new ArrayList<>();
                    String r;
                    try {
                        r = await(level(mode, log));
                    } catch (Oops e) {
                        r = "oops " + e.getMessage();
                    }
                    sb.append(mode).append('=').append(r).append(' ').append(log).append('\\n');
                }
                return Task.of(sb.toString());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void customExceptionsWithFieldsCausesAndSuppressedAcrossAwaits(Mode mode) {
        // Checked exceptions with fields (a context map filled fluently, a mutable retry count), subclasses
        // caught in order, suppressed exceptions added after an await, causes chained, a ClassCastException
        // of an awaited Object.
        assertEquals("[ok 6, nf zz E404:no zz{op=update, delta=1} true, cf 2 E409:negative b{} "
                + "cause=delta -10 supp=[E000:note{when=now}], ok 0, cce, E1:top{} <- E404:no "
                + "deep{x=1} <- ] {a=0, b=2}",
                compile("CustomExceptions", CUSTOM_EXCEPTIONS).run(mode, "run"));
    }

    private static final String CUSTOM_EXCEPTIONS = """
            static class AppException extends Exception {
                final String code;
                final Map<String, Object> context = new LinkedHashMap<>();
                AppException(String code, String msg, Throwable cause) { super(msg, cause); this.code = code; }
                AppException with(String k, Object v) { context.put(k, v); return this; }
                @Override public String toString() { return code + ":" + getMessage() + context; }
            }
            static class NotFound extends AppException {
                final String key;
                NotFound(String key) { super("E404", "no " + key, null); this.key = key; }
            }
            static final class Conflict extends AppException {
                int retries;
                Conflict(String msg, Throwable cause) { super("E409", msg, cause); }
            }

            static Map<String, Integer> db;

            @Async
            static Task<Integer> find(String key) throws NotFound {
                Integer v = await(get(db.get(key)));
                if (v == null) throw new NotFound(key);
                return Task.of(v);
            }

            @Async
            static Task<Integer> update(String key, int delta) throws AppException {
                try {
                    int v = await(find(key));
                    if (v + delta < 0) {
                        Conflict c = new Conflict("negative " + key, new IllegalArgumentException("delta " + delta));
                        c.retries = await(get(3));
                        throw c;
                    }
                    db.put(key, v + delta);
                    return Task.of(v + delta);
                } catch (NotFound e) {
                    throw e.with("op", "update").with("delta", delta);
                } catch (Conflict e) {
                    e.retries--;
                    e.addSuppressed(new AppException("E000", "note", null).with("when", await(get("now"))));
                    throw e;
                }
            }

            @Async
            static Task<String> run() {
                db = new HashMap<>(Map.of("a", 1, "b", 2));
                List<String> out = new ArrayList<>();
                for (Object[] op : new Object[][] {{"a", 5}, {"zz", 1}, {"b", -10}, {"a", -6}}) {
                    try {
                        out.add("ok " + await(update((String) op[0], (Integer) op[1])));
                    } catch (NotFound e) {
                        out.add("nf " + e.key + " " + e + " " + (e instanceof AppException));
                    } catch (Conflict e) {
                        out.add("cf " + e.retries + " " + e + " cause=" + e.getCause().getMessage() + " supp=" + Arrays.toString(e.getSuppressed()));
                    } catch (AppException e) {
                        out.add("app " + e);
                    }
                }
                try {
                    Object o = await(get((Object) "str"));
                    Integer bad = (Integer) o;
                    out.add("?" + bad);
                } catch (ClassCastException e) {
                    out.add("cce");
                }
                Throwable chain = new AppException("E1", "top", new NotFound("deep").with("x", await(get(1))));
                StringBuilder sb = new StringBuilder();
                for (Throwable t = chain; t != null; t = t.getCause()) sb.append(t).append(" <- ");
                out.add(sb.toString());
                return Task.of(out + " " + new TreeMap<>(db));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void iteratorsModifiedDuringIterationFailAsTheyDoWithoutAwaits(Mode mode) {
        // Collections modified while iterated across awaits: ConcurrentModificationException from an
        // ArrayList, a HashMap and an ArrayDeque, the removal at the penultimate element that escapes it,
        // Iterator.remove, ListIterator.set/add and its IllegalStateException, CopyOnWriteArrayList, List.of.
        assertEquals("[cme1 [1, 3, 4], penultimate [1, 3], cme2 4, removed [4], li [-4, 40], "
                + "ise, cme3 [1, 2, 11], cow [1, 2, 100, 200], uoe null]",
                compile("Cme", CME).run(mode, "run"));
    }

    private static final String CME = """
            @Async
            static Task<String> run() {
                List<String> out = new ArrayList<>();
                List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4));
                try {
                    for (Integer x : list) {
                        if (await(get(x)) == 2) list.remove(x);
                    }
                    out.add("no cme " + list);
                } catch (ConcurrentModificationException e) {
                    out.add("cme1 " + list);
                }
                List<Integer> l2 = new ArrayList<>(List.of(1, 2, 3));
                for (Integer x : l2) {
                    if (await(get(x)) == 2) l2.remove(x);
                }
                out.add("penultimate " + l2);
                Map<String, Integer> m = new HashMap<>(Map.of("a", 1, "b", 2, "c", 3));
                try {
                    for (var e : m.entrySet()) {
                        m.put(e.getKey() + await(get("x")), e.getValue());
                    }
                } catch (ConcurrentModificationException e) {
                    out.add("cme2 " + m.size());
                }
                Iterator<Integer> it = list.iterator();
                while (it.hasNext()) {
                    int v = it.next();
                    if (await(get(v % 2)) == 1) it.remove();
                }
                out.add("removed " + list);
                ListIterator<Integer> li = list.listIterator();
                while (li.hasNext()) {
                    int v = li.next();
                    li.set(-v);
                    li.add(await(get(v * 10)));
                }
                out.add("li " + list);
                try {
                    li.set(await(get(5)));
                } catch (IllegalStateException e) {
                    out.add("ise");
                }
                Deque<Integer> dq = new ArrayDeque<>(List.of(1, 2));
                try {
                    for (int x : dq) dq.addLast(await(get(x + 10)));
                } catch (ConcurrentModificationException e) {
                    out.add("cme3 " + dq);
                }
                List<Integer> cow = new CopyOnWriteArrayList<>(List.of(1, 2));
                for (int x : cow) cow.add(await(get(x * 100)));
                out.add("cow " + cow);
                List<Integer> unmod = List.of(1);
                try { unmod.add(await(get(2))); } catch (UnsupportedOperationException e) { out.add("uoe " + e.getMessage()); }
                return Task.of(out.toString());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void thisEscapingFromConstructorsAndAsyncMethodsIntoRegistriesAndInnerClasses(Mode mode) {
        // this escaping from a constructor into a static registry and a lambda field, from @Async methods
        // into a map and through an awaited value, peer.new Child(await(..)), Outer.this fields written by an
        // inner class's @Async method.
        assertEquals("c1:hi?:x got hi #11:x | p1:yo?:y got yo #11:y | true 11/11 | 2 [x, y] [registered "
                + "[x], child c1 of x] [registered [x, y], child p1 of y]",
                compile("ThisEscape", THIS_ESCAPE).run(mode, "run"));
    }

    private static final String THIS_ESCAPE = """
            static final List<Object> REGISTRY = new ArrayList<>();
            interface Listener { String on(String ev); }

            final String name;
            int seen;
            final List<String> log = new ArrayList<>();
            final Listener self;

            ThisEscape(String name) {
                this.name = name;
                REGISTRY.add(this);
                self = ev -> this.name + " got " + ev + " #" + (++seen);
            }

            class Child {
                final String id;
                Child(String id) { this.id = id; log.add("child " + id + " of " + name); }
                @Async
                Task<String> ask(String q) {
                    String a = await(get(q + "?"));
                    ThisEscape.this.seen += 10;
                    return Task.of(id + ":" + a + ":" + self.on(q) + ":" + ThisEscape.this.name);
                }
            }

            @Async
            Task<ThisEscape> register(Map<String, ThisEscape> byName) {
                byName.put(await(get(name)), this);
                log.add("registered " + byName.keySet());
                return Task.of(this);
            }

            @Async
            Task<String> chat(ThisEscape peer) {
                Child c = new Child(await(get("c1")));
                Child pc = peer.new Child(await(get("p1")));
                String a = await(c.ask("hi"));
                String b = await(pc.ask("yo"));
                ThisEscape me = await(get(this));
                return Task.of(a + " | " + b + " | " + (me == this) + " " + me.seen + "/" + peer.seen);
            }

            @Async
            static Task<String> run() {
                REGISTRY.clear();
                Map<String, ThisEscape> byName = new TreeMap<>();
                ThisEscape x = await(new ThisEscape("x").register(byName));
                ThisEscape y = await(await(get(new ThisEscape("y"))).register(byName));
                String talk = await(x.chat(y));
                return Task.of(talk + " | " + REGISTRY.size() + " " + byName.keySet() + " " + x.log + " " + y.log);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recursionThroughAnInterfacesAsyncDefaultAndRecordImplementations(Mode mode) {
        // An expression tree of records implementing an interface with an @Async default method, recursing
        // through the interface (a let binding, short circuit, a 500-deep chain, errors), and fib through a
        // functional interface whose implementation calls an @Async static method with itself.
        assertEquals("[let x=(3+4) in (x*let y=2 in (y+x))=63, deep=500, short=0, unknown=5, "
                + "NoSuchElementException:unbound z, ArithmeticException:/ by zero, IllegalArgumentException:op "
                + "%, fib=610]",
                compile("InterfaceRecursion", INTERFACE_RECURSION).run(mode, "run"));
    }

    private static final String INTERFACE_RECURSION = """
            interface Expr {
                @Async
                default Task<Long> eval(Map<String, Long> env) {
                    return Task.of(await(get(0L)));
                }
                String show();
            }
            record Lit(long v) implements Expr {
                @Async
                public Task<Long> eval(Map<String, Long> env) { return Task.of(await(get(v))); }
                public String show() { return Long.toString(v); }
            }
            record Var(String n) implements Expr {
                @Async
                public Task<Long> eval(Map<String, Long> env) {
                    Long v = await(get(env.get(n)));
                    if (v == null) throw new NoSuchElementException("unbound " + n);
                    return Task.of(v);
                }
                public String show() { return n; }
            }
            record Bin(char op, Expr l, Expr r) implements Expr {
                @Async
                public Task<Long> eval(Map<String, Long> env) {
                    long a = await(l.eval(env));
                    if (op == '&' && a == 0) return Task.of(0L);
                    long b = await(r.eval(env));
                    return Task.of(switch (op) {
                        case '+' -> a + b;
                        case '*' -> a * b;
                        case '/' -> a / b;
                        case '&' -> b != 0 ? 1L : 0L;
                        default -> throw new IllegalArgumentException("op " + op);
                    });
                }
                public String show() { return "(" + l.show() + op + r.show() + ")"; }
            }
            record Let(String n, Expr v, Expr body) implements Expr {
                @Async
                public Task<Long> eval(Map<String, Long> env) {
                    Map<String, Long> inner = new HashMap<>(env);
                    inner.put(n, await(v.eval(env)));
                    return body.eval(inner);
                }
                public String show() { return "let " + n + "=" + v.show() + " in " + body.show(); }
            }
            record Unknown() implements Expr { public String show() { return "?"; } }

            interface Fib { Task<Long> fib(int n); }

            @Async
            static Task<Long> fibVia(Fib self, int n) {
                if (n < 2) return Task.of((long) n);
                return Task.of(await(self.fib(n - 1)) + await(self.fib(n - 2)));
            }

            @Async
            static Task<String> run() {
                Expr e = new Let("x", new Bin('+', new Lit(3), new Lit(4)),
                        new Bin('*', new Var("x"), new Let("y", new Lit(2), new Bin('+', new Var("y"), new Var("x")))));
                List<String> out = new ArrayList<>();
                out.add(e.show() + "=" + await(e.eval(Map.of())));
                Expr deep = new Lit(1);
                for (int i = 0; i < 500; i++) deep = new Bin('+', deep, new Lit(i % 3));
                out.add("deep=" + await(deep.eval(Map.of())));
                out.add("short=" + await(new Bin('&', new Lit(0), new Var("nope")).eval(Map.of())));
                out.add("unknown=" + await(new Bin('+', new Unknown(), new Lit(5)).eval(Map.of())));
                for (Expr bad : List.of(new Var("z"), new Bin('/', new Lit(1), new Lit(0)), new Bin('%', new Lit(1), new Lit(1)))) {
                    try { out.add("?" + await(bad.eval(Map.of()))); }
                    catch (RuntimeException ex) { out.add(ex.getClass().getSimpleName() + ":" + ex.getMessage()); }
                }
                Fib[] holder = new Fib[1];
                holder[0] = n -> fibVia(holder[0], n);
                out.add("fib=" + await(holder[0].fib(15)));
                return Task.of(out.toString());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void interfaceStaticPrivateAndDefaultAsyncMethodsOfAGenericCodec(Mode mode) {
        // A generic interface with an @Async static method, an @Async default calling an @Async private
        // method, a private static helper, an anonymous implementation from a static factory, an enum
        // implementing it that overrides a default.
        assertEquals("[255, 16, 7] a,b green/red [RED, GREEN] [ab, c,d] separator in y,z",
                compile("InterfaceStatics", INTERFACE_STATICS).run(mode, "run"));
    }

    private static final String INTERFACE_STATICS = """
            interface Codec<T> {
                String encode(T t);
                T decode(String s);

                @Async
                static <T> Task<List<T>> roundTrip(Codec<T> c, List<? extends T> xs) {
                    List<T> out = new ArrayList<>();
                    for (T x : xs) out.add(c.decode(await(get(c.encode(x)))));
                    return Task.of(out);
                }

                @Async
                default Task<String> encodeAll(List<? extends T> xs) {
                    StringJoiner j = new StringJoiner(sep());
                    for (T x : xs) j.add(await(checked(x)));
                    return Task.of(j.toString());
                }

                @Async
                private Task<String> checked(T x) {
                    String s = encode(await(get(x)));
                    if (s.contains(sep())) throw new IllegalArgumentException("separator in " + s);
                    return Task.of(s);
                }

                private static String defaultSep() { return ","; }
                default String sep() { return defaultSep(); }

                static <T> Codec<T> of(Function<T, String> enc, Function<String, T> dec) {
                    return new Codec<>() {
                        public String encode(T t) { return enc.apply(t); }
                        public T decode(String s) { return dec.apply(s); }
                    };
                }
            }

            interface Named { String name(); }
            enum Color implements Named, Codec<Color> {
                RED, GREEN;
                public String encode(Color c) { return c.name().toLowerCase(); }
                public Color decode(String s) { return valueOf(s.toUpperCase()); }
                @Override public String sep() { return "/"; }
            }

            @Async
            static Task<String> run() {
                Codec<Integer> hex = Codec.of(Integer::toHexString, s -> Integer.parseInt(s, 16));
                List<Integer> back = await(Codec.roundTrip(hex, List.of(255, 16, 7)));
                String all = await(hex.encodeAll(List.of(10, 11)));
                String colors = await(Color.RED.encodeAll(List.of(Color.GREEN, Color.RED)));
                List<Color> cs = await(Codec.roundTrip(Color.GREEN, EnumSet.allOf(Color.class).stream().toList()));
                var strs = await(Codec.roundTrip(Codec.<String>of(s -> s + s, s -> s.substring(s.length() / 2)), List.of("ab", "c,d")));
                String err;
                try {
                    err = await(Codec.<String>of(s -> s, s -> s).encodeAll(List.of("x", "y,z")));
                } catch (IllegalArgumentException e) {
                    err = e.getMessage();
                }
                return Task.of(back + " " + all + " " + colors + " " + cs + " " + strs + " " + err);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void varForAnonymousTypesLambdaParametersResourcesAndLoopsAcrossAwaits(Mode mode) {
        // var everywhere: a var of an anonymous class type whose fields and methods are used across awaits
        // (also one holding a lambda that writes its field), var lambda parameters, var in for and for-each
        // loops over awaited lists, a var resource, a var list of anonymous objects.
        assertEquals("[p12, [a=1, bb=2, ccc=3], t6, g13, s6, 89nine, c2, oo, V]",
                compile("VarEverywhere", VAR_EVERYWHERE).run(mode, "run"));
    }

    private static final String VAR_EVERYWHERE = """
            @Async
            static Task<String> run() {
                var out = new ArrayList<String>();
                var point = new Object() {
                    int x = 1, y = 2;
                    int sum() { return x + y; }
                };
                point.x = await(get(10));
                out.add("p" + point.sum());
                var pairs = new ArrayList<Map.Entry<String, Integer>>();
                for (var w : await(get(List.of("a", "bb", "ccc")))) {
                    var e = Map.entry(w, await(get(w.length())));
                    pairs.add(e);
                }
                out.add(pairs.toString());
                var total = 0L;
                for (var i = 0; i < pairs.size(); i++) total += await(get(pairs.get(i).getValue()));
                out.add("t" + total);
                BiFunction<Integer, Integer, Integer> f = (var a, var b) -> a * b;
                var g = f.andThen(r -> r + 1);
                out.add("g" + g.apply(await(get(3)), 4));
                var arr = new int[][] {{1}, {2, 3}};
                var sum = 0;
                for (var row : arr) for (var v : row) sum += await(get(v));
                out.add("s" + sum);
                var sb = new StringBuilder();
                try (var sc = new Scanner(await(get("7 8 nine")))) {
                    while (sc.hasNextInt()) sb.append(sc.nextInt() + await(get(1)));
                    sb.append(sc.next());
                }
                out.add(sb.toString());
                var counter = new Object() {
                    int n;
                    Runnable inc = () -> n++;
                };
                counter.inc.run();
                await(get(null));
                counter.inc.run();
                out.add("c" + counter.n);
                var list = List.of(new Object() { String tag = "t1"; }, new Object() { String tag = "t2"; });
                var tags = new StringBuilder();
                for (var o : list) tags.append(o.hashCode() != 0 ? "o" : "z");
                out.add(tags.toString());
                var opt = Optional.of(await(get("v")));
                var mapped = opt.map(String::toUpperCase).orElseThrow();
                out.add(mapped);
                return Task.of(out.toString());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localClassesDeclaredBeforeAwaitsCaptureFinalsAndAreUsedAfter(Mode mode) {
        // Local classes declared before awaits that capture finals and effectively final locals, one
        // extending another, one capturing a local assigned by an await, created after awaits and in loops;
        // a supplier of them made before an await; a local interface and pattern-matching visitor.
        assertEquals("sq3.0=12.0! t1/sq2.0/3=7.0! t2/sq4.0/3=19.0! | 403.0 403.0 | S(3.0)T(t1)T(t2)",
                compile("LocalClassCaptures", LOCAL_CLASS_CAPTURES).run(mode, "run"));
    }

    private static final String LOCAL_CLASS_CAPTURES = """
            interface Shape { double area(); String name(); }

            @Async
            static Task<String> run() {
                final double scale = 2.0;
                int offset = 3;
                class Sq implements Shape {
                    final double side;
                    Sq(double s) { side = s * scale; }
                    public double area() { return side * side + offset; }
                    public String name() { return "sq" + side; }
                }
                class Tagged extends Sq {
                    final String tag;
                    Tagged(double s, String tag) { super(s); this.tag = tag; }
                    @Override public String name() { return tag + "/" + super.name() + "/" + offset; }
                }
                Sq a = new Sq(await(get(1.5)));
                String suffix = await(get("!"));
                class Wrapper {
                    final List<Shape> items = new ArrayList<>();
                    Wrapper add(Shape s) { items.add(s); return this; }
                    String render() {
                        StringBuilder sb = new StringBuilder();
                        for (Shape s : items) sb.append(s.name()).append('=').append(s.area()).append(suffix).append(' ');
                        return sb.toString().trim();
                    }
                }
                Wrapper w = new Wrapper().add(a);
                for (int i = 1; i <= 2; i++) {
                    String tag = "t" + await(get(i));
                    w.add(new Tagged(i, tag));
                }
                Supplier<Sq> maker = () -> new Sq(10);
                double before = maker.get().area();
                await(get(null));
                Shape made = maker.get();
                interface Visitor { String visit(Shape s); }
                Visitor v = s -> s instanceof Tagged t ? "T(" + t.tag + ")" : s instanceof Sq q ? "S(" + q.side + ")" : "?";
                StringBuilder vs = new StringBuilder();
                for (Shape s : w.items) vs.append(v.visit(await(get(s))));
                return Task.of(w.render() + " | " + before + " " + made.area() + " | " + vs);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fieldsShadowedByParametersAndLocalsAcrossAwaits(Mode mode) {
        // Fields shadowed by parameters, locals in nested blocks and loop variables, this.x and Outer.this.x
        // written with compound assignments whose right side awaits, a static nested class's field shadowing
        // the outer class's.
        assertEquals("field param+ newparam+ 196 129 21,2,43,20,12,129 106/106/100",
                compile("Shadowing", SHADOWING).run(mode, "run"));
    }

    private static final String SHADOWING = """
            static int count = 100;
            int value = 1;
            String name = "field";

            class Inner {
                int value = 2;
                @Async
                Task<String> show(int value) {
                    int before = value;
                    value = await(get(value + 1));
                    String r = value + "," + this.value + "," + Shadowing.this.value + "," + before;
                    this.value += await(get(10));
                    Shadowing.this.value *= await(get(3));
                    return Task.of(r + "," + this.value + "," + Shadowing.this.value);
                }
            }

            static class Nested {
                static int count = 7;
                @Async
                static Task<String> counts() {
                    int count = await(get(-1));
                    count += Nested.count + Shadowing.count;
                    Nested.count = await(get(count));
                    return Task.of(count + "/" + Nested.count + "/" + Shadowing.count);
                }
            }

            @Async
            Task<String> go(String name) {
                String fieldName = this.name;
                name = name + await(get("+"));
                this.name = await(get("new" + name));
                {
                    int value = await(get(42));
                    this.value += value;
                }
                int value = await(get(-5));
                for (int count = 0; count < 2; count++) value += count + Shadowing.count;
                String s = await(new Inner().show(await(get(20))));
                return Task.of(fieldName + " " + name + " " + this.name + " " + value + " " + this.value + " " + s + " " + await(Nested.counts()));
            }

            @Async
            static Task<String> run() {
                Nested.count = 7;
                return Task.of(await(new Shadowing().go("param")));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void outerSuperAndInterfaceSuperCallsFromInnerClassesAcrossAwaits(Mode mode) {
        // Dog.super.speak() (the @Async method of the superclass of the enclosing instance) and
        // Dog.super.sound() from an inner class's @Async method, Loud.super.shout() of an @Async default,
        // super calls of an @Async override, virtual dispatch through a cast.
        assertEquals("woof|...|wagwag|dog:woof|WOOF!/LOUD/... || WOOF!/LOUD/... dog:woofwoof",
                compile("OuterSuper", OUTER_SUPER).run(mode, "run"));
    }

    private static final String OUTER_SUPER = """
            static class Animal {
                String sound() { return "..."; }
                @Async
                Task<String> speak(int times) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < times; i++) sb.append(await(get(sound())));
                    return Task.of(sb.toString());
                }
            }
            interface Loud {
                default String sound() { return "LOUD"; }
                @Async
                default Task<String> shout() { return Task.of(await(get(sound().toUpperCase())) + "!"); }
            }
            static class Dog extends Animal implements Loud {
                @Override public String sound() { return "woof"; }
                @Override
                @Async
                public Task<String> shout() {
                    String mine = await(Loud.super.shout());
                    return Task.of(mine + "/" + Loud.super.sound() + "/" + super.sound());
                }
                @Override
                @Async
                Task<String> speak(int times) {
                    String base = await(super.speak(times));
                    return Task.of("dog:" + base);
                }
                class Tail extends Animal {
                    @Override String sound() { return "wag"; }
                    @Async
                    Task<String> both() {
                        String outer = await(Dog.super.speak(1));
                        String outerSound = Dog.super.sound();
                        String mine = await(super.speak(2));
                        String dogs = await(Dog.this.speak(1));
                        String loud = await(Dog.this.shout());
                        return Task.of(outer + "|" + outerSound + "|" + mine + "|" + dogs + "|" + loud);
                    }
                }
            }

            @Async
            static Task<String> run() {
                Dog d = new Dog();
                Dog.Tail t = d.new Tail();
                return Task.of(await(t.both()) + " || " + await(d.shout()) + " " + await(((Animal) d).speak(2)));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamsCreatedBeforeAwaitsAndConsumedAfter(Mode mode) {
        // A stream made before an await and consumed after it (its lambda reading an awaited local), a
        // groupingBy into a TreeMap, an iterator over an IntStream across awaits, a consumed stream reused
        // (IllegalStateException), summary statistics, joining.
        assertEquals("[pad, pen] {ann=9.0, bob=7.25, cid=14.0} {ann=810, bob=653, cid=1260} 55 "
                + "ise 10/16 [cid,bob,ann] ink",
                compile("Streams", STREAMS).run(mode, "run"));
    }

    private static final String STREAMS = """
            record Order(String customer, String item, int qty, double price) {}

            @Async
            static Task<String> run() {
                List<Order> orders = await(get(List.of(
                        new Order("ann", "pen", 2, 1.5), new Order("bob", "ink", 1, 7.25),
                        new Order("ann", "pad", 3, 2.0), new Order("cid", "pen", 10, 1.4))));
                var stream = orders.stream().filter(o -> o.qty() > 1);
                int minQty = await(get(3));
                List<String> big = stream.filter(o -> o.qty() >= minQty).map(Order::item).toList();
                Map<String, Double> byCustomer = orders.stream().collect(
                        java.util.stream.Collectors.groupingBy(Order::customer, TreeMap::new,
                                java.util.stream.Collectors.summingDouble(o -> o.qty() * o.price())));
                double discount = await(get(0.1));
                Map<String, Long> rounded = new TreeMap<>();
                for (var e : byCustomer.entrySet()) rounded.put(e.getKey(), Math.round(await(get(e.getValue())) * (1 - discount) * 100));
                Iterator<Integer> squares = java.util.stream.IntStream.rangeClosed(1, 5).map(i -> i * i).boxed().iterator();
                int acc = 0;
                while (squares.hasNext()) acc += await(get(squares.next()));
                var used = orders.stream();
                used.count();
                String reuse;
                try {
                    reuse = "" + used.count() + await(get(1));
                } catch (IllegalStateException e) {
                    reuse = "ise";
                }
                var summary = orders.stream().mapToInt(Order::qty).summaryStatistics();
                await(get(summary));
                String joined = orders.stream().map(Order::customer).distinct().sorted(Comparator.reverseOrder())
                        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
                Optional<Order> priciest = orders.stream().max(Comparator.comparingDouble(Order::price));
                return Task.of(big + " " + byCustomer + " " + rounded + " " + acc + " " + reuse + " " + summary.getMax() + "/" + summary.getSum()
                        + " " + joined + " " + await(get(priciest.map(Order::item).orElse("-"))));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void charArithmeticInACaesarCipherAndFallThroughCountsAcrossAwaits(Mode mode) {
        // A Caesar cipher with char arithmetic and casts, char compound assignments (also one that wraps),
        // string concatenation of chars and ints around awaited values, a colon-form switch over chars that
        // falls through after an await.
        assertEquals("Kiopr, Arvoh-bbd! | Hello, World-xyz! | D 69 E Dx1ab 189 b 3/2/23 0 4",
                compile("CharCipher", CHAR_CIPHER).run(mode, "run"));
    }

    private static final String CHAR_CIPHER = """
            static char shift(char c, int k) {
                if (c >= 'a' && c <= 'z') return (char) ('a' + (c - 'a' + k + 26) % 26);
                if (c >= 'A' && c <= 'Z') return (char) ('A' + (c - 'A' + k + 26) % 26);
                return c;
            }

            @Async
            static Task<String> run() {
                String msg = await(get("Hello, World-xyz!"));
                char[] buf = msg.toCharArray();
                int key = await(get(3));
                for (int i = 0; i < buf.length; i++) buf[i] = shift(buf[i], key + await(get(i % 2)));
                String enc = new String(buf);
                StringBuilder dec = new StringBuilder();
                for (int i = 0; i < buf.length; i++) {
                    char c = buf[i];
                    c -= Character.isLetter(c) ? 0 : await(get(0));
                    dec.append(shift(c, -(key + i % 2)));
                }
                char c = 'A';
                c += await(get(2));
                c++;
                c *= 1;
                int asInt = c + await(get(1));
                char next = (char) (c + await(get(1)));
                String cat = "" + c + await(get('x')) + 1 + 'a' + (char) 98;
                int sum = c + await(get('x')) + 1;
                char hex = Character.forDigit(await(get(11)), 16);
                int digits = 0, upper = 0, other = 0;
                for (char ch : await(get("A1b2C3!?")).toCharArray()) {
                    switch (ch) {
                        case '0': case '1': case '2': case '3': digits++; break;
                        case '!': case '?': other += await(get(10));
                        default: if (Character.isUpperCase(ch)) upper++; else other++;
                    }
                }
                char max = Character.MAX_VALUE;
                max += await(get(1));
                String uni = "\\u00e9\\u4e2d" + (char) (0x1F600 >> 8) + Character.toChars(await(get(0x1F600))).length;
                return Task.of(enc + " | " + dec + " | " + c + " " + asInt + " " + next + " " + cat + " " + sum + " " + hex + " "
                        + digits + "/" + upper + "/" + other + " " + (int) max + " " + uni.length());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEventBusDispatchingByClassTokensThroughWildcardHandlers(Mode mode) {
        // An event bus of Map<Class<?>, List<Function<?, Task<String>>>>: a bounded generic registration
        // method, handlers called through an unchecked capture helper, an @Async method reference, dead
        // events, a List<? extends Ev> from an await.
        assertEquals("[[hi ann, audit], [audit, bye bob (spam)], [audit, tick 1]] [UserCreated, "
                + "UserDeleted, Tick, Tick, Tick] [Tick[n=2]] 4",
                compile("EventBus", EVENT_BUS).run(mode, "run"));
    }

    private static final String EVENT_BUS = """
            interface Ev {}
            record UserCreated(String name) implements Ev {}
            record UserDeleted(String name, String reason) implements Ev {}
            record Tick(long n) implements Ev {}

            static final class Bus {
                private final Map<Class<?>, List<Function<?, Task<String>>>> handlers = new LinkedHashMap<>();
                final List<String> dead = new ArrayList<>();

                <E extends Ev> Bus on(Class<E> type, Function<? super E, Task<String>> h) {
                    handlers.computeIfAbsent(type, k -> new ArrayList<>()).add(h);
                    return this;
                }

                @Async
                <E extends Ev> Task<List<String>> publish(E event) {
                    List<String> out = new ArrayList<>();
                    boolean any = false;
                    for (Map.Entry<Class<?>, List<Function<?, Task<String>>>> e : handlers.entrySet()) {
                        if (!e.getKey().isInstance(event)) continue;
                        any = true;
                        for (Function<?, Task<String>> h : e.getValue()) out.add(await(call(h, event)));
                    }
                    if (!any) dead.add(event.toString());
                    return Task.of(out);
                }

                @SuppressWarnings("unchecked")
                private static <T> Task<String> call(Function<?, Task<String>> h, T event) {
                    return ((Function<T, Task<String>>) h).apply(event);
                }
            }

            @Async
            static Task<String> greet(UserCreated u) { return Task.of("hi " + await(get(u.name()))); }

            @Async
            static Task<String> run() {
                List<String> audit = new ArrayList<>();
                Bus bus = new Bus()
                        .on(UserCreated.class, EventBus::greet)
                        .on(Ev.class, e -> { audit.add(e.getClass().getSimpleName()); return get("audit"); })
                        .on(UserDeleted.class, d -> get("bye " + d.name() + " (" + d.reason() + ")"))
                        .on(Tick.class, r -> get("tick " + r.n()));
                List<List<String>> results = new ArrayList<>();
                for (Ev e : List.<Ev>of(new UserCreated("ann"), new UserDeleted("bob", "spam"), new Tick(1))) {
                    results.add(await(bus.publish(e)));
                }
                Bus empty = new Bus();
                await(empty.publish(new Tick(2)));
                List<? extends Ev> evs = await(get(List.of(new Tick(3), new Tick(4))));
                int n = 0;
                for (Ev e : evs) n += await(bus.publish(e)).size();
                return Task.of(results + " " + audit + " " + empty.dead + " " + n);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void blankFinalsAssignedOnAwaitingBranchesAreCapturedByLambdasAndLocalClasses(Mode mode) {
        // Blank finals assigned in each branch of an if, a colon-form switch and a switch expression, some
        // by awaits, then captured by lambdas and a local class; a final assigned in an if whose else throws;
        // a do/while's last value captured; a for loop over an array element whose update awaits.
        assertEquals("zero:1:7 [zero17] one:20:2 [one202] many2:301:4 [many23014] L5 b3 b3 b3",
                compile("DefiniteAssignment", DEFINITE_ASSIGNMENT).run(mode, "run"));
    }

    private static final String DEFINITE_ASSIGNMENT = """
            @Async
            static Task<String> run() {
                List<Supplier<String>> sups = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    final int x;
                    if (round == 0) x = 1;
                    else if (round == 1) x = await(get(20));
                    else x = await(get(300)) + await(get(1));
                    String label;
                    switch (round) {
                        case 0: label = "zero"; break;
                        case 1: label = await(get("one")); break;
                        default: label = "many" + await(get(round));
                    }
                    final String y = label;
                    int z = switch (round) {
                        case 0 -> await(get(7));
                        default -> round * 2;
                    };
                    sups.add(() -> y + ":" + x + ":" + z);
                    class Show { String s() { return "[" + y + x + z + "]"; } }
                    Show sh = new Show();
                    await(get(null));
                    sups.add(sh::s);
                }
                final String late;
                boolean flag = await(get(true));
                if (flag) {
                    late = await(get("L"));
                } else {
                    throw new IllegalStateException();
                }
                Runnable check = () -> { if (late.isEmpty()) throw new AssertionError(); };
                check.run();
                int w;
                do {
                    w = await(get(5));
                } while (w < 0);
                int ww = w;
                sups.add(() -> late + ww);
                final int[] box = new int[1];
                for (box[0] = 0; box[0] < 3; box[0] += await(get(1))) sups.add(() -> "b" + box[0]);
                StringBuilder sb = new StringBuilder();
                for (Supplier<String> s : sups) sb.append(s.get()).append(' ');
                return Task.of(sb.toString().trim());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aGenericBinarySearchTreeWithAnInnerIteratorAndAsyncFold(Mode mode) {
        // A generic binary search tree: put awaits each comparison's key, an inner (non-static) iterator
        // class with a modification check, a generic @Async fold over the Iterable, a
        // ConcurrentModificationException when an await inserts while iterating, Tree<K, V>.It created
        // through a qualified new.
        assertEquals("fig=31 date=40 kiwi=40 pear=40 apple=50 banana=60 | fdkpab | 7 tree changed false",
                compile("BstIterator", BST_ITERATOR).run(mode, "run"));
    }

    private static final String BST_ITERATOR = """
            static final class Tree<K, V> implements Iterable<Map.Entry<K, V>> {
                static final class Node<K, V> {
                    final K key; V val; Node<K, V> left, right;
                    Node(K k, V v) { key = k; val = v; }
                }
                private Node<K, V> root;
                private final Comparator<? super K> cmp;
                int size, modCount;

                Tree(Comparator<? super K> cmp) { this.cmp = cmp; }

                @Async
                Task<V> put(K key, V val) {
                    Node<K, V> n = root, parent = null;
                    int c = 0;
                    while (n != null) {
                        c = cmp.compare(key, await(get(n.key)));
                        if (c == 0) { V old = n.val; n.val = val; return Task.of(old); }
                        parent = n;
                        n = c < 0 ? n.left : n.right;
                    }
                    Node<K, V> fresh = new Node<>(key, val);
                    if (parent == null) root = fresh; else if (c < 0) parent.left = fresh; else parent.right = fresh;
                    size++; modCount++;
                    return Task.of(null);
                }

                final class It implements Iterator<Map.Entry<K, V>> {
                    private final Deque<Node<K, V>> stack = new ArrayDeque<>();
                    private final int expected = modCount;
                    It() { push(root); }
                    private void push(Node<K, V> n) { for (; n != null; n = n.left) stack.push(n); }
                    public boolean hasNext() { return !stack.isEmpty(); }
                    public Map.Entry<K, V> next() {
                        if (modCount != expected) throw new ConcurrentModificationException("tree changed");
                        Node<K, V> n = stack.pop();
                        push(n.right);
                        return Map.entry(n.key, n.val);
                    }
                }

                public Iterator<Map.Entry<K, V>> iterator() { return new It(); }

                @Async
                <R> Task<R> fold(R zero, BiFunction<R, ? super Map.Entry<K, V>, Task<R>> f) {
                    R acc = zero;
                    for (Map.Entry<K, V> e : this) acc = await(f.apply(acc, e));
                    return Task.of(acc);
                }
            }

            @Async
            static Task<String> run() {
                Tree<String, Integer> t = new Tree<>(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()));
                for (String w : "pear fig apple kiwi fig banana date".split(" ")) {
                    Integer old = await(t.put(w, w.length() * 10));
                    if (old != null) await(t.put(w, old + 1));
                }
                StringBuilder sb = new StringBuilder();
                for (var e : t) sb.append(e.getKey()).append('=').append(await(get(e.getValue()))).append(' ');
                String folded = await(t.fold("", (acc, e) -> get(acc + e.getKey().charAt(0))));
                String cme;
                try {
                    for (var e : t) {
                        if (e.getKey().equals("fig")) await(t.put("zz", 0));
                    }
                    cme = "none";
                } catch (ConcurrentModificationException e) {
                    cme = e.getMessage();
                }
                Tree<Integer, String>.It it = new Tree<Integer, String>(Comparator.reverseOrder()).new It();
                return Task.of(sb.toString().trim() + " | " + folded + " | " + t.size + " " + cme + " " + it.hasNext());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void genericLocalClassesAndAnonymousSubclassesOfAbstractLocalClasses(Mode mode) {
        // A generic local class Box<T extends Comparable<T>> capturing an awaited local, an abstract local
        // class whose method returns an anonymous subclass capturing this and a parameter, anonymous
        // subclasses with initializers, a lambda returning an anonymous subclass with a local class inside.
        assertEquals("Box/z Box/14 33 13 46 Box/x",
                compile("LocalGenerics", LOCAL_GENERICS).run(mode, "run"));
    }

    private static final String LOCAL_GENERICS = """
            @Async
            static Task<String> run() {
                final String sep = await(get("/"));
                class Box<T extends Comparable<T>> {
                    T val;
                    Box(T v) { val = v; }
                    Box<T> max(Box<T> o) { return val.compareTo(o.val) >= 0 ? this : o; }
                    @Override public String toString() { return "Box" + sep + val; }
                }
                Box<String> bs = new Box<>(await(get("m")));
                Box<Integer> bi = new Box<>(await(get(4)));
                bs = bs.max(new Box<>(await(get("z"))));
                bi.val += await(get(10));
                abstract class Node {
                    abstract int weight();
                    Node plus(Node other) {
                        Node self = this;
                        return new Node() {
                            int weight() { return self.weight() + other.weight(); }
                        };
                    }
                }
                int w1 = await(get(3));
                Node a = new Node() { int weight() { return w1; } };
                Node b = new Node() {
                    final int cached;
                    { cached = w1 * 10; }
                    int weight() { return cached; }
                };
                Node ab = a.plus(b);
                int w2 = await(get(5));
                Function<Integer, Node> mk = k -> new Node() {
                    int weight() {
                        class Deep { int v() { return k * w2 + w1; } }
                        return new Deep().v();
                    }
                };
                Node c = mk.apply(await(get(2)));
                List<Box<String>> boxes = new ArrayList<>();
                for (String s : await(get(List.of("q", "b", "x")))) boxes.add(new Box<>(s));
                Box<String> best = boxes.get(0);
                for (Box<String> x : boxes) best = best.max(await(get(x)));
                return Task.of(bs + " " + bi + " " + ab.weight() + " " + c.weight() + " " + ab.plus(c).weight() + " " + best);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tryWithResourcesInALabeledLoopWithSwitchContinueAndBreakAndFailingCloses(Mode mode) {
        // try-with-resources in a labeled loop whose resources' initializers await, a colon-form switch that
        // continues the loop and breaks out of it, a close that fails, a switch expression whose arm yields
        // from inside a try-with-resources whose close fails.
        assertEquals("[a1, bad-b2, end b, caught close bad-b supp=0, stopping] yield-close close "
                + "bad-in [open a, open xa, close xa, close a, open b, open bad-b, close bad-b, "
                + "close b, open stop, open xstop, close xstop, close stop, open w, open bad-in, "
                + "close bad-in, close w]",
                compile("ResourcesSwitch", RESOURCES_SWITCH).run(mode, "run"));
    }

    private static final String RESOURCES_SWITCH = """
            static final List<String> LOG = new ArrayList<>();
            static final class Res implements AutoCloseable {
                final String n;
                Res(String n) { this.n = n; LOG.add("open " + n); }
                String read(int i) { return n + i; }
                @Override public void close() {
                    LOG.add("close " + n);
                    if (n.startsWith("bad")) throw new IllegalStateException("close " + n);
                }
            }

            @Async
            static Task<String> run() {
                LOG.clear();
                List<String> out = new ArrayList<>();
                outer:
                for (String cmd : "a b stop c".split(" ")) {
                    try (Res r = new Res(await(get(cmd))); Res r2 = new Res(cmd.equals("b") ? "bad-" + cmd : "x" + cmd)) {
                        switch (cmd) {
                            case "a":
                                out.add(r.read(await(get(1))));
                                continue;
                            case "stop":
                                out.add("stopping");
                                break outer;
                            default:
                                out.add(r2.read(await(get(2))));
                        }
                        out.add("end " + cmd);
                    } catch (IllegalStateException e) {
                        out.add("caught " + e.getMessage() + " supp=" + e.getSuppressed().length);
                    }
                }
                String w;
                try (Res r = new Res("w")) {
                    w = switch (await(get(r.n))) {
                        case "w" -> {
                            try (Res inner = new Res("bad-in")) {
                                yield inner.read(await(get(5)));
                            }
                        }
                        default -> "?";
                    };
                } catch (IllegalStateException e) {
                    w = "yield-close " + e.getMessage();
                }
                return Task.of(out + " " + w + " " + LOG);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncMethodsOfGenericInnerClassesOfGenericClassesThroughWildcards(Mode mode) {
        // @Async methods of a generic inner class Outer<T>.View<U> (one generic itself) that read the
        // outer's items, called through Outer<? extends Number>.View<? extends CharSequence>, diamonds and
        // var for qualified creations.
        assertEquals("[n3, n14] nums#2 {n3=2, n14=3} nums#0 {1=true} strs#0",
                compile("GenericInner", GENERIC_INNER).run(mode, "run"));
    }

    private static final String GENERIC_INNER = """
            static final class Outer<T> {
                final List<T> items = new ArrayList<>();
                final String name;
                Outer(String name) { this.name = name; }

                final class View<U> {
                    final Function<? super T, ? extends U> f;
                    View(Function<? super T, ? extends U> f) { this.f = f; }

                    @Async
                    Task<List<U>> materialize() {
                        List<U> out = new ArrayList<>();
                        for (T t : items) out.add(f.apply(await(get(t))));
                        return Task.of(out);
                    }

                    @Async
                    <W> Task<Map<U, W>> index(Function<? super U, ? extends W> g) {
                        Map<U, W> m = new LinkedHashMap<>();
                        for (U u : await(materialize())) m.put(u, g.apply(u));
                        items.clear();
                        return Task.of(m);
                    }

                    String owner() { return name + "#" + items.size(); }
                }

                @Async
                Task<Outer<T>> add(T t) {
                    items.add(await(get(t)));
                    return Task.of(this);
                }
            }

            @Async
            static Task<String> run() {
                Outer<Integer> o = new Outer<>("nums");
                await(await(o.add(3)).add(14));
                Outer<Integer>.View<String> v = o.new View<>(i -> "n" + i);
                Outer<? extends Number>.View<? extends CharSequence> wild = v;
                List<? extends CharSequence> seqs = await(wild.materialize());
                String owner = wild.owner();
                Map<String, Integer> idx = await(v.index(String::length));
                Outer<String> os = new Outer<>("strs");
                await(os.add("x"));
                var vs = os.new View<Integer>(String::length);
                var m2 = await(vs.<Boolean>index(n -> n > 0));
                return Task.of(seqs + " " + owner + " " + idx + " " + v.owner() + " " + m2 + " " + vs.owner());
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSealedGenericResultTypeWithAsyncDefaultMapAndFlatMap(Mode mode) {
        // A sealed generic Result<T> with an @Async default generic map (a try around the awaited function)
        // and a flatMap returning the function's task, records Ok<T> and Err<T>, instanceof with generic
        // record types, a Result<? extends Number> mapped.
        assertEquals("Ok[value=12]|8.333333333333334|Ok[value=v8.333333333333334]|Ok[value=8] "
                + "; Err[message=nan:x]|-1.0|Err[message=nan:x]|Err[message=nan:x] ; Ok[value=0]|Infinity|Err[message="
                + "inf]|Err[message=/ by zero] ; Ok[value=-4]|-25.0|Ok[value=v-25.0]|Ok[value=-25] "
                + "; Ok[value=Integer]",
                compile("ResultType", RESULT_TYPE).run(mode, "run"));
    }

    private static final String RESULT_TYPE = """
            sealed interface Result<T> permits Ok, Err {
                @Async
                default <R> Task<Result<R>> map(Function<? super T, ? extends Task<? extends R>> f) {
                    if (this instanceof Ok<T> ok) {
                        try {
                            R r = await(f.apply(ok.value()));
                            return Task.of(new Ok<>(r));
                        } catch (RuntimeException e) {
                            return Task.of(new Err<>(e.getMessage()));
                        }
                    }
                    return Task.of(new Err<>(((Err<T>) this).message()));
                }

                default <R> Task<Result<R>> flatMap(Function<? super T, Task<Result<R>>> f) {
                    return this instanceof Ok<T> ok ? f.apply(ok.value()) : Task.of(new Err<>(((Err<T>) this).message()));
                }

                default T orElse(T other) { return this instanceof Ok<T> ok ? ok.value() : other; }
            }
            record Ok<T>(T value) implements Result<T> {}
            record Err<T>(String message) implements Result<T> {}

            @Async
            static Task<Result<Integer>> parse(String s) {
                String t = await(get(s.trim()));
                try {
                    return Task.of(new Ok<>(Integer.parseInt(t)));
                } catch (NumberFormatException e) {
                    return Task.of(new Err<>("nan:" + t));
                }
            }

            @Async
            static Task<String> run() {
                List<String> out = new ArrayList<>();
                for (String in : List.of(" 12", "x", "0", "-4")) {
                    Result<Integer> r = await(parse(in));
                    Result<Double> inv = await(r.map(n -> get(100.0 / n)));
                    Result<String> s = await(inv.flatMap(d -> d.isInfinite() ? Task.of(new Err<>("inf")) : Task.of(new Ok<>("v" + d))));
                    Result<Integer> div = await(r.map(n -> get(100 / n)));
                    out.add(r + "|" + inv.orElse(-1.0) + "|" + s + "|" + div);
                }
                Result<? extends Number> wild = await(parse("7"));
                Result<String> viaWild = await(wild.map(n -> get(n.getClass().getSimpleName())));
                out.add(viaWild.toString());
                return Task.of(String.join(" ; ", out));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void evaluationOrderArrayAssignmentsIdentityOfBoxesAndOverflowAroundAwaits(Mode mode) {
        // Java's evaluation order around awaits: arguments, a[i] = i = await(..), a[i] += (i = ..), the
        // index evaluated (and a null array or bad index found) only after the right side, short circuits,
        // Integer caching, unboxing null from a conditional, heap pollution, a labeled block, overflow.
        assertEquals("0,1,1 | [2, 20, 30]2 | [3, 20, 30]1 | [3, 20, 124] | xxy | npe after [idx, "
                + "rhs] | aioobe after [idx, rhs] | true false true | npe unbox | 7 true [a, "
                + "b, c, d, f] | heap pollution cce | 2147483648 -2147483648 0.30000000000000004 "
                + "0.1",
                compile("EvalOrder", EVAL_ORDER).run(mode, "run"));
    }

    private static final String EVAL_ORDER = """
            static List<String> trace = new ArrayList<>();
            static int t(String s, int v) { trace.add(s); return v; }
            static String f(int a, int b, int c) { return a + "," + b + "," + c; }

            @Async
            static Task<String> run() {
                trace.clear();
                List<String> out = new ArrayList<>();
                int i = 0;
                out.add(f(i++, await(get(i)), i));
                int[] a = {10, 20, 30};
                i = 0;
                a[i] = i = await(get(2));
                out.add(Arrays.toString(a) + i);
                i = 0;
                a[i] += (i = await(get(1)));
                out.add(Arrays.toString(a) + i);
                ++a[await(get(2))];
                a[a.length - 1] <<= await(get(2));
                out.add(Arrays.toString(a));
                String s = "x";
                s += s += await(get("y"));
                out.add(s);
                int[] b = null;
                try {
                    b[t("idx", 0)] = t("rhs", await(get(1)));
                } catch (NullPointerException e) {
                    out.add("npe after " + trace);
                }
                trace.clear();
                int[] c = new int[1];
                try {
                    c[t("idx", 5)] = t("rhs", await(get(1)));
                } catch (ArrayIndexOutOfBoundsException e) {
                    out.add("aioobe after " + trace);
                }
                trace.clear();
                Integer boxed = await(get(127)), same = 127;
                Integer big = await(get(128)), big2 = 128;
                out.add((boxed == same) + " " + (big == big2) + " " + big.equals(big2));
                boolean cond = await(get(true));
                Integer maybe = cond ? null : await(get(1));
                try {
                    int unboxed = cond ? maybe : 0;
                    out.add("?" + unboxed);
                } catch (NullPointerException e) {
                    out.add("npe unbox");
                }
                int x = t("a", 1) + t("b", await(get(2))) * t("c", 3);
                boolean sc = t("d", 0) == 1 && t("e", await(get(1))) == 1 || t("f", await(get(2))) == 2;
                out.add(x + " " + sc + " " + trace);
                @SuppressWarnings("unchecked")
                List<String> cast = (List<String>) (Object) await(get(List.of(1, 2)));
                try {
                    String first = cast.get(0);
                    out.add(first);
                } catch (ClassCastException e) {
                    out.add("heap pollution cce");
                }
                lbl: {
                    if (await(get(1)) == 1) break lbl;
                    out.add("not reached");
                }
                long l = Integer.MAX_VALUE;
                l += await(get(1));
                int ov = Integer.MAX_VALUE;
                ov += await(get(1));
                out.add(l + " " + ov + " " + (await(get(0.1)) + 0.2) + " " + (float) (double) await(get(0.1f)));
                return Task.of(String.join(" | ", out));
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localRecordsEnumsAndInterfacesAndAnonymousSubclassesOfInnerClasses(Mode mode) {
        // A local record with a compact constructor that throws, a local enum with a method, a local
        // interface, anonymous subclasses of an inner class with initializers capturing awaited locals, a
        // switch expression over the local enum with awaits in its arms.
        assertEquals("9>2 | Range[lo=1, hi=5] 4 HIGH h2 40 2026 Inner",
                compile("LocalTypes", LOCAL_TYPES).run(mode, "run"));
    }

    private static final String LOCAL_TYPES = """
            int base = 100;

            class Inner {
                int v;
                Inner(int v) { this.v = v; }
                int get() { return v + base; }
            }

            @Async
            Task<String> go() {
                record Range(int lo, int hi) {
                    Range {
                        if (lo > hi) throw new IllegalArgumentException(lo + ">" + hi);
                    }
                    int size() { return hi - lo; }
                }
                enum Level { LOW, MID, HIGH;
                    Level up() { return values()[Math.min(ordinal() + 1, values().length - 1)]; } }
                interface Scorer { int score(Range r); }
                List<String> out = new ArrayList<>();
                Range r = new Range(await(get(1)), await(get(5)));
                Level lv = Level.valueOf(await(get("LOW")));
                for (int k = 0; k < 3; k++) lv = await(get(lv.up()));
                Scorer sc = rr -> rr.size() * 10;
                try {
                    new Range(await(get(9)), 2);
                } catch (IllegalArgumentException e) {
                    out.add(e.getMessage());
                }
                final int bonus = await(get(7));
                List<Inner> inners = new ArrayList<>();
                for (int k = 1; k <= 2; k++) {
                    int kk = await(get(k));
                    inners.add(new Inner(kk) {
                        { v *= bonus; }
                        @Override int get() { return super.get() + kk + Level.MID.ordinal(); }
                    });
                }
                base = await(get(1000));
                String lvName = switch (lv) {
                    case LOW -> "l";
                    case MID -> "m" + await(get(1));
                    case HIGH -> { String h = "h"; yield h + await(get(2)); }
                };
                int sum = 0;
                for (Inner in : inners) sum += in.get();
                out.add(r + " " + r.size() + " " + lv + " " + lvName + " " + sc.score(r) + " " + sum + " " + inners.get(0).getClass().getSuperclass().getSimpleName());
                return Task.of(String.join(" | ", out));
            }

            @Async
            static Task<String> run() { return Task.of(await(new LocalTypes().go())); }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void curriedFunctionsAndComposedOperatorsMadeAcrossAwaits(Mode mode) {
        // Curried Function<Integer, Function<Integer, Function<Integer, Integer>>> applied to awaited values,
        // functions composed in a loop with awaits between, a BinaryOperator of UnaryOperators, a Callable
        // that throws a checked exception, method references in an Optional.
        assertEquals("39 [abab] deep IOException:io 4",
                compile("Currying", CURRYING).run(mode, "run"));
    }

    private static final String CURRYING = """
            @Async
            static Task<String> run() {
                Function<Integer, Function<Integer, Function<Integer, Integer>>> add3 = a -> b -> c -> a + b + c;
                var addOne = add3.apply(await(get(1)));
                var addOneTwo = addOne.apply(await(get(2)));
                List<Function<Integer, Integer>> fs = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    final int kk = k;
                    Function<Integer, Integer> g = x -> x * kk;
                    fs.add(g.andThen(addOneTwo));
                    await(get(k));
                }
                int acc = 0;
                for (var f : fs) acc += f.apply(await(get(10)));
                BinaryOperator<UnaryOperator<String>> compose = (f, g) -> s -> g.apply(f.apply(s));
                UnaryOperator<String> twice = s -> s + s;
                UnaryOperator<String> wrap = s -> "[" + s + "]";
                String composed = compose.apply(twice, wrap).apply(await(get("ab")));
                Supplier<Supplier<String>> ss = () -> () -> "deep";
                await(get(null));
                Callable<Integer> call = () -> { throw new java.io.IOException("io"); };
                String callResult;
                try {
                    callResult = "" + call.call() + await(get(1));
                } catch (Exception e) {
                    callResult = e.getClass().getSimpleName() + ":" + e.getMessage();
                }
                Optional<Function<String, Integer>> opt = Optional.of(String::length);
                int len = opt.map(fn -> fn.apply("four")).orElse(0) + await(get(0));
                return Task.of(acc + " " + composed + " " + ss.get().get() + " " + callResult + " " + len);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anonymousClassesWithDiamondsUsedAcrossAwaitsAndConditionalsOfGenericAwaits(Mode mode) {
        // Anonymous classes with diamonds (their private method and field used through var across awaits)
        // and over a generic interface, anonymous subclasses made in a loop capturing awaited values;
        // conditionals whose await operand makes them reference conditionals (1 : await(get((byte) 2)) is an
        // Integer), assignments in both arms, a for-each over an awaited array changed in the loop, an
        // instanceof binding read after an await in && and after a negated early return.
        assertEquals("s!1 t!2 1two 33 Integer1 Charactera 1 Integer2 Short3 550 103 HELLO hello?",
                compile("AnonDiamond", ANON_DIAMOND).run(mode, "run"));
    }

    private static final String ANON_DIAMOND = """
            static class Box<T> {
                T val;
                Box(T v) { val = v; }
                T get() { return val; }
            }
            interface Pair<A, B> { A first(); B second(); }

            @Async
            static Task<String> run() {
                var b = new Box<>(await(get("s"))) {
                    int reads;
                    private String extra() { reads++; return val + "!" + reads; }
                };
                String e1 = b.extra();
                b.val = await(get("t"));
                String e2 = b.extra();
                var p = new Pair<Integer, String>() {
                    public Integer first() { return 1; }
                    public String second() { return "two"; }
                    String both() { return first() + second(); }
                };
                await(get(0));
                List<Box<Integer>> boxes = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int k = await(get(i));
                    boxes.add(new Box<>(k) {
                        Integer get() { return val * 10 + k; }
                    });
                }
                int sum = 0;
                for (Box<Integer> bx : boxes) sum += await(get(bx.get()));
                boolean flag = await(get(true));
                Object o1 = flag ? 1 : await(get((byte) 2));
                Object o2 = flag ? 'a' : await(get(1));
                byte by = flag ? 1 : await(get((byte) 2));
                Object o3 = !flag ? 1L : (Object) await(get(2));
                Object o4 = flag ? (short) 3 : await(get('c'));
                int x, y = 0, z = 0;
                x = flag ? (y = await(get(5))) : (z = await(get(6)));
                int[] arr = {1, 2, 3};
                int total = 0;
                for (int v : await(get(arr))) { arr[2] = 100; total += v; }
                Object inst = await(get((Object) "hello"));
                String shape = inst instanceof String s && await(get(s.length())) > 3 ? s.toUpperCase() : "short";
                if (!(inst instanceof String str)) return Task.of("no");
                String after = str + await(get("?"));
                return Task.of(e1 + " " + e2 + " " + p.both() + " " + sum + " " + o1.getClass().getSimpleName() + o1 + " "
                        + o2.getClass().getSimpleName() + o2 + " " + by + " " + o3.getClass().getSimpleName() + o3 + " "
                        + o4.getClass().getSimpleName() + o4 + " " + x + y + z + " " + total + " " + shape + " " + after);
            }
            """;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lambdasWithTryFinallyInsideARetryLoopWhoseCatchAndFinallyAwait(Mode mode) {
        // A retry loop whose try calls a lambda with its own try/finally, a catch of the unchecked wrapper and
        // a finally that both await, a lambda made in the finally before its await and run after, nested
        // suppliers catching NumberFormatException.
        assertEquals("[lambda finally 1, fail1!, finally-lambda, lambda finally 2, fail2!, finally-lambda, "
                + "lambda finally 3, ok3, finally-lambda] in-nfe.",
                compile("NestedLambdasTry", NESTED_LAMBDAS_TRY).run(mode, "run"));
    }

    private static final String NESTED_LAMBDAS_TRY = """
            interface IOAction<T> { T run() throws java.io.IOException; }

            static <T> T unchecked(IOAction<T> a) {
                try { return a.run(); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
            }

            @Async
            static Task<String> run() {
                List<String> out = new ArrayList<>();
                int attempt = 0;
                while (true) {
                    attempt++;
                    try {
                        final int at = attempt;
                        String v = unchecked(() -> {
                            try {
                                if (at < 3) throw new java.io.IOException("fail" + at);
                                return "ok" + at;
                            } finally {
                                out.add("lambda finally " + at);
                            }
                        });
                        out.add(v + await(get("")));
                        break;
                    } catch (java.io.UncheckedIOException e) {
                        out.add(e.getCause().getMessage() + await(get("!")));
                        if (attempt > 5) throw e;
                    } finally {
                        Runnable r = () -> out.add("finally-lambda");
                        await(get(null));
                        r.run();
                    }
                }
                Supplier<Supplier<String>> nested = () -> {
                    String local = "in";
                    return () -> {
                        try { return local + Integer.parseInt("x"); }
                        catch (NumberFormatException e) { return local + "-nfe"; }
                    };
                };
                String n = nested.get().get() + await(get("."));
                return Task.of(out + " " + n);
            }
            """;

    private static String[][] programs() {
        String[] all = {
                "ConnPool", CONN_POOL,
                "LruCache", LRU_CACHE,
                "JsonParser", JSON_PARSER,
                "HttpClient", HTTP_CLIENT,
                "ActorMailbox", ACTOR_MAILBOX,
                "Saga", SAGA,
                "Paging", PAGING,
                "Batching", BATCHING,
                "EventSourcing", EVENT_SOURCING,
                "GenericInference", GENERIC_INFERENCE,
                "PrimitiveMix", PRIMITIVE_MIX,
                "ClassKinds", CLASS_KINDS,
                "AnonInit", ANON_INIT,
                "LambdasBefore", LAMBDAS_BEFORE,
                "NestedSwitch", NESTED_SWITCH,
                "TripleTry", TRIPLE_TRY,
                "CustomExceptions", CUSTOM_EXCEPTIONS,
                "Cme", CME,
                "ThisEscape", THIS_ESCAPE,
                "InterfaceRecursion", INTERFACE_RECURSION,
                "InterfaceStatics", INTERFACE_STATICS,
                "VarEverywhere", VAR_EVERYWHERE,
                "LocalClassCaptures", LOCAL_CLASS_CAPTURES,
                "Shadowing", SHADOWING,
                "OuterSuper", OUTER_SUPER,
                "Streams", STREAMS,
                "CharCipher", CHAR_CIPHER,
                "EventBus", EVENT_BUS,
                "DefiniteAssignment", DEFINITE_ASSIGNMENT,
                "BstIterator", BST_ITERATOR,
                "LocalGenerics", LOCAL_GENERICS,
                "ResourcesSwitch", RESOURCES_SWITCH,
                "GenericInner", GENERIC_INNER,
                "ResultType", RESULT_TYPE,
                "EvalOrder", EVAL_ORDER,
                "LocalTypes", LOCAL_TYPES,
                "Currying", CURRYING,
                "AnonDiamond", ANON_DIAMOND,
                "NestedLambdasTry", NESTED_LAMBDAS_TRY
        };
        String[][] pairs = new String[all.length / 2][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new String[] {all[2 * i], all[2 * i + 1]};
        }
        return pairs;
    }
}
