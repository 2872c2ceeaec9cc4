package dev.ppl.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the contract example, writing claims back, and the round trip between the two. */
class ClaimJsonTest {

    static final Path EXAMPLE = Path.of("examples/claims/contract-example.json");
    static final Path WRITTEN_EXAMPLE = Path.of("src/test/resources/dev/ppl/claim/contract-example.written.json");
    static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    static final LocalDate FEBRUARY_2 = LocalDate.of(2026, 2, 2);

    static String exampleText() {
        try {
            return Files.readString(EXAMPLE);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + EXAMPLE, e);
        }
    }

    static Claim exampleClaim() {
        ClaimReadResult result = ClaimJson.read(exampleText());
        assertEquals(List.of(), result.errors());
        return result.claim();
    }

    @Test
    void contractExampleReadsToTheExpectedRecords() {
        Claim claim = exampleClaim();

        assertEquals("EX-0001", claim.claimId());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JF"), claim.payer());
        assertEquals(new Patient("PT-1001", LocalDate.of(1951, 4, 9), "F"), claim.patient());
        assertEquals(new Provider("1234567893", "207Q00000X"), claim.billingProvider());
        assertEquals(new Provider("1234567893", null), claim.renderingProvider());
        assertEquals("11", claim.placeOfService());
        assertNull(claim.priorAuthorization());
        assertEquals(List.of(Diagnosis.icd10("D51.0"), Diagnosis.icd10("M54.50")), claim.diagnoses());
        assertEquals(
                List.of(
                        new ServiceLine(1, "99213", List.of("25"), 1, new BigDecimal("110.00"), MARCH_2, List.of(2),
                                null, null, null),
                        new ServiceLine(2, "96372", List.of(), 1, new BigDecimal("40.00"), MARCH_2, List.of(1),
                                null, null, null),
                        new ServiceLine(3, "J3420", List.of("JZ"), 1, new BigDecimal("15.00"), MARCH_2, List.of(1),
                                new Drug("00517003125", 1.0, "ML", "single-dose"), null, null)),
                claim.lines());
        assertEquals(
                new Encounter(
                        "evaluation",
                        "Worsening low back pain over 2 weeks; exam, medication adjusted. Also due for monthly B12."),
                claim.encounter());
        assertEquals(
                List.of(new Injection(
                        2,
                        "IM",
                        "left deltoid",
                        "2026-03-02T10:15:00",
                        "1234567893",
                        "RN-0042",
                        "tolerated well, no reaction after 15 minutes",
                        "pernicious anemia; oral supplementation ineffective",
                        List.of(new InjectedDrug(3, "cyanocobalamin", new Dose(1000, "mcg"))),
                        "Cyanocobalamin 1000 mcg IM left deltoid by RN-0042 per order of Dr. 1234567893 at 10:15;"
                                + " tolerated well.")),
                claim.injections());
        assertEquals(
                List.of(
                        new HistoryEntry("PRIOR-0990", FEBRUARY_2, "J3420", 1, List.of("JZ"), List.of("D51.0"),
                                "Cyanocobalamin 1000 mcg IM right deltoid by RN-0042; tolerated well."),
                        new HistoryEntry("PRIOR-0990", FEBRUARY_2, "96372", 1, List.of(), List.of("D51.0"), null)),
                claim.history());
    }

    @Test
    void contractExampleInExamplesIsTheSharedContractsExample() throws IOException {
        // PPL ships its own copy; it must not drift from the contract while the contract is at hand
        Path contract = Path.of("../shared/contract/claim-example.json");
        if (Files.exists(contract)) {
            assertEquals(Files.readString(contract), exampleText());
        }
    }

    @Test
    void resultCarriesTheClaimIdEvenWhenTheClaimFails() {
        ClaimReadResult result = ClaimJson.read("{\"claimId\": \"EX-9\", \"lines\": []}");
        assertEquals("EX-9", result.claimId());
        assertNull(result.claim());
        assertEquals(2, result.errors().size());
    }

    @Test
    void contractExampleRoundTrips() {
        Claim claim = exampleClaim();
        assertEquals(claim, ClaimJson.read(ClaimJson.write(claim)).claim());
        assertEquals(claim, ClaimJson.read(ClaimJson.toJson(claim)).claim());
    }

    @Test
    void everyOptionalFieldRoundTrips() {
        Provider lineProvider = new Provider("1093817465", "163W00000X");
        Claim claim = new Claim(
                "RT-1",
                new Payer("medicaid-az", PayerType.MEDICAID, "AZ"),
                new Patient("PT-2", LocalDate.of(1980, 1, 31), "U"),
                new Provider("1234567890", null),
                null,
                new Provider("1003000126", "207Q00000X", "WELBY, MARCUS"),
                "22",
                "PA-77",
                List.of(Diagnosis.icd10("D51.0"), new Diagnosis("281.0", Diagnosis.CodeSystem.ICD9CM)),
                List.of(
                        new ServiceLine(7, "96372", List.of("59", "XU", "76", "GA"), 1.5, new BigDecimal("12.50"),
                                MARCH_2, List.of(2, 1), null, "11", lineProvider, new Provider("1245319599", null, "JONES, BOB")),
                        new ServiceLine(9, "J3490", List.of(), 2, new BigDecimal("30"), MARCH_2, List.of(),
                                new Drug("00517-0031-25", 0.25, "UN", null), null, null, null,
                                "Cyanocobalamin 1000 mcg/mL, 250 mcg IM")),
                new Encounter(null, null),
                List.of(new Injection(7, null, null, null, null, null, null, null,
                        List.of(new InjectedDrug(null, "cyanocobalamin", new Dose(0.5, null))), null)),
                List.of(new HistoryEntry(null, FEBRUARY_2, "96372", 3, List.of(), List.of(), null)));

        assertEquals(claim, ClaimJson.read(ClaimJson.write(claim)).claim());
    }

    @Test
    void supervisingProviderOfTheWrongShapeNamesItsPath() {
        String json = exampleText().replace("\"placeOfService\": \"11\",",
                "\"supervisingProvider\": \"1003000126\", \"placeOfService\": \"11\",");
        ClaimReadResult result = ClaimJson.read(json);
        assertEquals(List.of(new FieldError("supervisingProvider",
                "expected an object with the provider's npi, found \"1003000126\"")), result.errors());
    }

    @Test
    void aLineDescriptionIsReadAsGivenAndOfTheWrongShapeNamesItsPath() {
        String json = exampleText().replace("\"code\": \"J3420\",",
                "\"code\": \"J3420\", \"description\": \"Cyanocobalamin 1000 mcg IM\",");
        assertEquals("Cyanocobalamin 1000 mcg IM", ClaimJson.read(json).claim().line(3).description());
        assertNull(ClaimJson.read(exampleText()).claim().line(3).description(), "missing: not documented");

        ClaimReadResult wrong = ClaimJson.read(exampleText().replace("\"code\": \"J3420\",",
                "\"code\": \"J3420\", \"description\": [\"B12\"],"));
        assertEquals(List.of(new FieldError("lines[2].description", "expected a string, found an array")),
                wrong.errors());
    }

    @Test
    void writeGivesContractFieldOrderAndLeavesOutNulls() {
        JsonNode json = ClaimJson.toJson(exampleClaim());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(
                List.of("claimId", "payer", "patient", "billingProvider", "renderingProvider", "placeOfService",
                        "diagnoses", "lines", "encounter", "injections", "history"),
                names);
        List<String> lineNames = new ArrayList<>();
        json.get("lines").get(2).fieldNames().forEachRemaining(lineNames::add);
        assertEquals(
                List.of("line", "code", "modifiers", "units", "charge", "serviceDate", "diagnosisPointers", "drug"),
                lineNames);
    }

    /** The written example is a golden file; {@code -Dppl.regenerate=true} rewrites it. */
    @Test
    void writtenExampleMatchesGoldenFile() throws IOException {
        String written = ClaimJson.write(exampleClaim()) + "\n";
        if (Boolean.getBoolean("ppl.regenerate")) {
            Files.createDirectories(WRITTEN_EXAMPLE.getParent());
            Files.writeString(WRITTEN_EXAMPLE, written);
        }
        assertEquals(Files.readString(WRITTEN_EXAMPLE), written);
    }

    @Test
    void writeIsStable() {
        Claim claim = exampleClaim();
        String once = ClaimJson.write(claim);
        assertEquals(once, ClaimJson.write(ClaimJson.read(once).claim()));
        assertTrue(once.startsWith("{\n  \"claimId\": \"EX-0001\",\n  \"payer\": {\n"), once);
    }
}
