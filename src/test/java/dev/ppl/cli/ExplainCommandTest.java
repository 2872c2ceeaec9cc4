package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    private static final String POLICIES = "src/test/resources/explain/policies";
    private static final String DENIED = "src/test/resources/explain/denied.json";

    @TempDir
    Path dir;

    @Test
    void explainsWhyEachFindingAppeared() {
        Cli cli = Cli.run("explain", "--policies", POLICIES, DENIED);
        assertEquals(0, cli.code(), cli.all());
        assertTrue(cli.out().startsWith("claim EX-DENY: DENY\n"), cli.all());
        assertTrue(cli.out().contains("  em-same-day-needs-25: FIRED\n"), cli.all());
        assertTrue(cli.out().contains("met      99213 on line 1 has no modifier 25 (modifiers: none)"), cli.all());
        assertTrue(cli.out().contains("=> deny CO-4 on line 1: 99213 on line 1 is billed with 96372 on 2026-03-02 without"
                + " modifier 25"), cli.all());
        assertTrue(cli.out().contains("did not judge this claim: it applies to payer type medicaid"), cli.all());
    }

    @Test
    void explainsWithTheBundledLibraryByDefault() {
        Cli cli = Cli.run("explain", "examples/claims/contract-example.json");
        assertEquals(0, cli.code(), cli.all());
        assertTrue(cli.out().startsWith("claim EX-0001: "), cli.all());
    }

    @Test
    void jsonIsTheSameExplanationAsATree() throws Exception {
        Cli cli = Cli.run("explain", "--format", "json", "-p", POLICIES, DENIED);
        assertEquals(0, cli.code(), cli.all());
        JsonNode root = new ObjectMapper().readTree(cli.out());
        assertEquals("deny", root.get("outcome").asText());
        JsonNode rule = root.get("policies").get(0).get("rules").get(1);
        assertEquals("em-same-day-needs-25", rule.get("rule").asText());
        assertEquals("fired", rule.get("status").asText());
        assertEquals(1, rule.get("checks").get(0).get("branches").get(0).get("finding").get("line").asInt());
    }

    @Test
    void aMalformedClaimIsReportedByField() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"claimId\": \"B\", \"lines\": [{\"line\": \"one\"}]}");
        Cli cli = Cli.run("explain", bad.toString());
        assertEquals(65, cli.code(), cli.all());
        assertTrue(cli.err().contains("lines[0].line"), cli.all());
        assertTrue(cli.err().contains("no rule ran"), cli.all());
    }

    @Test
    void aMissingClaimFileIsReported() {
        Cli cli = Cli.run("explain", dir.resolve("none.json").toString());
        assertEquals(66, cli.code(), cli.all());
        assertTrue(cli.err().contains("no such file"), cli.all());
    }

    @Test
    void policiesWithErrorsAreReported() {
        Cli cli = Cli.run("explain", "-p", "src/test/resources/diagnostics/PPL0301-unknown-name.ppl", DENIED);
        assertEquals(65, cli.code(), cli.all());
        assertTrue(cli.err().contains("error[PPL0301]"), cli.all());
    }
}
