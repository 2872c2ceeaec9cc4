package dev.ppl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importers on excerpts of the official files written in their exact layouts
 * ({@code src/test/resources/data/excerpts/README.md} says where each value comes from), and on
 * broken variants of them.
 */
class ImportersTest {
    static final Path EXCERPTS = Path.of("src/test/resources/data/excerpts");
    static final Path PTP = EXCERPTS.resolve("ccipra-v322r0-f1.txt");
    static final Path MUE_Q3 = EXCERPTS.resolve("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv");
    static final Path MUE_Q4 = EXCERPTS.resolve("MCR_MUE_PractitionerServices_Eff_10-01-2026.csv");
    static final Path HCPCS = EXCERPTS.resolve("HCPC2019_CONTR_ANWEB.txt");
    static final Path ASP = EXCERPTS.resolve("January 2026 ASP NDC-HCPCS Crosswalk.csv");
    static final Path FDA = EXCERPTS.resolve("package.txt");

    // ------------------------------------------------------------------ PTP

    @Test
    void ptpRowsKeepTheirDatesAndIndicators() throws ImportException {
        String table = PtpImporter.csv(PtpImporter.read(List.of(PTP), CodeFilter.parse("99211,99201")));
        assertEquals("""
                column1,column2,effectiveFrom,effectiveTo,modifierIndicator,release
                96372,99201,2009-01-01,2019-12-31,1,ccipra v32.2r0
                96372,99201,2020-10-01,2020-12-31,1,ccipra v32.2r0
                96372,99211,2009-01-01,2019-12-31,0,ccipra v32.2r0
                96372,99211,2020-10-01,,0,ccipra v32.2r0
                """, table);
    }

    @Test
    void ptpFilterKeepsAPairWhenEitherColumnMatches() throws ImportException {
        List<PtpImporter.Edit> edits = PtpImporter.read(List.of(PTP), CodeFilter.parse("96374"));
        assertEquals(1, edits.size());
        assertEquals("96372", edits.get(0).column2());
        assertEquals(12, PtpImporter.read(List.of(PTP), CodeFilter.all()).size());
    }

    @Test
    void aNewerReleaseReplacesAnEditAndIndicatorNineDropsIt(@TempDir Path dir) throws IOException, ImportException {
        // constructed: release v32.3 deletes 96374/96372 back to its start (indicator 9) and closes 96372/99213
        String text = Files.readString(PTP)
                .replace("96374\t96372\t\t20090101\t*\t1", "96374\t96372\t\t20090101\t20090101\t9")
                .replace("96372\t99213\t\t20201001\t*\t1", "96372\t99213\t\t20201001\t20261231\t1");
        Path newer = Files.writeString(dir.resolve("ccipra-v323r0-f1.txt"), text);
        // argument order does not matter: releases are ordered by their version
        List<PtpImporter.Edit> edits = PtpImporter.read(List.of(newer, PTP), CodeFilter.parse("96374,99213"));
        assertEquals(2, edits.size(), edits.toString());
        PtpImporter.Edit last = edits.get(1);
        assertEquals(LocalDate.of(2026, 12, 31), last.effectiveTo());
        assertEquals("ccipra v32.3r0", last.release());
    }

    @Test
    void ptpBadValuesAreReportedWithLineAndColumn(@TempDir Path dir) throws IOException {
        String text = Files.readString(PTP)
                .replace("20610\t96372\t\t20090101", "20610\t96372\t\t2009-01-01")
                .replace("20611\t96372\t\t20150101\t*\t1", "20611\t96372\t\t20150101\t*\t2")
                .replace("10060\t96372", "1006\t96372");
        Path bad = Files.writeString(dir.resolve("ccipra-v322r0-f1.txt"), text);
        ImportException e = assertThrows(ImportException.class, () -> PtpImporter.read(List.of(bad), CodeFilter.all()));
        List<String> rendered = e.problems().stream().map(ImportProblem::render).toList();
        assertEquals(3, rendered.size(), rendered.toString());
        assertTrue(rendered.get(0).startsWith(bad + ":4:1: error: `1006` is not a CPT/HCPCS code"), rendered.get(0));
        assertTrue(rendered.get(1).startsWith(bad + ":5:14: error: effective date `2009-01-01` is not a date"), rendered.get(1));
        assertTrue(rendered.get(1).contains("help: dates are written YYYYMMDD"), rendered.get(1));
        assertTrue(rendered.get(2).startsWith(bad + ":6:25: error: modifier indicator `2` is not 0, 1 or 9"), rendered.get(2));
    }

    @Test
    void aFileOfAnotherKindIsNotReadAsPtp() {
        ImportException e = assertThrows(ImportException.class, () -> PtpImporter.read(List.of(MUE_Q3), CodeFilter.all()));
        assertTrue(e.problems().get(0).render().contains(":1:1: error: not an NCCI PTP edit file"), e.getMessage());
    }

    // ------------------------------------------------------------------ MUE

    @Test
    void twoEqualQuartersMergeIntoOneRow() throws ImportException {
        List<MueImporter.Limit> limits = MueImporter.read(List.of(MUE_Q4, MUE_Q3), null, CodeFilter.parse("96372"), null);
        assertEquals("""
                code,limit,mai,effectiveFrom,effectiveTo,release
                96372,4,3,2026-07-01,2026-12-31,"CMS MUE practitioner 2026-07-01, 2026-10-01"
                """, MueImporter.csv(limits));
    }

    @Test
    void coversFromFillsEveryPeriodNoFileCoversWithARowWithoutAValue() throws ImportException {
        List<MueImporter.Limit> limits = MueImporter.read(List.of(MUE_Q3, MUE_Q4), null, CodeFilter.parse("96372,J3420"),
                LocalDate.of(2020, 10, 1));
        assertEquals("""
                code,limit,mai,effectiveFrom,effectiveTo,release
                96372,,,2020-10-01,2026-06-30,no MUE file imported for these dates
                96372,4,3,2026-07-01,2026-12-31,"CMS MUE practitioner 2026-07-01, 2026-10-01"
                96372,,,2027-01-01,,no MUE file imported for these dates
                J3420,,,2020-10-01,2026-06-30,no MUE file imported for these dates
                J3420,,,2027-01-01,,no MUE file imported for these dates
                """, MueImporter.csv(limits));
    }

    @Test
    void aChangedValueStartsANewRowAndAMissingQuarterIsAGap(@TempDir Path dir) throws IOException, ImportException {
        // constructed: a 2027 Q2 table where 96372 is 5 (no such table was read; this tests the merge)
        Path q2 = Files.writeString(dir.resolve("MCR_MUE_PractitionerServices_Eff_04-01-2027.csv"),
                Files.readString(MUE_Q3).replace("96372,4,", "96372,5,"));
        List<MueImporter.Limit> limits = MueImporter.read(List.of(MUE_Q3, MUE_Q4, q2), null, CodeFilter.parse("96372"),
                LocalDate.of(2026, 7, 1));
        assertEquals(4, limits.size(), limits.toString());
        assertTrue(limits.get(1).isGap());
        assertEquals(LocalDate.of(2027, 1, 1), limits.get(1).effectiveFrom());
        assertEquals(LocalDate.of(2027, 3, 31), limits.get(1).effectiveTo());
        assertEquals(5, limits.get(2).limit());
        assertEquals(LocalDate.of(2027, 6, 30), limits.get(2).effectiveTo());
    }

    @Test
    void theMaiIsTheDigitOfTheIndicatorCell() throws ImportException {
        List<MueImporter.Limit> limits = MueImporter.read(List.of(MUE_Q3), null, CodeFilter.parse("G0008,90472"), null);
        assertEquals(3, limits.get(0).mai());
        assertEquals(8, limits.get(0).limit());
        assertEquals(2, limits.get(1).mai());
    }

    @Test
    void aFileNameWithoutItsQuarterNeedsEffective(@TempDir Path dir) throws IOException, ImportException {
        Path renamed = Files.copy(MUE_Q3, dir.resolve("mue.csv"));
        ImportException e = assertThrows(ImportException.class, () -> MueImporter.read(List.of(renamed), null, CodeFilter.all(), null));
        assertTrue(e.getMessage().contains("cannot tell which quarter"), e.getMessage());
        assertEquals(LocalDate.of(2026, 7, 1),
                MueImporter.read(List.of(renamed), LocalDate.of(2026, 7, 1), CodeFilter.all(), null).get(0).effectiveFrom());
    }

    @Test
    void mueBadValuesAreReportedWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv"), Files.readString(MUE_Q3)
                .replace("96372,4,\"3 Date", "96372,four,\"3 Date").replace("96374,1,\"3 Date", "96374,1,\"Date"));
        ImportException e = assertThrows(ImportException.class, () -> MueImporter.read(List.of(bad), null, CodeFilter.all(), null));
        List<String> rendered = e.problems().stream().map(ImportProblem::render).toList();
        assertEquals(2, rendered.size(), rendered.toString());
        // the header's quoted line break counts: the 96372 record is on line 6
        assertTrue(rendered.get(0).startsWith(bad + ":6:7: error: MUE value `four` is not a whole number"), rendered.get(0));
        assertTrue(rendered.get(1).startsWith(bad + ":7:9: error: MUE adjudication indicator `Date of Service Edit: Clinical`"),
                rendered.get(1));
    }

    // ------------------------------------------------------------------ HCPCS

    @Test
    void hcpcsRowsCarryTheBillingUnitAndTheDatesOfTheCode() throws ImportException {
        List<HcpcsImporter.Code> codes = HcpcsImporter.read(List.of(HCPCS), null);
        assertEquals(List.of("J0702", "J1030", "J1050", "J1070", "J1071", "J3420", "J3490"),
                codes.stream().map(HcpcsImporter.Code::code).toList(), "drug codes only by default");
        HcpcsImporter.Code j1070 = codes.get(3);
        assertEquals("100 mg", j1070.per());
        assertEquals(LocalDate.of(1982, 1, 1), j1070.added());
        assertEquals(LocalDate.of(2014, 12, 31), j1070.terminated());
        HcpcsImporter.Code j3420 = codes.get(5);
        assertEquals("1000 mcg", j3420.per());
        assertNull(j3420.terminated());
        assertTrue(codes.get(0).note().startsWith("no billing unit: more than one amount"), codes.get(0).note());
    }

    @Test
    void hcpcsCodesOptionSelectsAnyCode() throws ImportException {
        List<HcpcsImporter.Code> codes = HcpcsImporter.read(List.of(HCPCS), CodeFilter.parse("A4206"));
        assertEquals(1, codes.size());
        assertNull(codes.get(0).per());
        assertTrue(codes.get(0).descriptor().startsWith("Syringe with needle"));
    }

    @Test
    void theHcpcsZipIsReadToo() throws ImportException {
        List<HcpcsImporter.Code> codes = HcpcsImporter.read(
                List.of(Path.of("src/test/resources/realworld/cms/2019-Alpha-Numeric-HCPCS-File.zip")), CodeFilter.parse("J1071"));
        assertEquals(LocalDate.of(2015, 1, 1), codes.get(0).added());
        assertEquals("1 mg", codes.get(0).per());
    }

    @Test
    void aBrokenHcpcsRecordIsReportedWithItsLine(@TempDir Path dir) throws IOException {
        String text = new String(Files.readAllBytes(HCPCS), StandardCharsets.ISO_8859_1);
        Path bad = dir.resolve("HCPC2019_CONTR_ANWEB.txt");
        Files.write(bad, text.replace("J1071001003", "J1071 01003").getBytes(StandardCharsets.ISO_8859_1));
        ImportException e = assertThrows(ImportException.class, () -> HcpcsImporter.read(List.of(bad), null));
        assertTrue(e.problems().get(0).render().startsWith(bad + ":14:1: error: not an HCPCS record"), e.getMessage());
    }

    // ------------------------------------------------------------------ NDC

    @Test
    void theCrosswalkGivesBillingUnitsPerPackageAndThePackageFileTheContainer() throws ImportException {
        List<NdcImporter.Package> packages = NdcImporter.read(List.of(ASP), null, FDA, CodeFilter.all());
        assertEquals(1, packages.size());
        NdcImporter.Package p = packages.get(0);
        assertEquals("00517003125", p.ndc());
        assertEquals("J3420", p.hcpcs());
        assertEquals("25", p.billingUnitsPerPackage());
        assertEquals("multi-dose", p.container());
        assertEquals(LocalDate.of(2026, 1, 1), p.effectiveFrom());
        assertEquals(LocalDate.of(2026, 3, 31), p.effectiveTo());
    }

    @Test
    void tenDigitPackageCodesBecomeElevenDigits() {
        assertEquals("00517003125", NdcImporter.elevenDigits("0517-0031-25"));
        assertEquals("12345012301", NdcImporter.elevenDigits("12345-123-01"));
        assertEquals("12345123401", NdcImporter.elevenDigits("12345-1234-1"));
        assertNull(NdcImporter.elevenDigits("123-45-6789"));
        assertEquals("single-dose", NdcImporter.container("1 VIAL, SINGLE-DOSE in 1 CARTON"));
        assertNull(NdcImporter.container("1 KIT in 1 CARTON"));
    }

    @Test
    void aBadNdcIsReportedWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("January 2026 ASP NDC-HCPCS Crosswalk.csv"),
                Files.readString(ASP).replace("00517-0031-25", "0517-31-25"));
        ImportException e = assertThrows(ImportException.class, () -> NdcImporter.read(List.of(bad), null, null, CodeFilter.all()));
        assertTrue(e.problems().get(0).render().startsWith(bad + ":10:45: error: NDC `0517-31-25` is not an 11-digit NDC")
                , e.getMessage());
    }
}
