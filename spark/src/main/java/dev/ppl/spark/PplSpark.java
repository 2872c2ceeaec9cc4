package dev.ppl.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * PPL as a Spark library: read claim files into a Dataset, evaluate them with a policy set shipped
 * to the executors once, and write the decisions as {@code ppl eval} does. docs/spark.md documents
 * the columns of every Dataset and how to run it on a cluster.
 *
 * <pre>{@code
 * PplSpark ppl = PplSpark.on(spark);
 * Dataset<Row> claims = ppl.readClaims(List.of("s3a://bucket/claims/2026/"));
 * Dataset<Row> decisions = ppl.evaluate(claims, PolicyShipment.bundled());
 * PplSpark.writeJsonLines(decisions, "s3a://bucket/decisions/2026/");
 * }</pre>
 */
public final class PplSpark {
    private final SparkSession spark;

    private PplSpark(SparkSession spark) {
        this.spark = spark;
    }

    public static PplSpark on(SparkSession spark) {
        return new PplSpark(spark);
    }

    /** {@link #readClaims(List, ReadSettings)} with {@code ppl eval}'s default reading. */
    public Dataset<Row> readClaims(List<String> inputs) {
        return readClaims(inputs, ReadSettings.DEFAULT);
    }

    /**
     * The claims of files and directories (claim JSON, NDJSON, X12 837P, FHIR; any Hadoop file
     * system), one row per claim record and one per file with file-level problems, read by PPL's own
     * readers as {@code ppl eval} reads them. A claim that cannot be read is a row whose {@code
     * errors} say why, naming its file ({@code source}) and record. Files are listed now, on the
     * driver; a task reads whole files, so a corpus should come in many files.
     *
     * @throws PplSparkException when an input does not exist
     */
    public Dataset<Row> readClaims(List<String> inputs, ReadSettings settings) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<ClaimRows.FileRef> files = ClaimRows.list(conf, inputs);
        if (files.isEmpty()) {
            throw new PplSparkException("no claim file in " + String.join(", ", inputs));
        }
        Map<String, String> hadoop = new HashMap<>();
        conf.forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<String, String>> shippedConf = jsc.broadcast(hadoop);
        int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
        JavaRDD<Row> rows = jsc.parallelize(files, slices)
                .mapPartitions(it -> ClaimRows.read(it, settings, shippedConf.value()));
        return spark.createDataFrame(rows, ClaimRows.SCHEMA);
    }

    /**
     * Evaluates every claim row: one decision row per claim row (a file row gives its file record),
     * in any order; {@code file_index, seq} give input order. The policy set is broadcast once and
     * compiled once per executor JVM.
     */
    public Dataset<Row> evaluate(Dataset<Row> claims, PolicyShipment policies) {
        Broadcast<PolicyShipment> shipped = broadcast(policies);
        JavaRDD<Row> rows = claims.javaRDD().mapPartitions(it -> DecisionRows.evaluate(it, shipped.value()));
        return spark.createDataFrame(rows, DecisionRows.SCHEMA);
    }

    /**
     * As {@link #evaluate}, giving each claim the service lines of its patient's earlier claims within
     * {@code windowDays} as history ({@code dev.ppl.claim.CorpusHistory}; the same as {@code ppl eval
     * --history-from-corpus --history-window DAYSd}). Claims are repartitioned by patient and sorted
     * by date within each partition; a patient's window is the only state kept.
     */
    public Dataset<Row> evaluateWithCorpusHistory(Dataset<Row> claims, PolicyShipment policies, int windowDays) {
        if (windowDays < 0) {
            throw new PplSparkException("the history window must be 0 days or more, not " + windowDays);
        }
        Broadcast<PolicyShipment> shipped = broadcast(policies);
        Column patient = functions.col("patient_id");
        Dataset<Row> sorted = claims.repartition(patient)
                .sortWithinPartitions(patient, functions.col("service_date"), functions.col("claim_id"),
                        functions.col("file_index"), functions.col("seq"));
        JavaRDD<Row> rows = sorted.javaRDD()
                .mapPartitions(it -> DecisionRows.evaluateWithHistory(it, shipped.value(), windowDays));
        return spark.createDataFrame(rows, DecisionRows.SCHEMA);
    }

    /**
     * The audit of the claims: the policies' measures, with their figures, percentiles and flags, and
     * the rule findings over time; equal to {@code ppl audit --json --patient-key-file KEY} on the
     * same files. Each partition tallies its claims, the driver merges the partial tallies (one per
     * partition, each bounded by the number of groups). Remittances are not matched here.
     *
     * @param patientKey the secret key of the patients' HMAC-SHA256 pseudonyms (at least 16 bytes)
     */
    public dev.ppl.audit.AuditResult audit(Dataset<Row> claims, PolicyShipment policies, byte[] patientKey) {
        if (patientKey == null || patientKey.length < 16) {
            throw new PplSparkException("the patient key must be at least 16 bytes");
        }
        Broadcast<PolicyShipment> shipped = broadcast(policies);
        byte[] key = patientKey.clone();
        List<byte[]> partials = claims.javaRDD()
                .mapPartitions(it -> AuditPartitions.tally(it, shipped.value(), key))
                .collect();
        dev.ppl.audit.Audit.Tally total = dev.ppl.audit.Audit.of(policies.engine().policies(),
                dev.ppl.audit.Pseudonyms.keyed(key)).tally();
        for (byte[] p : partials) {
            total.merge(AuditPartitions.deserialize(p));
        }
        return total.result();
    }

    private Broadcast<PolicyShipment> broadcast(PolicyShipment policies) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(policies);
    }

    /**
     * The findings of a decisions Dataset as a flat table: one row per finding, with the claim's
     * {@code source, record, claim_id, outcome} and the finding's columns.
     */
    public static Dataset<Row> findings(Dataset<Row> decisions) {
        return decisions.select(functions.col("source"), functions.col("record"), functions.col("claim_id"),
                        functions.col("outcome"), functions.col("policy_set"), functions.explode(functions.col("findings")).as("f"))
                .select(functions.col("source"), functions.col("record"), functions.col("claim_id"),
                        functions.col("outcome"), functions.col("policy_set"), functions.col("f.*"));
    }

    /**
     * The decisions' JSON lines in input order: what {@code ppl eval} writes for the same inputs.
     * The global sort samples its input before it shuffles, so the evaluation is first kept on the
     * executors ({@code localCheckpoint}, file position and JSON line only) instead of being run twice.
     */
    public static Dataset<String> jsonLines(Dataset<Row> decisions) {
        return decisions.select("file_index", "seq", "decision").localCheckpoint(true)
                .orderBy("file_index", "seq").select("decision").as(org.apache.spark.sql.Encoders.STRING());
    }

    /**
     * Writes the decisions as {@code ppl eval}'s JSON lines, in input order, to text part files under
     * {@code dir} (concatenated in name order they are {@code ppl eval}'s output).
     */
    public static void writeJsonLines(Dataset<Row> decisions, String dir) {
        jsonLines(decisions).write().mode(SaveMode.ErrorIfExists).text(dir);
    }

    /** Writes the decisions as Parquet, findings nested; {@link #findings} flattens them. */
    public static void writeParquet(Dataset<Row> decisions, String dir) {
        decisions.write().mode(SaveMode.ErrorIfExists).parquet(dir);
    }
}
