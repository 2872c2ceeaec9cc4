package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How real CMS Blue Button EOBs (src/test/resources/realworld/fhir, CC0) are mapped: the line charge,
 * modifiers, place of service, institutional claims and the lenient mode for retrospective audit. Each
 * test starts from a real file and changes one thing in code, named in the test, where the real files do
 * not show the case themselves.
 */
class RealDataMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode real(String name) throws IOException {
        return (ObjectNode) JSON.readTree(RealWorldFhirTest.dir("realworld/fhir").resolve(name).toFile());
    }

    static ClaimReadResult read(JsonNode resource, ReadMode mode) {
        byte[] bytes = resource.toString().getBytes(StandardCharsets.UTF_8);
        return new FhirClaimReader(PayerMapping.defaults(), mode).read(new ByteArrayInputStream(bytes), "t").claims().get(0);
    }

    static ClaimReadResult read(JsonNode resource) {
        return read(resource, ReadMode.STRICT);
    }

    /** The DME EOB with its unreadable line 3 and merged-modifier line 2 removed, so the rest reads strictly. */
    static ObjectNode readableDme() throws IOException {
        ObjectNode eob = real("ExplanationOfBenefit-DME.json");
        ((ArrayNode) eob.get("item")).remove(2);
        return eob;
    }

    @Test
    void theChargeIsTheLinesSubmittedChargeNotTheFirstSubmittedAdjudication() throws IOException {
        ObjectNode eob = readableDme();
        // institutional EOBs file the revenue-center rate under `submitted` too, before the total charge
        ObjectNode rate = JSON.createObjectNode();
        ArrayNode coding = rate.putObject("category").putArray("coding");
        coding.addObject().put("system", "http://terminology.hl7.org/CodeSystem/adjudication").put("code", "submitted");
        coding.addObject().put("system", "https://bluebutton.cms.gov/fhir/CodeSystem/Adjudication")
                .put("code", "CLM_LINE_INSTNL_RATE_AMT");
        rate.putObject("amount").put("value", 9.99);
        ((ArrayNode) eob.get("item").get(0).get("adjudication")).insert(0, rate);

        ClaimReadResult r = read(eob);
        assertTrue(r.isOk(), r.errors()::toString);
        assertEquals(0, new BigDecimal("50.11").compareTo(r.claim().line(1).charge()),
                "CLM_LINE_SBMT_CHRG_AMT, not the rate: " + r.claim().line(1).charge());
    }

    @Test
    void modifiersComeOnlyFromCptAndHcpcsSystems() throws IOException {
        ObjectNode eob = readableDme();
        ArrayNode codings = (ArrayNode) eob.get("item").get(1).get("modifier").get(0).get("coding");
        codings.addObject().put("system", "http://unitsofmeasure.org").put("code", "mg");
        ClaimReadResult r = read(eob);
        assertTrue(r.isOk(), r.errors()::toString);
        assertEquals(List.of("A2"), r.claim().line(2).modifiers(), "a UCUM unit is not a modifier");

        ObjectNode procedure = readableDme();
        ((ObjectNode) procedure.get("item").get(1).get("modifier").get(0).get("coding").get(0)).put("code", "J2270");
        ClaimReadResult bad = read(procedure);
        assertEquals(List.of(new FieldError("ExplanationOfBenefit.item[1].modifier[0].coding",
                "`J2270` is a procedure code, not a modifier: a CPT or HCPCS modifier has 2 characters")),
                bad.errors());
    }

    @Test
    void placeOfServiceAlsoFromTheHl7CmsPlaceOfServiceCodeSystem() throws IOException {
        ObjectNode eob = readableDme();
        for (JsonNode item : eob.get("item")) {
            ((ObjectNode) item.get("locationCodeableConcept").get("coding").get(0))
                    .put("system", "http://terminology.hl7.org/CodeSystem/CMSPlaceofServiceCodes").put("code", "11");
        }
        ClaimReadResult r = read(eob);
        assertTrue(r.isOk(), r.errors()::toString);
        assertEquals("11", r.claim().placeOfService());
    }

    @Test
    void institutionalEobsAreReadAndMarkedNotJudgedAsProfessional() throws IOException {
        for (String eobType : List.of("OUTPATIENT", "INPATIENT", "HHA", "HOSPICE", "SNF")) {
            ObjectNode eob = real("ExplanationOfBenefit-Carrier.json");
            for (JsonNode c : eob.get("type").get("coding")) {
                if (c.get("system").asText().endsWith("claim-type")) {
                    ((ObjectNode) c).put("code", "institutional");
                }
                if (c.get("system").asText().endsWith("EOB-TYPE")) {
                    ((ObjectNode) c).put("code", eobType);
                }
            }
            ClaimReadResult r = read(eob);
            assertEquals("NON-UNIQUE-ID-HERE", r.claimId());
            assertFalse(r.isOk(), "not read as a professional claim");
            assertFalse(r.isFailed(), "not malformed either");
            assertTrue(r.notCovered().startsWith("an institutional claim (ExplanationOfBenefit.type `institutional`, "
                    + "BFD EOB type `" + eobType + "`)"), r.notCovered());

            Decision d = PolicyEngine.builder().load(java.nio.file.Path.of("policies")).build().evaluate(r);
            assertEquals("info", d.outcome());
            assertEquals(List.of(), d.policies(), "no professional policy ran");
            Finding f = d.findings().get(0);
            assertEquals("claim-type-not-covered", f.rule());
            assertNull(f.carc(), "not turned back: not judged");
        }
    }

    @Test
    void lenientModeJudgesTheReadableLinesAndReportsTheRestAsNotChecked() throws IOException {
        ObjectNode eob = real("ExplanationOfBenefit-Carrier.json");
        ClaimReadResult strict = read(eob);
        assertTrue(strict.isFailed(), "strict stays the default");

        ClaimReadResult r = read(eob, ReadMode.LENIENT);
        assertTrue(r.isOk(), r.errors()::toString);
        assertEquals(List.of(1, 4), r.claim().lines().stream().map(l -> l.line()).toList());
        assertEquals(List.of(
                new FieldError("line 2, ExplanationOfBenefit.item[1].modifier[0].coding",
                        "one modifier holds codings with different codes [A2, A5]; the codings of one CodeableConcept"
                                + " are the same concept: send each modifier as its own item.modifier"),
                new FieldError("line 3, ExplanationOfBenefit.item[2].productOrService.coding",
                        "no CPT or HCPCS code: the codings are"
                                + " http://terminology.hl7.org/CodeSystem/data-absent-reason#not-applicable"),
                new FieldError("line 3, ExplanationOfBenefit.item[2].quantity",
                        "quantity is missing: the line needs its billed units")), r.notChecked());

        Decision d = PolicyEngine.builder().load(java.nio.file.Path.of("policies")).build().evaluate(r);
        List<Finding> notChecked = d.findings().stream().filter(f -> f.rule().equals("line-not-checked")).toList();
        assertEquals(List.of(2, 3, 3), notChecked.stream().map(Finding::line).toList());
        assertTrue(notChecked.stream().allMatch(f -> f.severity().equals("info") && f.carc() == null));
        assertFalse(d.outcome().equals("clean"), "a claim with lines not checked is never clean");
    }

    @Test
    void lenientModeStillFailsAClaimWithNothingReadable() throws IOException {
        ObjectNode eob = real("ExplanationOfBenefit-Carrier.json");
        ArrayNode items = (ArrayNode) eob.get("item");
        ObjectNode only = (ObjectNode) items.get(2);
        items.removeAll();
        items.add(only);
        ClaimReadResult r = read(eob, ReadMode.LENIENT);
        assertTrue(r.isFailed());
        assertEquals(2, r.errors().size(), r.errors()::toString);
    }
}
