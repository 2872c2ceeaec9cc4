package dev.ppl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.audit.AuditResult;
import dev.ppl.audit.SyntheticPractice;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `ppl audit`'s bundled measures on a synthetic practice flag exactly the planted patterns: six
 * months of a small practice by default, a year of a larger one with -Pslow.
 */
class SyntheticPracticeTest {
    @Test
    void theAuditFlagsExactlyThePlantedProvidersAndPatterns() {
        flagsExactlyThePlanted(SyntheticAudit.PRACTICE);
    }

    @Test
    void theRemittancesMatchAndTheRulesPredictThePayersDenials() {
        predictsTheDenials(SyntheticAudit.PRACTICE);
    }

    @Test
    @Tag("slow")
    void aYearOfALargerPracticeFlagsExactlyThePlantedPatternsAndPredictsTheDenials() {
        flagsExactlyThePlanted(SyntheticAudit.YEAR);
        predictsTheDenials(SyntheticAudit.YEAR);
    }

    private static void flagsExactlyThePlanted(SyntheticPractice practice) {
        AuditResult r = SyntheticAudit.result(practice);
        Set<String> flagged = new TreeSet<>();
        for (AuditResult.MeasureResult m : r.measures()) {
            for (AuditResult.GroupResult g : m.flagged()) {
                flagged.add(String.join(",", g.key()) + " " + m.key());
            }
        }
        Set<String> planted = new TreeSet<>();
        for (SyntheticPractice.Planted p : practice.planted()) {
            planted.add(p.npi() + " " + p.measure());
        }
        assertEquals(planted, flagged, practice.toString());
    }

    private static void predictsTheDenials(SyntheticPractice practice) {
        AuditResult result = SyntheticAudit.result(practice);
        AuditResult.RemitResult rr = result.remits();
        assertEquals(result.claims(), rr.matched(), "every claim has its remittance");
        // the payer denies an E/M without 25 on an injection day with CO-4; the rule flags each one
        AuditResult.Prediction em = rr.predicted().stream().filter(p -> p.rule().equals("em-same-day-needs-25"))
                .findFirst().orElseThrow();
        assertTrue(em.flagged() > 0, "the rule flagged E/M lines without 25");
        assertEquals(em.flagged(), em.denied());
        assertEquals(Set.of("4"), em.carcs().keySet());
        assertTrue(rr.deniedByCarc().get("151") > 0, "weekly B12 is denied as too frequent");
    }
}
