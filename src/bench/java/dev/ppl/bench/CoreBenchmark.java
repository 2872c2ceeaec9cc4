package dev.ppl.bench;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.bench.peers.CoreInCel;
import dev.ppl.bench.peers.CoreInDrools;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.CompiledPolicy;
import dev.ppl.runtime.FindingSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The frozen core Medicare policy ({@link Snapshot}) on the 35-claim Medicare mix, every figure
 * per claim: the same 27 rules written by hand ({@code byHand}, the baseline every other row is a
 * ratio to), the engine's full path ({@code engine}: {@code PolicyEngine.evaluate} to a {@code
 * Decision}), the compiled rules alone without the engine's selection, sorting and decision
 * ({@code rules}), each with claim reading included ({@code *WithRead}: the honest end-to-end
 * number from JSON text), and the whole bundled library as it is on main ({@code library}).
 *
 * <p>The peers, the engines a host would pick instead of PPL, run the same 27 rules on the same
 * claims, each with its own best practice: CEL-Java 0.14 ({@link CoreInCel}: one CEL program per
 * rule, compiled once, over the claim converted into CEL maps and lists) and Drools 10.2 ({@link
 * CoreInDrools}: the DRL built once into an executable model, a stateless session execution per
 * claim over the claim's facts). {@code cel} and {@code drools} take the claim already converted
 * into the peer's data (converted in the setup: the fair number for the rules themselves);
 * {@code celWithConversion} and {@code droolsWithConversion} convert each claim from the claim
 * model inside the measured loop (the honest number for a host that holds PPL's claim model, as
 * {@code byHand} does). Every rule is expressed in both; none is left out.
 *
 * <p>The setup fails the run if the hand-written version disagrees with the policy, or a peer with
 * the hand-written version, on any claim of the mix (outcome, and each finding's rule, severity,
 * line, group, CARC, RARC, message, fix and citation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class CoreBenchmark {
    /** Claims in the mix: every benchmark evaluates all of them, JMH divides by this. */
    static final int MIX = 35;

    /**
     * {@code mix}: the 35 claims; {@code clean}: the claims of the mix the policy finds nothing
     * on, repeated to 35 (the allocation target is per clean claim).
     */
    @Param({"mix", "clean"})
    public String claimSet;

    List<String> json;
    Claim[] claims;
    CoreByHand hand;
    PolicyEngine engine;
    PolicyEngine library;
    CompiledPolicy compiled;
    CoreInCel cel;
    CoreInDrools drools;
    List<Map<String, Object>> celClaims;
    List<List<Object>> droolsFacts;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        json = Snapshot.claimJson();
        if (json.size() != MIX) {
            throw new IllegalStateException("the snapshot has " + json.size() + " claims, the benchmark divides by " + MIX);
        }
        claims = Snapshot.claims(json).toArray(new Claim[0]);
        hand = new CoreByHand(Snapshot.POLICY);
        engine = Snapshot.engine();
        int findings = Snapshot.checkEquivalent(engine, hand, List.of(claims));
        System.out.println("equivalence: the hand-written core reaches the policy's " + findings + " findings on "
                + claims.length + " claims");
        cel = new CoreInCel(Snapshot.POLICY);
        System.out.println("equivalence: CEL (" + cel.ruleCount() + " programs) reaches the same "
                + Snapshot.checkPeer("CEL", hand, cel::check, List.of(claims)) + " findings");
        drools = new CoreInDrools(Snapshot.POLICY);
        System.out.println("equivalence: Drools (" + drools.ruleCount() + " DRL rules) reaches the same "
                + Snapshot.checkPeer("Drools", hand, drools::check, List.of(claims)) + " findings");
        if (claimSet.equals("clean")) {
            List<String> cleanJson = new ArrayList<>();
            List<Claim> clean = new ArrayList<>();
            for (int i = 0; i < claims.length; i++) {
                if (engine.evaluate(claims[i]).findings().isEmpty()) {
                    cleanJson.add(json.get(i));
                    clean.add(claims[i]);
                }
            }
            json = new ArrayList<>();
            claims = new Claim[MIX];
            for (int i = 0; i < MIX; i++) {
                json.add(cleanJson.get(i % cleanJson.size()));
                claims[i] = clean.get(i % clean.size());
            }
        }
        library = PolicyEngine.builder().loadBundled().build();
        compiled = engine.policies().entries().get(0).compiled();
        celClaims = new ArrayList<>();
        droolsFacts = new ArrayList<>();
        for (Claim c : claims) {
            celClaims.add(CoreInCel.convert(c));
            droolsFacts.add(CoreInDrools.convert(c));
        }
    }

    /** Baseline: the 27 rules written by hand. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void byHand(Blackhole bh) {
        for (Claim c : claims) {
            bh.consume(hand.check(c));
        }
    }

    /** The engine's full path: {@code PolicyEngine.evaluate} from a read claim to a decision. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void engine(Blackhole bh) {
        for (Claim c : claims) {
            bh.consume(engine.evaluate(c));
        }
    }

    /**
     * The compiled rules alone: {@code CompiledPolicy.evaluate} with a sink that keeps the messages,
     * without payer and date selection, finding records, sorting or the decision.
     */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void rules(Blackhole bh) {
        for (Claim c : claims) {
            List<String> messages = new ArrayList<>();
            FindingSink sink = (rule, branch, line, message, fix, citation) -> messages.add(message);
            compiled.evaluate(new ClaimContext(c), sink);
            bh.consume(messages);
        }
    }

    /** Reading the claim JSON into the claim model: what every host pays before any rule. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void read(Blackhole bh) {
        for (String j : json) {
            bh.consume(ClaimJson.read(j));
        }
    }

    /** Hand-written, from JSON text. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void byHandWithRead(Blackhole bh) {
        for (String j : json) {
            bh.consume(hand.check(ClaimJson.read(j).claim()));
        }
    }

    /** The engine, from JSON text. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void engineWithRead(Blackhole bh) {
        for (String j : json) {
            ClaimReadResult r = ClaimJson.read(j);
            bh.consume(engine.evaluate(r));
        }
    }

    /** CEL-Java: the 27 rules as CEL programs, over claims converted into CEL values in the setup. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void cel(Blackhole bh) {
        for (int i = 0; i < MIX; i++) {
            bh.consume(cel.check(claims[i].claimId(), celClaims.get(i)));
        }
    }

    /** CEL-Java with each claim converted from the claim model into CEL values inside the loop. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void celWithConversion(Blackhole bh) {
        for (Claim c : claims) {
            bh.consume(cel.check(c));
        }
    }

    /** Drools: the 27 rules in DRL (executable model), a stateless session per claim over facts converted in the setup. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void drools(Blackhole bh) {
        for (int i = 0; i < MIX; i++) {
            bh.consume(drools.check(claims[i].claimId(), droolsFacts.get(i)));
        }
    }

    /** Drools with each claim converted from the claim model into facts inside the loop. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void droolsWithConversion(Blackhole bh) {
        for (Claim c : claims) {
            bh.consume(drools.check(c));
        }
    }

    /** The whole bundled library as it is on main, on the same claims. */
    @Benchmark
    @OperationsPerInvocation(MIX)
    public void library(Blackhole bh) {
        for (Claim c : claims) {
            Decision d = library.evaluate(c);
            bh.consume(d);
        }
    }
}
