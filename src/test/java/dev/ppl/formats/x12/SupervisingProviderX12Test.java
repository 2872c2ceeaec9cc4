package dev.ppl.formats.x12;

import static dev.ppl.formats.x12.X12DefectsTest.BASE;
import static dev.ppl.formats.x12.X12DefectsTest.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Provider;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loops 2310D and 2420D (NM1*DQ, supervising provider) in PPL's own 837P file {@code x12/claims-96372.x12}.
 * In the file, claim CLM-1's 2310B rendering provider ends with PRV at segment 25, so an NM1*DQ put right
 * after it is segment 26; line 2 (96372) ends with DTP at segment 31.
 */
class SupervisingProviderX12Test {

    private static final String AFTER_2310B = "PRV*PE*PXC*207Q00000X~\n";
    private static final String HINT_2310D =
            "; or leave loop 2310D out when no one other than the rendering provider supervised";
    private static final String LINE_2 = "SV1*HC:96372*40*UN*1***1~\nDTP*472*D8*20260302~\n";

    FileReadResult read(String text, ReadMode mode) {
        return new X12ClaimReader(PayerMapping.defaults(), mode)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.x12");
    }

    FileReadResult read(String text) {
        return read(text, ReadMode.STRICT);
    }

    static String claimSupervisor(String nm1) {
        return replace(BASE, AFTER_2310B, AFTER_2310B + nm1 + "~\n");
    }

    static String lineSupervisor(String nm1) {
        return replace(BASE, LINE_2, LINE_2 + nm1 + "~\n");
    }

    @Test
    void loop2310dIsTheClaimsSupervisingProviderWithItsName() {
        FileReadResult r = read(claimSupervisor("NM1*DQ*1*WELBY*MARCUS*A***XX*1003000126"));
        Claim c = r.claims().get(0).claim();
        assertEquals(new Provider("1003000126", null, "WELBY, MARCUS A"), c.supervisingProvider(),
                "2310D has no PRV in the TR3, so no taxonomy");
        assertEquals(new Provider("1234567893", "207Q00000X", "SMITH, ANN"), c.renderingProvider(),
                "2310B is still the rendering");
        assertTrue(c.lines().stream().allMatch(l -> l.supervisingProvider() == null));
        assertNull(r.claims().get(1).claim().supervisingProvider(), "the other claim has none");
    }

    @Test
    void loop2420dIsTheLinesSupervisingProvider() {
        Claim c = read(lineSupervisor("NM1*DQ*1*WELBY*MARCUS****XX*1003000126")).claims().get(0).claim();
        assertNull(c.supervisingProvider());
        assertEquals(new Provider("1003000126", null, "WELBY, MARCUS"), c.line(2).supervisingProvider());
        assertNull(c.line(1).supervisingProvider());
        assertNull(c.line(3).supervisingProvider());
    }

    @Test
    void theOtherPayersSupervisorInLoop2330fIsNotTheClaims() {
        String text = replace(BASE, AFTER_2310B,
                AFTER_2310B + "SBR*S*18*******CI~\nNM1*IL*1*DOE*JANE****MI*W123~\nNM1*DQ*1*OTHER*DOC****XX*1245319599~\n");
        assertNull(read(text).claims().get(0).claim().supervisingProvider());
    }

    @Test
    void convertWritesTheSupervisorAndReadsItBack() {
        Claim c = read(lineSupervisor("NM1*DQ*1*WELBY*MARCUS****XX*1003000126")).claims().get(0).claim();
        String json = ClaimJson.write(c);
        assertTrue(json.contains("\"supervisingProvider\": {\n        \"npi\": \"1003000126\",\n"
                + "        \"name\": \"WELBY, MARCUS\"\n      }"), json);
        assertEquals(c, ClaimJson.read(json).claim());
    }

    // ---------------------------------------------------------------- malformed 2310D / 2420D

    @Test
    void missingNpiIsAnErrorAtTheSegment() {
        ClaimReadResult r = read(claimSupervisor("NM1*DQ*1*WELBY*MARCUS")).claims().get(0);
        assertEquals("CLM-1", r.claimId(), "reported under its claim, not dropped");
        assertEquals(List.of(new FieldError("segment 26 NM1 (loop 2310D, claim CLM-1), NM109",
                "NM109 (supervising provider NPI) is missing: give the supervisor's NPI with NM108 XX"
                        + HINT_2310D)), r.errors());
    }

    @Test
    void aQualifierOtherThanXxIsAnError() {
        ClaimReadResult r = read(claimSupervisor("NM1*DQ*1*WELBY*MARCUS****34*123456789")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 26 NM1 (loop 2310D, claim CLM-1), NM108",
                "NM108 `34`: the supervising provider must be identified by NPI (qualifier XX), other ids go in REF"
                        + HINT_2310D)), r.errors());
    }

    @Test
    void anOrganizationCannotSupervise() {
        ClaimReadResult r = read(claimSupervisor("NM1*DQ*2*WELBY CLINIC*****XX*1003000126")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 26 NM1 (loop 2310D, claim CLM-1), NM102",
                "NM102 `2`: the supervising provider is a person, entity type qualifier 1; an organization cannot"
                        + " supervise" + HINT_2310D)), r.errors());
    }

    @Test
    void aSecond2310dIsAnError() {
        ClaimReadResult r = read(claimSupervisor(
                "NM1*DQ*1*WELBY*MARCUS****XX*1003000126~\nNM1*DQ*1*KILDARE*BEN****XX*1245319599")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 27 NM1 (loop 2310D, claim CLM-1)",
                "a second supervising provider (NM1*DQ) in one claim: loop 2310D is sent once, and the first is at"
                        + " segment 26; a line supervised by someone else names its supervisor in loop 2420D")),
                r.errors());
    }

    @Test
    void aBad2420dFailsTheClaimAndInAnAuditLeavesOutOnlyItsLineSaidSo() {
        String text = lineSupervisor("NM1*DQ*1*WELBY*MARCUS****XX");
        FieldError error = new FieldError("segment 32 NM1 (loop 2420D, claim CLM-1 line 2), NM109",
                "NM109 (supervising provider NPI) is missing: give the supervisor's NPI with NM108 XX; or leave loop"
                        + " 2420D out when no one other than the rendering provider supervised");
        ClaimReadResult strict = read(text).claims().get(0);
        assertTrue(strict.isFailed());
        assertEquals(List.of(error), strict.errors());

        ClaimReadResult lenient = read(text, ReadMode.LENIENT).claims().get(0);
        assertEquals(List.of(1, 3), lenient.claim().lines().stream().map(l -> l.line()).toList());
        assertEquals(List.of(new FieldError("line 2, " + error.path(), error.message())), lenient.notChecked());
    }

    @Test
    void aBad2310dFailsTheClaimEvenInAnAudit() {
        ClaimReadResult r = read(claimSupervisor("NM1*DQ*1*WELBY*MARCUS"), ReadMode.LENIENT).claims().get(0);
        assertTrue(r.isFailed(), "the claim's supervisor is unknown for every line");
        assertEquals(1, r.errors().size());
    }
}
