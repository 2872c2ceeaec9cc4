package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CheckCommandTest {
    private static final String LINT = "src/test/resources/diagnostics/PPL0907-never-true.ppl";
    private static final String ERRORS = "src/test/resources/diagnostics/PPL0315-bad-adjustment-codes.ppl";

    @Test
    void aFolderWithNoPoliciesIsAnErrorNotACleanCheck(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "no policies here\n");
        Cli cli = Cli.run("check", dir.toString());
        assertEquals(66, cli.code(), cli.all());
        assertEquals("ppl check: " + dir + " holds no policy files (.ppl); nothing was checked" + System.lineSeparator(),
                cli.err());
    }

    @Test
    void warningsDoNotFailTheCheck() {
        Cli cli = Cli.run("check", LINT);
        assertEquals(0, cli.code(), cli.all());
        assertTrue(cli.out().contains("warning[PPL0907]: this condition is never true"), cli.all());
        assertTrue(cli.out().contains("checked 1 file, 1 policy: 0 errors, 3 warnings"), cli.all());
    }

    @Test
    void strictTurnsWarningsIntoErrors() {
        Cli cli = Cli.run("check", "--strict", LINT);
        assertEquals(65, cli.code(), cli.all());
        assertTrue(cli.out().contains("error[PPL0907]"), cli.all());
        assertTrue(cli.out().contains("3 errors, 0 warnings"), cli.all());
    }

    @Test
    void errorsFailTheCheck() {
        Cli cli = Cli.run("check", ERRORS);
        assertEquals(65, cli.code(), cli.all());
        assertTrue(cli.out().contains("3 errors"), cli.all());
    }

    @Test
    void sarifIsASarif210LogWithOneResultPerDiagnostic() throws Exception {
        Cli cli = Cli.run("check", "--format", "sarif", LINT, ERRORS);
        assertEquals(65, cli.code(), cli.all());
        JsonNode log = new ObjectMapper().readTree(cli.out());
        assertEquals("2.1.0", log.get("version").asText());
        assertTrue(log.get("$schema").asText().contains("sarif-2.1.0"));
        JsonNode run = log.get("runs").get(0);
        assertEquals("ppl", run.get("tool").get("driver").get("name").asText());
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertEquals(2, rules.size(), "one rule per code used: PPL0315 and PPL0907");
        JsonNode results = run.get("results");
        assertEquals(6, results.size());
        JsonNode first = results.get(0);
        String ruleId = first.get("ruleId").asText();
        assertEquals(ruleId, rules.get(first.get("ruleIndex").asInt()).get("id").asText());
        JsonNode region = first.get("locations").get(0).get("physicalLocation").get("region");
        assertTrue(region.get("startLine").asInt() > 0 && region.get("startColumn").asInt() > 0);
        assertEquals("src/test/resources/diagnostics/PPL0315-bad-adjustment-codes.ppl",
                first.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
        assertEquals("error", first.get("level").asText());
        assertTrue(first.get("message").get("text").asText().contains("\nhelp: "));
        for (JsonNode rule : rules) {
            assertTrue(rule.get("shortDescription").get("text").asText().length() > 3);
        }
    }

    @Test
    void sarifNamesTheBundledLibraryByItsRepositoryPath() throws Exception {
        Cli cli = Cli.run("check", "--format", "sarif");
        JsonNode results = new ObjectMapper().readTree(cli.out()).get("runs").get(0).get("results");
        for (JsonNode r : results) {
            assertTrue(r.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText()
                    .startsWith("policies/"), cli.all());
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli cli = Cli.run("check", "--format", "xml");
        assertEquals(64, cli.code(), cli.all());
    }
}
