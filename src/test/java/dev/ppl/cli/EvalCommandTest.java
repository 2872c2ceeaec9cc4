package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppl eval}: one claim file as before, and streaming batches with one output record per input record. */
class EvalCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = Path.of("examples/claims/contract-example.json");
    static String example;
    static String exampleLine;

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        List<JsonNode> records() throws IOException {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : lines()) {
                nodes.add(JSON.readTree(l));
            }
            return nodes;
        }
    }

    @BeforeAll
    static void readExample() throws IOException {
        example = Files.readString(EXAMPLE);
        exampleLine = JSON.readTree(example).toString();
    }

    static Run run(InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, in, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    /** The example claim on one line with another claim id, and optionally the E/M's modifier 25 removed. */
    static String claim(String id, boolean denied) throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree(example);
        c.put("claimId", id);
        if (denied) {
            ((ObjectNode) c.get("lines").get(0)).putArray("modifiers");
        }
        return c.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    // ------------------------------------------------------------------ one file, as before

    @Test
    void oneClaimFileGivesOneIndentedDecision() {
        Run r = run(EXAMPLE.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        String expected = DecisionJson.pretty(PolicyEngine.builder().loadBundled().build().evaluate(ClaimJson.read(example)));
        assertEquals(expected + System.lineSeparator(), r.out());
    }

    @Test
    void oneMalformedClaimFileGivesARejectAndTheFieldPathsOnStderr() throws IOException {
        Path bad = write("bad.json", example.replace("\"units\": 1, \"charge\": 40.00", "\"units\": \"two\", \"charge\": 40.00"));
        Run r = run(bad.toString());

        assertEquals(65, r.code());
        assertEquals(bad + ": lines[1].units: expected a number greater than 0, found \"two\"" + System.lineSeparator(),
                r.err());
        JsonNode d = JSON.readTree(r.out());
        assertEquals("reject", d.get("outcome").asText());
        assertEquals("EX-0001", d.get("claimId").asText());
        assertFalse(d.has("input"), "one file keeps the plain decision shape");
    }

    @Test
    void aMissingFileExits66() {
        Run r = run(tmp.resolve("nope.json").toString());
        assertEquals(66, r.code());
        assertEquals("", r.out());
        assertEquals("ppl eval: cannot read " + tmp.resolve("nope.json") + ": no such file or directory"
                + System.lineSeparator(), r.err());
    }

    @Test
    void usageErrorsExit64() {
        assertEquals(64, run("--format", "xml", EXAMPLE.toString()).code());
        assertEquals(64, run().code());
        assertEquals(64, run("--threads", "-1", EXAMPLE.toString()).code());
        assertEquals(64, run("--stdin-format", "hl7", "-").code());
        assertEquals(64, run("--decision-log-include", "messages", EXAMPLE.toString()).code());
        Run r = run("--decision-log", tmp.resolve("d.jsonl").toString(), "--decision-log-include", "names", "-");
        assertEquals(64, r.code());
        assertEquals("ppl eval: unknown --decision-log-include `names`; use messages, patient-id or claim"
                + System.lineSeparator(), r.err());
    }

    // ------------------------------------------------------------------ batches

    @Test
    void ndjsonWithMalformedRecordsGivesOneOutputRecordPerInputRecordAndASummary() throws IOException {
        String text = String.join("\n",
                claim("N-1", false),
                claim("N-2", true),
                "",
                "{\"claimId\": \"BROKEN\", \"payer\": {\"id\": \"medicare\"}, \"lines\": [{\"line\": 1, \"code\": \"96372\","
                        + " \"units\": \"two\", \"serviceDate\": \"2026-03-02\"}]}",
                "{\"claimId\": \"TRUNC\", \"payer\": ",
                "   ",
                "[1, 2]",
                claim("N-8", false)) + "\n";
        Path file = write("claims.ndjson", text);
        Run r = run(file.toString());

        assertEquals(65, r.code());
        List<JsonNode> out = r.records();
        assertEquals(6, out.size(), r.out());
        assertEquals(List.of("N-1", "N-2", "BROKEN", "(unknown)", "(unknown)", "N-8"),
                out.stream().map(d -> d.get("claimId").asText()).toList());
        assertEquals(List.of(1L, 2L, 4L, 5L, 7L, 8L), out.stream().map(d -> d.get("input").get("record").asLong()).toList());
        assertTrue(out.stream().allMatch(d -> d.get("input").get("file").asText().equals(file.toString())));
        assertEquals(List.of("clean", "deny", "reject", "reject", "reject", "clean"),
                out.stream().map(d -> d.get("outcome").asText()).toList());
        assertEquals("lines[0].units: expected a number greater than 0, found \"two\"",
                out.get(2).get("findings").get(0).get("message").asText());
        assertEquals("expected a JSON object for the claim, found an array",
                out.get(4).get("findings").get(0).get("message").asText());

        List<String> err = List.of(r.err().split(System.lineSeparator()));
        assertTrue(err.get(0).startsWith("ppl eval: 6 claims from 1 file in "), err.get(0));
        assertEquals(List.of(
                "  outcomes: reject 3, deny 1, clean 2",
                "  findings by rule:",
                "    invalid-claim 3",
                "    em-same-day-needs-25 1",
                "  findings by CARC:",
                "    CO-16 3",
                "    CO-236 1",
                "  errors: 3 malformed claims",
                "    " + file + ":4: lines[0].units: expected a number greater than 0, found \"two\"",
                "    " + file + ":5: 1:31: malformed JSON: unexpected end-of-input within/between Object entries",
                "    " + file + ":7: expected a JSON object for the claim, found an array"), err.subList(1, err.size()));
    }

    @Test
    void batchOutputRecordsMatchTheDecisionSchema() throws IOException {
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("docs/schema/decision.schema.json")),
                        com.networknt.schema.InputFormat.JSON);
        Path file = write("s.ndjson", claim("S-1", true) + "\n{\n[]\n");
        Run r = run(file.toString());

        assertEquals(3, r.lines().size());
        for (String line : r.lines()) {
            assertEquals(List.of(), schema.validate(line, com.networknt.schema.InputFormat.JSON).stream()
                    .map(Object::toString).toList(), line);
        }
        String bad = r.lines().get(0).replace("\"record\":1", "\"record\":0");
        assertFalse(schema.validate(bad, com.networknt.schema.InputFormat.JSON).isEmpty(), "record numbers start at 1");
    }

    @Test
    void manyThreadsKeepInputOrder() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add("C-" + i);
            text.append(i % 7 == 3 ? "{\"claimId\": \"C-" + i + "\"}" : claim("C-" + i, i % 5 == 0)).append('\n');
        }
        Path file = write("many.jsonl", text.toString());
        Run r = run("--threads", "4", file.toString());

        assertEquals(65, r.code());
        List<JsonNode> out = r.records();
        assertEquals(ids, out.stream().map(d -> d.get("claimId").asText()).toList());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(i + 1, out.get(i).get("input").get("record").asLong());
            String expected = i % 7 == 3 ? "reject" : i % 5 == 0 ? "deny" : "clean";
            assertEquals(expected, out.get(i).get("outcome").asText(), "record " + (i + 1));
        }
    }

    @Test
    void directoriesAreWalkedInPathOrderTakingClaimFilesOnly() throws IOException {
        write("in/b.json", claim("B", false));
        write("in/a/2.ndjson", claim("A2-1", false) + "\n" + claim("A2-2", false) + "\n");
        write("in/a/1.json", claim("A1", false));
        write("in/c.jsonl", claim("C", false));
        write("in/notes.txt", "not a claim");
        write("in/.hidden.json", claim("HIDDEN", false));
        Run r = run(tmp.resolve("in").toString(), EXAMPLE.toString());

        assertEquals(0, r.code(), r.err());
        List<JsonNode> out = r.records();
        assertEquals(List.of("A1", "A2-1", "A2-2", "B", "C", "EX-0001"),
                out.stream().map(d -> d.get("claimId").asText()).toList());
        assertEquals(tmp.resolve("in/a/2.ndjson").toString(), out.get(2).get("input").get("file").asText());
        assertEquals(2, out.get(2).get("input").get("record").asInt());
        assertTrue(r.err().startsWith("ppl eval: 6 claims from 5 files in "), r.err());
        assertTrue(r.err().contains("  skipped: 2 files not read" + System.lineSeparator()
                + "    " + tmp.resolve("in/.hidden.json") + ": hidden file" + System.lineSeparator()
                + "    " + tmp.resolve("in/notes.txt") + ": its content is not in a claim format"), r.err());
    }

    @Test
    void aFileOfAnotherExtensionIsReadByItsContent() throws IOException {
        Run one = run(write("claim.txt", example).toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("{" + System.lineSeparator() + "  \"claimId\" : \"EX-0001\""), one.out());

        Run lines = run(write("claims.txt", claim("X-1", false) + "\n" + claim("X-2", true) + "\n").toString());
        assertEquals(List.of("X-1", "X-2"), lines.records().stream().map(d -> d.get("claimId").asText()).toList());
    }

    static final Path REAL = Path.of("src/test/resources/realworld");

    static com.networknt.schema.Schema schema(String name) throws IOException {
        return com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("docs/schema", name)), com.networknt.schema.InputFormat.JSON);
    }

    static List<String> violations(com.networknt.schema.Schema schema, String json) {
        return schema.validate(json, com.networknt.schema.InputFormat.JSON).stream().map(Object::toString).toList();
    }

    @Test
    void aFhirBundleWhoseResourceTypeComesLastIsReadAsFhirWhateverItsSize() throws IOException {
        // real feeds put resourceType anywhere: key order is not significant in JSON
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "collection");
        var entries = bundle.putArray("entry");
        for (String f : List.of("ExplanationOfBenefit-Carrier.json", "ExplanationOfBenefit-DME.json",
                "ExplanationOfBenefit-MCS.json", "v2_eobReadCarrier.json", "v2_eobReadCarrierWithMultipleLines.json")) {
            entries.addObject().set("resource", JSON.readTree(REAL.resolve("fhir").resolve(f).toFile()));
        }
        bundle.put("resourceType", "Bundle");
        Path file = write("bundle.json", bundle.toPrettyString());
        assertTrue(Files.size(file) > 64 * 1024, "larger than any prefix a detector might read");

        Run r = run(file.toString());
        List<JsonNode> out = r.records();
        assertEquals(5, out.size(), r.err());
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, out.get(i).get("input").get("record").asInt());
            assertFalse(out.get(i).get("claimId").asText().equals("(unknown)"), out.get(i).toString());
        }
        assertTrue(r.err().startsWith("ppl eval: 5 claims from 1 file"), r.err());
    }

    @Test
    void ediFilesOfAnyNameInADirectoryAreReadByContentAndEverySkippedFileIsNamed() throws IOException {
        Path dir = tmp.resolve("edi");
        Files.createDirectories(dir);
        Files.copy(REAL.resolve("x12-837p/demo.837"), dir.resolve("batch-0412.txt"));
        write("edi/README.md", "# Claims from the clearinghouse\n");
        write("edi/.DS_Store", "\u0000\u0001");

        for (String[] args : List.of(new String[] {dir.toString()}, new String[] {"--input", "x12", dir.toString()})) {
            Run r = run(args);
            List<JsonNode> out = r.records().stream().filter(n -> !n.has("kind")).toList();
            assertEquals(1, out.size(), r.err());
            assertEquals(dir.resolve("batch-0412.txt").toString(), out.get(0).get("input").get("file").asText());
            assertFalse(out.get(0).get("claimId").asText().equals("(unknown)"));
            assertTrue(r.err().contains("  skipped: 2 files not read" + System.lineSeparator()), r.err());
            assertTrue(r.err().contains("    " + dir.resolve(".DS_Store") + ": hidden file"), r.err());
            assertTrue(r.err().contains("    " + dir.resolve("README.md") + ": "), r.err());
        }
    }

    @Test
    void aDirectoryWithNoClaimFileIsAnErrorNotAnEmptySuccess() throws IOException {
        write("docs/README.md", "# nothing here\n");
        Run r = run(tmp.resolve("docs").toString());

        assertEquals(66, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("nothing was read from " + tmp.resolve("docs") + ": its only file was skipped ("
                + tmp.resolve("docs/README.md") + ": its content is not in a claim format"), r.err());
    }

    @Test
    void anEmptyClaimFileIsAnErrorNotAnEmptySuccess() throws IOException {
        Run r = run(write("empty.ndjson", "\n\n").toString());
        assertEquals(66, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ppl eval: 0 claims from 0 files"), r.err());
        assertTrue(r.err().contains("nothing was read from " + tmp.resolve("empty.ndjson") + ": it holds no claims"),
                r.err());
    }

    @Test
    void an835IsAFileRecordNotAClaim() throws IOException {
        Path remit = REAL.resolve("x12-835/demo.835");
        Run r = run(remit.toString());

        assertEquals(65, r.code(), r.err());
        assertEquals(1, r.lines().size(), r.out());
        JsonNode file = r.records().get(0);
        assertEquals("file", file.get("kind").asText());
        assertEquals("error", file.get("status").asText());
        assertEquals("x12", file.get("format").asText());
        assertTrue(file.get("errors").get(0).get("message").asText().contains("X12 835"), file.toString());
        assertFalse(r.out().contains("\"carc\""), "a file is not a claim and carries no CARC");
        assertEquals(List.of(), violations(schema("file-record.schema.json"), r.lines().get(0)));
        assertFalse(violations(schema("decision.schema.json"), r.lines().get(0)).isEmpty(),
                "a file record is not a decision");
        assertTrue(r.err().startsWith("ppl eval: 0 claims from 0 files"), r.err());
        assertTrue(r.err().contains("  outcomes: none"), r.err());
        assertTrue(r.err().contains("errors: 1 file with file-level errors"), r.err());
    }

    @Test
    void lenientJudgesTheReadableLinesOfARealEobAndNamesTheRestNotChecked() throws IOException {
        String eob = REAL.resolve("fhir/ExplanationOfBenefit-Carrier.json").toString();
        Run strict = run("--threads", "1", eob, EXAMPLE.toString());
        assertEquals(65, strict.code(), strict.err());
        assertEquals("reject", strict.records().get(0).get("outcome").asText());

        Run lenient = run("--lenient", "--threads", "1", eob, EXAMPLE.toString());
        assertEquals(0, lenient.code(), lenient.err());
        JsonNode d = lenient.records().get(0);
        assertEquals("NON-UNIQUE-ID-HERE", d.get("claimId").asText());
        List<String> notChecked = new ArrayList<>();
        for (JsonNode f : d.get("findings")) {
            assertFalse(f.get("rule").asText().equals("invalid-claim"), f.toString());
            if (f.get("rule").asText().equals("line-not-checked")) {
                notChecked.add(f.get("line").asInt() + " " + f.get("severity").asText() + " " + f.get("carc").isNull());
            }
        }
        assertEquals(List.of("2 info true", "3 info true", "3 info true"), notChecked);
    }

    @Test
    void anInstitutionalEobIsReadAndNotJudgedAsProfessional() throws IOException {
        ObjectNode eob = (ObjectNode) JSON.readTree(REAL.resolve("fhir/ExplanationOfBenefit-Carrier.json").toFile());
        for (JsonNode c : eob.get("type").get("coding")) {
            if (c.get("system").asText().endsWith("claim-type")) {
                ((ObjectNode) c).put("code", "institutional"); // the one change to the real file
            }
        }
        Run r = run(write("outpatient.json", eob.toString()).toString(), EXAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode d = r.records().get(0);
        assertEquals("info", d.get("outcome").asText());
        assertEquals(1, d.get("findings").size());
        assertEquals("claim-type-not-covered", d.get("findings").get(0).get("rule").asText());
        assertTrue(d.get("findings").get(0).get("message").asText().startsWith("not judged: an institutional claim"));
        assertTrue(r.err().contains("    claim-type-not-covered 1"), r.err());
    }

    @Test
    void messagesNameNoParserInternals() throws IOException {
        String deep = "{\"claimId\": \"D\", \"x\": " + "[".repeat(1100) + "]".repeat(1100) + "}";
        Path claims = write("deep.ndjson", deep + "\n" + deep.replace("\"claimId\"", "\"resourceType\": \"Claim\", \"id\"") + "\n");
        Path fhir = write("deep-fhir.json", "{\"resourceType\": \"Claim\", \"x\": " + "[".repeat(1100) + "]".repeat(1100) + "}");
        Run r = run(claims.toString(), fhir.toString());
        String all = r.out() + r.err();
        assertTrue(all.contains("nested 1001 levels deep, more than the 1000 allowed"), all);
        for (String internal : List.of("StreamReadConstraints", "[Source", "REDACTED", "Exception", "StreamReadFeature")) {
            assertFalse(all.contains(internal), internal + " in: " + all);
        }
    }

    @Test
    void aMissingInputAmongOthersIsReportedAndTheRestAreEvaluated() throws IOException {
        Path a = write("a.ndjson", claim("A", false) + "\n");
        Run r = run(tmp.resolve("gone.ndjson").toString(), a.toString());

        assertEquals(66, r.code());
        assertEquals(1, r.lines().size());
        assertTrue(r.err().contains("  errors: 1 unreadable input" + System.lineSeparator()
                + "    cannot read " + tmp.resolve("gone.ndjson") + ": no such file or directory"), r.err());
    }

    @Test
    void standardInputIsNdjsonOrOnePrettyClaim() throws IOException {
        String ndjson = claim("S-1", false) + "\n" + claim("S-2", true) + "\n";
        Run lines = run(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), "-");
        assertEquals(List.of("S-1", "S-2"), lines.records().stream().map(d -> d.get("claimId").asText()).toList());
        assertEquals("-", lines.records().get(1).get("input").get("file").asText());
        assertEquals(2, lines.records().get(1).get("input").get("record").asInt());

        Run pretty = run(new ByteArrayInputStream(("\n" + example).getBytes(StandardCharsets.UTF_8)), "-");
        assertEquals(0, pretty.code(), pretty.err());
        assertEquals(List.of("EX-0001"), pretty.records().stream().map(d -> d.get("claimId").asText()).toList());

        Run forced = run(new ByteArrayInputStream(exampleLine.getBytes(StandardCharsets.UTF_8)), "--stdin-format", "json", "-");
        assertEquals(List.of("EX-0001"), forced.records().stream().map(d -> d.get("claimId").asText()).toList());
    }

    @Test
    void textFormatNamesTheInputOfEachRecord() throws IOException {
        Path file = write("t.ndjson", claim("T-1", true) + "\n");
        Run r = run("--format", "text", file.toString());

        assertTrue(r.out().startsWith("claim T-1: DENY\n  input: " + file + " record 1\n"), r.out());
    }

    @Test
    void theDecisionLogHasOneLinePerDecisionWithDigestsAndNoPhi() throws IOException {
        Path file = write("claims.ndjson", claim("L-1", true) + "\n{\"claimId\": \"L-2\"}\n" + claim("L-3", false) + "\n");
        Path log = tmp.resolve("decisions.jsonl");
        Run r = run("--decision-log", log.toString(), file.toString());

        assertEquals(65, r.code());
        List<String> lines = Files.readAllLines(log);
        assertEquals(3, lines.size());
        List<JsonNode> records = new ArrayList<>();
        for (String l : lines) {
            records.add(JSON.readTree(l));
        }
        assertEquals(List.of("L-1", "L-2", "L-3"), records.stream().map(x -> x.get("claimId").asText()).toList());
        assertEquals(List.of("deny", "reject", "clean"), records.stream().map(x -> x.get("outcome").asText()).toList());
        JsonNode policy = records.get(0).get("policies").get(0);
        assertEquals(r.records().get(0).get("policies").get(0), policy, "the log names the policies the decision used");
        assertTrue(policy.get("digest").asText().startsWith("sha256:"));
        assertEquals("[\"payer\",\"lines\"]", records.get(1).get("errors").toString());
        String all = Files.readString(log);
        for (String phi : List.of("PT-1001", "1951-04-09", "Worsening", "left deltoid", "without modifier 25")) {
            assertFalse(all.contains(phi), phi + " in " + all);
        }
        assertFalse(records.get(0).has("patient"), "no key, no patient hash");
    }

    @Test
    void theDecisionLogHashesPatientsWithTheKeyAndTakesOptIns() throws IOException {
        Path key = write("key", "0123456789abcdef0123456789abcdef\n");
        Path log = tmp.resolve("decisions.jsonl");
        Run r = run("--decision-log", log.toString(), "--decision-log-key-file", key.toString(),
                "--decision-log-include", "messages,patient-id", EXAMPLE.toString());

        assertEquals(0, r.code(), r.err());
        JsonNode rec = JSON.readTree(Files.readAllLines(log).get(0));
        assertTrue(rec.get("patient").asText().matches("hmac-sha256:[0-9a-f]{64}"), rec.toString());
        assertEquals("PT-1001", rec.get("patientId").asText());

        Run shortKey = run("--decision-log", log.toString(), "--decision-log-key-file", write("k2", "short").toString(),
                EXAMPLE.toString());
        assertEquals(64, shortKey.code());
    }

    @Test
    void aDecisionLogThatCannotBeCreatedExits73() {
        Run r = run("--decision-log", tmp.resolve("no/such/dir/d.jsonl").toString(), EXAMPLE.toString());
        assertEquals(73, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ppl eval: cannot open the decision log "), r.err());
        assertTrue(r.err().contains("/no/such/dir does not exist; create it or name a file in a folder that exists"),
                r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anOutputThatIsAFolderIsRefusedWithoutWritingBesideIt() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("out"));
        Run r = run("--output", folder.toString(), EXAMPLE.toString());
        assertEquals(73, r.code());
        assertTrue(r.err().contains(folder + ": a folder, not a file; name a file"), r.err());
        assertFalse(Files.exists(tmp.resolve("out.partial")), "nothing written next to the folder");
    }

    @Test
    void anOutputThroughASymbolicLinkReplacesTheLinkedFileAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(tmp.resolve("real.ndjson"), "old\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.ndjson"), real);
        Run r = run("--output", link.toString(), EXAMPLE.toString(), EXAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(2, Files.readAllLines(real).size(), "the decisions are in the file it links to");
    }

    @Test
    void anOutputThatIsANamedPipeIsWrittenToNotReplacedByAFile() throws Exception {
        Path fifo = tmp.resolve("decisions.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        java.util.concurrent.CompletableFuture<List<String>> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllLines(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run r = run("--output", fifo.toString(), EXAMPLE.toString(), EXAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, read.get(60, java.util.concurrent.TimeUnit.SECONDS).size(), "the reader got every decision");
        assertFalse(Files.isRegularFile(fifo), "the pipe is still a pipe, not renamed over");
        assertFalse(Files.exists(tmp.resolve("decisions.fifo.partial")));
        assertEquals(64, run("--output", fifo.toString(), "--resume", EXAMPLE.toString()).code(),
                "nothing to resume from a pipe");
    }

    @Test
    void aProgressBarCanBeAskedForAndEndsAtTheTotal() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append(claim("P-" + i, false)).append('\n');
        }
        Run r = run("--progress", write("p.ndjson", text.toString()).toString());

        assertEquals(50, r.lines().size());
        assertTrue(r.err().contains("\reval 100%"), r.err());
        assertTrue(r.err().contains("50/50 claims"), r.err());
    }

    @Test
    void aBatchStopsWhenItsOutputIsClosed() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(claim("O-" + i, false)).append('\n');
        }
        Path file = write("o.ndjson", text.toString());
        java.io.Writer closed = new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {}
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"eval", "--threads", "1", file.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(closed), new PrintWriter(err));

        assertEquals(74, code);
        assertEquals("ppl eval: cannot write the decisions to standard output: the output was closed or could not be written; "
                + "the output is incomplete" + System.lineSeparator(), err.toString());
    }

    @Test
    void noProgressBarWithoutATerminal() throws IOException {
        Run r = run(write("p.ndjson", claim("P", false) + "\n").toString());
        assertFalse(r.err().contains("\r"), r.err());
    }
}
