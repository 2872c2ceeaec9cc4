package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small self-describing FHIR inputs: bundles, references, NDJSON, charges, NDCs and the errors. */
class FhirReaderTest {

    private final FhirClaimReader reader = new FhirClaimReader(PayerMapping.defaults());

    FileReadResult read(String json) {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** A professional Claim for 96372 + J3420; {@code itemExtra} is spliced into the first item. */
    static String claim(String id, String insurer, String itemExtra) {
        return """
                {"resourceType": "Claim", "id": "%s", "use": "claim",
                 "identifier": [{"value": "%s"}],
                 "patient": {"reference": "Patient/p1"},
                 "provider": {"identifier": {"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}},
                 "insurer": %s,
                 "insurance": [{"sequence": 1, "focal": true, "preAuthRef": ["PA-9"]}],
                 "diagnosis": [
                   {"sequence": 2, "diagnosisCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.50"}]}},
                   {"sequence": 1, "diagnosisCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "D51.0"}]}}],
                 "item": [
                   {"sequence": 1, "productOrService": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "96372"}]},
                    "servicedDate": "2026-03-02", "diagnosisSequence": [1],
                    "locationCodeableConcept": {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", "code": "11"}]},
                    "net": {"value": 40.00, "currency": "USD"} %s},
                   {"sequence": 2, "productOrService": {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "J3420"}]},
                    "modifier": [{"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "JZ"}]}],
                    "quantity": {"value": 1}, "unitPrice": {"value": 7.5}, "factor": 2,
                    "servicedPeriod": {"start": "2026-03-02", "end": "2026-03-04"}, "diagnosisSequence": [1, 2],
                    "locationCodeableConcept": {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", "code": "11"}]},
                    "detail": [{"sequence": 1, "productOrService": {"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0517-0031-25"}]},
                                "quantity": {"value": 1, "system": "http://unitsofmeasure.org", "code": "mL"}}]}]}
                """.formatted(id, id, insurer, itemExtra);
    }

    static final String PATIENT = """
            {"resourceType": "Patient", "id": "p1", "identifier": [{"value": "MBI-1"}],
             "birthDate": "1951-04-09", "gender": "female"}""";
    static final String NOVITAS = """
            {"resourceType": "Organization", "id": "o1", "name": "Novitas Solutions",
             "identifier": [{"value": "12502"}]}""";

    static String bundle(String... resources) {
        StringBuilder b = new StringBuilder("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [");
        for (int i = 0; i < resources.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"fullUrl\": \"urn:uuid:e").append(i).append("\", \"resource\": ")
                    .append(resources[i]).append("}");
        }
        return b.append("]}").toString();
    }

    @Test
    void bundleResolvesPatientAndInsurerAndReadsEveryClaim() {
        String ok = claim("C-1", "{\"reference\": \"Organization/o1\"}", ", \"quantity\": {\"value\": 1}");
        String bad = claim("C-2", "{\"reference\": \"Organization/o1\"}", ", \"quantity\": {\"value\": \"one\"}");
        FileReadResult r = read(bundle(PATIENT, NOVITAS, bad, ok));

        assertEquals(List.of(), r.errors());
        assertEquals(List.of("C-2", "C-1"), r.claims().stream().map(ClaimReadResult::claimId).toList());
        assertEquals(List.of(new FieldError("Bundle.entry[2].resource.item[0].quantity.value",
                "quantity.value is the string \"one\", expected the number of units")), r.claims().get(0).errors());

        Claim c = r.claims().get(1).claim();
        assertEquals(new Patient("MBI-1", LocalDate.of(1951, 4, 9), "F"), c.patient());
        assertEquals(new Payer("medicare", PayerType.MEDICARE, "JL"), c.payer());
        assertEquals("1234567893", c.billingProvider().npi());
        assertEquals("PA-9", c.priorAuthorization());
        assertEquals(List.of(Diagnosis.icd10("D51.0"), Diagnosis.icd10("M54.50")), c.diagnoses(),
                "in sequence order, not array order");
        assertEquals(List.of(1, 2), c.line(2).diagnosisPointers());
        assertEquals("11", c.placeOfService());
        assertEquals(null, c.line(1).placeOfService(), "the same as the claim's");
        assertEquals(0, new BigDecimal("40.00").compareTo(c.line(1).charge()), "net");
        assertEquals(0, new BigDecimal("15.0").compareTo(c.line(2).charge()), "unitPrice x factor x quantity");
        assertEquals(LocalDate.of(2026, 3, 2), c.line(2).serviceDate());
        assertEquals("00517003125", c.line(2).drug().ndc(), "4-4-2 padded to 5-4-2");
        assertEquals("ML", c.line(2).drug().unit(), "UCUM mL as the NDC unit");
        assertEquals(List.of("JZ"), c.line(2).modifiers());
    }

    @Test
    void coverageInTheBundleNamesThePayerWhenThereIsNoInsurer() {
        String coverage = """
                {"resourceType": "Coverage", "id": "cov1", "payor": [{"display": "Acme Health", "identifier": {"value": "ACME01"}}]}""";
        String c = claim("C-3", "null", ", \"quantity\": {\"value\": 1}")
                .replace("\"insurance\": [{\"sequence\": 1,", "\"insurance\": [{\"coverage\": {\"reference\": \"Coverage/cov1\"}, \"sequence\": 1,");
        FileReadResult r = read(bundle(PATIENT, coverage, c));
        assertEquals(new Payer("acme01", null, null), r.claims().get(0).claim().payer());
        assertEquals(List.of(new FieldError("Bundle.entry[2].resource.insurer",
                "payer `Acme Health` (id `ACME01`) is not in the payer mapping: read as payer `acme01` with no type"
                        + " and no jurisdiction; add a row to the payer mapping to set them")), r.warnings());
    }

    @Test
    void ndjsonPathsNameTheLine() {
        String one = claim("N-1", "{\"identifier\": {\"value\": \"CMS\"}}", ", \"quantity\": {\"value\": 1}").replace("\n", " ");
        String two = claim("N-2", "{\"identifier\": {\"value\": \"CMS\"}}", "").replace("\n", " ");
        FileReadResult r = read(one + "\n" + two + "\n");
        assertEquals(2, r.claims().size());
        assertTrue(r.claims().get(0).isOk());
        assertEquals(List.of(new FieldError("[line 2] Claim.item[0].quantity",
                "quantity is missing: the line needs its billed units")), r.claims().get(1).errors());
    }

    @Test
    void pointersAndSequencesThatDoNotResolve() {
        String c = claim("C-4", "{\"identifier\": {\"value\": \"CMS\"}}", ", \"quantity\": {\"value\": 1}, \"careTeamSequence\": [7]")
                .replace("\"diagnosisSequence\": [1],", "\"diagnosisSequence\": [9],");
        ClaimReadResult r = read(c).claims().get(0);
        assertEquals(List.of(
                new FieldError("Claim.item[0].diagnosisSequence[0]",
                        "points at diagnosis sequence 9 but the claim has sequences [1, 2]"),
                new FieldError("Claim.item[0].careTeamSequence[0]",
                        "points at careTeam sequence 7, which the claim does not have")), r.errors());
    }

    @Test
    void badShapesAreFieldErrors() {
        String c = claim("C-5", "{\"identifier\": {\"value\": \"CMS\"}}", ", \"quantity\": {\"value\": 0}")
                .replace("\"servicedDate\": \"2026-03-02\"", "\"servicedDate\": \"2026-03\"")
                .replace("\"code\": \"D51.0\"", "\"code\": \"D51.0\", \"system\": \"x\"")
                .replace("\"use\": \"claim\"", "\"use\": \"preauthorization\"");
        ClaimReadResult r = read(c).claims().get(0);
        assertEquals(List.of(
                new FieldError("Claim.use", "use `preauthorization` is a request before care, not a claim for services"
                        + " given"),
                new FieldError("Claim.diagnosis[1].diagnosisCodeableConcept", "no ICD-10-CM or ICD-9-CM coding (systems"
                        + " http://hl7.org/fhir/sid/icd-10-cm or http://hl7.org/fhir/sid/icd-9-cm); found x"),
                new FieldError("Claim.item[0].quantity.value", "quantity.value is 0; units must be more than 0"),
                new FieldError("Claim.item[0].servicedDate", "date is the string \"2026-03\", expected a full date"
                        + " YYYY-MM-DD")), r.errors());
    }

    @Test
    void inputThatIsNotAClaim() {
        assertEquals(List.of(new FieldError("Patient", "a Patient resource is not a Claim, ExplanationOfBenefit or Bundle:"
                + " nothing to read")), read(PATIENT).errors());
        assertEquals(List.of(new FieldError("Bundle.entry", "the bundle holds no Claim or ExplanationOfBenefit resource")),
                read(bundle(PATIENT)).errors());
        assertEquals(List.of(new FieldError("", "not a FHIR resource: the object has no resourceType")),
                read("{\"claimId\": \"X\"}").errors());
        FileReadResult broken = read("{\"resourceType\": \"Claim\", \"item\": [}");
        assertEquals(1, broken.errors().size());
        assertEquals("byte 35", broken.errors().get(0).path());
        assertTrue(broken.errors().get(0).message().startsWith("not valid JSON (line 1, column 36): "),
                broken.errors().get(0)::toString);
        assertEquals(List.of(new FieldError("", "the input is empty: expected a FHIR resource")), read("  ").errors());
    }

    @Test
    void ndcForms() {
        assertEquals("00409189001", ClaimMapper.normalizeNdc("0409-1890-01"));
        assertEquals("12345067890", ClaimMapper.normalizeNdc("12345-678-90"));
        assertEquals("12345678901", ClaimMapper.normalizeNdc("12345-6789-1"));
        assertEquals("12345678901", ClaimMapper.normalizeNdc("12345-6789-01"));
        assertEquals("000000000", ClaimMapper.normalizeNdc("000000000"), "kept for policies to judge");
        assertEquals("12-34-56", ClaimMapper.normalizeNdc("12-34-56"));
    }
}
