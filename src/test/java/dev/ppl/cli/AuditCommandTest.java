package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @Test
    void jsonOverTheExampleClaimsHasEveryBundledMeasureAndNoPatientId(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "0123456789abcdef0123");
        Cli r = Cli.run("audit", "--json", "--patient-key-file", key.toString(), "--csv", dir.resolve("csv").toString(),
                "examples/claims/");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        long examples;
        try (var files = Files.list(Path.of("examples/claims"))) {
            examples = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !f.endsWith(".decision.json")).count();
        }
        assertEquals(examples, root.get("claims").asInt());
        assertEquals(7, root.get("measures").size());
        assertTrue(root.get("rules").size() > 10);
        String patientId = new ObjectMapper().readTree(Files.readString(Path.of("examples/claims/contract-example.json")))
                .get("patient").get("id").asText();
        assertFalse(r.out().contains(patientId), "the raw patient id is in the output");
        assertTrue(r.out().contains("hmac-sha256:"));
        String measures = Files.readString(dir.resolve("csv/measures.csv"));
        assertTrue(measures.startsWith("measure,group,items,numerator,value,volume,percentile,flag,message,sample_claims\n"));
        assertFalse(measures.contains(patientId));
        assertTrue(Files.readString(dir.resolve("csv/rules.csv")).contains("em-same-day-needs-25"));
        assertTrue(r.err().contains(Long.toString(examples)), "the summary counts the claims: " + r.err());
    }

    @Test
    void theSameKeyGivesTheSamePatientHashes(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "0123456789abcdef0123");
        Cli a = Cli.run("audit", "--json", "--patient-key-file", key.toString(), "examples/claims/");
        Cli b = Cli.run("audit", "--json", "--patient-key-file", key.toString(), "examples/claims/");
        assertEquals(a.out(), b.out());
        Cli random = Cli.run("audit", "--json", "examples/claims/");
        assertFalse(random.out().equals(a.out()), "without a key the hashes are drawn per run");
    }

    @Test
    void workersTallyInParallelAndTheMergedAuditEqualsTheSequentialOne(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "0123456789abcdef0123");
        Path claims = dir.resolve("practice.ndjson");
        Path remits = dir.resolve("practice.835");
        StringBuilder ndjson = new StringBuilder();
        StringBuilder x12 = new StringBuilder();
        long n = dev.ppl.audit.SyntheticPractice.of(11, 5, 40, 2025).generate(c -> ndjson.append(c).append('\n'),
                x12::append);
        Files.writeString(claims, ndjson);
        Files.writeString(remits, x12);
        Cli sequential = Cli.run("audit", "--json", "--threads", "1", "--patient-key-file", key.toString(),
                "--remits", remits.toString(), claims.toString());
        Cli parallel = Cli.run("audit", "--json", "--threads", "4", "--patient-key-file", key.toString(),
                "--remits", remits.toString(), claims.toString());
        assertEquals(0, sequential.code(), sequential.err());
        assertEquals(0, parallel.code(), parallel.err());
        JsonNode root = new ObjectMapper().readTree(sequential.out());
        assertEquals(n, root.get("claims").asLong());
        assertTrue(root.get("measures").get(0).get("groups").size() > 1, "groups to merge");
        assertEquals(sequential.out(), parallel.out());
    }

    @Test
    void explainShowsWhyAPlantedProviderIsFlaggedWithThePolicyLinesAndTheClaimsBehindIt(@TempDir Path dir)
            throws Exception {
        Path claims = dir.resolve("practice.ndjson");
        StringBuilder ndjson = new StringBuilder();
        dev.ppl.audit.SyntheticPractice practice = dev.ppl.audit.SyntheticPractice.of(7, 5, 260, 2025).months(6);
        practice.generate(c -> ndjson.append(c).append('\n'), null);
        Files.writeString(claims, ndjson);
        String npi = dev.ppl.audit.SyntheticPractice.npi(2); // bills modifier 25 on nearly every injection day
        Cli r = Cli.run("audit", "--explain", "modifier-25-on-injection-days", claims.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        int line = lineOf("policies/audit/injection-red-flags.ppl", "measure modifier-25-on-injection-days");
        assertTrue(out.contains("declared at bundled:audit/injection-red-flags.ppl:" + line + ":\n"), out);
        assertTrue(out.contains("    |   rate 25 in em.modifiers\n"), out);
        assertTrue(out.contains("provider " + npi + ": flagged high\n"), out);
        int flag = lineOf("policies/audit/injection-red-flags.ppl", "flag high when percentile >= 90 and value >= 50");
        assertTrue(out.contains("flag high at bundled:audit/injection-red-flags.ppl:" + flag
                + ": when percentile >= 90 and value >= 50 -> met, raised\n"), out);
        assertTrue(out.matches("(?s).*claim SYN-2025-\\d\\d-\\d{5}-0 line 1\n.*"), "claim ids and lines: " + out);
        assertEquals(1, out.split("flagged high\n", -1).length - 1, "only the planted provider is explained: " + out);

        Cli quiet = Cli.run("audit", "--explain", "audit.injection.red-flags/modifier-25-on-injection-days",
                "--group", ONE, claims.toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(quiet.out().contains("provider " + ONE + ": not flagged\n"), quiet.out());
        assertTrue(quiet.out().contains("-> not met\n"), quiet.out());

        Cli typo = Cli.run("audit", "--explain", "modifer-25-on-injection-days", claims.toString());
        assertEquals(Main.USAGE, typo.code());
        assertTrue(typo.err().contains("did you mean `modifier-25-on-injection-days`?"), typo.err());
    }

    @Test
    void explainAsJsonHasTheSameGroupsFlagsAndClaimsAsTheText(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("practice.ndjson");
        StringBuilder ndjson = new StringBuilder();
        dev.ppl.audit.SyntheticPractice.of(7, 5, 260, 2025).months(6)
                .generate(c -> ndjson.append(c).append('\n'), null);
        Files.writeString(claims, ndjson);
        String npi = dev.ppl.audit.SyntheticPractice.npi(2);
        Cli r = Cli.run("audit", "--explain", "modifier-25-on-injection-days", "--json", claims.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("audit.injection.red-flags/modifier-25-on-injection-days", root.get("measure").asText());
        int line = lineOf("policies/audit/injection-red-flags.ppl", "measure modifier-25-on-injection-days");
        assertEquals("bundled:audit/injection-red-flags.ppl:" + line, root.get("where").asText());
        assertTrue(root.get("definition").asText().contains("rate 25 in em.modifiers"), root.toString());
        assertEquals(1, root.get("groups").size(), "only the planted provider is flagged: " + root);
        JsonNode group = root.get("groups").get(0);
        assertEquals(npi, group.get("group").get("provider").asText());
        assertEquals("high", group.get("flag").get("level").asText());
        assertTrue(group.get("compared").asBoolean());
        JsonNode firstFlag = group.get("flags").get(0);
        assertEquals("percentile >= 90 and value >= 50", firstFlag.get("condition").asText());
        assertTrue(firstFlag.get("met").asBoolean());
        assertTrue(group.get("held").size() > 0);
        for (JsonNode item : group.get("held")) {
            assertTrue(item.get("claimId").asText().matches("SYN-2025-\\d\\d-\\d{5}-0"), item.toString());
            assertTrue(item.get("held").asBoolean());
        }
        // the same groups and sampled claims as the text explanation
        String text = Cli.run("audit", "--explain", "modifier-25-on-injection-days", claims.toString()).out();
        for (JsonNode item : group.get("held")) {
            assertTrue(text.contains("claim " + item.get("claimId").asText() + " line " + item.get("line").asInt()),
                    item + " is not in the text: " + text);
        }
    }

    private static final String ONE = dev.ppl.audit.SyntheticPractice.npi(1);

    private static int lineOf(String file, String text) throws Exception {
        java.util.List<String> lines = Files.readAllLines(Path.of(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    @Test
    void aMalformedRecordIsCountedAndNamed(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("claims.ndjson");
        Files.writeString(bad, Files.readString(Path.of("examples/claims/contract-example.json")).replace("\n", " ")
                + "\n{\"claimId\": 5}\n");
        Cli r = Cli.run("audit", "--json", bad.toString());
        assertEquals(Main.DATA_ERROR, r.code());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(1, root.get("claims").asInt());
        assertEquals(1, root.get("invalidRecords").asInt());
        assertTrue(r.err().contains("claims.ndjson"), r.err());
    }

    @Test
    void aShortKeyIsAUsageError(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "short");
        Cli r = Cli.run("audit", "--patient-key-file", key.toString(), "examples/claims/");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("at least 16 bytes"), r.err());
    }
}
