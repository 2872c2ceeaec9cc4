package dev.ppl.spark;

import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicySource;
import dev.ppl.audit.AuditJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job {@code spark-submit} runs (docs/spark.md):
 *
 * <pre>
 * spark-submit --class dev.ppl.spark.EvaluateJob ppl-spark-0.1.0.jar \
 *     [--policies DIR] [--history-window DAYS] [--format json|parquet] [--audit FILE --patient-key-file FILE] \
 *     --output DIR INPUT...
 * </pre>
 *
 * Decisions go to {@code --output} as {@code ppl eval}'s JSON lines (text part files, in input
 * order) or as Parquet; {@code --history-window} turns on history from the corpus; {@code --audit}
 * also writes {@code ppl audit --json}'s JSON to a file on the driver.
 */
public final class EvaluateJob {
    private EvaluateJob() {}

    public static void main(String[] args) throws Exception {
        String policies = null;
        String output = null;
        String format = "json";
        String audit = null;
        String keyFile = null;
        Integer window = null;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && i + 1 >= args.length) {
                usage(a + " needs a value");
            }
            switch (a) {
                case "--policies" -> policies = args[++i];
                case "--output" -> output = args[++i];
                case "--format" -> format = args[++i];
                case "--audit" -> audit = args[++i];
                case "--patient-key-file" -> keyFile = args[++i];
                case "--history-window" -> window = Integer.parseInt(args[++i].replaceAll("d$", ""));
                default -> {
                    if (a.startsWith("--")) {
                        usage("unknown option " + a);
                    }
                    inputs.add(a);
                }
            }
        }
        if (output == null || inputs.isEmpty() || !(format.equals("json") || format.equals("parquet"))
                || (audit != null && keyFile == null)) {
            usage("--output DIR and at least one INPUT are needed; --format is json or parquet; --audit needs --patient-key-file");
        }
        PolicyShipment shipment = policies == null ? PolicyShipment.bundled()
                : PolicyShipment.of(PolicySource.directory(Path.of(policies)), EvaluationLimits.DEFAULT);
        SparkSession spark = SparkSession.builder().appName("ppl eval").getOrCreate();
        try {
            PplSpark ppl = PplSpark.on(spark);
            Dataset<Row> claims = ppl.readClaims(inputs);
            Dataset<Row> decisions = window == null ? ppl.evaluate(claims, shipment)
                    : ppl.evaluateWithCorpusHistory(claims, shipment, window);
            if (format.equals("json")) {
                PplSpark.writeJsonLines(decisions, output);
            } else {
                PplSpark.writeParquet(decisions, output);
            }
            if (audit != null) {
                byte[] key = Files.readString(Path.of(keyFile), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
                String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(AuditJson.toJson(ppl.audit(claims, shipment, key)));
                Files.writeString(Path.of(audit), json + "\n", StandardCharsets.UTF_8);
            }
        } finally {
            spark.stop();
        }
    }

    private static void usage(String problem) {
        System.err.println("ppl-spark: " + problem);
        System.err.println("usage: EvaluateJob [--policies DIR] [--history-window DAYS] [--format json|parquet]"
                + " [--audit FILE --patient-key-file FILE] --output DIR INPUT...");
        System.exit(64);
    }
}
