package dev.ppl.formats.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.Drug;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import dev.ppl.claim.Provider;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PPL's own 837P file {@code x12/claims-96372.x12} (two claims: a Medicare claim with 99213-25, 96372 and
 * J3420 with its NDC, and a commercial claim for a dependent) and defective variants of it made by replacing
 * one piece of text. Segment numbers in the expected paths count from ISA = 1.
 */
class X12DefectsTest {

    static final String BASE = resource("/x12/claims-96372.x12");
    private final X12ClaimReader reader = new X12ClaimReader(PayerMapping.defaults());

    static String resource(String name) {
        try (InputStream in = X12DefectsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FileReadResult read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    FileReadResult read(byte[] data) {
        return reader.read(new ByteArrayInputStream(data), "test.x12");
    }

    static String replace(String text, String old, String replacement) {
        assertTrue(text.contains(old), "fixture holds " + old);
        return text.replace(old, replacement);
    }

    // ---------------------------------------------------------------- the sound file

    @Test
    void soundFileReadsBothClaimsWithEveryField() {
        FileReadResult r = read(BASE);
        assertEquals(List.of(), r.errors());
        assertEquals(2, r.claims().size());
        Claim c = r.claims().get(0).claim();
        assertEquals("CLM-1", c.claimId());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JL"), c.payer());
        assertEquals(new Patient("1EG4TE5MK73", LocalDate.of(1951, 4, 9), "F"), c.patient());
        assertEquals(new Provider("1234567893", "207Q00000X", "PPL TEST CLINIC"), c.billingProvider());
        assertEquals(new Provider("1234567893", "207Q00000X", "SMITH, ANN"), c.renderingProvider());
        assertEquals("11", c.placeOfService());
        assertEquals("AUTH-778", c.priorAuthorization());
        assertEquals(List.of(Diagnosis.icd10("D51.0"), Diagnosis.icd10("M54.50")), c.diagnoses());
        assertEquals(List.of("25"), c.line(1).modifiers());
        assertEquals(List.of(2), c.line(1).diagnosisPointers());
        assertEquals("96372", c.line(2).code());
        assertEquals(0, new BigDecimal("40").compareTo(c.line(2).charge()));
        assertEquals(LocalDate.of(2026, 3, 2), c.line(2).serviceDate());
        assertEquals(new Drug("00517003125", 1.0, "ML", null), c.line(3).drug());
        assertEquals(List.of("JZ"), c.line(3).modifiers());
        assertEquals(new Provider("1245319599", "163W00000X", "JONES, BOB"), c.line(3).renderingProvider());

        Claim d = r.claims().get(1).claim();
        assertEquals("CLM-2", d.claimId());
        assertEquals(new Patient(null, LocalDate.of(2015, 6, 15), "M"), d.patient(), "2010CA has no patient id");
        assertEquals(new Payer("acme01", PayerType.COMMERCIAL, null), d.payer());
        assertEquals(2.0, d.line(1).units());
        assertEquals(LocalDate.of(2026, 3, 1), d.line(1).serviceDate(), "RD8: the first day");
        assertEquals("22", d.line(1).placeOfService());
        assertEquals(List.of(new FieldError("segment 42 NM1 (loop 2010BB)",
                "payer `ACME HEALTH` (NM109 `ACME01`) is not in the payer mapping: read as payer `acme01`, type"
                        + " commercial (from SBR09 `CI`), no jurisdiction; add a row to the payer mapping to set"
                        + " them")), r.warnings());
    }

    @Test
    void otherDelimitersDeclaredInIsaWork() {
        // element `|`, component `}`, segment terminator newline: the same claims
        String isa = BASE.substring(0, 106);
        String body = BASE.substring(107);
        String otherIsa = isa.replace('*', '|').substring(0, 104) + "}\n";
        String otherBody = body.replace("~\n", "\n").replace('*', '|').replace(':', '}');
        FileReadResult other = read(otherIsa + otherBody);
        assertEquals(List.of(), other.errors());
        assertEquals(read(BASE).claims(), other.claims());
    }

    @Test
    void byteOrderMarkAndLeadingWhitespaceAreSkipped() {
        FileReadResult r = read("\uFEFF \r\n\t" + BASE);
        assertEquals(List.of(), r.errors());
        assertEquals(read(BASE).claims(), r.claims());
    }

    // ---------------------------------------------------------------- claim defects

    @Test
    void nonNumericUnitsFailThatClaimOnlyWithTheExactPath() {
        FileReadResult r = read(replace(BASE, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN*ONE***1"));
        ClaimReadResult first = r.claims().get(0);
        assertEquals("CLM-1", first.claimId());
        assertNull(first.claim());
        assertEquals(List.of(new FieldError("segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV104",
                "SV104 `ONE` is not a number (units)")), first.errors());
        assertTrue(r.claims().get(1).isOk(), "the other claim goes on");
        assertEquals("segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV104: SV104 `ONE` is not a number (units)",
                first.errors().get(0).render());
    }

    @Test
    void aRepeatedElementFailsThatClaimInsteadOfLosingTheOtherValues() {
        // SV107 sent twice with ISA11's `^`: the second pointer must not vanish unseen
        FileReadResult r = read(replace(BASE, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN*1***1^2"));
        ClaimReadResult first = r.claims().get(0);
        assertNull(first.claim());
        assertEquals(1, first.errors().size());
        FieldError error = first.errors().get(0);
        assertEquals("segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV107", error.path());
        assertTrue(error.message().startsWith("SV107 is sent 2 times (repetitions separated by the ISA11 character)"),
                error.message());
        assertTrue(r.claims().get(1).isOk(), "the other claim goes on");
    }

    @Test
    void aRepeatedElementInALevelFailsTheClaimsUnderIt() {
        FileReadResult r = read(replace(BASE, "PRV*BI*PXC*207Q00000X", "PRV*BI*PXC*207Q00000X^208D00000X"));
        for (ClaimReadResult claim : r.claims()) {
            assertNull(claim.claim(), claim.claimId());
            assertTrue(claim.errors().stream().anyMatch(e -> e.path().endsWith("PRV03")
                    && e.message().startsWith("PRV03 is sent 2 times")), claim.errors().toString());
        }
    }

    @Test
    void aRepetitionInASegmentPplDoesNotReadIsPassedOver() {
        // PER (the submitter's contact) is not read into a claim: its repetition changes nothing
        FileReadResult r = read(replace(BASE, "PER*IC*BILLING*TE*5555550100", "PER*IC*BILLING*TE*5555550100^5555550101"));
        assertEquals(List.of(), r.errors());
        assertEquals(read(BASE).claims(), r.claims());
    }

    @Test
    void aVersion4010EnvelopeHasNoRepetitionSeparator() {
        // before 00402, ISA11 is the standards identifier `U`: the `U` of `UN` (units) is no repetition
        String isa4010 = replace(BASE.substring(0, 106), "*^*00501*", "*U*00401*");
        FileReadResult r = read(isa4010 + BASE.substring(106));
        assertEquals(List.of(), r.errors());
        assertEquals(read(BASE).claims(), r.claims());
    }

    @Test
    void zeroUnitsAreRejected() {
        ClaimReadResult r = read(replace(BASE, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN*0***1")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV104",
                "SV104 `0`: units must be more than 0")), r.errors());
    }

    @Test
    void pointerToMissingDiagnosis() {
        ClaimReadResult r = read(replace(BASE, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN*1***1:3")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV107-2",
                "SV107-2 points at diagnosis 3 but the claim has 2")), r.errors());
    }

    @Test
    void missingRequiredElements() {
        ClaimReadResult units = read(replace(BASE, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN****1"))
                .claims().get(0);
        assertEquals(List.of(new FieldError("segment 30 SV1 (loop 2400, claim CLM-1 line 2), SV104",
                "SV104 (units) is missing")), units.errors());

        FileReadResult noId = read(replace(BASE, "CLM*CLM-2*80", "CLM**80"));
        ClaimReadResult second = noId.claims().get(1);
        assertNull(second.claimId());
        assertEquals(List.of(new FieldError("segment 47 CLM (loop 2300, claim at segment 47), CLM01",
                "CLM01 (claim id) is missing")), second.errors());

        FileReadResult noNpi = read(replace(BASE, "NM1*85*2*PPL TEST CLINIC*****XX*1234567893", "NM1*85*2*PPL TEST CLINIC"));
        FieldError npi = new FieldError("segment 10 NM1 (loop 2010AA), NM109", "NM109 (billing provider NPI) is missing");
        assertEquals(List.of(npi), noNpi.claims().get(0).errors(), "every claim under the billing provider");
        assertEquals(List.of(npi), noNpi.claims().get(1).errors());

        ClaimReadResult noDate = read(replace(BASE, "LX*2~\nSV1*HC:96372*40*UN*1***1~\nDTP*472*D8*20260302~\n",
                "LX*2~\nSV1*HC:96372*40*UN*1***1~\n")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 30 SV1 (loop 2400, claim CLM-1 line 2)",
                "no service date: loop 2400 needs DTP*472 after SV1")), noDate.errors());

        ClaimReadResult noCtp = read(replace(BASE, "CTP****1*ML~\n", "")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 35 LIN (loop 2410, claim CLM-1 line 3)",
                "no CTP after LIN: the drug loop 2410 needs the NDC quantity and unit")), noCtp.errors());
    }

    @Test
    void badValuesInWords() {
        ClaimReadResult date = read(replace(BASE, "DMG*D8*19510409*F", "DMG*D8*19510231*X")).claims().get(0);
        assertEquals(List.of(
                new FieldError("segment 19 DMG (loop 2010BA), DMG02", "DMG02 `19510231` is not a calendar date"),
                new FieldError("segment 19 DMG (loop 2010BA), DMG03", "DMG03 `X` is not F, M or U")), date.errors());

        ClaimReadResult unit = read(replace(BASE, "CTP****1*ML", "CTP****1*LB")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 36 CTP (loop 2410, claim CLM-1 line 3), CTP05-1",
                "CTP05-1 `LB` is not an NDC unit: expected F2, GR, ME, ML or UN")), unit.errors());

        ClaimReadResult qualifier = read(replace(BASE, "LIN**N4*00517003125", "LIN**UP*00517003125")).claims().get(0);
        assertEquals(List.of(new FieldError("segment 35 LIN (loop 2410, claim CLM-1 line 3), LIN02",
                "LIN02 `UP` is not N4: the drug must be identified by its NDC")), qualifier.errors());

        ClaimReadResult range = read(replace(BASE, "RD8*20260301-20260303", "RD8*20260303-20260301")).claims().get(1);
        assertEquals(List.of(new FieldError("segment 51 DTP (loop 2400, claim CLM-2 line 1), DTP03",
                "DTP03 `20260303-20260301` ends before it starts")), range.errors());

        ClaimReadResult icd = read(replace(BASE, "HI*ABK:J069", "HI*ABF:J069")).claims().get(1);
        assertEquals(List.of(new FieldError("segment 48 HI (loop 2300, claim CLM-2), HI01-1",
                "HI01-1 `ABF` marks another diagnosis, but the principal diagnosis (ABK or BK) must come first")),
                icd.errors());
    }

    @Test
    void segmentsOutOfPlace() {
        ClaimReadResult dtp = read(replace(BASE, "CLM*CLM-2*80***22:B:1*Y*A*Y*Y~\n",
                "CLM*CLM-2*80***22:B:1*Y*A*Y*Y~\nDTP*472*D8*20260301~\n")).claims().get(1);
        assertEquals(List.of(new FieldError("segment 48 DTP (loop 2300, claim CLM-2)",
                "DTP*472 (service date) is out of place: it belongs in a service line (loop 2400, after LX and SV1),"
                        + " not in loop 2300")), dtp.errors());

        ClaimReadResult hi = read(replace(BASE, "LX*1~\nSV1*HC:96372*80", "LX*1~\nHI*ABF:Z23~\nSV1*HC:96372*80"))
                .claims().get(1);
        assertEquals(List.of(
                new FieldError("segment 50 HI (loop 2400, claim CLM-2 line 1)",
                        "HI is out of place: it belongs in loop 2300 before the first service line (LX)"),
                new FieldError("segment 51 SV1 (loop 2400, claim CLM-2 line 1)",
                        "SV1 is out of place: it must come right after LX")), hi.errors());

        ClaimReadResult lin = read(replace(BASE, "HI*ABK:J069~\n", "HI*ABK:J069~\nLIN**N4*00517003125~\n"))
                .claims().get(1);
        assertEquals(List.of(new FieldError("segment 49 LIN (loop 2300, claim CLM-2)",
                "LIN is out of place: it belongs in a service line, but no LX starts one before it")), lin.errors());

        ClaimReadResult noLx = read(replace(BASE, "LX*2~\n", "")).claims().get(0);
        assertEquals(List.of(
                new FieldError("segment 29 SV1 (loop 2400, claim CLM-1 line 1)",
                        "a second SV1 in one service line; start a new line with LX"),
                new FieldError("segment 30 DTP (loop 2400, claim CLM-1 line 1)",
                        "a second DTP*472 (service date) in one service line")), noLx.errors());
    }

    @Test
    void claimWithoutSubscriberLevelIsOutOfPlace() {
        String text = replace(BASE, "HL*2*1*22*0~\n", "");
        ClaimReadResult first = read(text).claims().get(0);
        assertFalse(first.isOk());
        assertTrue(first.errors().contains(new FieldError("segment 20 CLM (loop 2300, claim CLM-1)",
                "CLM is out of place: a claim belongs under a subscriber (HL level 22) or patient (HL level 23), but"
                        + " it follows HL level 20")), () -> first.errors().toString());
    }

    @Test
    void nameLoopsPplDoesNotReadDoNotReplaceTheOnesItDoes() {
        String text = replace(BASE, "NM1*PR*2*NOVITAS SOLUTIONS*****PI*12502~\n",
                "NM1*PR*2*NOVITAS SOLUTIONS*****PI*12502~\nNM1*ZZ*2*SOMEONE ELSE*****PI*ACME01~\n");
        FileReadResult r = read(text);
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JL"), r.claims().get(0).claim().payer());
    }

    // ---------------------------------------------------------------- envelope defects

    @Test
    void wrongControlCountsAreFileErrorsAndTheClaimsAreStillRead() {
        FileReadResult se = read(replace(BASE, "SE*50*0001", "SE*49*0001"));
        assertEquals(List.of(new FieldError("segment 52 SE, SE01",
                "SE01 says the transaction set has 49 segments, but it has 50 from ST to SE")), se.errors());
        assertEquals(2, se.claims().size());
        assertTrue(se.claims().stream().allMatch(ClaimReadResult::isOk));

        FileReadResult ge = read(replace(BASE, "GE*1*1", "GE*3*1"));
        assertEquals(List.of(new FieldError("segment 53 GE, GE01",
                "GE01 says the functional group has 3 transaction set(s), but it has 1")), ge.errors());

        FileReadResult iea = read(replace(BASE, "IEA*1*000000001", "IEA*2*000000001"));
        assertEquals(List.of(new FieldError("segment 54 IEA, IEA01",
                "IEA01 says the interchange has 2 functional group(s), but it has 1")), iea.errors());

        FileReadResult control = read(replace(BASE, "SE*50*0001", "SE*50*0002"));
        assertEquals(List.of(new FieldError("segment 52 SE, SE02", "SE02 `0002` does not match ST02 `0001`")),
                control.errors());
    }

    @Test
    void headerOfTheWrongWidthIsReportedAtByteZero() {
        FileReadResult r = read(replace(BASE, "*ZZ*PPLTEST        *", "*ZZ*PPLTEST       *"));
        assertEquals(List.of(new FieldError("byte 0", "the interchange header cannot be read: ISA06 `PPLTEST       `"
                + " has 14 characters (7 trailing spaces); ISA06 is fixed at 15, padded with spaces (the header is"
                + " fixed-width: the separators are read from fixed positions)")), r.errors());
        assertEquals(List.of(), r.claims());
    }

    @Test
    void sameCharacterForTwoSeparators() {
        String text = BASE.substring(0, 104) + "*" + BASE.substring(105);
        FileReadResult r = read(text);
        assertEquals(1, r.errors().size());
        assertEquals("byte 0", r.errors().get(0).path());
        assertTrue(r.errors().get(0).message().contains("declares the same character for two separators"),
                r.errors().get(0).message());
    }

    @Test
    void segmentTerminatorNotTheDeclaredOneGivesAHint() {
        String body = BASE.substring(106).replace("~", "'");
        FileReadResult r = read(BASE.substring(0, 106) + body);
        assertEquals(List.of(), r.claims());
        assertTrue(r.errors().stream().anyMatch(e -> e.path().equals("segment 2 GS")
                && e.message().startsWith("GS has ")), r.errors()::toString);
        FieldError last = r.errors().get(r.errors().size() - 1);
        assertEquals("no claim could be read; check that every segment ends with the terminator declared in ISA"
                + " (the byte after ISA16: `~`)", last.message());
        assertTrue(r.errors().stream().anyMatch(e -> e.path().startsWith("byte ")
                && e.message().contains("input ends in the middle of the interchange")), r.errors()::toString);
    }

    @Test
    void truncatedFileKeepsTheFinishedClaimAndFailsTheCutOne() {
        String text = BASE.substring(0, BASE.indexOf("LX*1~\nSV1*HC:96372*80"));
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        FileReadResult r = read(data);
        assertEquals(2, r.claims().size());
        assertTrue(r.claims().get(0).isOk());
        ClaimReadResult cut = r.claims().get(1);
        assertEquals("CLM-2", cut.claimId());
        assertTrue(cut.errors().contains(new FieldError("segment 47 CLM (loop 2300, claim CLM-2)",
                "the input ends at byte " + data.length + " before this claim is complete (no SE follows); lines may"
                        + " be missing")), cut.errors()::toString);
        assertEquals(new FieldError("byte " + data.length, "the interchange cannot be read past byte " + data.length
                        + ": the input ends in the middle of the interchange (no IEA trailer)"),
                r.errors().get(0));
    }

    @Test
    void bytesThatAreNotTextAreReportedAtTheirOffset() {
        byte[] base = BASE.getBytes(StandardCharsets.UTF_8);
        int at = BASE.indexOf("DOE*JANE") + 1;
        byte[] data = new byte[base.length + 2];
        System.arraycopy(base, 0, data, 0, at);
        data[at] = (byte) 0xFF;
        data[at + 1] = (byte) 0xFE;
        System.arraycopy(base, at, data, at + 2, base.length - at);
        FileReadResult r = read(data);
        assertEquals(List.of(), r.claims(), "the break comes before the first CLM");
        FieldError e = r.errors().get(0);
        long offset = Long.parseLong(e.path().substring("byte ".length()));
        assertTrue(offset >= BASE.indexOf("NM1*IL") && offset <= at + 2, e::toString);
        assertTrue(e.message().endsWith("the bytes here are not valid text (UTF-8): X12 files hold ASCII characters"),
                e::toString);
    }

    @Test
    void notX12AndEmptyInput() {
        assertEquals(List.of(new FieldError("byte 0", "not an X12 interchange: it must start with `ISA`, found `HELLO WORLD`")),
                read("HELLO WORLD").errors());
        assertEquals(List.of(new FieldError("byte 2", "the input is empty: expected an X12 interchange starting with ISA")),
                read(" \n").errors());
        assertEquals(List.of(new FieldError("byte 0", "the interchange header cannot be read: the interchange header ISA"
                + " is cut short: it has 20 bytes, an ISA header is 106 bytes long")), read(BASE.substring(0, 20)).errors());
    }

    @Test
    void aRemittanceIsNotAClaim() {
        FileReadResult r = read(resource("/realworld/x12-835/demo.835"));
        assertEquals(List.of(), r.claims());
        assertEquals(List.of(new FieldError("segment 3 ST, ST01", "transaction set `1234` is an X12 835 (claim"
                + " payment/advice), not an 837P professional claim: skipped")), r.errors());
    }

    @Test
    void institutionalClaimsAreMarkedNotCoveredNotSkipped() {
        String text = BASE.replace("005010X222A1", "005010X223A2");
        FileReadResult r = read(text);
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("CLM-1", "CLM-2"), r.claims().stream().map(c -> c.claimId()).toList());
        assertTrue(r.claims().stream().allMatch(c -> c.notCovered() != null && c.claim() == null && c.errors().isEmpty()));
    }

    // ---------------------------------------------------------------- many envelopes

    @Test
    void manyInterchangesGroupsAndTransactionsGiveOneResultPerClmInOrder() {
        String isa = BASE.substring(0, 107);
        String transaction = BASE.substring(BASE.indexOf("ST*837"), BASE.indexOf("GE*1*1"));
        String second = transaction.replace("ST*837*0001", "ST*837*0002").replace("SE*50*0001", "SE*50*0002")
                .replace("CLM-1", "CLM-3").replace("CLM-2", "CLM-4");
        String group1 = "GS*HC*PPLTEST*RECEIVER*20260302*1015*1*X*005010X222A1~\n" + transaction + second + "GE*2*1~\n";
        String group2 = "GS*HC*PPLTEST*RECEIVER*20260302*1015*2*X*005010X222A1~\n"
                + transaction.replace("CLM-1", "CLM-5").replace("CLM-2", "CLM-6") + "GE*1*2~\n";
        String interchange1 = isa + group1 + group2 + "IEA*2*000000001~\n";
        String interchange2 = isa.replace("000000001", "000000002")
                + "GS*HC*PPLTEST*RECEIVER*20260302*1015*3*X*005010X222A1~\n"
                + replace(transaction, "SV1*HC:96372*40*UN*1***1", "SV1*HC:96372*40*UN*ONE***1")
                        .replace("CLM-1", "CLM-7").replace("CLM-2", "CLM-8")
                + "GE*1*3~\nIEA*1*000000002~\n";
        FileReadResult r = read(interchange1 + interchange2);

        assertEquals(List.of(), r.errors());
        assertEquals(List.of("CLM-1", "CLM-2", "CLM-3", "CLM-4", "CLM-5", "CLM-6", "CLM-7", "CLM-8"),
                r.claims().stream().map(ClaimReadResult::claimId).toList());
        assertEquals(7, r.claims().stream().filter(ClaimReadResult::isOk).count());
        assertEquals(List.of(new FieldError("interchange 2, segment 30 SV1 (loop 2400, claim CLM-7 line 2), SV104",
                "SV104 `ONE` is not a number (units)")), r.claims().get(6).errors());
        assertEquals(1, r.warnings().size(), "one warning per unmapped payer, not per claim");
    }
}
