package dev.ppl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bundled tables are what {@code ppl data import} makes of their sources. The HCPCS table is
 * the import of the committed CMS 2019 file and the January 2023 J-code excerpt, byte for byte. The MUE table is what {@code ppl data import mue --covers-from 2020-10-01} makes of the
 * 2026 Q3/Q4 rows that were read (the excerpts hold exactly those rows), and every other code it
 * names has one open row without a limit from 2020-10-01: no date of service from then on is
 * left without a row, so the MUE rules never go silent.
 */
class BundledTablesTest {
    static final Path TABLE = Path.of("policies/medicare/ncci-mue-96372.csv");
    static final Path HCPCS_2019 = Path.of("src/test/resources/realworld/cms/2019-Alpha-Numeric-HCPCS-File.zip");
    static final Path HCPCS_2023 = Path.of("src/test/resources/realworld/cms/2023/HCPC2023_ANWEB_v3.txt");

    @Test
    void sourcedRowsAreTheImportersOutputAndEveryOtherCodeIsAnExplicitGap() throws IOException, ImportException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE).subList(1, Files.readAllLines(TABLE).size())) {
            rows.add(line.split(",", 6));
        }
        TreeSet<String> codes = new TreeSet<>();
        rows.forEach(r -> codes.add(r[0]));
        List<MueImporter.Limit> imported = MueImporter.read(
                List.of(ImportersTest.MUE_Q3, ImportersTest.MUE_Q4), null, CodeFilter.parse(String.join(",", codes)),
                LocalDate.of(2020, 10, 1));
        TreeSet<String> sourced = new TreeSet<>();
        imported.stream().filter(l -> !l.isGap()).forEach(l -> sourced.add(l.code()));
        assertEquals(new TreeSet<>(List.of("90471", "90472", "96372", "96374", "96375", "99211", "G0008")), sourced);
        List<String> expected = new ArrayList<>();
        for (MueImporter.Limit l : imported) {
            if (sourced.contains(l.code())) {
                expected.add(String.join(",", l.code(), s(l.limit()), s(l.mai()), s(l.effectiveFrom()), s(l.effectiveTo())));
            }
        }
        for (String code : codes) {
            if (!sourced.contains(code)) {
                expected.add(code + ",,,2020-10-01,");
            }
        }
        expected.sort(null);
        List<String> actual = new ArrayList<>();
        for (String[] r : rows) {
            actual.add(String.join(",", r[0], r[1], r[2], r[3], r[4]));
            if (r[1].isEmpty()) {
                assertTrue(r[5].startsWith("no MUE"), "a row without a limit says why: " + String.join(",", r));
            }
        }
        actual.sort(null);
        assertEquals(expected, actual);
        assertTrue(actual.contains("96372,4,3,2026-07-01,2026-12-31"));
    }

    @Test
    void theHcpcsTableIsTheImportOfTheCms2019FileAndThe2023Excerpt() throws IOException, ImportException {
        List<HcpcsImporter.Code> codes = HcpcsImporter.read(List.of(HCPCS_2019, HCPCS_2023), null);
        assertEquals(HcpcsImporter.csv(codes), Files.readString(Path.of("policies/medicare/hcpcs-codes.csv")),
                "regenerate: ppl data import hcpcs " + HCPCS_2019 + " " + HCPCS_2023
                        + " --out policies/medicare/hcpcs-codes.csv");
    }

    /**
     * The January 2023 excerpt changes what a claim after 2019 is judged by: codes CMS added after
     * the 2019 file are in the table with their dates (Fensolvi J1951 from 2021-07-01), codes it
     * ended are closed (cefiderocol J0693 on 2021-09-30), and the library's everyday drug codes are
     * unchanged in 2023.
     */
    @Test
    void the2023ExcerptAddsAndEndsCodesAndKeepsTheEverydayDrugs() throws IOException, ImportException {
        Map<String, HcpcsImporter.Code> both = new TreeMap<>();
        HcpcsImporter.read(List.of(HCPCS_2019, HCPCS_2023), null).forEach(c -> both.put(c.code(), c));
        Map<String, HcpcsImporter.Code> old = new TreeMap<>();
        HcpcsImporter.read(List.of(HCPCS_2019), null).forEach(c -> old.put(c.code(), c));

        assertNull(old.get("J1951"));
        assertEquals(LocalDate.of(2021, 7, 1), both.get("J1951").added());
        assertEquals("0.25 mg", both.get("J1951").per());
        assertEquals(LocalDate.of(2021, 9, 30), both.get("J0693").terminated());
        assertEquals(LocalDate.of(2022, 12, 31), both.get("J2400").terminated());
        assertNull(old.get("Q5120"));
        assertEquals(LocalDate.of(2020, 7, 1), both.get("Q5120").added());
        assertEquals("0.5 mg", both.get("Q5120").per());
        assertEquals(LocalDate.of(2021, 4, 16), both.get("Q0239").terminated());
        for (String code : List.of("J0696", "J0702", "J0897", "J1020", "J1030", "J1040", "J1050", "J1071", "J1100",
                "J1726", "J1729", "J1885", "J1950", "J2550", "J2790", "J2791", "J3145", "J3301", "J3420", "J9217")) {
            assertEquals(old.get(code).per(), both.get(code).per(), code);
            assertNull(both.get(code).terminated(), code + " was still valid on 2023-01-01");
        }
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }
}
