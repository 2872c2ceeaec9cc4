package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision log: what a record holds, what it keeps out, and that it stays whole under threads. */
class DecisionLogTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] KEY = "a host secret of 32 bytes or so!".getBytes(StandardCharsets.UTF_8);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:15:00.123456Z"), ZoneOffset.UTC);
    static final PolicyEngine ENGINE = PolicyEngine.builder().loadBundled().build();

    @TempDir
    Path tmp;

    static String example() throws IOException {
        return Files.readString(Path.of("examples/claims/contract-example.json"));
    }

    /** The example claim with a line that makes the bundled library deny it (no modifier 25). */
    static ClaimReadResult denied() throws IOException {
        return ClaimJson.read(example().replace("\"modifiers\": [\"25\"]", "\"modifiers\": []"));
    }

    private static JsonNode only(StringWriter out) throws IOException {
        String[] lines = out.toString().split("\n");
        assertEquals(1, lines.length, out.toString());
        assertTrue(out.toString().endsWith("\n"));
        return JSON.readTree(lines[0]);
    }

    static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        StringBuilder hex = new StringBuilder("hmac-sha256:");
        for (byte b : mac.doFinal(text.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Test
    void aRecordHoldsTheDecisionItsPoliciesWithDigestsAndAHashedPatient() throws Exception {
        StringWriter out = new StringWriter();
        DecisionLog log = DecisionLog.builder().patientKey(KEY).clock(CLOCK).decisionIds(() -> "D-1").to(out);
        ClaimReadResult read = denied();
        Decision d = ENGINE.evaluate(read);

        assertEquals("D-1", log.write(read, d, ENGINE.policies()));

        JsonNode r = only(out);
        List<String> fields = new ArrayList<>();
        r.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("decisionId", "time", "claimId", "patient", "outcome", "policySet", "policies", "findings"),
                fields);
        assertEquals("2026-03-02T10:15:00.123Z", r.get("time").asText());
        assertEquals("EX-0001", r.get("claimId").asText());
        assertEquals(hmac("PT-1001"), r.get("patient").asText());
        assertEquals("deny", r.get("outcome").asText());
        assertEquals(ENGINE.policies().digest(), r.get("policySet").asText());
        assertEquals(d.policies().size(), r.get("policies").size());
        for (int i = 0; i < d.policies().size(); i++) {
            JsonNode p = r.get("policies").get(i);
            assertEquals(d.policies().get(i), new Decision.PolicyRef(p.get("id").asText(), p.get("version").asText(),
                    p.get("digest").asText()));
            assertTrue(p.get("digest").asText().startsWith("sha256:"));
        }
        JsonNode f = r.get("findings").get(0);
        assertEquals("em-same-day-needs-25", f.get("rule").asText());
        assertEquals("{\"rule\":\"em-same-day-needs-25\",\"policy\":\"" + d.findings().get(0).policy()
                + "\",\"severity\":\"deny\",\"line\":1,\"group\":\"CO\",\"carc\":\"236\",\"rarc\":[]}", f.toString());
        assertEquals(1, log.written());
    }

    @Test
    void noPhiByDefault() throws Exception {
        StringWriter out = new StringWriter();
        DecisionLog log = DecisionLog.builder().patientKey(KEY).to(out);
        ClaimReadResult read = denied();
        log.write(read, ENGINE.evaluate(read), ENGINE.policies());

        String line = out.toString();
        for (String phi : List.of("PT-1001", "1951-04-09", "Worsening low back pain", "Cyanocobalamin 1000 mcg IM",
                "cyanocobalamin", "left deltoid", "RN-0042", "pernicious anemia", "tolerated well", "D51.0", "M54.50",
                "99213 on line 1")) {
            assertFalse(line.contains(phi), "`" + phi + "` is kept out of " + line);
        }
    }

    @Test
    void withoutAKeyThePatientIsLeftOut() throws Exception {
        StringWriter out = new StringWriter();
        ClaimReadResult read = denied();
        DecisionLog.builder().to(out).write(read, ENGINE.evaluate(read), null);

        JsonNode r = only(out);
        assertFalse(r.has("patient"));
        assertFalse(r.has("policySet"), "no set given, none written");
        assertFalse(out.toString().contains("PT-1001"));
    }

    @Test
    void theHostOptsInToMessagesThePatientIdAndTheClaim() throws Exception {
        StringWriter out = new StringWriter();
        DecisionLog log = DecisionLog.builder().patientKey(KEY)
                .include(DecisionLog.Detail.MESSAGES, DecisionLog.Detail.PATIENT_ID, DecisionLog.Detail.CLAIM).to(out);
        ClaimReadResult read = denied();
        Decision d = ENGINE.evaluate(read);
        log.write(read, d, ENGINE.policies());

        JsonNode r = only(out);
        assertEquals("PT-1001", r.get("patientId").asText());
        assertEquals(hmac("PT-1001"), r.get("patient").asText());
        assertEquals(d.findings().get(0).message(), r.get("findings").get(0).get("message").asText());
        assertEquals(d.findings().get(0).fix(), r.get("findings").get(0).get("fix").asText());
        assertTrue(out.toString().endsWith(",\"claim\":" + ClaimJson.toJson(read.claim()) + "}\n"), "the claim exactly, "
                + "charges with their scale: " + out);
    }

    @Test
    void aMalformedClaimIsLoggedWithItsFieldPathsButNotItsValues() throws Exception {
        StringWriter out = new StringWriter();
        DecisionLog log = DecisionLog.builder().patientKey(KEY).to(out);
        ClaimReadResult read = ClaimJson.read(example().replace("\"birthDate\": \"1951-04-09\"", "\"birthDate\": \"1951-04-31\""));
        log.write(read, ENGINE.evaluate(read), ENGINE.policies());

        JsonNode r = only(out);
        assertEquals("reject", r.get("outcome").asText());
        assertEquals("[\"patient.birthDate\"]", r.get("errors").toString());
        assertFalse(r.has("patient"), "the claim was not read, so there is no patient id to hash");
        assertFalse(out.toString().contains("1951"), out.toString());
    }

    @Test
    void anEngineWithALogRecordsEveryEvaluation() throws Exception {
        StringWriter out = new StringWriter();
        DecisionLog log = DecisionLog.builder().to(out);
        PolicyEngine engine = PolicyEngine.builder().loadBundled().decisionLog(log).build();
        ClaimReadResult read = denied();
        engine.evaluate(read);
        engine.evaluate(read.claim());
        engine.evaluate(ClaimJson.read("{"));

        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length);
        assertEquals(List.of("deny", "deny", "reject"), List.of(JSON.readTree(lines[0]).get("outcome").asText(),
                JSON.readTree(lines[1]).get("outcome").asText(), JSON.readTree(lines[2]).get("outcome").asText()));
        assertFalse(JSON.readTree(lines[0]).get("decisionId").asText()
                .equals(JSON.readTree(lines[1]).get("decisionId").asText()), "each decision gets its own id");
    }

    @Test
    void manyThreadsWriteWholeLines() throws Exception {
        Path file = tmp.resolve("decisions.jsonl");
        AtomicInteger ids = new AtomicInteger();
        ClaimReadResult read = denied();
        Decision d = ENGINE.evaluate(read);
        int threads = 8;
        int each = 200;
        try (DecisionLog log = DecisionLog.builder().patientKey(KEY).include(DecisionLog.Detail.CLAIM)
                .decisionIds(() -> "D-" + ids.incrementAndGet()).open(file)) {
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        log.write(read, d, ENGINE.policies());
                    }
                });
                running.add(thread);
                thread.start();
            }
            for (Thread t : running) {
                t.join();
            }
            assertEquals(threads * each, log.written());
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(threads * each, lines.size());
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode r = JSON.readTree(line);
            assertEquals(hmac("PT-1001"), r.get("patient").asText());
            seen.add(r.get("decisionId").asText());
        }
        assertEquals(threads * each, seen.size());
    }

    @Test
    void aFileLogAppends() throws Exception {
        Path file = tmp.resolve("decisions.jsonl");
        ClaimReadResult read = denied();
        for (int i = 0; i < 2; i++) {
            try (DecisionLog log = DecisionLog.builder().open(file)) {
                log.write(read, ENGINE.evaluate(read), null);
            }
        }
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aFailingWriterIsCountedAndNeverThrowsIntoAnEvaluation() throws Exception {
        Writer broken = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        DecisionLog log = DecisionLog.builder().to(broken);
        PolicyEngine engine = PolicyEngine.builder().loadBundled().decisionLog(log).build();

        assertEquals("deny", engine.evaluate(denied()).outcome());
        assertEquals("deny", engine.evaluate(denied()).outcome());
        assertEquals(2, log.failures());
        assertEquals(0, log.written());
        log.close();
        engine.evaluate(denied());
        assertEquals(3, log.failures(), "a write after close is lost, and counted");
    }

    @Test
    void aShortPatientKeyIsAProgrammerError() {
        assertThrows(IllegalArgumentException.class, () -> DecisionLog.builder().patientKey(new byte[8]));
    }
}
