package dev.ppl.bench;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.audit.Audit;
import dev.ppl.audit.AuditResult;
import dev.ppl.audit.Pseudonyms;
import dev.ppl.audit.SyntheticPractice;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code ppl audit} against {@code ppl eval} on the same corpus, per claim, without reading (the
 * same for both): a synthetic practice ({@link SyntheticPractice}, six months of five providers,
 * about 2,100 claims) read into claims in the setup. {@code eval} is the baseline: the bundled
 * library's decision on every claim. {@code audit} is what {@code ppl audit} adds to it: the
 * decision, then the tally of the seven bundled measures and the rule findings, and the result
 * (percentiles, flags) at the end. {@code measures} is the tally alone, without the rules. One
 * thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class AuditBenchmark {
    static final SyntheticPractice PRACTICE = SyntheticPractice.of(7, 5, 260, 2025).months(6);
    static final int CLAIMS = 2059;

    PolicyEngine engine;
    Audit audit;
    Claim[] claims;

    @Setup(Level.Trial)
    public void setUp() {
        List<Claim> read = new ArrayList<>();
        PRACTICE.generate(json -> {
            ClaimReadResult r = ClaimJson.read(json);
            if (!r.isOk()) {
                throw new IllegalStateException("a generated claim is invalid: " + r.errors());
            }
            read.add(r.claim());
        }, null);
        if (read.size() != CLAIMS) {
            throw new IllegalStateException("the practice has " + read.size() + " claims, not " + CLAIMS);
        }
        claims = read.toArray(Claim[]::new);
        engine = PolicyEngine.builder().loadBundled().build();
        audit = Audit.of(engine.policies(), Pseudonyms.keyed("bench-key-0123456789".getBytes(StandardCharsets.UTF_8)));
        AuditResult check = audit();
        if (check.claims() != CLAIMS || check.measures().stream().mapToLong(m -> m.flagged().size()).sum() != 3) {
            throw new IllegalStateException("the audit does not flag the three planted patterns");
        }
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public void eval(Blackhole bh) {
        for (Claim c : claims) {
            bh.consume(engine.evaluate(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public AuditResult audit() {
        Audit.Tally tally = audit.tally();
        for (Claim c : claims) {
            tally.add(c, engine.evaluate(c));
        }
        return tally.result();
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public AuditResult measures() {
        Audit.Tally tally = audit.tally();
        for (Claim c : claims) {
            tally.add(c, null);
        }
        return tally.result();
    }
}
