package dev.ppl.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Claims per second on local[2] against {@code ppl eval --threads 2} on the same corpus and machine
 * (docs/performance.md). Not a test: it asserts nothing about time and runs only with -Pspark-bench.
 * Writes its table to target/spark-bench.md.
 */
@Tag("bench")
class SparkBenchmark {
    @Test
    void claimsPerSecond() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| claims | ppl eval | Spark local[2] | ppl eval, history | Spark, history |");
        rows.add("|---:|---:|---:|---:|---:|");
        Path root = Files.createTempDirectory("ppl-spark-bench");
        SparkSession spark = LocalSpark.start("SparkBenchmark");
        PplSpark ppl = PplSpark.on(spark);
        PolicyShipment bundled = PolicyShipment.bundled();
        // warm both up on a small corpus, so the first size does not pay for JIT and Spark start-up alone
        Path warm = root.resolve("warm");
        GenerateCorpus.write(warm, 700, 4);
        LocalSpark.pplEval("--threads", "2", "-o", root.resolve("warm.ndjson").toString(), warm.toString());
        PplSpark.writeJsonLines(ppl.evaluate(ppl.readClaims(List.of(warm.toString())), bundled), root.resolve("warm-out").toString());
        for (String size : System.getProperty("bench.claims", "100000").split(",")) {
            int claims = Integer.parseInt(size.trim());
            Path corpus = root.resolve("c" + claims);
            long n = GenerateCorpus.write(corpus, (int) Math.ceil(claims / 14.76), 16);
            double[] rate = new double[4];
            for (int history = 0; history < 2; history++) {
                long t0 = System.nanoTime();
                List<String> args = new ArrayList<>(List.of("--threads", "2", "-o", root.resolve("eval-" + claims + "-" + history + ".ndjson").toString()));
                if (history == 1) {
                    args.addAll(List.of("--history-from-corpus", "--history-window", "365d"));
                }
                args.add(corpus.toString());
                LocalSpark.pplEval(args.toArray(String[]::new));
                rate[history * 2] = n / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                var read = ppl.readClaims(List.of(corpus.toString()));
                var decisions = history == 0 ? ppl.evaluate(read, bundled) : ppl.evaluateWithCorpusHistory(read, bundled, 365);
                PplSpark.writeJsonLines(decisions, root.resolve("spark-" + claims + "-" + history).toString());
                rate[history * 2 + 1] = n / ((System.nanoTime() - t0) / 1e9);
            }
            rows.add(String.format(Locale.ROOT, "| %,d | %,.0f/s | %,.0f/s | %,.0f/s | %,.0f/s |", n, rate[0], rate[1], rate[2], rate[3]));
            System.out.println(rows.get(rows.size() - 1));
        }
        spark.stop();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/spark-bench.md"), String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        System.out.println(String.join("\n", rows));
    }
}
