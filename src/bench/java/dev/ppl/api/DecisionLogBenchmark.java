package dev.ppl.api;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Evaluations per second of the bundled library on the contract example, on 4 threads (a host's
 * worker pool), with the decision log to a file: {@code off} (no log, the baseline),
 * {@code perRecord} (the log as it was: a lock, a write and a flush for every record),
 * {@code groupCommit} (the log now, {@link DecisionLog.Durability#WRITTEN}: each evaluation returns
 * once its record is written and flushed, records written meanwhile share the write) and
 * {@code buffered} ({@link DecisionLog.Durability#BUFFERED} flushed every 256 evaluations of a
 * thread, as {@code ppl eval} does before each chunk of output). {@link #main} prints each as a
 * ratio to {@code off} and to {@code perRecord} measured in the same run.
 *
 * <p>In package {@code dev.ppl.api} to build log lines exactly as the log does ({@code
 * DecisionLog.line}) for the old per-record writer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
@Threads(4)
public class DecisionLogBenchmark {
    @Param({"off", "perRecord", "groupCommit", "buffered"})
    public String log;

    ClaimReadResult read;
    PolicyEngine engine;
    DecisionLog decisionLog;
    Path file;
    Writer perRecord;
    final Object lock = new Object();

    /** Evaluations of one benchmark thread since its last flush (buffered). */
    @State(Scope.Thread)
    public static class Since {
        int evaluations;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        read = ClaimJson.read(Files.readString(Path.of("examples/claims/contract-example.json"), StandardCharsets.UTF_8));
        file = Files.createTempFile("ppl-decisions", ".jsonl");
        PolicyEngine.Builder builder = PolicyEngine.builder().loadBundled();
        switch (log) {
            case "groupCommit" -> builder.decisionLog(decisionLog = DecisionLog.builder().open(file));
            case "buffered" -> builder.decisionLog(decisionLog = DecisionLog.builder()
                    .durability(DecisionLog.Durability.BUFFERED).open(file));
            case "perRecord" -> {
                decisionLog = DecisionLog.builder().to(Writer.nullWriter()); // only builds the lines
                perRecord = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            default -> { }
        }
        engine = builder.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (decisionLog != null) {
            decisionLog.close();
        }
        if (perRecord != null) {
            perRecord.close();
        }
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Decision evaluate(Since since) throws IOException {
        Decision d = engine.evaluate(read);
        if (perRecord != null) { // the log before group commit, line for line
            String line = decisionLog.line(UUID.randomUUID().toString(), read, d, engine.policies());
            synchronized (lock) {
                perRecord.write(line);
                perRecord.write('\n');
                perRecord.flush();
            }
        } else if (log.equals("buffered") && ++since.evaluations == 256) {
            since.evaluations = 0;
            decisionLog.flush();
        }
        return d;
    }

    /** Runs this benchmark (JMH options as arguments) and prints ratios to the baselines of the same run. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        options.include(DecisionLogBenchmark.class.getName());
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> byMode = new LinkedHashMap<>();
        for (RunResult r : results) {
            var s = r.getPrimaryResult().getStatistics();
            byMode.put(r.getParams().getParam("log"), new double[] {s.getMean(), s.getMeanErrorAt(0.999), s.getMax()});
        }
        double[] off = byMode.get("off");
        double[] old = byMode.get("perRecord");
        System.out.println();
        System.out.println("Decision log, 4 threads: evaluations per second and ratios to the baselines of this run");
        System.out.println("(on the best iteration of each, the one least disturbed by other work on the machine):");
        System.out.println(String.format(Locale.ROOT, "%-12s %12s %10s %12s %10s %12s", "log", "mean ops/s", "±99.9%",
                "best ops/s", "× off", "× perRecord"));
        byMode.forEach((mode, v) -> System.out.println(String.format(Locale.ROOT, "%-12s %12.0f %10.0f %12.0f %10s %12s",
                mode, v[0], v[1], v[2], off == null ? "-" : String.format(Locale.ROOT, "%.3f", v[2] / off[2]),
                old == null ? "-" : String.format(Locale.ROOT, "%.2f", v[2] / old[2]))));
    }
}
