package dev.ppl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation on Spark against {@code ppl eval} on the example claims, malformed input and bad policies. */
class SparkEvalTest {
    private static SparkSession spark;
    private static PplSpark ppl;
    private static PolicyShipment bundled;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SparkEvalTest");
        ppl = PplSpark.on(spark);
        bundled = PolicyShipment.bundled();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void exampleClaimsGiveTheDecisionsOfPplEvalByteForByte() {
        List<String> inputs = List.of("../examples/claims", "../examples/x12");
        List<String> expected = LocalSpark.pplEval(inputs.toArray(String[]::new));
        assertTrue(expected.size() > 40, "ppl eval wrote " + expected.size() + " lines");
        Dataset<Row> decisions = ppl.evaluate(ppl.readClaims(inputs), bundled);
        assertEquals(expected, PplSpark.jsonLines(decisions).collectAsList());
    }

    @Test
    void historyFromTheCorpusGivesTheDecisionsOfPplEvalWithTheSameOption() {
        List<String> inputs = List.of("../examples/claims", "../examples/x12");
        List<String> expected = LocalSpark.pplEval("--history-from-corpus", "--history-window", "90d",
                "../examples/claims", "../examples/x12");
        Dataset<Row> decisions = ppl.evaluateWithCorpusHistory(ppl.readClaims(inputs), bundled, 90);
        assertEquals(expected, PplSpark.jsonLines(decisions).collectAsList());
    }

    @Test
    void malformedClaimsAreRejectRowsNamingFileAndRecordAndTheRestGoOn(@TempDir Path dir) throws Exception {
        String good = Files.readString(Path.of("../examples/claims/contract-example.json")).replaceAll("\\s*\n\\s*", " ");
        Path file = dir.resolve("mixed.ndjson");
        Files.writeString(file, String.join("\n", good, "{\"claimId\": \"BROKEN\", \"lines\": 7}", "", "not json at all",
                good.replace("EX-0001", "EX-0002")) + "\n", StandardCharsets.UTF_8);
        Dataset<Row> claims = ppl.readClaims(List.of(file.toString()));
        List<Row> decisions = ppl.evaluate(claims, bundled).orderBy("file_index", "seq").collectAsList();
        assertEquals(4, claims.count(), "four claim records (the blank line is no record)");
        assertEquals(4, decisions.size(), "N claims in, N rows out");
        assertEquals(List.of(1L, 2L, 4L, 5L), decisions.stream().map(r -> r.getLong(r.fieldIndex("record"))).toList());
        Row broken = decisions.get(1);
        assertEquals("reject", broken.getString(broken.fieldIndex("outcome")));
        assertEquals("BROKEN", broken.getString(broken.fieldIndex("claim_id")));
        assertEquals(file.toString(), broken.getString(broken.fieldIndex("source")));
        assertTrue(broken.getString(broken.fieldIndex("decision")).contains("\"input\":{\"file\":\"" + file + "\",\"record\":2}"));
        assertEquals("reject", decisions.get(2).getString(decisions.get(2).fieldIndex("outcome")));
        assertFalse(decisions.get(3).getString(decisions.get(3).fieldIndex("outcome")).equals("reject"));
        assertEquals(LocalSpark.pplEval(file.toString()), decisions.stream().map(r -> r.getString(r.fieldIndex("decision"))).toList());
    }

    @Test
    void findingsFlattenToOneRowPerFinding() {
        Dataset<Row> decisions = ppl.evaluate(ppl.readClaims(List.of("../examples/claims/em-without-25.json")), bundled);
        List<Row> findings = PplSpark.findings(decisions).collectAsList();
        Row decision = decisions.first();
        assertEquals(decision.getList(decision.fieldIndex("findings")).size(), findings.size());
        assertTrue(findings.stream().anyMatch(f -> "em-same-day-needs-25".equals(f.getString(f.fieldIndex("rule")))),
                findings.toString());
    }

    @Test
    void thePolicySetIsCompiledOncePerJvmAndSharedByTasksAndJobs() {
        int before = PolicyShipment.compilations();
        Dataset<Row> claims = ppl.readClaims(List.of("../examples/claims"));
        assertTrue(claims.javaRDD().getNumPartitions() >= 2, "several tasks");
        ppl.evaluate(claims, bundled).count();
        ppl.evaluate(claims, bundled).count();
        assertTrue(PolicyShipment.compilations() - before <= 1, "compiled " + (PolicyShipment.compilations() - before) + " times");
        assertTrue(PolicyShipment.compilations() >= 1);
    }

    @Test
    void policiesWithErrorsFailBeforeAnyTaskWithPplsDiagnostics() {
        int jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
        PplSparkException e = assertThrows(PplSparkException.class, () -> PolicyShipment.of(List.of(PolicySource.of(
                "broken.ppl", "policy broken\n  version 1.0.0\n\nrule r \"x\"\n  when lines.cont > 1\n  deny claim group CO carc 4\n")),
                EvaluationLimits.DEFAULT));
        assertTrue(e.getMessage().contains("broken.ppl:6:29: error[PPL0102]"), e.getMessage());
        assertTrue(e.getMessage().contains("error[PPL"), e.getMessage());
        assertEquals(jobsBefore, spark.sparkContext().statusTracker().getJobIdsForGroup(null).length, "no job ran");
    }

    @Test
    void aMissingInputFailsOnTheDriver() {
        PplSparkException e = assertThrows(PplSparkException.class, () -> ppl.readClaims(List.of("no/such/claims")));
        assertEquals("cannot read no/such/claims: no such file or directory", e.getMessage());
    }
}
