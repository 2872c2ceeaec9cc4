package dev.ppl.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayerMappingTest {

    private static final String CSV = """
            # my clearinghouse's ids
            payerId,payerName,pplPayerId,type,jurisdiction
            12502,,medicare,medicare,JL
            ACME01,"Acme Health, Inc.",acme-ppo,commercial,
            ,KEY INSURANCE COMPANY,key,commercial,FL
            """;

    @Test
    void looksUpByIdThenByNameIgnoringCaseAndSpaces() {
        PayerMapping m = PayerMapping.fromCsv(CSV, "my.csv");
        assertEquals(new PayerMapping.Resolution(new Payer("medicare", PayerType.MEDICARE, "JL"), true),
                m.resolve("12502", "whatever", null));
        assertEquals(new Payer("acme-ppo", PayerType.COMMERCIAL, null), m.resolve("acme01", null, null).payer());
        assertEquals(new Payer("acme-ppo", PayerType.COMMERCIAL, null),
                m.resolve(null, "  acme   health, INC. ", null).payer(), "quoted name with a comma");
        assertEquals(new Payer("key", PayerType.COMMERCIAL, "FL"), m.resolve("999996666", "Key Insurance Company", null).payer());
    }

    @Test
    void unmappedPayersFallBackAndSaySo() {
        PayerMapping m = PayerMapping.empty();
        assertEquals(new PayerMapping.Resolution(new Payer("planid12345", PayerType.COMMERCIAL, null), false),
                m.resolve("PLANID12345", "R&R Health Plan", PayerType.COMMERCIAL));
        assertEquals(new Payer("r-r-health-plan", null, null), m.resolve(" ", "R&R Health Plan", null).payer());
        assertEquals(new Payer("unknown", null, null), m.resolve(null, null, null).payer());
    }

    @Test
    void badRowsAreAllListedWithTheirLines() {
        String bad = """
                payerId,payerName,pplPayerId,type,jurisdiction
                12502,,,medicare,JL
                11111,,medicare,federal,
                ,,medicare,,
                12502,,medicare,medicare,JL
                12502,,medicare,medicare,JL
                "unclosed,,x,,
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayerMapping.fromCsv(bad, "bad.csv"));
        assertEquals("""
                payer mapping has 5 problem(s):
                bad.csv:2: pplPayerId is empty; it is the payer key policies select on, e.g. `medicare`
                bad.csv:3: type `federal` is not one of medicare, medicaid, commercial
                bad.csv:4: give a payerId, a payerName or both
                bad.csv:6: payer id `12502` is already mapped on line 5
                bad.csv:7: a quoted field is not closed on this line""", e.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> PayerMapping.fromCsv("id,name\n1,x\n", "h.csv"));
        assertTrue(header.getMessage().contains("h.csv:1: the first row must be the header"), header.getMessage());
    }

    @Test
    void jsonRowsAndOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                [{"payerId": "12502", "pplPayerId": "novitas-pa", "type": "medicare", "jurisdiction": "JL",
                  "source": "our clearinghouse list"},
                 {"payerName": "Acme Health", "pplPayerId": "acme", "type": "commercial"}]""");
        PayerMapping mine = PayerMapping.load(file);
        PayerMapping merged = PayerMapping.defaults().overriddenBy(mine);
        assertEquals(new Payer("novitas-pa", PayerType.MEDICARE, "JL"), merged.resolve("12502", null, null).payer());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JJ"), merged.resolve("10312", null, null).payer());
        assertEquals(new Payer("acme", PayerType.COMMERCIAL, null), merged.resolve("X", "ACME HEALTH", null).payer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PayerMapping.fromJson("[{\"payerID\": \"1\", \"pplPayerId\": \"x\"}]", "typo.json"));
        assertTrue(e.getMessage().contains("typo.json: [0]: unknown key `payerID`"), e.getMessage());
    }

    @Test
    void defaultsHoldTheMedicareContractorsAndCms() {
        PayerMapping d = PayerMapping.defaults();
        assertEquals(57, d.entries().size());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JL"), d.resolve("12502", null, null).payer());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JN"), d.resolve("09102", null, null).payer());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, null),
                d.resolve(null, "Centers for Medicare & Medicaid Services", null).payer());
        assertTrue(d.entries().stream().allMatch(e -> e.type() == PayerType.MEDICARE && e.pplPayerId().equals("medicare")));
        assertFalse(d.resolve("999996666", null, null).mapped());
    }

    /** Every default row must be sourced or marked UNCONFIRMED in docs/payer-mapping.md. */
    @Test
    void everyDefaultRowIsDocumentedWithItsSource() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("docs/payer-mapping.md"));
        for (PayerMapping.Entry e : PayerMapping.defaults().entries()) {
            String row = doc.stream().filter(l -> l.startsWith("| " + e.payerId() + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/payer-mapping.md has no row for " + e.payerId()));
            assertTrue(row.contains("[S") || row.contains("UNCONFIRMED"), row);
            String jurisdiction = e.jurisdiction() == null ? "(none)" : e.jurisdiction();
            assertTrue(row.contains("| " + jurisdiction + " |"), () -> "jurisdiction of " + e.payerId() + " in " + row);
        }
    }
}
