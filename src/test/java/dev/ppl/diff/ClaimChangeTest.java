package dev.ppl.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a change of a decision, which lines it moves, and how the tally counts it. */
class ClaimChangeTest {
    /** contract-example.json: line 1 99213-25 $110, line 2 96372 $40, line 3 J3420-JZ $15. */
    private static Claim claim() throws IOException {
        return ClaimJson.read(Files.readString(Path.of("examples/claims/contract-example.json"))).claim();
    }

    private static Finding finding(String policy, String rule, Integer line, String severity, String carc, String message) {
        return new Finding(rule, policy, severity, line, carc == null ? null : "CO", carc, List.of(), message, null, null,
                "p.ppl:1");
    }

    private static Decision decision(String outcome, Finding... findings) {
        return new Decision("EX-0001", outcome, List.of(), List.of(findings));
    }

    @Test
    void aNewPolicyVersionOrNewWordingAloneIsNoChange() throws IOException {
        Decision before = decision("deny", finding("core@1.0.0", "r", 1, "deny", "4", "old words"));
        Decision after = decision("deny", finding("core@1.1.0", "r", 1, "deny", "4", "new words"));
        assertNull(ClaimChange.of("f.json", 1, claim(), before, after));
    }

    @Test
    void findingsAreComparedAsMultisetsAndACarcChangeIsOne() throws IOException {
        Finding once = finding("core@1.0.0", "r", null, "review", null, "m");
        ClaimChange twice = ClaimChange.of("f.json", 1, claim(), decision("review", once), decision("review", once, once));
        assertEquals(1, twice.added().size());
        assertEquals(0, twice.removed().size());
        assertEquals("review->review", twice.transition());
        assertEquals(List.of(), twice.linesMoved(), "no line's outcome changed");
        assertEquals(0, twice.dollarsMoved().signum());

        ClaimChange carc = ClaimChange.of("f.json", 1, claim(), decision("deny", finding("core@1.0.0", "r", 2, "deny", "4", "m")),
                decision("deny", finding("core@1.0.0", "r", 2, "deny", "236", "m")));
        assertEquals("236", carc.added().get(0).carc());
        assertEquals("4", carc.removed().get(0).carc());
        assertEquals(List.of(), carc.linesMoved(), "line 2 is denied before and after");
    }

    @Test
    void aClaimLevelDenialMovesEveryLineAndItsCharges() throws IOException {
        ClaimChange c = ClaimChange.of("f.json", 1, claim(), decision("clean"),
                decision("deny", finding("core@1.0.0", "whole", null, "deny", "16", "m")));
        assertEquals(List.of(1, 2, 3), c.linesMoved());
        assertEquals(0, c.dollarsMoved().compareTo(new BigDecimal("165.00")));
        assertTrue(c.cleanBecomesDeny());
    }

    @Test
    void aLineFindingMovesOnlyItsLineAndAWorseSeverityOnADeniedLineMovesIt() throws IOException {
        Decision before = decision("deny", finding("core@1.0.0", "a", 1, "deny", "4", "m"));
        Decision after = decision("reject", finding("core@1.0.0", "a", 1, "deny", "4", "m"),
                finding("core@1.0.0", "b", 1, "reject", "16", "m"), finding("core@1.0.0", "c", 3, "info", null, "m"));
        ClaimChange c = ClaimChange.of("f.json", 1, claim(), before, after);
        assertEquals(List.of(1, 3), c.linesMoved(), "line 1 deny -> reject, line 3 clean -> info");
        assertEquals(0, c.dollarsMoved().compareTo(new BigDecimal("125.00")));
        assertFalse(c.cleanBecomesDeny(), "it was a deny already");
        assertEquals(List.of("b", "c"), c.added().stream().map(Finding::rule).toList());
    }

    @Test
    void theTallyCountsTransitionsRulesCarcsAndDollars() throws IOException {
        DiffTally t = new DiffTally();
        t.compared(null);
        t.compared(ClaimChange.of("f.json", 1, claim(), decision("clean"),
                decision("deny", finding("core@1.0.0", "r", 2, "deny", "4", "m"))));
        t.compared(ClaimChange.of("f.json", 2, claim(), decision("deny", finding("core@1.0.0", "r", 2, "deny", "4", "m")),
                decision("clean")));
        assertEquals(3, t.compared());
        assertEquals(2, t.changed());
        assertEquals(1, t.cleanToDeny());
        assertEquals("[clean->deny=1, deny->clean=1]", t.transitions().toString());
        assertEquals(1, t.rules().get(0).getValue().added());
        assertEquals(1, t.rules().get(0).getValue().removed());
        assertEquals("CO-4", t.carcs().get(0).getKey());
        assertEquals(0, t.dollarsMoved().compareTo(new BigDecimal("80.00")), "line 2 ($40) moved in each claim");
    }
}
