package dev.ppl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.audit.AuditJson;
import dev.ppl.audit.AuditResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit measures as a Spark aggregation equal {@code ppl audit --json} on the same corpus and key. */
class SparkAuditTest {
    private static final String KEY = "spark-audit-test-key-0123456789";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SparkAuditTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theAuditEqualsPplAuditJson(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus");
        SparkCorpusTest.generate(corpus, 7, 1_500, 6, true);
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, KEY + "\n");
        String expected = LocalSpark.ppl("audit", "--json", "--threads", "2", "--patient-key-file", keyFile.toString(),
                corpus.toString());
        PplSpark ppl = PplSpark.on(spark);
        AuditResult result = ppl.audit(ppl.readClaims(List.of(corpus.toString())), PolicyShipment.bundled(),
                KEY.getBytes(StandardCharsets.UTF_8));
        String actual = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(AuditJson.toJson(result)) + "\n";
        assertFalse(result.measures().stream().allMatch(m -> m.flagged().isEmpty()), "the planted patterns are flagged");
        assertEquals(expected, actual);
    }

    @Test
    void aShortKeyIsRefused() {
        PplSpark ppl = PplSpark.on(spark);
        assertThrows(PplSparkException.class, () -> ppl.audit(null, PolicyShipment.bundled(), new byte[8]));
    }
}
