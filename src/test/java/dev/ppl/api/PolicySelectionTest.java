package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.claim.Claim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which policy versions judge which claim lines: payer, jurisdiction and date of service. */
class PolicySelectionTest {
    static final String V1 = Policies.tagging("acme.injection", "1.0.0", "payer id acme", "2026-01-01 to 2026-03-31", "v1");
    static final String V2 = Policies.tagging("acme.injection", "2.0.0", "payer id acme", "from 2026-04-01", "v2");

    private static List<String> findings(Decision d) {
        return d.findings().stream().map(f -> f.line() + " " + f.policy() + " " + f.message()).toList();
    }

    @Test
    void aClaimAcrossAVersionBoundaryIsJudgedLineByLine() {
        PolicySet set = Policies.compile("v1.ppl", V1, "v2.ppl", V2);
        Decision d = set.evaluate(Policies.claim("acme", null, null, "2026-03-31", "2026-04-01", "2026-03-15"));

        assertEquals(List.of(
                "1 acme.injection@1.0.0 v1 on line 1",
                "2 acme.injection@2.0.0 v2 on line 2",
                "3 acme.injection@1.0.0 v1 on line 3"), findings(d));
        assertEquals(List.of(
                new Decision.PolicyRef("acme.injection", "1.0.0", PolicySet.digest(V1)),
                new Decision.PolicyRef("acme.injection", "2.0.0", PolicySet.digest(V2))), d.policies());
    }

    @Test
    void decisionListsOnlyTheVersionsThatJudgedALine() {
        PolicySet set = Policies.compile("v1.ppl", V1, "v2.ppl", V2);

        Decision before = set.evaluate(Policies.claim("acme", null, null, "2026-02-01"));
        Decision after = set.evaluate(Policies.claim("acme", null, null, "2026-05-01", "2027-01-01"));

        assertEquals(List.of(new Decision.PolicyRef("acme.injection", "1.0.0", PolicySet.digest(V1))), before.policies());
        assertEquals(List.of(new Decision.PolicyRef("acme.injection", "2.0.0", PolicySet.digest(V2))), after.policies());
        assertEquals(List.of("1 acme.injection@2.0.0 v2 on line 1", "2 acme.injection@2.0.0 v2 on line 2"), findings(after));
    }

    @Test
    void digestsAreSha256OfTheSourceText() {
        // echo -n 'x' | sha256sum, so the format is pinned and not just self-consistent
        assertEquals("sha256:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", PolicySet.digest("x"));
    }

    @Test
    void aLineBeforeEveryVersionIsReportedAsNotCovered() {
        PolicySet set = Policies.compile("v1.ppl", V1, "v2.ppl", V2);
        Decision d = set.evaluate(Policies.claim("acme", null, null, "2025-12-31", "2026-01-01"));

        assertEquals(List.of("1 ppl@engine no-policy-applies", "2 acme.injection@1.0.0 tag"),
                d.findings().stream().map(f -> f.line() + " " + f.policy() + " " + f.rule()).toList());
        assertEquals("review", d.outcome());
    }

    @Test
    void payerIdTypeAndJurisdictionSelectPolicies() {
        String byType = Policies.tagging("mcr.all", "1.0.0", "payer type medicare", "from 2020-01-01", "type");
        String byJurisdiction = Policies.tagging("mcr.jf", "1.0.0", "payer type medicare\n  jurisdiction JF, JE",
                "from 2020-01-01", "jf");
        String byId = Policies.tagging("acme.only", "1.0.0", "payer id acme, acme-ppo", "from 2020-01-01", "id");
        PolicySet set = Policies.compile("a.ppl", byType, "b.ppl", byJurisdiction, "c.ppl", byId);

        assertEquals(List.of("mcr.all", "mcr.jf"), ids(set.evaluate(Policies.claim("medicare", "medicare", "JF", "2026-03-02"))));
        assertEquals(List.of("mcr.all"), ids(set.evaluate(Policies.claim("medicare", "medicare", "JH", "2026-03-02"))));
        assertEquals(List.of("mcr.all"), ids(set.evaluate(Policies.claim("medicare", "medicare", null, "2026-03-02"))));
        assertEquals(List.of("acme.only"), ids(set.evaluate(Policies.claim("acme-ppo", "commercial", "JF", "2026-03-02"))));
        Claim nobody = Policies.claim("other", "commercial", "JF", "2026-03-02");
        assertEquals(List.of(), ids(set.evaluate(nobody)));
        assertEquals(List.of("no-policy-applies"), set.evaluate(nobody).findings().stream().map(Finding::rule).toList());
    }

    private static List<String> ids(Decision d) {
        return d.policies().stream().map(Decision.PolicyRef::id).toList();
    }
}
