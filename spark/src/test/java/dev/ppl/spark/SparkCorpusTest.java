package dev.ppl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.audit.SyntheticPractice;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test at scale: a synthetic practice of more than 100,000 claims in 8 NDJSON
 * files, evaluated by Spark on local[2] and by {@code ppl eval}, must give the same JSON lines, byte
 * for byte, in input order; and again with history drawn from the corpus.
 */
class SparkCorpusTest {
    static final int FILES = 8;

    @TempDir
    static Path dir;
    private static Path corpus;
    private static long claims;
    private static SparkSession spark;
    private static PplSpark ppl;
    private static PolicyShipment bundled;

    /** Writes the synthetic practice's claims round robin into {@code files} NDJSON files; returns how many. */
    static long generate(Path into, long seed, int patients, int files, boolean embeddedHistory) throws IOException {
        Files.createDirectories(into);
        List<BufferedWriter> out = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            out.add(Files.newBufferedWriter(into.resolve(String.format("claims-%02d.ndjson", i)), StandardCharsets.UTF_8));
        }
        long[] n = {0};
        long count = SyntheticPractice.of(seed, 6, patients, 2026).generate(claim -> {
            // the generator's own history names a claim "prior" outside the corpus; without it the corpus
            // carries no history at all
            String text = embeddedHistory ? claim : claim.substring(0, claim.indexOf(",\"history\":[")) + "}";
            BufferedWriter w = out.get((int) (n[0]++ % files));
            w.write(text);
            w.write('\n');
        }, null);
        for (BufferedWriter w : out) {
            w.close();
        }
        return count;
    }

    @BeforeAll
    static void start() throws IOException {
        corpus = dir.resolve("corpus");
        claims = generate(corpus, 14, 7_000, FILES, false);
        spark = LocalSpark.start("SparkCorpusTest");
        ppl = PplSpark.on(spark);
        bundled = PolicyShipment.bundled();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aHundredThousandClaimsGiveTheDecisionsOfPplEval() throws IOException {
        assertTrue(claims >= 100_000, claims + " claims");
        Path expected = dir.resolve("eval.ndjson");
        LocalSpark.pplEval("--threads", "2", "-o", expected.toString(), corpus.toString());
        Dataset<Row> decisions = ppl.evaluate(ppl.readClaims(List.of(corpus.toString())), bundled);
        assertEquals(claims, sameLines(expected, PplSpark.jsonLines(decisions).toLocalIterator()));
    }

    @Test
    void withHistoryFromTheCorpusTheyEqualPplEvalWithTheSameOption() throws IOException {
        Path expected = dir.resolve("eval-history.ndjson");
        // 35 days: enough for the monthly frequency rule and copy-forward; rules that walk the history for
        // each entry (copy-forward) make a long window cost minutes here (docs/performance.md)
        LocalSpark.pplEval("--threads", "2", "--history-from-corpus", "--history-window", "35d", "-o",
                expected.toString(), corpus.toString());
        String text = Files.readString(expected); // the planted weekly injections must be caught by frequency
        assertTrue(text.contains("b12-more-often-than-monthly"), "history made the frequency rule fire");
        Dataset<Row> decisions = ppl.evaluateWithCorpusHistory(ppl.readClaims(List.of(corpus.toString())), bundled, 35);
        assertEquals(claims, sameLines(expected, PplSpark.jsonLines(decisions).toLocalIterator()));
    }

    /** Compares a file's lines with Spark's, streaming both; returns the number of lines. */
    static long sameLines(Path expected, Iterator<String> actual) throws IOException {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(expected, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                assertTrue(actual.hasNext(), "Spark gave " + (n - 1) + " lines, ppl eval more");
                String a = actual.next();
                if (!line.equals(a)) {
                    assertEquals(line, a, "line " + n + " differs");
                }
            }
        }
        assertTrue(!actual.hasNext(), "Spark gave more than the " + n + " lines of ppl eval");
        return n;
    }
}
