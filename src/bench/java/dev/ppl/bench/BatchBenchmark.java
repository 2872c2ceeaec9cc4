package dev.ppl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.InputRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code ppl eval} does with an NDJSON file, per claim, in three steps measured in one run:
 * reading the records ({@code readOnly}: the file through {@code ClaimInputs}, each line into the
 * claim model), reading and writing a decision line per claim ({@code readWrite}: the same
 * output as the real run, from decisions computed in the setup), and reading, evaluating with the
 * bundled library and writing ({@code readEvaluateWrite}). The target is evaluation adding at
 * most 25% to {@code readWrite}. One thread: {@code ppl eval --threads N} spreads the same work
 * over N workers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class BatchBenchmark {
    static final int CLAIMS = 3500;
    private static final ObjectMapper JSON = new ObjectMapper();

    Path file;
    PolicyEngine engine;
    Decision[] decisions;
    PrintWriter out;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<String> mix = Snapshot.claimJson();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < CLAIMS; i++) {
            String one = JSON.readTree(mix.get(i % mix.size())).toString();
            ndjson.append(one.replaceFirst("\"claimId\":\"([^\"]*)\"", "\"claimId\":\"$1-" + i + "\"")).append('\n');
        }
        file = Files.createTempFile("ppl-bench", ".ndjson");
        Files.writeString(file, ndjson, StandardCharsets.UTF_8);
        engine = PolicyEngine.builder().loadBundled().build();
        decisions = new Decision[CLAIMS];
        try (ClaimInput in = open()) {
            int i = 0;
            for (ClaimRecord r = nextClaim(in); r != null; r = nextClaim(in)) {
                decisions[i++] = engine.evaluate(r.read());
            }
            if (i != CLAIMS) {
                throw new IllegalStateException("read " + i + " of " + CLAIMS + " claims");
            }
        }
        out = new PrintWriter(Writer.nullWriter());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    private ClaimInput open() {
        return ClaimInputs.defaults().open(List.of(file.toString()), System.in, null, problem -> {
            throw new IllegalStateException(problem);
        });
    }

    /** The next claim; the benchmark's own NDJSON file holds nothing that belongs to the file rather than a claim. */
    private static ClaimRecord nextClaim(ClaimInput in) throws IOException {
        InputRecord next = in.next();
        if (next == null || next instanceof ClaimRecord) {
            return (ClaimRecord) next;
        }
        throw new IllegalStateException("unexpected file-level record in the benchmark input: " + next);
    }

    /** The decision line {@code ppl eval} writes: the decision's JSON with the record's source. */
    private void write(Decision d, ClaimRecord r) throws IOException {
        out.print(DecisionJson.compactLine(d, r.source(), r.number()));
        out.print('\n');
    }

    /** Baseline: read every record into the claim model. */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public int readOnly() throws IOException {
        int ok = 0;
        try (ClaimInput in = open()) {
            for (ClaimRecord r = nextClaim(in); r != null; r = nextClaim(in)) {
                ClaimReadResult read = r.read();
                ok += read.isOk() ? 1 : 0;
            }
        }
        return ok;
    }

    /** Read, and write each claim's decision line (decisions computed in the setup). */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public int readWrite() throws IOException {
        int i = 0;
        try (ClaimInput in = open()) {
            for (ClaimRecord r = nextClaim(in); r != null; r = nextClaim(in)) {
                ClaimReadResult read = r.read();
                write(read.isOk() ? decisions[i] : null, r);
                i++;
            }
        }
        return i;
    }

    /** Read, evaluate with the bundled library, write: {@code ppl eval --threads 1} without start-up. */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public int readEvaluateWrite() throws IOException {
        int i = 0;
        try (ClaimInput in = open()) {
            for (ClaimRecord r = nextClaim(in); r != null; r = nextClaim(in)) {
                write(engine.evaluate(r.read()), r);
                i++;
            }
        }
        return i;
    }
}
