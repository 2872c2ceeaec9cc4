package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, where messages go, no stack traces. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run ppl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertFalse((out + "" + err).contains("\tat "), "no stack trace reaches the user");
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void checkReportsAMisspelledFieldWithPositionAndSuggestionAndExits65() throws IOException {
        Path policy = dir.resolve("typo.ppl");
        Files.writeString(policy, """
                policy t.typo
                  version 1.0.0
                  applies to payer type medicare
                  effective from 2026-01-01
                  cites "x"
                rule r
                  for each l in lines
                  when l.serviceDat is present
                  info line l message "m"
                """);
        Run run = ppl("check", policy.toString());
        assertEquals(65, run.code());
        assertTrue(run.out().contains("typo.ppl:8:10: error[PPL0302]: a service line has no field `serviceDat`"), run.out());
        assertTrue(run.out().contains("help: did you mean `serviceDate`?"), run.out());
    }

    @Test
    void checkOfTheBundledLibraryIsClean() {
        Run run = ppl("check");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains(" 0 errors"), run.out());
    }

    @Test
    void evalPrintsTheContractDecisionShape() {
        Run run = ppl("eval", "examples/claims/contract-example.json");
        assertEquals(0, run.code(), run.err());
        for (String field : new String[] {"\"claimId\" : \"EX-0001\"", "\"outcome\"", "\"policies\"", "\"digest\" : \"sha256:",
                "\"findings\""}) {
            assertTrue(run.out().contains(field), field + " in " + run.out());
        }
    }

    @Test
    void malformedClaimGetsFieldPathsOnStderrARejectDecisionAndExit65() throws IOException {
        Path claim = dir.resolve("bad.json");
        Files.writeString(claim, """
                {"claimId": "X", "payer": {"id": "medicare", "type": "medicare"}, "diagnoses": ["D51.0"],
                 "lines": [{"line": 1, "code": "96372", "units": 1, "serviceDate": "2026-03-02", "diagnosisPointers": [5]}]}
                """);
        Run run = ppl("eval", claim.toString());
        assertEquals(65, run.code());
        assertTrue(run.err().contains("lines[0].diagnosisPointers[0]: points at diagnosis 5 but the claim has 1"), run.err());
        assertTrue(run.out().contains("\"outcome\" : \"reject\""), run.out());
    }

    @Test
    void usageErrorsExit64AndMissingFilesExit66() {
        assertEquals(64, ppl("evl").code());
        assertEquals(64, ppl("eval", "--format", "xml", "examples/claims/contract-example.json").code());
        Run missing = ppl("eval", dir.resolve("nope.json").toString());
        assertEquals(66, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void versionAndHelp() {
        Run version = ppl("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("ppl "), version.out());
        Run help = ppl("--help");
        assertTrue(help.out().contains("check") && help.out().contains("eval") && help.out().contains("test"), help.out());
        assertTrue(help.out().contains("the VS Code extension in editors/vscode runs `ppl lsp`"), help.out());
    }

    @Test
    void convertShowsWhatWasReadFromX12() {
        Run run = ppl("convert", "src/test/resources/realworld/x12-837p/demo.drug.example10.1.837");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"claimId\": \"CLMNO12345\""), run.out());
        assertTrue(run.out().contains("\"ndc\": \"00026063512\""), run.out());
        assertFalse(run.err().contains("INFO"), "library logging stays quiet: " + run.err());
    }

    @Test
    void convertNamesTheFieldOfABadFhirLineAndExits65() {
        Run run = ppl("convert", "src/test/resources/realworld/fhir/ExplanationOfBenefit-Carrier.json");
        assertEquals(65, run.code());
        assertTrue(run.err().contains("ExplanationOfBenefit.item[2].quantity"), run.err());
    }

    @Test
    void evalReadsX12ByContentWithOneDecisionPerClaim() throws IOException {
        Path twin = dir.resolve("claims.txt");   // an extension no format names: the content decides
        Files.copy(Path.of("examples/x12/em-without-25.837"), twin);
        Run run = ppl("eval", "--no-progress", twin.toString(), "src/test/resources/realworld/x12-837p/demo.837");
        assertEquals(0, run.code(), run.err());
        long demoClaims = Files.readString(Path.of("src/test/resources/realworld/x12-837p/demo.837")).split("~\\s*CLM\\*").length - 1;
        assertEquals(1 + demoClaims, run.out().lines().filter(l -> !l.startsWith("{\"kind\":\"file\"")).count(), run.out());
        assertTrue(run.out().lines().findFirst().orElseThrow().contains("\"rule\":\"em-same-day-needs-25\""), run.out());
        assertEquals(List.of("warning"), run.out().lines().filter(l -> l.startsWith("{\"kind\":\"file\""))
                .map(l -> l.replaceAll(".*\"status\":\"(\\w+)\".*", "$1")).toList(),
                "demo.837's payer is not in the mapping: a file record says so, it is not dropped");
    }

    @Test
    void evalTellsFhirJsonFromClaimJsonByContent() {
        Run run = ppl("eval", "--no-progress", "src/test/resources/realworld/fhir/v2_eobReadCarrier.json",
                "examples/claims/contract-example.json");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).contains("\"file\":\"src/test/resources/realworld/fhir/v2_eobReadCarrier.json\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"claimId\":\"EX-0001\""), lines.get(1));
    }

    @Test
    void evalWithForcedInputFormatReadsEveryFileThatWay() {
        Run run = ppl("eval", "--no-progress", "--input", "x12", "examples/claims/contract-example.json");
        assertEquals(65, run.code());
        assertTrue(run.out().contains("\"kind\":\"file\""), run.out());
        assertTrue(run.out().contains("not an X12 interchange: it must start with `ISA`"), run.out());
        assertFalse(run.out().contains("\"carc\""), "a file that is not X12 is not a claim: no CO-16");
        assertEquals(64, ppl("eval", "--input", "hl7", "examples/claims/contract-example.json").code());
    }

    @Test
    void truncatedJsonNamesLineAndColumnInTheMessageAndTheFix() throws IOException {
        Path claim = dir.resolve("cut.json");
        Files.writeString(claim, "{\"claimId\": \"X\",\n");
        Run run = ppl("eval", claim.toString());
        assertEquals(65, run.code());
        assertTrue(run.err().startsWith(claim + ": 2:1: malformed JSON"), run.err());
        assertTrue(run.out().contains("fix the JSON at line 2, column 1"), run.out());
    }

    @Test
    void explainReadsX12AndAsksWhichClaimWhenAFileHoldsSeveral() throws IOException {
        Run one = ppl("explain", "--payers", "examples/x12/payers.csv", "examples/x12/em-without-25.837");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("claim EM-NO-25: DENY"), one.out());
        Path two = dir.resolve("two.837");
        Files.writeString(two, Files.readString(Path.of("examples/x12/em-without-25.837"))
                + Files.readString(Path.of("examples/x12/drug-line-missing.837")));
        Run several = ppl("explain", two.toString());
        assertEquals(64, several.code());
        assertTrue(several.err().contains("holds 2 claims (EM-NO-25, DRUG-LINE-MISSING); pick one with --claim ID"),
                several.err());
        Run picked = ppl("explain", "--claim", "DRUG-LINE-MISSING", two.toString());
        assertEquals(0, picked.code(), picked.err());
        assertTrue(picked.out().startsWith("claim DRUG-LINE-MISSING: REVIEW"), picked.out());
        assertEquals(64, ppl("explain", "--claim", "NOPE", two.toString()).code());
    }
}
