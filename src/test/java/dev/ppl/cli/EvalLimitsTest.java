package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ppl.TestClaims;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppl eval} rejects a claim over an evaluation limit, names the limit, and goes on with the batch. */
class EvalLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void aClaimOverTheStepBudgetIsRejectedAndTheBatchGoesOn() throws IOException {
        EvalCommandTest.readExample();
        String big = TestClaims.stalling();
        Path file = tmp.resolve("c.ndjson");
        Files.writeString(file, String.join("\n", EvalCommandTest.claim("A", false), big, EvalCommandTest.claim("B", false))
                + "\n");
        EvalCommandTest.Run r = EvalCommandTest.run("--threads", "2", "--max-steps", "50000", file.toString());

        assertEquals(65, r.code(), r.err());
        List<JsonNode> out = r.records();
        assertEquals(3, out.size());
        assertEquals("A", out.get(0).get("claimId").asText());
        assertNotEquals("reject", out.get(0).get("outcome").asText());
        assertEquals("reject", out.get(1).get("outcome").asText());
        JsonNode f = out.get(1).get("findings").get(0);
        assertEquals("evaluation-limit", f.get("rule").asText());
        assertTrue(f.get("message").asText().contains("more than 50,000 evaluation steps"), f.toString());
        assertEquals(2, out.get(1).get("input").get("record").asInt());
        assertEquals("B", out.get(2).get("claimId").asText());
        assertNotEquals("reject", out.get(2).get("outcome").asText());
        assertTrue(r.err().contains("errors: 1 claim over an evaluation limit"), r.err());
        assertTrue(r.err().contains(file + ":2: evaluation of this claim was stopped"), r.err());
    }

    @Test
    void badLimitsAreUsageErrors() {
        String claim = EvalCommandTest.EXAMPLE.toString();
        assertEquals(64, EvalCommandTest.run("--max-steps", "0", claim).code());
        assertEquals(64, EvalCommandTest.run("--max-history", "-1", claim).code());
        EvalCommandTest.Run r = EvalCommandTest.run("--claim-timeout", "soon", claim);
        assertEquals(64, r.code());
        assertEquals("ppl eval: --claim-timeout `soon` is not a time; write e.g. 500ms, 2s or 1m" + System.lineSeparator(),
                r.err());
    }

    @Test
    void timeoutsAreRead() {
        assertEquals(Duration.ofMillis(500), EvalCommand.timeout("500ms"));
        assertEquals(Duration.ofSeconds(2), EvalCommand.timeout("2s"));
        assertEquals(Duration.ofMinutes(1), EvalCommand.timeout("1m"));
        assertEquals(null, EvalCommand.timeout("0s"));
        assertEquals(null, EvalCommand.timeout("2 h"));
    }
}
