package dev.ppl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.audit.AuditResult;
import dev.ppl.audit.SyntheticPractice;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** `ppl audit`'s bundled measures on a synthetic practice flag exactly the planted patterns. */
class SyntheticPracticeTest {
    @Test
    void theAuditFlagsExactlyThePlantedProvidersAndPatterns() {
        AuditResult r = SyntheticAudit.result();
        Set<String> flagged = new TreeSet<>();
        for (AuditResult.MeasureResult m : r.measures()) {
            for (AuditResult.GroupResult g : m.flagged()) {
                flagged.add(String.join(",", g.key()) + " " + m.key());
            }
        }
        Set<String> planted = new TreeSet<>();
        for (SyntheticPractice.Planted p : SyntheticAudit.PRACTICE.planted()) {
            planted.add(p.npi() + " " + p.measure());
        }
        assertEquals(planted, flagged, SyntheticAudit.PRACTICE.toString());
    }

    @Test
    void theRemittancesMatchAndTheRulesPredictThePayersDenials() {
        AuditResult.RemitResult rr = SyntheticAudit.result().remits();
        assertEquals(SyntheticAudit.result().claims(), rr.matched(), "every claim has its remittance");
        // the payer denies an E/M without 25 on an injection day with CO-4; the rule flags each one
        AuditResult.Prediction em = rr.predicted().stream().filter(p -> p.rule().equals("em-same-day-needs-25"))
                .findFirst().orElseThrow();
        assertEquals(em.flagged(), em.denied());
        assertEquals(Set.of("4"), em.carcs().keySet());
        assertTrue(rr.deniedByCarc().get("151") > 0, "weekly B12 is denied as too frequent");
    }
}
