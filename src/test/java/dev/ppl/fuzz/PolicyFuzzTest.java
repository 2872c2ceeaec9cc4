package dev.ppl.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.format.Formatter;
import dev.ppl.lint.Linter;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.testing.PolicyTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutated policies through the API: the bundled library and the diagnostics catalog's cases,
 * mutated in bytes, tokens and structure (nesting bombs, huge numbers, paths out of the root,
 * catastrophic regexes), compiled with their table files, then linted, formatted, tested and
 * evaluated on the example claims when they compile. Counts escaped exceptions (anything thrown
 * out of those API calls), hangs (one policy over {@code ppl.fuzz.hangSeconds}, default 60) and
 * out-of-memory errors; each failing input is saved under {@code target/fuzz/} and the test fails
 * when any count is not zero.
 *
 * <p>Not in the default suite: {@code mvn test -Pfuzz -Dtest=PolicyFuzzTest -Dppl.fuzz.policies=1000000}
 * (default 5,000 policies; {@code ppl.fuzz.seed}, {@code ppl.fuzz.threads} too).
 */
@Tag("fuzz")
class PolicyFuzzTest {
    /** Pieces of PPL and of attacks on it, inserted at random places. */
    private static final String[] TOKENS = {"(", ")", "[", "]", "{", "}", "not ", " and ", " or ", " + ", " - ", "*",
        "/", " = ", " != ", " < ", " >= ", " in ", " not in ", " is missing", " within ", " 30 days ", " before ",
        "any x in lines where ", "every y in lines satisfies ", "count(z in lines)", "sum(l.units for l in lines)",
        "l.", "lines", "l.code", "l.units", "l.modifiers", "96372", "J3420", "D51.0", "25", "\"\"", "\"{l.code}\"",
        "\"{\"", "\"}\"", "\"{{\"", "99999999999999999999999", "-0", "1.5", "1e9", "2024-02-30", "0000-01-01",
        "9999999999 years", "100 years", "36501 days", "1 mg", "5 mL", "matches(l.code, \"(.*a){25}\")",
        "matches(l.code, \"(a)\\\\1\")", "matches(l.code, \"[\")", "from \"../../../../etc/passwd\"",
        "from \"/etc/passwd\"", "using \"/proc/self/environ\"", "using \"../../../../../etc/shadow\"", "\n", "\n  ",
        "#", "\"", "\\", "\u0000", "\uFEFF", "\uD800", "é", "💉", "rule r\n", "rule r2\n  for each l in lines\n",
        "  when ", "  let v = ", "  deny line l group CO carc 4\n    message \"m\"\n", "  info claim message \"x\"\n",
        "extends medicare.injection.core\n", "version 1.0.0\n", "version 2.0.0\n", "effective from 2020-01-01\n",
        "effective 2030-01-01 to 2020-01-01\n", "applies to payer type medicare\n", "disable rule x because \"y\"\n",
        "override rule x because \"y\"\n", "table T\n  columns code: code, n: number\n  key code\n  row 96372, 1\n",
        "codes S = { 96372, 99211-99215 }\n", "codes S = S + S\n", "with line 1 units = 0\n",
        "with line 1 moifiers = []\n", "with line 9 = {\"line\": 9}\n", "without line 1\n", "expect outcome clean\n",
        "expect nothing on line 1\n", "test \"t\" using \"../../examples/claims/contract-example.json\"\n",
        "test \"t\" claim {\"claimId\": \"x\", \"lines\": []}\n"};
    private static final String[] BOMBS = {"(", "not ", "-", "[", "{", "any q in lines where ", " + 1", " and true",
        " or false", "S + "};

    record Seed(String name, String text, dev.ppl.check.TableLoader tables) {}

    record Failure(String kind, String seed, String detail) {}

    @Test
    void mutatedPoliciesNeverEscapeHangOrExhaustMemory() throws Exception {
        long total = Long.getLong("ppl.fuzz.policies", 5_000);
        long seed = Long.getLong("ppl.fuzz.seed", 96372);
        int threads = Integer.getInteger("ppl.fuzz.threads", Math.max(1, Runtime.getRuntime().availableProcessors()));
        long hangNanos = Long.getLong("ppl.fuzz.hangSeconds", 60) * 1_000_000_000L;
        Path out = Path.of("target/fuzz");
        Files.createDirectories(out);

        List<Seed> seeds = seeds();
        List<ClaimReadResult> claims = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples/claims"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".decision.json"))
                    .sorted().limit(6).toList()) {
                claims.add(ClaimJson.read(Files.readString(p)));
            }
        }

        AtomicLong next = new AtomicLong();
        AtomicLong compiled = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLongArray started = new AtomicLongArray(threads);
        java.util.concurrent.atomic.AtomicReferenceArray<String> current = new java.util.concurrent.atomic.AtomicReferenceArray<>(threads);
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        long[] slowest = {0};
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < total && failures.isEmpty(); i = next.getAndIncrement()) {
                    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
                    Seed s = seeds.get(random.nextInt(seeds.size()));
                    String text = mutate(s.text(), seeds, random);
                    long start = System.nanoTime();
                    current.set(id, s.name() + " #" + i + "\n" + text);
                    started.set(id, start);
                    try {
                        PolicySource source = new PolicySource(s.name(), text, s.tables());
                        Diagnostics diagnostics = new Diagnostics();
                        PolicySet set = PolicySet.compile(List.of(source), diagnostics);
                        diagnostics.render();
                        Formatter.format(new SourceFile(s.name(), text));
                        if (diagnostics.hasErrors()) {
                            rejected.incrementAndGet();
                        } else {
                            compiled.incrementAndGet();
                            Linter.lint(set, new Diagnostics());
                            PolicyTests.run(set, List.of(source));
                            for (ClaimReadResult claim : claims) {
                                if (claim.isOk()) {
                                    Decision d = set.evaluate(claim.claim());
                                    DecisionJson.toJson(d);
                                }
                            }
                        }
                    } catch (OutOfMemoryError e) {
                        failures.add(save(out, "oom", s, i, text, e));
                    } catch (Throwable e) {
                        failures.add(save(out, "exception", s, i, text, e));
                    } finally {
                        started.set(id, 0);
                    }
                    long took = System.nanoTime() - start;
                    synchronized (slowest) {
                        slowest[0] = Math.max(slowest[0], took);
                    }
                }
            }, "policy-fuzz-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        long lastReport = System.nanoTime();
        while (workers.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(200);
            long now = System.nanoTime();
            for (int w = 0; w < threads; w++) {
                long s = started.get(w);
                if (s != 0 && now - s > hangNanos) {
                    String input = current.get(w);
                    try {
                        Files.writeString(out.resolve("policy-hang-" + w + ".ppl"), input, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        // still reported below
                    }
                    failures.add(new Failure("hang", "worker " + w + ": " + input.lines().findFirst().orElse(""),
                            "one policy ran more than " + hangNanos / 1_000_000_000L + " s (saved as target/fuzz/policy-hang-"
                                    + w + ".ppl); stack:\n" + stack(workers.get(w))));
                    started.set(w, 0);
                }
            }
            if (!failures.isEmpty() && failures.stream().anyMatch(f -> f.kind().equals("hang"))) {
                break;
            }
            if (now - lastReport > 60_000_000_000L) {
                lastReport = now;
                System.out.printf("policy fuzz: %,d of %,d%n", Math.min(next.get(), total), total);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long done = compiled.get() + rejected.get();
        String summary = String.format("policy fuzz: %,d mutated policies in %.0f s (seed %d, %d threads): %,d compiled and"
                + " ran, %,d rejected with diagnostics; slowest %.1f ms; escaped exceptions %d, hangs %d, out of memory %d%n",
                done, seconds, seed, threads, compiled.get(), rejected.get(), slowest[0] / 1e6,
                count(failures, "exception"), count(failures, "hang"), count(failures, "oom"));
        System.out.print(summary);
        Files.writeString(out.resolve("policy-fuzz-summary.txt"), summary);
        assertEquals(List.of(), failures);
        assertEquals(total, done);
    }

    private static long count(List<Failure> failures, String kind) {
        synchronized (failures) {
            return failures.stream().filter(f -> f.kind().equals(kind)).count();
        }
    }

    private static List<Seed> seeds() throws IOException {
        List<Seed> out = new ArrayList<>();
        for (PolicySource s : PolicySource.directory(Path.of("policies"))) {
            out.add(new Seed(s.path(), s.text(), s.tables()));
        }
        Path cases = Path.of("src/test/resources/diagnostics");
        try (Stream<Path> files = Files.walk(cases)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ppl")).sorted().toList()) {
                PolicySource s = PolicySource.file(p, cases.relativize(p).toString(), cases);
                out.add(new Seed(s.path(), s.text(), s.tables()));
            }
        }
        return out;
    }

    static String mutate(String text, List<Seed> seeds, SplittableRandom random) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 4);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
            switch (random.nextInt(9)) {
                case 0 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> { // delete a range
                    int end = Math.min(b.length(), at + 1 + random.nextInt(random.nextBoolean() ? 8 : 200));
                    b.delete(Math.min(at, end), end);
                }
                case 2 -> { // repeat a range
                    int end = Math.min(b.length(), at + 1 + random.nextInt(60));
                    String piece = b.substring(Math.min(at, end), end);
                    b.insert(end, piece.repeat(1 + random.nextInt(random.nextInt(20) == 0 ? 300 : 4)));
                }
                case 3 -> { // a nesting bomb, usually beyond the limit
                    String bomb = BOMBS[random.nextInt(BOMBS.length)];
                    int n = random.nextInt(4) == 0 ? 50 + random.nextInt(100) : 100 + random.nextInt(3000);
                    b.insert(at, bomb.repeat(n));
                }
                case 4 -> { // a chunk of another seed
                    String other = seeds.get(random.nextInt(seeds.size())).text();
                    int from = random.nextInt(Math.max(1, other.length()));
                    b.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(400)));
                }
                case 5 -> { // one random character
                    if (at < b.length()) {
                        b.setCharAt(at, (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
                    }
                }
                case 6 -> { // swap two lines
                    String[] lines = b.toString().split("\n", -1);
                    if (lines.length > 2) {
                        int x = random.nextInt(lines.length);
                        int y = random.nextInt(lines.length);
                        String tmp = lines[x];
                        lines[x] = lines[y];
                        lines[y] = tmp;
                        b.setLength(0);
                        b.append(String.join("\n", lines));
                    }
                }
                case 7 -> { // a number made huge, negative or fractional
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(b);
                    if (m.find(Math.min(at, b.length()))) {
                        String[] numbers = {"0", "-1", "99999999999999999999", "2147483648", "1.000000001", "00"};
                        b.replace(m.start(), m.end(), numbers[random.nextInt(numbers.length)]);
                    }
                }
                default -> { // a string made long or odd
                    int quote = b.indexOf("\"", at);
                    if (quote >= 0) {
                        String[] inside = {"x".repeat(random.nextInt(5000)), "{", "}", "{l.code", "{{", "\\", "{1/0}",
                            "../".repeat(20) + "etc/passwd", "{" + "(".repeat(150) + "1" + ")".repeat(150) + "}"};
                        b.insert(quote + 1, inside[random.nextInt(inside.length)]);
                    }
                }
            }
            if (b.length() > 1_200_000) {
                b.setLength(1_200_000);
            }
        }
        return b.toString();
    }

    private static Failure save(Path out, String kind, Seed s, long i, String text, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String name = "policy-" + kind + "-" + i;
        try {
            Files.writeString(out.resolve(name + ".ppl"), text, StandardCharsets.UTF_8);
            Files.writeString(out.resolve(name + ".txt"), "seed file " + s.name() + "\n" + trace, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException ignored) {
            // the failure is still counted and reported
        }
        return new Failure(kind, s.name() + " #" + i, trace.toString().lines().limit(12).reduce("", (a, b) -> a + "\n" + b));
    }

    private static String stack(Thread t) {
        StringBuilder b = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            b.append("  at ").append(e).append('\n');
        }
        return b.toString();
    }
}
