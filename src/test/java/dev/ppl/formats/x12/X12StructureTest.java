package dev.ppl.formats.x12;

import static dev.ppl.formats.x12.X12DefectsTest.BASE;
import static dev.ppl.formats.x12.X12DefectsTest.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Structure an 837P file must keep that a reader could pass over silently: at most 50 lines per claim, one
 * billing provider per 2000A, unique HL ids and claim ids; segments without an identifier, HI messages that
 * agree with the segment, and the lenient mode. Variants of {@code x12/claims-96372.x12} (see
 * {@link X12DefectsTest}); segment numbers count from ISA = 1.
 */
class X12StructureTest {

    private final X12ClaimReader reader = new X12ClaimReader(PayerMapping.defaults());
    private final X12ClaimReader lenient = new X12ClaimReader(PayerMapping.defaults(), ReadMode.LENIENT);

    FileReadResult read(String text) {
        return read(reader, text);
    }

    static FileReadResult read(X12ClaimReader r, String text) {
        return r.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.x12");
    }

    /** CLM-2 with {@code n} service lines (the SE count is not kept: an envelope error, not a claim error). */
    static String secondClaimWithLines(int n) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            lines.append("LX*").append(i).append("~\nSV1*HC:96372*80*UN*2*22**1~\nDTP*472*D8*20260301~\n");
        }
        return replace(BASE, "LX*1~\nSV1*HC:96372*80*UN*2*22**1~\nDTP*472*RD8*20260301-20260303~\n", lines.toString());
    }

    // ---------------------------------------------------------------- limits and uniqueness

    @Test
    void moreThanFiftyServiceLinesFailTheClaimNamingTheFiftyFirst() {
        FileReadResult fifty = read(secondClaimWithLines(50));
        assertTrue(fifty.claims().get(1).isOk(), () -> fifty.claims().get(1).errors().toString());
        assertEquals(50, fifty.claims().get(1).claim().lines().size());

        FileReadResult r = read(secondClaimWithLines(51));
        assertTrue(r.claims().get(0).isOk(), "the other claim goes on");
        ClaimReadResult big = r.claims().get(1);
        assertEquals(List.of(new FieldError("segment 199 LX (loop 2400, claim CLM-2 line 51)",
                "the claim has 51 service lines; an 837P claim holds at most 50 (loop 2400 repeats up to 50 times):"
                        + " split it into claims of 50 lines or fewer")), big.errors());
        ClaimReadResult bigLenient = read(lenient, secondClaimWithLines(51)).claims().get(1);
        assertTrue(bigLenient.isFailed(), "a claim-level problem, also when lenient");
    }

    @Test
    void aSecondBillingProviderLoopFailsTheClaimsUnderItNamingBothNpis() {
        String text = replace(BASE, "NM1*85*2*PPL TEST CLINIC*****XX*1234567893~\n",
                "NM1*85*2*PPL TEST CLINIC*****XX*1234567893~\nNM1*85*2*OTHER CLINIC*****XX*1679576722~\n");
        FileReadResult r = read(text);
        FieldError second = new FieldError("segment 11 NM1 (loop 2010AA)", "a second billing provider (NM1*85, loop"
                + " 2010AA) under HL `1`: the first, at segment 10, has NPI `1234567893`, this one `1679576722`; a"
                + " billing provider level (HL 20) has one 2010AA loop: start a new HL level 20 for another billing"
                + " provider");
        assertEquals(List.of(second), r.claims().get(0).errors(), "not the last NPI silently");
        assertEquals(List.of(second), r.claims().get(1).errors());
    }

    @Test
    void aDuplicateHlIdFailsTheClaimsUnderTheSecondLevel() {
        FileReadResult r = read(replace(BASE, "HL*3*1*22*1~\n", "HL*2*1*22*1~\n").replace("HL*4*3*23*0", "HL*4*2*23*0"));
        assertTrue(r.claims().get(0).isOk(), "the claim under the first HL 2 was complete before the second came");
        assertEquals(List.of(new FieldError("segment 39 HL (loop 2000B), HL01", "HL01 `2` is used twice in this"
                + " transaction set (first at segment 14): each HL needs its own id, or the HL02 parent references are"
                + " ambiguous")), r.claims().get(1).errors());
    }

    @Test
    void aClaimIdUsedTwiceInAFileFailsTheSecondClaim() {
        FileReadResult r = read(replace(BASE, "CLM*CLM-2*", "CLM*CLM-1*"));
        assertTrue(r.claims().get(0).isOk());
        ClaimReadResult second = r.claims().get(1);
        assertEquals("CLM-1", second.claimId());
        assertEquals(List.of(new FieldError("segment 47 CLM (loop 2300, claim CLM-1), CLM01", "claim id `CLM-1` is"
                + " used twice in this file (first at segment 21 CLM): each claim needs its own CLM01 (patient control"
                + " number), or the decisions cannot be told apart")), second.errors());
    }

    @Test
    void aClaimIdUsedAgainInALaterInterchangeIsAlsoReported() {
        String twice = BASE + BASE.replace("CLM-1", "CLM-9");
        FileReadResult r = read(twice);
        assertEquals(List.of("CLM-1", "CLM-2", "CLM-9", "CLM-2"), r.claims().stream().map(ClaimReadResult::claimId).toList());
        assertTrue(r.claims().get(2).isOk());
        assertEquals(List.of(new FieldError("interchange 2, segment 47 CLM (loop 2300, claim CLM-2), CLM01",
                "claim id `CLM-2` is used twice in this file (first at segment 47 CLM): each claim needs its own CLM01"
                        + " (patient control number), or the decisions cannot be told apart")),
                r.claims().get(3).errors());
    }

    // ---------------------------------------------------------------- segments without an identifier

    @Test
    void aSegmentWithNoIdentifierIsNamedAsSuchNotAsTokenizerState() {
        String text = replace(BASE, "REF*G1*AUTH-778~", "*G1*AUTH-778~");
        int at = text.indexOf("*G1*AUTH");
        FileReadResult r = read(text);
        assertEquals(new FieldError("byte " + at, "the interchange cannot be read past byte " + at + ": segment 22"
                + " (after segment 21 CLM) has no identifier: it starts with the element separator, `*G1*AUTH-778`; a"
                + " segment starts with its 2- or 3-character identifier, e.g. `REF`"), r.errors().get(0));
        ClaimReadResult cut = r.claims().get(0);
        assertEquals(List.of(new FieldError("segment 21 CLM (loop 2300, claim CLM-1)", "reading stopped at byte " + at
                + ", where the interchange cannot be read further (see the file error), before this claim is complete;"
                + " lines may be missing")), cut.errors(), "no follow-on 'no diagnoses' or 'no service lines'");
    }

    @Test
    void anEmptySegmentAndAShortIdentifierAreNamed() {
        FileReadResult empty = read(replace(BASE, "REF*G1*AUTH-778~", "~"));
        String message = empty.errors().get(0).message();
        assertTrue(message.endsWith("segment 22 (after segment 21 CLM) is empty: two segment terminators `~` in a row,"
                + " a segment with no identifier"), message);

        FileReadResult shortId = read(replace(BASE, "REF*G1*AUTH-778~", "R*G1*AUTH-778~"));
        message = shortId.errors().get(0).message();
        assertTrue(message.endsWith("segment 22 (after segment 21 CLM) has no valid identifier: `R` is not a segment"
                + " identifier (2 or 3 capital letters or digits, e.g. `REF`)"), message);
        assertFalse(message.contains("TAG_") || message.contains("state"), message);
    }

    // ---------------------------------------------------------------- HI messages agree with the segment

    @Test
    void aPrincipalDiagnosisWithoutItsCodeIsNotAlsoCalledMissing() {
        ClaimReadResult r = read(replace(BASE, "HI*ABK:D510*ABF:M5450", "HI*ABK*ABF:M5450")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 23 HI (loop 2300, claim CLM-1), HI01-2",
                "HI01-2 (diagnosis code) is missing")), r.errors());
    }

    @Test
    void aBadPrincipalQualifierIsReportedOnceNotAsAnOrderProblemOfTheNextCode() {
        ClaimReadResult r = read(replace(BASE, "HI*ABK:D510*ABF:M5450", "HI*ABX:D510*ABF:M5450")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 23 HI (loop 2300, claim CLM-1), HI01-1",
                "HI01-1 `ABX` is not a diagnosis qualifier (ABK/ABF for ICD-10-CM, BK/BF for ICD-9-CM)")), r.errors());

        ClaimReadResult none = read(replace(BASE, "HI*ABK:D510*ABF:M5450", "HI*:D510*ABF:M5450")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 23 HI (loop 2300, claim CLM-1), HI01-1", "HI01-1 (diagnosis"
                + " qualifier) is missing before code `D510`: expected ABK (ICD-10-CM) or BK (ICD-9-CM) for the"
                + " principal diagnosis")), none.errors());
    }

    @Test
    void anUnknownQualifierAfterThePrincipalIsNotDroppedSilently() {
        ClaimReadResult r = read(replace(BASE, "HI*ABK:D510*ABF:M5450", "HI*ABK:D510*XYZ:M5450")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 23 HI (loop 2300, claim CLM-1), HI02-1",
                "HI02-1 `XYZ` is not a diagnosis qualifier (ABF for ICD-10-CM, BF for ICD-9-CM)")), r.errors());
    }

    @Test
    void anHiWithOnlyConditionCodesIsNotCalledMissing() {
        ClaimReadResult r = read(replace(BASE, "HI*ABK:D510*ABF:M5450", "HI*BG:01")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 21 CLM (loop 2300, claim CLM-1)", "no diagnoses: the HI segment at"
                + " segment 23 holds only codes qualified `BG`, which are not diagnoses; a claim needs a principal"
                + " diagnosis (ABK for ICD-10-CM or BK for ICD-9-CM)")), r.errors(), "and no pointer errors after it");
    }

    @Test
    void anInstitutionalServiceLineInAFileReadAs837pSaysSo() {
        String text = replace(BASE, "SV1*HC:96372*80*UN*2*22**1", "SV2*0450*HC:96372*80*UN*2");
        ClaimReadResult r = read(text).claims().get(1);
        assertEquals(List.of(new FieldError("segment 49 LX (loop 2400, claim CLM-2 line 1)", "no SV1: this service"
                + " line is an SV2, the service line of an institutional (837I) claim; PPL reads 837P professional"
                + " claims (check GS08 and ST03)")), r.errors());
    }

    // ---------------------------------------------------------------- lenient mode

    @Test
    void lenientLeavesABadLineOutAndReportsItAsNotChecked() {
        String text = replace(BASE, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN*ONE***1");
        ClaimReadResult strict = read(text).claims().get(0);
        assertTrue(strict.isFailed());

        ClaimReadResult r = read(lenient, text).claims().get(0);
        assertTrue(r.isOk(), () -> r.errors().toString());
        assertEquals(List.of(1, 3), r.claim().lines().stream().map(l -> l.line()).toList());
        assertEquals(List.of(new FieldError("line 2, segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV104",
                "SV104 `ONE` is not a number (units)")), r.notChecked());
        assertEquals(read(BASE).claims().get(1), read(lenient, text).claims().get(1), "a sound claim reads the same");
    }

    @Test
    void lenientStillFailsAClaimLevelProblemAndAClaimWithNoReadableLine() {
        String badDate = replace(BASE, "DMG*D8*19510409*F", "DMG*D8*19510231*F");
        ClaimReadResult patient = read(lenient, badDate).claims().get(0);
        assertTrue(patient.isFailed());
        assertEquals(List.of(new FieldError("segment 19 DMG (loop 2010BA), DMG02", "DMG02 `19510231` is not a calendar"
                + " date")), patient.errors());

        String onlyLineBad = replace(BASE, "SV1*HC:96372*80*UN*2*22**1", "SV1*HC:96372*80*UN*0*22**1");
        ClaimReadResult nothing = read(lenient, onlyLineBad).claims().get(1);
        assertTrue(nothing.isFailed(), "no readable line is left to judge");
        assertNull(nothing.claim());
        assertEquals(List.of(new FieldError("segment 50 SV1 (loop 2400, claim CLM-2 line 1), SV104",
                "SV104 `0`: units must be more than 0")), nothing.errors());
    }
}
