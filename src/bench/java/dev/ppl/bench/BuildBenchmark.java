package dev.ppl.bench;

import dev.ppl.api.PolicyEngine;
import dev.ppl.value.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building engines at scale. {@code tenThousandRulesCold} reads, parses, checks and compiles 10
 * policies of 1,000 rules each (the 27 snapshot rules repeated under new ids, with their tables)
 * as the first thing a fresh JVM does, in five JVMs one after another: what {@code ppl check} of
 * those files pays once the JVM has started, loading PPL's classes and compiling its code included.
 * {@code tenThousandRulesWarm} is the same build once three have run in the same JVM (builds 4 to
 * 8): the compiler's own cost, without class loading and with the JIT done. {@code
 * millionRowTable} builds an engine whose policy loads a 1,000,000-row table. The input files are
 * written once under {@code target/bench-build/}, before any fork starts when run by {@link
 * BenchMain}, so that no measured iteration's time or allocation includes writing them. The
 * {@link TableLookup} benchmark measures a lookup in that table, and its setup prints the heap
 * the loaded table keeps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class BuildBenchmark {
    static final int POLICIES = 10;
    static final int RULES_PER_POLICY = 1000;
    static final int ROWS = 1_000_000;
    /** Where the generated inputs are kept between forks. */
    static final Path FILES = Path.of("target", "bench-build");

    Path rules;
    Path table;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        rules = inputs(false).resolve("rules");
        table = inputs(false).resolve("table");
    }

    /**
     * The folder holding {@code rules/} (the 10,000 rules) and {@code table/} (the million-row
     * table), written when missing, or always when {@code fresh} (as {@link BenchMain} does once
     * before the forks start).
     */
    static synchronized Path inputs(boolean fresh) throws IOException {
        if (fresh) {
            delete(FILES);
        }
        if (!Files.isDirectory(FILES)) {
            Path rules = writeTenThousandRules();
            Path table = writeMillionRows();
            Path parent = Files.createDirectories(FILES.toAbsolutePath().getParent());
            Path partial = Files.createTempDirectory(parent, "bench-build");
            move(rules, partial.resolve("rules"));
            move(table, partial.resolve("table"));
            Files.move(partial, FILES, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return FILES;
    }

    /** Moves a folder of files, across file systems too (the temporary folder may be on another). */
    private static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        delete(from);
    }

    /** 10 policy files of 1,000 rules: the snapshot's 27 rules cycled, each copy with its own id. */
    static Path writeTenThousandRules() throws IOException {
        String text = Files.readString(Snapshot.POLICY.resolve("injection-core.ppl"), StandardCharsets.UTF_8);
        int first = text.indexOf("\nrule ");
        String header = text.substring(0, first + 1);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^rule (\\S+)\\n(.*?)(?=^rule |^# -+|\\z)", Pattern.DOTALL).matcher(text.substring(first + 1));
        while (m.find()) {
            blocks.add(m.group());
        }
        Path dir = Files.createTempDirectory("ppl-bench-rules");
        for (String csv : List.of("hcpcs-drug-units.csv", "ncci-ptp-96372.csv", "ncci-mue-96372.csv")) {
            Files.copy(Snapshot.POLICY.resolve(csv), dir.resolve(csv));
        }
        for (int p = 0; p < POLICIES; p++) {
            StringBuilder out = new StringBuilder(header.replace("policy medicare.injection.core", "policy bench.generated" + p));
            for (int r = 0; r < RULES_PER_POLICY; r++) {
                String block = blocks.get(r % blocks.size());
                out.append(block.replaceFirst("^rule (\\S+)", "rule $1-" + r)).append('\n');
            }
            Files.writeString(dir.resolve("generated" + p + ".ppl"), out, StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** A policy with a 1,000,000-row table keyed by text ({@code X000000} to {@code X999999}): more rows than there are HCPCS codes. */
    static Path writeMillionRows() throws IOException {
        Path dir = Files.createTempDirectory("ppl-bench-table");
        try (Writer w = Files.newBufferedWriter(dir.resolve("big.csv"), StandardCharsets.UTF_8)) {
            w.write("id,per,descriptor\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(String.format(Locale.ROOT, "X%06d,%d mg,\"Injection, generated drug %d, %d mg\"\n", i, 1 + i % 50, i,
                        1 + i % 50));
            }
        }
        Files.writeString(dir.resolve("big.ppl"), """
                policy bench.big-table
                  version 1.0.0
                  title "A million-row table"
                  applies to payer type medicare
                  effective from 2020-10-01

                table UNITS from "big.csv"
                  key id
                  columns id: text, per: quantity, descriptor: text

                rule unknown-claim
                  "A claim whose id is not in the table"
                  for each l in lines where UNITS[claimId] is missing
                  when l.units > 0
                  info line l
                    message "{claimId} is not in the table"
                """, StandardCharsets.UTF_8);
        return dir;
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads, parses, checks and compiles 10,000 rules: the first build of a fresh JVM, in five JVMs. */
    @Benchmark
    @Fork(value = 5, jvmArgsAppend = "-Xmx3g")
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public PolicyEngine tenThousandRulesCold() {
        return tenThousandRules();
    }

    /** The same build once three have run in this JVM: builds 4 to 8. */
    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public PolicyEngine tenThousandRulesWarm() {
        return tenThousandRules();
    }

    private PolicyEngine tenThousandRules() {
        PolicyEngine engine = PolicyEngine.builder().load(rules).build();
        int n = 0;
        for (var e : engine.policies().entries()) {
            n += e.compiled().rules().size();
        }
        if (n != POLICIES * RULES_PER_POLICY) {
            throw new IllegalStateException("compiled " + n + " rules");
        }
        return engine;
    }

    /** Builds an engine whose policy loads a 1,000,000-row table. */
    @Benchmark
    public PolicyEngine millionRowTable() {
        return PolicyEngine.builder().load(table).build();
    }

    /** A lookup in the loaded 1,000,000-row table. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(value = 1, jvmArgsAppend = "-Xmx3g")
    public static class TableLookup {
        Table units;
        String[] keys;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path dir = writeMillionRows();
            try {
                Runtime rt = Runtime.getRuntime();
                System.gc();
                long before = rt.totalMemory() - rt.freeMemory();
                PolicyEngine engine = PolicyEngine.builder().load(dir).build();
                System.gc();
                long after = rt.totalMemory() - rt.freeMemory();
                units = engine.policies().entries().get(0).checked().tables().get("UNITS").table();
                String line = String.format(Locale.ROOT, "heap kept by an engine with the %,d-row table: %,d MB (%d bytes a row)",
                        units.size(), (after - before) >> 20, (after - before) / units.size());
                System.out.println(line);
                Files.writeString(Path.of("target/bench-table-memory.txt"), line + "\n", StandardCharsets.UTF_8);
                keys = new String[4096];
                java.util.Random random = new java.util.Random(11);
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = String.format(Locale.ROOT, "X%06d", random.nextInt(ROWS));
                }
            } finally {
                delete(dir);
            }
        }

        @Benchmark
        public Table.Row lookup() {
            return units.find(keys[next++ & (keys.length - 1)], LocalDate.of(2026, 3, 9));
        }
    }
}
