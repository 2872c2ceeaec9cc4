package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppl eval --history-from-corpus}: a patient's earlier claims in the inputs become each claim's history. */
class EvalHistoryTest {
    /** The clean B12 claim of patient PT-2002 on {@code date} without its own history, as one NDJSON line. */
    private static String b12(String id, String date) throws Exception {
        ObjectNode claim = (ObjectNode) new ObjectMapper().readTree(Files.readString(
                Path.of("examples/claims/clean-b12-injection-only-jn.json")).replace("2026-03-09", date));
        claim.remove("history");
        return claim.put("claimId", id).toString();
    }

    private static Path corpus(Path dir) throws Exception {
        Path file = dir.resolve("corpus.ndjson");
        // out of date order on purpose: the history does not depend on the order of the inputs
        Files.write(file, List.of(b12("B", "2026-03-20"), b12("A", "2026-03-06"), b12("C", "2026-03-06"),
                b12("OTHER", "2026-03-13").replace("PT-2002", "PT-9")));
        return file;
    }

    @Test
    void anEarlierClaimOfThePatientMakesTheFrequencyRuleFire(@TempDir Path dir) throws Exception {
        Path file = corpus(dir);
        Cli without = Cli.run("eval", file.toString());
        assertFalse(without.out().contains("b12-more-often-than-monthly"), without.all());
        Cli with = Cli.run("eval", "--history-from-corpus", file.toString());
        String[] lines = with.out().split("\n");
        assertEquals(4, lines.length, with.all());
        // B (03-20) follows A and C (03-06); A and C are the same day, so neither is the other's history
        assertTrue(lines[0].contains("\"claimId\":\"B\"") && lines[0].contains("J3420 on 2026-03-20 follows J3420 on 2026-03-06"),
                with.all());
        for (int i = 1; i < 4; i++) {
            assertFalse(lines[i].contains("b12-more-often-than-monthly"), lines[i]);
        }
    }

    @Test
    void theWindowLeavesOutOlderClaims(@TempDir Path dir) throws Exception {
        Cli with = Cli.run("eval", "--history-from-corpus", "--history-window", "13d", corpus(dir).toString());
        assertFalse(with.out().contains("b12-more-often-than-monthly"), with.all());
        Cli wide = Cli.run("eval", "--history-from-corpus", "--history-window", "14", corpus(dir).toString());
        assertTrue(wide.out().contains("b12-more-often-than-monthly"), wide.all());
    }

    @Test
    void badWindowAndStandardInputAreUsageErrors(@TempDir Path dir) throws Exception {
        Cli bad = Cli.run("eval", "--history-from-corpus", "--history-window", "a year", corpus(dir).toString());
        assertEquals(64, bad.code());
        assertTrue(bad.err().contains("--history-window `a year` is not a number of days; write e.g. 365d or 90d"), bad.all());
        Cli stdin = Cli.run("eval", "--history-from-corpus", "-");
        assertEquals(64, stdin.code());
        assertTrue(stdin.err().contains("standard input"), stdin.all());
    }
}
