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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Billing (2010AA NM1*85) and rendering (2310B, 2420A NM1*82) provider names. In PPL's own file {@code
 * x12/claims-96372.x12} the NM1*85 is segment 10 and claim CLM-1's NM1*82 segment 24; line 2 (96372) ends
 * with DTP at segment 31.
 */
class ProviderNamesX12Test {

    private static final String LINE_2 = "SV1*HC:96372*40*UN*1***1~\nDTP*472*D8*20260302~\n";

    FileReadResult read(String text, ReadMode mode) {
        return new X12ClaimReader(PayerMapping.defaults(), mode)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.x12");
    }

    FileReadResult read(String text) {
        return read(text, ReadMode.STRICT);
    }

    static Claim realClaim(String file) throws IOException {
        byte[] data = Files.readAllBytes(RealWorld837Test.dir("realworld/x12-837p").resolve(file));
        FileReadResult r = new X12ClaimReader(PayerMapping.empty()).read(new ByteArrayInputStream(data), file);
        assertEquals(List.of(), r.errors(), file);
        return r.claims().get(0).claim();
    }

    @Test
    void theBillingAndRenderingProvidersCarryTheirNames() {
        Claim c = read(BASE).claims().get(0).claim();
        assertEquals(new Provider("1234567893", "207Q00000X", "PPL TEST CLINIC"), c.billingProvider(),
                "an organization (NM102 2): NM103 alone");
        assertEquals(new Provider("1234567893", "207Q00000X", "SMITH, ANN"), c.renderingProvider(),
                "a person (NM102 1): last, first");
    }

    @Test
    void namesFromRealFiles() throws IOException {
        Claim example1 = realClaim("demo.example1.837");
        assertEquals("BEN KILDARE SERVICE", example1.billingProvider().name());
        assertNull(example1.renderingProvider(), "no 2310B: the billing provider rendered");

        Claim cob = realClaim("demo.cob.example3.A.837");
        assertEquals(new Provider("1999996666", "204C00000X", "KILDARE, BEN"), cob.renderingProvider());
        assertEquals("KILDARE, BEN", cob.billingProvider().name(), "a person bills: NM1*85*1");

        Claim accident = realClaim("demo.autoaccident.837");
        assertEquals("ASSOCIATED MEDICAL GROUP", accident.billingProvider().name());
        assertEquals(new Provider("2366552595", "208D00000X", "MOGLIE, BRUNO"), accident.renderingProvider());

        // demo.example12.837 declares `:` in ISA16 but writes `>`: its copy with ISA16 set right
        byte[] data = Files.readAllBytes(RealWorld837Test.dir("x12/variants").resolve("demo.example12.isa16-gt.837"));
        Claim example12 = new X12ClaimReader(PayerMapping.empty()).read(new ByteArrayInputStream(data), "12")
                .claims().get(0).claim();
        assertEquals("EMERGENCY PHYSICIANS GROUP", example12.billingProvider().name());
        assertEquals("BLUE, JACKIE D", example12.renderingProvider().name(), "the middle name NM105 follows");

        Claim drug = realClaim("demo.drug.example10.1.837");
        assertEquals("Associates in Medicine", drug.billingProvider().name(), "kept as sent, case included");
        assertEquals("Hendrix, Jim", drug.renderingProvider().name());
    }

    @Test
    void loop2420aIsTheLinesRenderingProviderWithItsName() {
        String text = replace(BASE, LINE_2, LINE_2 + "NM1*82*1*JONES*BOB*Q**MD*XX*1245319599~\nPRV*PE*PXC*363LF0000X~\n");
        Claim c = read(text).claims().get(0).claim();
        assertEquals(new Provider("1245319599", "363LF0000X", "JONES, BOB Q MD"), c.line(2).renderingProvider(),
                "NM103, NM104, NM105 and the suffix NM107");
        assertNull(c.line(1).renderingProvider(), "line 1 has the claim's");
        assertEquals("SMITH, ANN", c.renderingProvider().name());
    }

    @Test
    void convertWritesTheNamesAndReadsThemBack() {
        Claim c = read(BASE).claims().get(0).claim();
        String json = ClaimJson.write(c);
        assertTrue(json.contains("\"name\": \"PPL TEST CLINIC\""), json);
        assertTrue(json.contains("\"name\": \"SMITH, ANN\""), json);
        assertEquals(c, ClaimJson.read(json).claim());
    }

    // ---------------------------------------------------------------- malformed names

    @Test
    void aRenderingProviderWithoutANameIsAnErrorAtTheSegment() {
        String text = replace(BASE, "NM1*82*1*SMITH*ANN****XX*1234567893", "NM1*82*1******XX*1234567893");
        ClaimReadResult r = read(text).claims().get(0);
        assertEquals("CLM-1", r.claimId(), "reported under its claim, not dropped");
        assertEquals(List.of(new FieldError("segment 24 NM1 (loop 2310B, claim CLM-1), NM103",
                "NM103 (the rendering provider's last name) is missing: give the name the NPI is registered under,"
                        + " e.g. `NM1*82*1*SMITH*ANN****XX*<NPI>`")), r.errors());
    }

    @Test
    void aBillingProviderThatIsNeitherPersonNorOrganizationIsAnError() {
        String text = replace(BASE, "NM1*85*2*PPL TEST CLINIC", "NM1*85*3*PPL TEST CLINIC");
        ClaimReadResult r = read(text).claims().get(0);
        assertEquals(List.of(new FieldError("segment 10 NM1 (loop 2010AA), NM102",
                "NM102 `3`: the billing provider is a person (entity type qualifier 1) or an organization (2)")),
                r.errors());
    }

    @Test
    void aBillingOrganizationWithoutItsNameIsAnError() {
        String text = replace(BASE, "NM1*85*2*PPL TEST CLINIC", "NM1*85*2*");
        ClaimReadResult r = read(text).claims().get(0);
        assertEquals(List.of(new FieldError("segment 10 NM1 (loop 2010AA), NM103",
                "NM103 (the billing provider's organization name) is missing: give the name the NPI is registered"
                        + " under, e.g. `NM1*85*2*CITY CLINIC****XX*<NPI>`")), r.errors());
    }

    @Test
    void aBad2420aNameFailsTheClaimAndInAnAuditLeavesOutOnlyItsLine() {
        String text = replace(BASE, LINE_2, LINE_2 + "NM1*82*1******XX*1245319599~\n");
        FieldError error = new FieldError("segment 32 NM1 (loop 2420A, claim CLM-1 line 2), NM103",
                "NM103 (the line rendering provider's last name) is missing: give the name the NPI is registered"
                        + " under, e.g. `NM1*82*1*SMITH*ANN****XX*<NPI>`");
        ClaimReadResult strict = read(text).claims().get(0);
        assertTrue(strict.isFailed());
        assertEquals(List.of(error), strict.errors());

        ClaimReadResult lenient = read(text, ReadMode.LENIENT).claims().get(0);
        assertEquals(List.of(1, 3), lenient.claim().lines().stream().map(l -> l.line()).toList());
        assertEquals(List.of(new FieldError("line 2, " + error.path(), error.message())), lenient.notChecked());
    }
}
