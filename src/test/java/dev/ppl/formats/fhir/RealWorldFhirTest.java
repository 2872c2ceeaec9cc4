package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.Drug;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every FHIR file from CMSgov/beneficiary-fhir-data (src/test/resources/realworld/fhir): each Claim or
 * ExplanationOfBenefit becomes exactly one result; values are checked against the JSON they came from by
 * walking the JSON directly in the test; the shapes PPL rejects get exact FHIR-path errors.
 */
class RealWorldFhirTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> READ_AS_IS = Set.of("v2_eobReadCarrier.json",
            "v2_eobReadCarrierWithMultipleLines.json");
    private final FhirClaimReader reader = new FhirClaimReader(PayerMapping.defaults());

    static Path dir(String name) {
        try {
            return Path.of(RealWorldFhirTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> realFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir("realworld/fhir"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    static Stream<String> checkableFiles() throws IOException {
        List<String> out = new ArrayList<>();
        READ_AS_IS.stream().sorted().forEach(n -> out.add("realworld/fhir/" + n));
        try (Stream<Path> files = Files.list(dir("fhir/variants"))) {
            files.map(p -> "fhir/variants/" + p.getFileName()).filter(n -> n.endsWith(".json")).sorted()
                    .forEach(out::add);
        }
        return out.stream();
    }

    FileReadResult read(Path file) throws IOException {
        return reader.read(new ByteArrayInputStream(Files.readAllBytes(file)), file.getFileName().toString());
    }

    @Test
    void allSixFilesAndTheVariantsAreCovered() throws IOException {
        assertEquals(6, realFiles().count());
        assertEquals(6, checkableFiles().count());
    }

    @ParameterizedTest
    @MethodSource("realFiles")
    void oneResultPerClaimResource(String name) throws IOException {
        Path file = dir("realworld/fhir").resolve(name);
        JsonNode root = JSON.readTree(file.toFile());
        long resources = Set.of("Claim", "ExplanationOfBenefit").contains(root.path("resourceType").asText()) ? 1 : 0;
        FileReadResult r = read(file);
        assertEquals(resources, r.claims().size());
        assertEquals(List.of(), r.errors());
        assertEquals(expectedClaimId(root), r.claims().get(0).claimId());
    }

    @ParameterizedTest
    @MethodSource("checkableFiles")
    void valuesMatchTheJson(String name) throws IOException {
        Path file = dir(name.substring(0, name.lastIndexOf('/'))).resolve(name.substring(name.lastIndexOf('/') + 1));
        JsonNode root = JSON.readTree(file.toFile());
        ClaimReadResult r = read(file).claims().get(0);
        assertTrue(r.isOk(), r.errors()::toString);
        assertMatches(root, r.claim());
    }

    @Test
    void idrCarrierClaimRejectsTheLineWithoutAProcedureAndTheMergedModifiers() throws IOException {
        ClaimReadResult r = read(dir("realworld/fhir").resolve("ExplanationOfBenefit-Carrier.json")).claims().get(0);
        assertEquals("NON-UNIQUE-ID-HERE", r.claimId());
        assertEquals(List.of(
                new FieldError("ExplanationOfBenefit.item[1].modifier[0].coding",
                        "one modifier holds codings with different codes [A2, A5]; the codings of one CodeableConcept"
                                + " are the same concept: send each modifier as its own item.modifier"),
                new FieldError("ExplanationOfBenefit.item[2].productOrService.coding",
                        "no CPT or HCPCS code: the codings are"
                                + " http://terminology.hl7.org/CodeSystem/data-absent-reason#not-applicable"),
                new FieldError("ExplanationOfBenefit.item[2].quantity",
                        "quantity is missing: the line needs its billed units")), r.errors());
    }

    /** The claim of a real file read as an audit reads it: the lines in error left out, the providers kept. */
    private static Claim lenientClaim(String name) throws IOException {
        Path file = dir("realworld/fhir").resolve(name);
        return new FhirClaimReader(PayerMapping.defaults(), ReadMode.LENIENT)
                .read(new ByteArrayInputStream(Files.readAllBytes(file)), name).claims().get(0).claim();
    }

    @Test
    void providerNamesFromTheRealFiles() throws IOException {
        Claim carrier = lenientClaim("ExplanationOfBenefit-Carrier.json");
        assertEquals(new Provider("1942945159", null, "Stark, Tony"), carrier.billingProvider(),
                "provider #1942945159: the contained Practitioner's family, given");
        assertEquals("Stark, Tony", carrier.renderingProvider().name(), "careTeam 1's display");
        assertEquals("CBS Health Corporation", lenientClaim("ExplanationOfBenefit-DME.json").billingProvider().name(),
                "a contained Organization's name");
        assertEquals("Stark, Tony", lenientClaim("ExplanationOfBenefit-MCS.json").billingProvider().name());
    }

    @Test
    void idrDmeAndMcsClaims() throws IOException {
        ClaimReadResult dme = read(dir("realworld/fhir").resolve("ExplanationOfBenefit-DME.json")).claims().get(0);
        assertEquals(List.of("ExplanationOfBenefit.item[2].productOrService.coding",
                "ExplanationOfBenefit.item[2].quantity"), dme.errors().stream().map(FieldError::path).toList());
        ClaimReadResult mcs = read(dir("realworld/fhir").resolve("ExplanationOfBenefit-MCS.json")).claims().get(0);
        assertEquals(3, mcs.errors().size());
    }

    @Test
    void partiallyAdjudicatedMcsClaimNamesEveryMissingPiece() throws IOException {
        ClaimReadResult r = read(dir("realworld/fhir").resolve("v2_claimMcsRead.json")).claims().get(0);
        assertEquals("654321", r.claimId());
        assertEquals(List.of(
                new FieldError("Claim.insurer",
                        "no payer: neither insurer nor insurance[].coverage (Coverage.payor) names one in this input"),
                new FieldError("Claim.item[0].quantity", "quantity is missing: the line needs its billed units"),
                new FieldError("Claim.item[0].servicedPeriod.start",
                        "servicedPeriod has no start; the first day is the line's date of service")), r.errors());
    }

    @Test
    void idrCarrierVariantCarriesTheJ2270NdcTheContractorJurisdictionAndCareTeam() throws IOException {
        Claim c = read(dir("fhir/variants").resolve("ExplanationOfBenefit-Carrier.variant.json")).claims().get(0).claim();
        // insurer "Centers for Medicare & Medicaid Services" maps to medicare; CLM_CNTRCTR_NUM 10312 adds JJ
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JJ"), c.payer());
        ServiceLine j2270 = c.lines().stream().filter(l -> l.code().equals("J2270")).findFirst().orElseThrow();
        assertEquals(new Drug("00409189001", 1000.0, "GR", null), j2270.drug());
        assertEquals(new Provider("1942945159", null, "Stark, Tony"), c.billingProvider());
        assertEquals(new Provider("1942945159", null, "Stark, Tony"), c.renderingProvider(),
                "careTeam 1, the first rendering");
        assertEquals(new Provider("1952378861", "207R00000X", "Rogers, Gromit"), j2270.renderingProvider(),
                "careTeam 2 on the line");
        assertNull(c.supervisingProvider(), "the careTeam has rendering members only, no supervisor");
        assertTrue(c.lines().stream().allMatch(l -> l.supervisingProvider() == null));
        assertEquals(List.of("A2", "A5"), c.line(2).modifiers());
        assertEquals("07", c.placeOfService());
        assertEquals(LocalDate.of(2025, 1, 1), c.line(1).serviceDate(), "servicedPeriod.start");
        assertEquals(List.of(2), c.line(1).diagnosisPointers());
        assertEquals(0, new BigDecimal("50.11").compareTo(c.line(1).charge()), "the submitted amount");
        assertNull(c.line(2).charge(), "no submitted amount on the line");
        assertEquals("12345", c.patient().id(), "Patient/12345 is not in the file: its id only");
    }

    @Test
    void mcsClaimVariantCarriesIcd9AndTheDetailNdc() throws IOException {
        Claim c = read(dir("fhir/variants").resolve("v2_claimMcsRead.variant.json")).claims().get(0).claim();
        assertEquals(List.of(new Diagnosis("HF3IJIF", Diagnosis.CodeSystem.ICD10CM),
                new Diagnosis("HF3IJIG", Diagnosis.CodeSystem.ICD9CM)), c.diagnoses());
        assertEquals("FDSAE", c.line(1).code(), "carried as billed; policies judge it");
        assertEquals(List.of("A"), c.line(1).modifiers());
        assertEquals(new Drug("00777310502", 1.5, null, null), c.line(1).drug());
        assertEquals("123456MBI", c.patient().id());
        assertEquals("M", c.patient().sex());
        assertEquals(new Provider("9876789102", null), c.billingProvider());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, null), c.payer());
    }

    private static String expectedClaimId(JsonNode root) {
        for (JsonNode id : root.path("identifier")) {
            for (JsonNode c : id.path("type").path("coding")) {
                if (c.path("code").asText().equals("uc")) {
                    return id.path("value").asText();
                }
            }
        }
        return root.path("identifier").path(0).path("value").asText(root.path("id").asText());
    }

    /** The claim against the JSON, walked directly. */
    static void assertMatches(JsonNode root, Claim c) {
        assertEquals(expectedClaimId(root), c.claimId());
        TreeMap<Integer, JsonNode> bySequence = new TreeMap<>();
        root.path("diagnosis").forEach(d -> bySequence.put(d.path("sequence").asInt(), d));
        List<Integer> sequences = new ArrayList<>(bySequence.keySet());
        List<String> codes = new ArrayList<>();
        for (JsonNode d : bySequence.values()) {
            codes.add(d.path("diagnosisCodeableConcept").path("coding").path(0).path("code").asText());
        }
        assertEquals(codes, c.diagnoses().stream().map(Diagnosis::code).toList());

        JsonNode items = root.path("item");
        assertEquals(items.size(), c.lines().size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ServiceLine line = c.lines().get(i);
            assertEquals(item.path("sequence").asInt(), line.line());
            assertEquals(item.path("productOrService").path("coding").path(0).path("code").asText(), line.code());
            List<String> modifiers = new ArrayList<>();
            item.path("modifier").forEach(m -> modifiers.add(m.path("coding").path(0).path("code").asText()));
            assertEquals(modifiers, line.modifiers());
            // none of the six files has productOrService.text; a coding's display (the NDC extension's
            // "Fake Diluent - WATER", data-absent-reason's "Not Applicable") is not a description
            assertEquals(item.path("productOrService").path("text").asText(null), line.description());
            assertEquals(item.path("quantity").path("value").asDouble(), line.units());
            String date = item.has("servicedDate") ? item.path("servicedDate").asText()
                    : item.path("servicedPeriod").path("start").asText();
            assertEquals(LocalDate.parse(date), line.serviceDate());
            List<Integer> pointers = new ArrayList<>();
            item.path("diagnosisSequence").forEach(s -> pointers.add(sequences.indexOf(s.asInt()) + 1));
            assertEquals(pointers, line.diagnosisPointers());
            BigDecimal submitted = null;
            for (JsonNode a : item.path("adjudication")) {
                for (JsonNode cat : a.path("category").path("coding")) {
                    if (cat.path("code").asText().equals("submitted")) {
                        submitted = a.path("amount").path("value").decimalValue();
                    }
                }
            }
            if (submitted == null) {
                assertNull(line.charge());
            } else {
                assertEquals(0, submitted.compareTo(line.charge()));
            }
            String ndc = item.path("detail").path(0).path("productOrService").path("coding").path(0).path("code")
                    .asText(null);
            if (ndc == null) {
                ndc = item.path("productOrService").path("extension").path(0).path("valueCoding").path("code")
                        .asText(null);
            }
            assertEquals(ndc, line.drug() == null ? null : line.drug().ndc());
        }
    }
}
