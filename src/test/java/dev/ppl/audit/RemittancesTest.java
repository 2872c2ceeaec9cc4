package dev.ppl.audit;

import static dev.ppl.audit.Corpus.claim;
import static dev.ppl.audit.Corpus.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.api.PolicySet;
import dev.ppl.claim.Claim;
import dev.ppl.formats.x12.Remittance;
import dev.ppl.formats.x12.RemittanceReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Remittances matched to claims: denial trends and each rule's flags against the payer's denials. */
class RemittancesTest {
    static final String ISA = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260301*1200*^*00501*000000001*0*P*:~"
            + "GS*HP*PAYER*PROVIDER*20260301*1200*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON************20260301~"
            + "TRN*1*1*1~N1*PR*ACME HEALTH~N1*PE*CLINIC*XX*1234567893~";

    static Remittance remit(String body) {
        String x12 = ISA + body + "SE*" + (body.split("~").length + 6) + "*0001~GE*1*1~IEA*1*000000001~";
        return RemittanceReader.read(new ByteArrayInputStream(x12.getBytes(StandardCharsets.ISO_8859_1)), "t.835");
    }

    @Test
    void predictedAgainstActualAndDenialTrends() {
        PolicySet set = Corpus.policies(MeasureTest.POLICY);
        // c4 and c5: E/M without 25 on an injection day, flagged by em-no-25 on line 1
        List<Claim> claims = MeasureTest.corpus();
        Remittance r = remit(
                // c4: the payer denies the E/M (CO-4, as predicted) and pays the injection
                "LX*1~CLP*c4*1*20*10**MB*A~SVC*HC:99213*10*0**1~DTM*472*20260107~CAS*CO*4*10~"
                        + "SVC*HC:96372*10*10**1~DTM*472*20260107~"
                        // c5: the payer pays the flagged E/M (the rule was wrong here) and denies the
                        // injection with CO-97, which no rule flagged
                        + "CLP*c5*1*30*10**MB*B~SVC*HC:99213*10*10**1~REF*6R*1~SVC*HC:96372*10*0**1~REF*6R*2~CAS*CO*97*10~"
                        + "SVC*HC:99213*10*0**1~REF*6R*3~CAS*PR*1*10~"
                        // a claim not in the corpus, denied whole
                        + "CLP*other*4*10*0**MB*C~CAS*CO*16*10~SVC*HC:96372*10*0**1~DTM*472*20260201~");
        Audit audit = Audit.of(set, Pseudonyms.keyed(Corpus.KEY));
        Audit.Tally tally = audit.tally().remittances(Remittances.of(List.of(r)));
        claims.forEach(c -> tally.add(c, set.evaluate(c)));
        AuditResult.RemitResult rr = tally.result().remits();
        assertEquals(3, rr.claims());
        assertEquals(2, rr.matched());
        assertEquals(1, rr.predicted().size());
        AuditResult.Prediction p = rr.predicted().get(0);
        assertEquals("em-no-25", p.rule());
        assertEquals(2, p.flagged());
        assertEquals(1, p.denied());
        assertEquals(Map.of("4", 1L), p.carcs());
        assertEquals(Map.of("97", 1L, "16", 1L), rr.unpredicted());
        assertEquals(Map.of("4", 1L, "97", 1L), rr.deniedByMonth().get("2026-01"));
        assertEquals(Map.of("16", 1L), rr.deniedByMonth().get("2026-02"));
        assertEquals(Map.of("2222222222", 2L, "(claim not in the corpus)", 1L), rr.deniedByProvider());
        assertEquals(Map.of("99213", 1L, "96372", 2L), rr.deniedByCode());
        assertEquals(Map.of("medicare", 2L, "ACME HEALTH", 1L), rr.deniedByPayer());
    }

    @Test
    void splitThenMergeEqualsWholeWithRemittances() {
        PolicySet set = Corpus.policies(MeasureTest.POLICY);
        Remittances remits = Remittances.of(List.of(remit("LX*1~CLP*c4*1*20*10**MB*A~SVC*HC:99213*10*0**1~CAS*CO*4*10~"
                + "CLP*c3*1*20*10**MB*A~SVC*HC:99214*10*0**1~CAS*CO*4*10~")));
        Audit audit = Audit.of(set, Pseudonyms.keyed(Corpus.KEY));
        Audit.Tally whole = audit.tally().remittances(remits);
        Audit.Tally left = audit.tally().remittances(remits);
        Audit.Tally right = audit.tally().remittances(remits);
        List<Claim> claims = MeasureTest.corpus();
        for (int i = 0; i < claims.size(); i++) {
            whole.add(claims.get(i), set.evaluate(claims.get(i)));
            (i % 2 == 0 ? left : right).add(claims.get(i), set.evaluate(claims.get(i)));
        }
        left.merge(right);
        assertEquals(whole.result(), left.result());
        assertEquals(2, whole.result().remits().predicted().get(0).denied());
    }
}
