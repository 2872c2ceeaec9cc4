package dev.ppl.bench;

import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.DecisionLog;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluating the contract example claim with the bundled library, against baselines measured in
 * the same run: reading the claim's JSON ({@code readClaim}); and, for the cost of rules as
 * compiled policies against rules as Java, a frozen three-rule policy ({@code
 * src/bench/policies/three-rules.ppl}, {@code threeRules}) against the same rules written by hand
 * ({@code handWritten}). {@link BenchMain} prints each result as a ratio to them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class EvaluationBenchmark {

    /** {@code clean}: the contract example as written; {@code deny}: its E/M line without modifier 25. */
    @Param({"clean", "deny"})
    public String claim;

    String json;
    Claim parsed;
    ClaimReadResult read;
    PolicyEngine engine;
    PolicyEngine logging;
    PolicyEngine threeRules;
    Decision decision;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String text = Files.readString(Path.of("examples/claims/contract-example.json"), StandardCharsets.UTF_8);
        json = claim.equals("deny") ? text.replace("\"modifiers\": [\"25\"]", "\"modifiers\": []") : text;
        read = ClaimJson.read(json);
        parsed = read.claim();
        engine = PolicyEngine.builder().loadBundled().build();
        DecisionLog log = DecisionLog.builder().patientKey(new byte[32]).to(Writer.nullWriter());
        logging = PolicyEngine.builder().loadBundled().decisionLog(log).build();
        threeRules = PolicyEngine.builder().load(Path.of("src/bench/policies/three-rules.ppl")).build();
        decision = engine.evaluate(parsed);
        Decision compiled = threeRules.evaluate(parsed);
        Decision hand = HandWritten.check(parsed);
        if (!hand.findings().stream().map(f -> f.rule() + " " + f.line() + " " + f.message()).toList().equals(
                compiled.findings().stream().map(f -> f.rule() + " " + f.line() + " " + f.message()).toList())) {
            throw new IllegalStateException("the hand-written check disagrees with the policy: " + hand + " vs " + compiled);
        }
    }

    /** Baseline: reading the claim JSON into the claim model. */
    @Benchmark
    public ClaimReadResult readClaim() {
        return ClaimJson.read(json);
    }

    /** Baseline: the three rules of {@code three-rules.ppl} written by hand in Java. */
    @Benchmark
    public Decision handWritten() {
        return HandWritten.check(parsed);
    }

    /** The same three rules as a compiled policy. */
    @Benchmark
    public Decision threeRules() {
        return threeRules.evaluate(parsed);
    }

    /** The engine with the bundled library on a claim already read. */
    @Benchmark
    public Decision evaluate() {
        return engine.evaluate(parsed);
    }

    /** What a host does with JSON in hand: read, then evaluate. */
    @Benchmark
    public Decision readAndEvaluate() {
        return engine.evaluate(ClaimJson.read(json));
    }

    /** Evaluation with a decision log (HMAC of the patient id, JSON, a write to a null writer). */
    @Benchmark
    public Decision evaluateAndLog() {
        return logging.evaluate(read);
    }

    /** The decision as one line of JSON, as {@code ppl eval} writes it. */
    @Benchmark
    public String decisionJson() {
        return DecisionJson.compact(decision);
    }
}
