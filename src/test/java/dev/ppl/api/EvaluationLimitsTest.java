package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.TestClaims;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each claim's evaluation is bounded: a claim over a limit gets a reject naming it, and nothing else is affected. */
class EvaluationLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** One rule that compares the encounter note with every history note. */
    static final String NOTES = """
            policy notes
              version 1.0.0
              applies to payer type medicare
              effective from 2020-01-01

            rule same-note
              "the note matches an earlier one"
              for each l in lines, h in history where h.note is not blank and encounter.note is not blank
              when similarity(encounter.note, h.note) = 1
              info claim
                message "same as {h.claimId}"
            """;
    static PolicyEngine engine;
    static String example;
    static String stalling;
    static Decision stalled;

    @BeforeAll
    static void setUp() throws IOException {
        engine = PolicyEngine.builder().loadBundled().build();
        example = TestClaims.example();
        stalling = TestClaims.stalling();
        stalled = engine.evaluate(ClaimJson.read(stalling));
    }

    @Test
    void aClaimThatWouldRunForMinutesIsRejectedNamingTheBudgetAndTheRule() {
        Decision d = stalled;

        assertEquals("reject", d.outcome());
        assertEquals(1, d.findings().size(), d.findings()::toString);
        Finding f = d.findings().get(0);
        assertEquals("evaluation-limit", f.rule());
        assertEquals("STALL-1", d.claimId());
        assertTrue(f.message().contains("more than 10,000,000 evaluation steps, the per-claim budget"), f.message());
        assertTrue(f.message().contains("copy-forward-encounter-note"), f.message());
        assertTrue(f.fix().contains("--max-steps"), f.fix());
    }

    @Test
    void theEngineGoesOnAfterAClaimOverTheLimit() {
        ClaimReadResult ok = ClaimJson.read(example);
        PolicyEngine small = PolicyEngine.builder().add("notes.ppl", NOTES)
                .limits(EvaluationLimits.DEFAULT.withMaxSteps(1_000)).build();
        Decision before = small.evaluate(ok);
        assertEquals("evaluation-limit", small.evaluate(ClaimJson.read(stalling)).findings().get(0).rule());
        assertEquals(before, small.evaluate(ok));
        assertNotEquals("reject", before.outcome());
    }

    /** The budget counts steps, not time: the smallest budget that judges a claim is the same on every run. */
    @Test
    void theBudgetIsExactAndDeterministic() {
        ClaimReadResult read = ClaimJson.read(example);
        Decision unlimited = engine.policies().evaluate(read.claim(), EvaluationLimits.DEFAULT.withMaxSteps(Long.MAX_VALUE));
        long low = 1;
        long high = 1_000_000;
        while (low < high) { // the smallest budget that is enough
            long mid = (low + high) / 2;
            if (judged(read, mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        long needed = low;
        assertTrue(needed > 10 && needed < 100_000, "the example claim needs " + needed + " steps");
        for (int run = 0; run < 5; run++) {
            assertEquals(unlimited, engine.policies().evaluate(read.claim(), EvaluationLimits.DEFAULT.withMaxSteps(needed)));
            Decision over = engine.policies().evaluate(read.claim(), EvaluationLimits.DEFAULT.withMaxSteps(needed - 1));
            assertEquals("evaluation-limit", over.findings().get(0).rule());
            assertTrue(over.findings().get(0).message().contains("more than " + String.format("%,d", needed - 1)),
                    over.findings().get(0).message());
        }
    }

    private static boolean judged(ClaimReadResult read, long steps) {
        Decision d = engine.policies().evaluate(read.claim(), EvaluationLimits.DEFAULT.withMaxSteps(steps));
        return d.findings().stream().noneMatch(f -> f.rule().equals("evaluation-limit"));
    }

    @Test
    void aClaimWithMoreHistoryThanTheLimitIsRejectedNotJudgedOnPartOfIt() throws IOException {
        PolicyEngine small = PolicyEngine.builder().add("notes.ppl", NOTES)
                .limits(EvaluationLimits.DEFAULT.withMaxHistoryEntries(1)).build();
        Decision d = small.evaluate(ClaimJson.read(example)); // the example has two history entries

        assertEquals("reject", d.outcome());
        Finding f = d.findings().get(0);
        assertEquals("evaluation-limit", f.rule());
        assertTrue(f.message().contains("2 history entries, more than the limit of 1"), f.message());
        assertTrue(f.fix().contains("--max-history"), f.fix());
        assertNotEquals("reject", PolicyEngine.builder().add("notes.ppl", NOTES).build().evaluate(ClaimJson.read(example))
                .outcome());
    }

    @Test
    void aTimeoutStopsALongEvaluation() throws IOException {
        PolicyEngine timed = PolicyEngine.builder().add("notes.ppl", NOTES)
                .limits(EvaluationLimits.DEFAULT.withMaxSteps(Long.MAX_VALUE).withTimeout(Duration.ofMillis(50))).build();
        Decision d = timed.evaluate(ClaimJson.read(stalling));

        Finding f = d.findings().get(0);
        assertEquals("evaluation-limit", f.rule());
        assertTrue(f.message().contains("longer than the per-claim timeout of 50 ms"), f.message());
        assertTrue(f.fix().contains("--claim-timeout"), f.fix());
    }

    /** similarity() reads the first maxTextLength characters of each text: beyond them two notes count as the same. */
    @Test
    void similarityComparesTheFirstMaxTextLengthCharacters() throws IOException {
        String policy = NOTES;
        ObjectNode c = (ObjectNode) JSON.readTree(example);
        String head = "x".repeat(100);
        ((ObjectNode) c.get("encounter")).put("note", head + " the rest of this visit");
        ((ObjectNode) c.get("history").get(0)).put("note", head + " another visit entirely");
        ClaimReadResult read = ClaimJson.read(c.toString());
        PolicyEngine whole = PolicyEngine.builder().add("notes.ppl", policy).build();
        PolicyEngine cut = PolicyEngine.builder().add("notes.ppl", policy)
                .limits(EvaluationLimits.DEFAULT.withMaxTextLength(100)).build();

        assertTrue(whole.evaluate(read).findings().stream().noneMatch(f -> f.rule().equals("same-note")));
        assertTrue(cut.evaluate(read).findings().stream().anyMatch(f -> f.rule().equals("same-note")));
    }

    /** Found by the claim fuzz test: a line numbered 2147483647 made an array of that size (an overflow, or out of memory). */
    @Test
    void aHugeLineNumberIsJudgedLikeAnyOther() throws IOException {
        for (long number : new long[] {2_147_483_647L, 1_000_000_000L}) {
            ObjectNode c = (ObjectNode) JSON.readTree(example);
            ((ObjectNode) c.get("lines").get(0)).put("line", number);
            ClaimReadResult read = ClaimJson.read(c.toString());
            if (read.isOk()) {
                Decision d = engine.evaluate(read);
                assertTrue(d.findings().stream().noneMatch(f -> f.rule().equals("internal-error")), d::toString);
            }
        }
    }

    /** Found by the claim fuzz test: a dose of 1e308 mcg overflowed to infinity and its message could not be written. */
    @Test
    void aHugeDoseGivesADecisionNotAnError() throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree(example);
        ((ObjectNode) c.get("injections").get(0).get("drugs").get(0).get("dose")).put("value", 1e308);
        Decision d = engine.evaluate(ClaimJson.read(c.toString()));
        assertTrue(d.findings().stream().noneMatch(f -> f.rule().equals("internal-error")), d::toString);
        assertEquals("(too large)", dev.ppl.value.Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("(too small)", dev.ppl.value.Numbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> EvaluationLimits.DEFAULT.withMaxSteps(0));
        assertThrows(IllegalArgumentException.class, () -> EvaluationLimits.DEFAULT.withMaxTextLength(0));
        assertThrows(IllegalArgumentException.class, () -> EvaluationLimits.DEFAULT.withTimeout(Duration.ZERO));
    }
}
