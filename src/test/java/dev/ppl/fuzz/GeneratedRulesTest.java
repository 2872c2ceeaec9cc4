package dev.ppl.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.codegen.RuleGenerator;
import dev.ppl.runtime.CompiledRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules generated as bytecode ({@code dev.ppl.codegen}) decide exactly as their node trees: for the
 * bundled library and the benchmark's frozen Medicare policy, on every example and probe claim and
 * on claims mutated from the examples (the claim fuzzer's tree mutations), the two engines' decision
 * JSON is the same text; and again under step budgets small enough to stop rules midway, where
 * the same step must run out in the same rule. {@code -Dppl.codegen.claims=N} mutates more claims.
 */
class GeneratedRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MUTATED = Long.getLong("ppl.codegen.claims", 1_000);
    /** The default budget, and budgets that run out midway through the rules. */
    private static final long[] STEPS = {EvaluationLimits.DEFAULT_MAX_STEPS, 40, 7};

    @Test
    void bundledLibraryDecidesAsItsNodeTrees() throws IOException {
        sameDecisions(() -> PolicySource.bundled());
    }

    @Test
    void benchmarkPolicyDecidesAsItsNodeTrees() throws IOException {
        sameDecisions(() -> PolicySource.directory(Path.of("src/bench/resources/snapshot/medicare-core")));
    }

    /** Every construct the generator writes out, each shown in a message ({@code constructs.ppl} says which). */
    @Test
    void everyGeneratedConstructDecidesAsItsNode() throws IOException {
        sameDecisions(() -> PolicySource.directory(Path.of("src/test/resources/dev/ppl/codegen/constructs")));
    }

    private static void sameDecisions(Supplier<List<PolicySource>> sources) throws IOException {
        PolicySet generated = engine(sources.get(), true).policies();
        PolicySet nodes = engine(sources.get(), false).policies();
        // the default: node trees first, each rule's class once it has run a few hundred times
        PolicyEngine.Builder builder = PolicyEngine.builder();
        sources.get().forEach(builder::add);
        PolicySet tiered = builder.build().policies();
        List<String> claims = claims();
        int findings = 0;
        int stopped = 0;
        for (int i = 0; i < claims.size(); i++) {
            ClaimReadResult read = ClaimJson.read(claims.get(i));
            if (!read.isOk()) {
                continue; // no rule runs on a claim that could not be read
            }
            for (long steps : STEPS) {
                EvaluationLimits limits = EvaluationLimits.DEFAULT.withMaxSteps(steps);
                String expected = DecisionJson.compact(nodes.evaluate(read.claim(), limits));
                assertEquals(expected, DecisionJson.compact(generated.evaluate(read.claim(), limits)),
                        "claim " + i + " (" + steps + " steps): " + claims.get(i));
                assertEquals(expected, DecisionJson.compact(tiered.evaluate(read.claim(), limits)),
                        "claim " + i + " (" + steps + " steps, tiered): " + claims.get(i));
                findings += expected.split("\"carc\"").length - 1;
                stopped += expected.contains("evaluation-limit") ? 1 : 0;
            }
        }
        assertTrue(findings > 1000, "the claims should make the rules fire: " + findings + " findings");
        assertTrue(stopped > 100, "the small budgets should stop rules midway: " + stopped + " stopped");
        List<CompiledRule> rules = tiered.entries().stream().flatMap(e -> e.compiled().rules().stream()).toList();
        long warm = rules.stream().filter(RuleGenerator::generated).count();
        // the rules that ran often enough switched midway through the claims (a small budget stops the later ones)
        assertTrue(warm >= Math.min(9, rules.size()), "the tiered rules should have switched to their classes: " + warm + " of " + rules.size());
    }

    /** An engine whose rules run generated from the first claim ({@code true}) or as node trees. */
    private static PolicyEngine engine(List<PolicySource> sources, boolean generated) {
        String before = System.getProperty("ppl.codegen");
        System.setProperty("ppl.codegen", generated ? "now" : "false");
        try {
            PolicyEngine.Builder b = PolicyEngine.builder();
            sources.forEach(b::add);
            PolicyEngine engine = b.build();
            for (PolicySet.Entry e : engine.policies().entries()) {
                for (CompiledRule r : e.compiled().rules()) {
                    if (generated) {
                        assertTrue(RuleGenerator.generated(r), r.id() + " has no generated body");
                    } else {
                        assertNull(r.body(), r.id() + " should run as its node tree");
                    }
                }
            }
            return engine;
        } finally {
            if (before == null) {
                System.clearProperty("ppl.codegen");
            } else {
                System.setProperty("ppl.codegen", before);
            }
        }
    }

    /** The examples, the probes and claims mutated from the examples (the same ones on every run). */
    private static List<String> claims() throws IOException {
        List<String> out = new ArrayList<>();
        List<JsonNode> seeds = new ArrayList<>();
        for (Path p : jsonFiles(Path.of("examples/claims"))) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            out.add(text);
            seeds.add(JSON.readTree(text));
        }
        for (Path p : jsonFiles(Path.of("examples/probes"))) {
            out.add(Files.readString(p, StandardCharsets.UTF_8));
        }
        SplittableRandom random = new SplittableRandom(96372);
        for (long i = 0; i < MUTATED; i++) {
            JsonNode tree = seeds.get(random.nextInt(seeds.size())).deepCopy();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                tree = ClaimFuzzTest.mutateTree(tree, random);
            }
            out.add(tree.toString());
        }
        return out;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".decision.json"))
                    .sorted().toList();
        }
    }
}
