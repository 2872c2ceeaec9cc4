package dev.ppl.audit;

import static dev.ppl.audit.Corpus.claim;
import static dev.ppl.audit.Corpus.group;
import static dev.ppl.audit.Corpus.line;
import static dev.ppl.audit.Corpus.measure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.claim.Claim;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every measure kind against values computed by hand on a six-claim corpus. */
class MeasureTest {
    static final String POLICY = """
            policy audit.test
              version 1.0.0
              applies to payer type medicare
              effective from 2020-01-01
              cites "test"

            codes INJECTION = { 96372 }
            codes OFFICE_EM = { 99211-99215 }

            rule em-no-25
              "E/M on an injection day without 25"
              for each em in lines where em.code in OFFICE_EM
              when any i in lines where i.code in INJECTION and i.serviceDate = em.serviceDate and 25 not in em.modifiers
              deny line em group CO carc 4
                message "no 25 on line {em.line}"

            measure mod25
              "E/M on injection days with 25"
              by provider
              for each em in lines
                where em.code in OFFICE_EM and (any i in lines where i.code in INJECTION and i.serviceDate = em.serviceDate)
              rate 25 in em.modifiers
              volume distinct patient.id
              minimum volume 2
              flag high when percentile >= 90 and value >= 50
                message "{value}% ({numerator} of {denominator}) at the {percentile}th percentile of {peers}"
                fix "review"

            measure units
              by provider, month
              for each l in lines where l.code in INJECTION
              sum l.units

            measure per-patient
              by provider
              for each l in lines where l.code in INJECTION
              sum l.units per volume
              volume distinct patient.id

            measure avg
              by provider
              for each l in lines where l.code in INJECTION
              average l.units

            measure dx
              by provider
              for each l in lines where l.code in INJECTION
              distinct l.diagnoses

            measure claims
              by patient
              count
            """;

    static final String A = "1111111111";
    static final String B = "2222222222";
    static final String C = "3333333333";

    static List<Claim> corpus() {
        return List.of(
                claim("c1", A, "P1", List.of("D51.0"),
                        List.of(line("99213", "25", 1, "2026-01-05"), line("96372", "", 1, "2026-01-05"))),
                claim("c2", A, "P2", List.of("D51.0", "E53.8"),
                        List.of(line("99213", "25", 1, "2026-01-10"), line("96372", "", 2, "2026-01-10"))),
                claim("c3", A, "P1", List.of("D51.0"),
                        List.of(line("99214", "", 1, "2026-02-03"), line("96372", "", 1, "2026-02-03"))),
                claim("c4", B, "P3", List.of("M54.50"),
                        List.of(line("99213", "", 1, "2026-01-07"), line("96372", "", 1, "2026-01-07"))),
                claim("c5", B, "P4", List.of("M54.50"), List.of(line("99213", "", 1, "2026-01-08"),
                        line("96372", "", 1, "2026-01-08"), line("99213", "25", 1, "2026-01-09"))),
                claim("c6", C, "P5", List.of("I10"), List.of(line("96372", "", 3, "2026-03-01"))));
    }

    static AuditResult result() {
        PolicySet set = Corpus.policies(POLICY);
        return Corpus.audit(set, corpus());
    }

    @Test
    void rateWithPeersPercentileMinimumVolumeAndFlag() {
        AuditResult.MeasureResult m = measure(result(), "mod25");
        // A: c1 and c2 carry 25, c3 does not: 2 of 3. B: c4 and c5's first E/M, no 25; c5's
        // second E/M is on a day without an injection and is not an item. C bills no E/M.
        assertEquals(2, m.groups().size());
        AuditResult.GroupResult a = group(m, A);
        assertEquals(3, a.items());
        assertEquals(2, a.numerator());
        assertEquals(200d / 3, a.value(), 1e-9);
        assertEquals(2, a.volume());
        assertEquals(100, a.percentile());
        assertEquals(List.of("c1", "c2"), a.claims());
        assertEquals("high", a.flag().level());
        assertEquals("66.7% (2 of 3) at the 100th percentile of 2", a.flag().message());
        assertEquals("review", a.flag().fix());
        assertEquals("test", a.flag().cites());
        AuditResult.GroupResult b = group(m, B);
        assertEquals(0, b.value());
        assertEquals(50, b.percentile());
        assertNull(b.flag());
        assertEquals(2, m.peers());
        assertEquals(0, m.peerMedian());
        assertEquals(200d / 3, m.peer90(), 1e-9);
        assertEquals(A, m.groups().get(0).key().get(0), "flagged groups come first");
    }

    @Test
    void explainingARateShowsItsDefinitionFlagsAndTheLinesBehindEachGroup() {
        PolicySet set = Corpus.policies(POLICY);
        Audit audit = Audit.of(set, Pseudonyms.keyed(Corpus.KEY));
        assertEquals(List.of("audit.test/mod25"), audit.measuresNamed("mod25"));
        assertEquals(List.of(), audit.measuresNamed("mod26"));
        Audit.Tally tally = audit.explaining("audit.test/mod25").tally();
        // in reverse order: the sample does not depend on it
        List<Claim> claims = new java.util.ArrayList<>(corpus());
        java.util.Collections.reverse(claims);
        claims.forEach(c -> tally.add(c, null));
        MeasureExplanation e = tally.explain(g -> true);
        // POLICY's lines: the measure is declared on line 17, its flag on line 25
        assertEquals("audit.ppl:17", e.where());
        assertTrue(e.definition().startsWith("measure mod25\n"), e.definition());
        assertTrue(e.definition().endsWith("minimum volume 2"), "the definition stops before the flags: " + e.definition());
        assertEquals("1.0.0", e.version());
        assertEquals(2, e.groups().size());

        MeasureExplanation.GroupExplanation a = e.groups().get(0);
        assertEquals(List.of(A), a.group().key());
        assertTrue(a.compared());
        assertEquals(List.of(new MeasureExplanation.FlagCheck("high", "audit.ppl:25",
                "percentile >= 90 and value >= 50", true)), a.flags());
        // c1 and c2 carry 25 on their E/M (line 1); c3's E/M (line 1) does not
        assertEquals(List.of(new MeasureExplanation.Item("c1", 1, true, null), new MeasureExplanation.Item("c2", 1, true, null)),
                a.held());
        assertEquals(List.of(new MeasureExplanation.Item("c3", 1, false, null)), a.notHeld());

        MeasureExplanation.GroupExplanation b = e.groups().get(1);
        assertEquals(List.of(B), b.group().key());
        assertFalse(b.flags().get(0).met(), "B's 0% is at the 50th percentile");
        assertEquals(List.of(), b.held());
        // c5's second E/M (line 3) is on a day without an injection: not an item
        assertEquals(List.of(new MeasureExplanation.Item("c4", 1, false, null), new MeasureExplanation.Item("c5", 1, false, null)),
                b.notHeld());
    }

    @Test
    void explainingASumShowsEachItemsValue() {
        PolicySet set = Corpus.policies(POLICY);
        Audit.Tally tally = Audit.of(set, Pseudonyms.keyed(Corpus.KEY)).explaining("audit.test/units").tally();
        corpus().forEach(c -> tally.add(c, null));
        MeasureExplanation e = tally.explain(g -> g.key().equals(List.of(A, "2026-01")));
        assertEquals(1, e.groups().size());
        assertEquals(List.of(new MeasureExplanation.Item("c1", 2, true, "1"), new MeasureExplanation.Item("c2", 2, true, "2")),
                e.groups().get(0).held());
        assertEquals(List.of(), e.groups().get(0).flags());
    }

    @Test
    void theStreamedJsonIsTheTreePrinted() throws Exception {
        AuditResult r = result();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.io.StringWriter streamed = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = json.getFactory().createGenerator(streamed)) {
            g.useDefaultPrettyPrinter();
            AuditJson.write(r, g);
        }
        String tree = json.writerWithDefaultPrettyPrinter().writeValueAsString(AuditJson.toJson(r));
        assertEquals(tree, streamed.toString());
        assertTrue(tree.contains("\"charges\" : " + r.charges().toPlainString()), "charges keep their scale: " + r.charges());
        assertTrue(r.charges().scale() > 0 && r.charges().stripTrailingZeros().scale() < r.charges().scale(),
                "the corpus has charges with trailing zeros: " + r.charges());
    }

    @Test
    void splitTalliesMergeTheirExplanations() {
        PolicySet set = Corpus.policies(POLICY);
        Audit audit = Audit.of(set, Pseudonyms.keyed(Corpus.KEY)).explaining("audit.test/mod25");
        Audit.Tally whole = audit.tally();
        Audit.Tally first = audit.tally();
        Audit.Tally second = audit.tally();
        List<Claim> claims = corpus();
        for (int i = 0; i < claims.size(); i++) {
            whole.add(claims.get(i), null);
            (i % 2 == 0 ? first : second).add(claims.get(i), null);
        }
        first.merge(second);
        assertEquals(whole.explain(g -> true), first.explain(g -> true));
    }

    @Test
    void groupsBelowTheMinimumVolumeAreNeitherPeersNorFlagged() {
        String strict = POLICY.replace("minimum volume 2", "minimum volume 3");
        AuditResult.MeasureResult m = measure(Corpus.audit(Corpus.policies(strict), corpus()), "mod25");
        assertEquals(0, m.peers());
        assertTrue(m.groups().stream().allMatch(g -> g.flag() == null && Double.isNaN(g.percentile())));
        assertEquals(200d / 3, group(m, A).value(), 1e-9, "the value is still shown");
    }

    @Test
    void sumByProviderAndMonth() {
        AuditResult.MeasureResult m = measure(result(), "units");
        assertEquals(3, group(m, A, "2026-01").value());
        assertEquals(1, group(m, A, "2026-02").value());
        assertEquals(2, group(m, B, "2026-01").value());
        assertEquals(3, group(m, C, "2026-03").value());
        assertEquals(4, m.groups().size());
    }

    @Test
    void sumPerVolumeAverageAndDistinct() {
        AuditResult r = result();
        AuditResult.MeasureResult per = measure(r, "per-patient");
        assertEquals(2, group(per, A).value()); // 4 units, patients P1 and P2
        assertEquals(1, group(per, B).value());
        assertEquals(3, group(per, C).value());
        AuditResult.MeasureResult avg = measure(r, "avg");
        assertEquals(4d / 3, group(avg, A).value(), 1e-9);
        assertEquals(1, group(avg, B).value());
        AuditResult.MeasureResult dx = measure(r, "dx");
        assertEquals(2, group(dx, A).value()); // D51.0 (c1, c3) and E53.8 (c2's second line)
        assertEquals(1, group(dx, B).value());
        assertEquals(1, group(dx, C).value());
    }

    @Test
    void patientsAppearOnlyAsKeyedHashes() {
        AuditResult r = result();
        AuditResult.MeasureResult claims = measure(r, "claims");
        String p1 = Pseudonyms.keyed(Corpus.KEY).of("P1");
        assertTrue(p1.startsWith("hmac-sha256:"));
        assertEquals(2, group(claims, p1).value());
        assertEquals(5, claims.groups().size());
        assertFalse(r.toString().matches("(?s).*\\bP[1-5]\\b.*"), "a raw patient id leaked: " + r);
    }

    @Test
    void ruleFindingsByMonthCarcAndDollarsAtRisk() {
        AuditResult r = result();
        assertEquals(6, r.claims());
        assertEquals(12, r.lines());
        assertEquals(0, new BigDecimal("120").compareTo(r.charges()));
        assertEquals(Map.of("4", 2L), r.findingsByMonth().get("2026-01")); // c4, c5
        assertEquals(Map.of("4", 1L), r.findingsByMonth().get("2026-02")); // c3
        AuditResult.RuleTally em = r.rules().get(0);
        assertEquals("em-no-25", em.rule());
        assertEquals(3, em.findings());
        assertEquals(3, em.lines());
        assertEquals(0, new BigDecimal("30").compareTo(em.atRisk()));
        assertEquals(0, new BigDecimal("30").compareTo(r.atRisk()));
    }
}
