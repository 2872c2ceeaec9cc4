package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.Fixtures;
import dev.ppl.claim.ClaimJson;
import dev.ppl.format.Formatter;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented limits (docs/limits.md): text nested deeper than {@link Limits#NESTING_DEPTH},
 * files over {@link Limits#POLICY_FILE_CHARS} and policies with more than {@link
 * Limits#RULES_PER_POLICY} rules get a diagnostic, never a stack overflow; text at the limits
 * compiles from a small host stack and evaluates on one.
 */
class LimitsTest {
    /** A small host thread stack; the JVM's default on 64-bit Linux is 1 MiB. */
    private static final long SMALL_STACK = 256 * 1024;

    private static final String CLAIM = """
            {"claimId": "C-1", "payer": {"id": "medicare", "type": "medicare"}, "diagnoses": ["D51.0"],
             "lines": [{"line": 1, "code": "96372", "units": 1, "serviceDate": "2024-01-01", "diagnosisPointers": [1]}]}""";

    private static String rule(String when) {
        return Fixtures.HEADER + "codes S0 = { 96372 }\nrule r\n  for each l in lines\n  when " + when
                + "\n  info line l message \"m\"\n";
    }

    /** Each construct that nests, as a policy {@code n} levels deep (the count PPL0121 uses). */
    record Construct(String name, IntFunction<String> policy) {}

    static final List<Construct> CONSTRUCTS = List.of(
            // `l.units > 0` is three levels: the comparison, `l.units` and `l`
            new Construct("parentheses", n -> rule("(".repeat(n - 3) + "l.units > 0" + ")".repeat(n - 3))),
            new Construct("not", n -> rule("not ".repeat(n - 3) + "l.units > 0")),
            new Construct("minus", n -> rule("-".repeat(n - 3) + "l.units > 0")),
            new Construct("quantifiers", n -> rule(IntStream.range(0, n - 3)
                    .mapToObj(i -> "any x" + i + " in lines where ").collect(Collectors.joining()) + "l.units > 0")),
            new Construct("plus", n -> rule("l.units" + " + 1".repeat(n - 3) + " > 0")),
            new Construct("and", n -> rule("l.units > 0" + " and l.units > 0".repeat(n - 3))),
            new Construct("or", n -> rule("l.units > 0" + " or l.units > 0".repeat(n - 3))),
            new Construct("message hole", n -> Fixtures.HEADER + "rule r\n  for each l in lines\n  when l.units > 0\n"
                    + "  info line l message \"{" + "(".repeat(n - 3) + "l.units + 1" + ")".repeat(n - 3) + "}\"\n"),
            new Construct("set union", n -> Fixtures.HEADER + "codes S0 = { 96372 }\ncodes S1 = S0" + " + S0".repeat(n - 1)
                    + "\nrule r\n  for each l in lines\n  when l.code in S1\n  info line l message \"m\"\n"),
            new Construct("test claim JSON", n -> rule("l.units > 0") + "test \"t\" claim "
                    + CLAIM.replace("\"diagnoses\"", "\"x\": " + "[".repeat(n - 1) + "]".repeat(n - 1) + ", \"diagnoses\"")
                    + "\n  expect outcome clean\n"));

    private static <T> T onSmallStack(java.util.function.Supplier<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    private static Diagnostics compile(String text, List<PolicySet> into) {
        Diagnostics d = new Diagnostics();
        into.add(PolicySet.compile(List.of(PolicySource.of("p.ppl", text)), d));
        return d;
    }

    @Test
    void atTheNestingLimitEveryConstructCompilesFromASmallStackAndEvaluatesOnOne() throws Exception {
        for (Construct c : CONSTRUCTS) {
            String text = c.policy().apply(Limits.NESTING_DEPTH);
            List<PolicySet> set = new java.util.ArrayList<>();
            Diagnostics d = onSmallStack(() -> compile(text, set));
            assertFalse(d.hasErrors(), () -> c.name() + ": " + d.render());
            Decision decision = onSmallStack(() -> set.get(0).evaluate(ClaimJson.read(CLAIM).claim()));
            assertNotNull(decision.outcome(), c.name());
            // the formatter and the test runner walk the same trees on the CLI's thread
            assertNotNull(onSmallStack(() -> Formatter.format("p.ppl", text)), c.name());
            assertEquals(set.get(0).entries().get(0).checked().tests().size(),
                    onSmallStack(() -> dev.ppl.testing.PolicyTests.run(set.get(0), List.of(PolicySource.of("p.ppl", text))))
                            .size(), c.name());
        }
    }

    @Test
    void oneLevelDeeperIsPPL0121AndFarDeeperTooNeverAStackOverflow() throws Exception {
        for (Construct c : CONSTRUCTS) {
            for (int depth : new int[] {Limits.NESTING_DEPTH + 1, 5_000}) {
                String text = c.policy().apply(depth);
                Diagnostics d = onSmallStack(() -> compile(text, new java.util.ArrayList<>()));
                List<Diagnostic> errors = d.all().stream().filter(Diagnostic::isError).toList();
                assertEquals(1, errors.size(), () -> c.name() + " at " + depth + ": " + d.render());
                assertEquals("PPL0121", errors.get(0).code(), () -> c.name() + " at " + depth + ": " + d.render());
            }
        }
    }

    @Test
    void aLongOrChainWithASyntaxErrorIsPPL0121BeforeParsing() {
        // found by the policy fuzz: `any in` lacks its variable, and ANTLR's error recovery over
        // 2,370 `or` took 30 s before it could report the syntax error
        String chain = "any in " + " or false".repeat(2_370);
        Diagnostics d = compile(rule(chain), new java.util.ArrayList<>());
        assertEquals(List.of("PPL0121"), d.all().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList(), d::render);
        assertTrue(d.render().contains("more than " + Limits.NESTING_DEPTH + " `or` in one chain"), d::render);
        Formatter.Result r = Formatter.format(new dev.ppl.source.SourceFile("p.ppl", rule(chain)));
        assertTrue(r.diagnostics().all().stream().anyMatch(x -> x.code().equals("PPL0121")), r.diagnostics()::render);
        // an `or` in each of many bracketed groups is no chain
        String groups = String.join(" and ", java.util.Collections.nCopies(60, "(l.units > 0 or l.units < 9)"));
        assertFalse(compile(rule(groups), new java.util.ArrayList<>()).hasErrors());
    }

    @Test
    void aLongPlusChainWithASyntaxErrorLaterIsPPL0121BeforeParsing() {
        // found by the policy fuzz (200,000 run, saved as policy-hang-0.ppl): 1,400 `+ 1` in a `when` and
        // a broken test claim further down took ANTLR's error recovery 15 s of CPU
        String chain = "no d in lines" + " + 1".repeat(1_400) + " where d.code in S0";
        String text = rule(chain) + "test \"t\" claim {\"claimId\": \"T\", \"payer\": {\"id\": \"x\"nes\": []}\n";
        Diagnostics d = compile(text, new java.util.ArrayList<>());
        assertEquals(List.of("PPL0121"), d.all().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList(), d::render);
        assertTrue(d.render().contains("more than " + Limits.NESTING_DEPTH + " `+`, `-`, `*` or `/` in one chain"), d::render);
        Formatter.Result r = Formatter.format(new dev.ppl.source.SourceFile("p.ppl", text));
        assertTrue(r.diagnostics().all().stream().anyMatch(x -> x.code().equals("PPL0121")), r.diagnostics()::render);
        // commas end a chain: a code list of 150 ranges is no chain of `-`
        String ranges = java.util.stream.IntStream.range(0, 150).mapToObj(i -> String.format("J%04d-J%04d", i * 2, i * 2 + 1))
                .collect(Collectors.joining(", "));
        String list = Fixtures.HEADER + "codes R = { " + ranges + " }\nrule r\n  for each l in lines\n  when l.code in R\n"
                + "  info line l message \"m\"\n";
        assertFalse(compile(list, new java.util.ArrayList<>()).hasErrors(), () -> compile(list, new java.util.ArrayList<>()).render());
    }

    @Test
    void theFormatterReportsDeepNestingToo() throws Exception {
        String text = CONSTRUCTS.get(1).policy().apply(50_000);
        Formatter.Result r = onSmallStack(() -> Formatter.format(new dev.ppl.source.SourceFile("p.ppl", text)));
        assertTrue(r.diagnostics().all().stream().anyMatch(d -> d.code().equals("PPL0121")), r.diagnostics()::render);
    }

    @Test
    void aPolicyFileOverOneMebibyteIsPPL0120() {
        String padding = "# padding\n".repeat(Limits.POLICY_FILE_CHARS / 10);
        Diagnostics d = compile(rule("l.units > 0") + padding, new java.util.ArrayList<>());
        assertEquals(List.of("PPL0120"), d.all().stream().map(Diagnostic::code).toList(), d::render);
        assertFalse(compile(rule("l.units > 0") + padding.substring(0, padding.length() - 1000),
                new java.util.ArrayList<>()).hasErrors());
    }

    @Test
    void aPolicyHasAtMostAThousandRules() {
        IntFunction<String> rules = n -> Fixtures.HEADER + IntStream.range(0, n)
                .mapToObj(i -> "rule r" + i + "\n  for each l in lines\n  when l.units > " + i + "\n  info line l message \"m\"\n")
                .collect(Collectors.joining());
        assertFalse(compile(rules.apply(Limits.RULES_PER_POLICY), new java.util.ArrayList<>()).hasErrors());
        Diagnostics d = compile(rules.apply(Limits.RULES_PER_POLICY + 1), new java.util.ArrayList<>());
        assertEquals(List.of("PPL0122"), d.all().stream().map(Diagnostic::code).toList(), d::render);
    }

    @Test
    void buildReportsDeepNestingAsAPolicyException() throws Exception {
        String deep = CONSTRUCTS.get(0).policy().apply(20_000);
        PolicyException e = onSmallStack(() -> assertThrows(PolicyException.class,
                () -> PolicyEngine.builder().add("deep.ppl", deep).build()));
        assertEquals("PPL0121", e.diagnostics().get(0).code());
    }

    @Test
    void theWatcherSurvivesADeeplyNestedEditAndAListenerThatThrowsAnError(@TempDir Path dir) throws Exception {
        PolicyDir policies = new PolicyDir(dir);
        policies.writeGeneration(1);
        BlockingQueue<ReloadEvent> events = new LinkedBlockingQueue<>();
        try (PolicyEngine engine = PolicyEngine.builder().load(dir).watch(Duration.ofMillis(50))
                .onReload(e -> {
                    events.add(e);
                    throw new AssertionError("a listener's own bug");
                })
                .build()) {
            policies.write("b.ppl", PolicyDir.policy("b", 2).replace("when l.units > 0",
                    "when " + "not ".repeat(30_000) + "l.units > 0"));
            ReloadEvent rejected = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(rejected, "no reload event");
            assertEquals(ReloadEvent.Status.REJECTED, rejected.status(), rejected::details);
            assertTrue(rejected.details().contains("PPL0121"), rejected.details());
            policies.writeGeneration(3);
            ReloadEvent applied;
            do {
                applied = events.poll(30, TimeUnit.SECONDS);
                assertNotNull(applied, "the watcher stopped");
            } while (applied.status() != ReloadEvent.Status.APPLIED);
            assertEquals(2, engine.generation());
        }
        assertTrue(Files.exists(dir));
    }
}
