package dev.ppl.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.Finding;
import dev.ppl.api.PolicySource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainerTest {
    static Explainer explainer;
    static Explanation denied;
    static Explanation acme;

    @BeforeAll
    static void explain() throws Exception {
        explainer = ExplainGoldenTest.explainer();
        denied = ExplainGoldenTest.explain(explainer, ExplainGoldenTest.DIR.resolve("denied.json"));
        acme = ExplainGoldenTest.explain(explainer, ExplainGoldenTest.DIR.resolve("acme.json"));
    }

    static Explanation.RulePart rule(Explanation x, String policy, String rule) {
        for (Explanation.PolicyPart p : x.policies()) {
            for (Explanation.RulePart r : p.rules()) {
                if (p.policy().equals(policy) && r.rule().equals(rule)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no rule " + rule + " in " + policy);
    }

    static List<String> words(Explanation.Condition c) {
        List<String> out = new ArrayList<>();
        if (c.words() != null && !c.kind().equals("item")) {
            out.add(c.words());
        }
        c.parts().forEach(p -> out.addAll(words(p)));
        return out;
    }

    @Test
    void theFiringOfAnEmRuleIsExplainedInTheClaimsOwnTerms() {
        Explanation.RulePart r = rule(denied, "medicare.injection.core@1.0.0", "em-same-day-needs-25");
        assertEquals("fired", r.status());
        Explanation.CheckPart check = r.checks().get(0);
        assertEquals(Map.of("em", "99213 on line 1"), check.bindings());
        Explanation.BranchPart branch = check.branches().get(0);
        assertTrue(branch.met());
        List<String> said = words(branch.condition());
        assertTrue(said.contains("99213 on line 1 has no modifier 25 (modifiers: none)"), said.toString());
        assertTrue(said.contains("96372 on line 2 is billed the same day as 99213 on line 1 (2026-03-02)"), said.toString());
        assertEquals("em-same-day-needs-25", branch.finding().rule());
        assertEquals(1, branch.finding().line());
    }

    @Test
    void theLetsAndTheDecidingComparisonAreShown() {
        Explanation.RulePart r = rule(denied, "medicare.injection.core@1.0.0", "duplicate-injection-lines");
        Explanation.CheckPart line2 = r.checks().get(0);
        assertEquals(Map.of("billed", "2", "given", "1"), line2.lets());
        assertEquals(List.of("`given` (1) is more than 0", "`billed` (2) is more than `given` (1)"),
                words(line2.branches().get(0).condition()));
        Explanation.Condition line4 = r.checks().get(1).branches().get(0).condition();
        assertEquals(Boolean.FALSE, line4.parts().get(0).met());
        assertNull(line4.parts().get(1).met(), "after a false `and` part the next is not evaluated");
    }

    @Test
    void aFindingOutsideThePolicysDatesSaysItWasNotKept() {
        Explanation.RulePart r = rule(denied, "medicare.injection.core@1.0.0", "drug-line-missing");
        Explanation.BranchPart line4 = r.checks().get(1).branches().get(0);
        assertTrue(line4.met());
        assertNull(line4.finding());
        assertEquals("line 4's date of service (2019-05-01) is outside this policy's dates (from 2020-10-01), so the "
                + "finding is not kept", line4.dropped());
        assertEquals(List.of("line 4 (96372, 2019-05-01)"), denied.policies().get(0).outOfRange());
    }

    @Test
    void combinationsLeftOutByTheFilterSayWhy() {
        Explanation.RulePart r = rule(denied, "medicare.injection.core@1.0.0", "em-same-day-needs-25");
        assertEquals(List.of(new Explanation.Skipped(Map.of("em", "96372 on line 2"), "96372 on line 2 is not in OFFICE_EM"),
                new Explanation.Skipped(Map.of("em", "96372 on line 4"), "96372 on line 4 is not in OFFICE_EM")), r.skipped());
    }

    @Test
    void policiesThatDoNotJudgeTheClaimSayWhy() {
        Explanation.PolicyPart medicaid = acme.policies().stream()
                .filter(p -> p.policy().equals("medicaid.tx.injection@1.0.0")).findFirst().orElseThrow();
        assertFalse(medicaid.judged());
        assertEquals("it applies to payer type medicaid; this claim's payer is acme-health (type commercial)",
                medicaid.reason());
        assertTrue(medicaid.rules().isEmpty());
    }

    @Test
    void inheritedRulesNameTheirPolicyAndDisabledOnesAreAbsent() {
        Explanation.PolicyPart layered = acme.policies().stream().filter(p -> p.policy().equals("acme.injection@1.0.0"))
                .findFirst().orElseThrow();
        assertEquals("medicare.injection.core@1.0.0", layered.base());
        List<String> rules = layered.rules().stream().map(r -> r.rule() + " " + r.policy()).toList();
        assertEquals(List.of("drug-line-missing medicare.injection.core@1.0.0",
                "duplicate-injection-lines medicare.injection.core@1.0.0", "b12-needs-diagnosis acme.injection@1.0.0",
                "note-mentions-drug acme.injection@1.0.0"), rules);
    }

    @Test
    void diagnosesAndNotesAreExplained() {
        Explanation.RulePart b12 = rule(acme, "acme.injection@1.0.0", "b12-needs-diagnosis");
        assertEquals(List.of("no diagnosis matches where `d in B12_DEFICIENCY` (1 checked)", "M54.50 is not in B12_DEFICIENCY"),
                words(b12.checks().get(0).branches().get(0).condition()));
        Explanation.RulePart note = rule(acme, "acme.injection@1.0.0", "note-mentions-drug");
        assertTrue(words(note.checks().get(0).branches().get(0).condition())
                .contains("the note of the injection billed on line 2 does not mention \"cyanocobalamin\""));
    }

    @Test
    void everyFindingOfTheDecisionIsExplainedByTheBranchThatMadeIt() {
        for (Explanation x : List.of(denied, acme)) {
            assertEveryFindingExplained(x);
        }
    }

    @Test
    void theBundledLibraryExplainsEveryFindingOfAClaim() throws Exception {
        Explainer bundled = Explainer.of(PolicySource.directory(Path.of("policies")));
        Explanation x = ExplainGoldenTest.explain(bundled, ExplainGoldenTest.DIR.resolve("denied.json"));
        assertFalse(x.findings().isEmpty());
        assertEveryFindingExplained(x);
    }

    static void assertEveryFindingExplained(Explanation x) {
        for (Finding f : x.findings()) {
            if (f.rule().equals("no-policy-applies")) {
                continue;
            }
            int explained = 0;
            for (Explanation.PolicyPart p : x.policies()) {
                for (Explanation.RulePart r : p.rules()) {
                    for (Explanation.CheckPart c : r.checks()) {
                        for (Explanation.BranchPart b : c.branches()) {
                            if (f.equals(b.finding())) {
                                assertTrue(b.met());
                                assertEquals("fired", r.status());
                                explained++;
                            }
                        }
                    }
                }
            }
            assertTrue(explained >= 1, "finding explained: " + f);
        }
        assertNotNull(ExplanationText.render(x));
    }
}
