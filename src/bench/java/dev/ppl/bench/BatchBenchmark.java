package dev.ppl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.cli.BatchPipeline;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.InputRecord;
import java.io.IOException;
import java.io.OutputStream;
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
import org.openjdk.jmh.annotations.Param;
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
 * most 25% to {@code readWrite}. All three run through {@code ppl eval}'s pipeline ({@code
 * cli.Batch}) on {@code threads} threads as {@code --threads N} gives them: with 1 everything is on
 * one thread; with more, the thread that splits the file and writes also reads, evaluates and
 * renders chunks of claims whenever the other threads are busy. The lines are rendered as UTF-8
 * bytes, written in chunks as {@code ppl eval} writes them, and thrown away. {@code readWrite} and
 * {@code readEvaluateWrite} render the same lines from the same claims, so their difference is
 * evaluating. The setup warms all three steps until the JIT compiler is done with them ({@link
 * #warmUntilCompiled}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class BatchBenchmark {
    static final int CLAIMS = 3500;
    /** The most rounds of the three steps {@link #warmUntilCompiled} runs before the measurement. */
    static final int WARM_ROUNDS_MAX = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"1", "2"})
    int threads;

    Path file;
    PolicyEngine engine;
    Decision[] decisions;
    OutputStream out;

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
            for (InputRecord r = in.next(); r != null; r = in.next()) {
                if (!(r instanceof ClaimRecord claim) || !claim.read().isOk()) {
                    throw new IllegalStateException("not a good claim in the benchmark input: " + r);
                }
                decisions[i++] = engine.evaluate(claim.read());
            }
            if (i != CLAIMS) {
                throw new IllegalStateException("read " + i + " of " + CLAIMS + " claims");
            }
        }
        out = OutputStream.nullOutputStream();
        warmUntilCompiled();
    }

    /**
     * Runs the three steps, in this fork's thread count, until the JIT compiler is done with them: until a
     * round of the three spends less than a twentieth of its time compiling (at most {@link
     * #WARM_ROUNDS_MAX} rounds). The bundled library is hundreds of generated classes that C2 takes
     * tens of seconds of CPU to compile, longer than JMH's warm-up iterations as run here; on 2 cores
     * the compiler then takes CPU from the workers, more so with more threads, and every step of every
     * fork is measured in the same compiled state only when all of them are warmed alike.
     */
    private void warmUntilCompiled() throws IOException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int round = 0; round < WARM_ROUNDS_MAX; round++) {
            long compiling = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            readOnly();
            readWrite();
            readEvaluateWrite();
            long took = (System.nanoTime() - start) / 1_000_000;
            if (round >= 2 && (jit.getTotalCompilationTime() - compiling) * 20 < took) {
                break;
            }
        }
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

    /** Baseline: read every record into the claim model. */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public int readOnly() throws IOException {
        try (ClaimInput in = open()) {
            return BatchPipeline.read(in, threads);
        }
    }

    /** Read, and write each claim's decision line (decisions computed in the setup). */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public int readWrite() throws IOException {
        try (ClaimInput in = open()) {
            return BatchPipeline.readWrite(in, threads, decisions, out);
        }
    }

    /** Read, evaluate with the bundled library, write: {@code ppl eval --threads N} without start-up. */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public int readEvaluateWrite() throws IOException {
        try (ClaimInput in = open()) {
            return BatchPipeline.readEvaluateWrite(engine, in, threads, out);
        }
    }
}
