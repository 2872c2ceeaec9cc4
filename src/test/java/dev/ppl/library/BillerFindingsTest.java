package dev.ppl.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a biller reads on the bundled library's findings, beyond what a policy test can state:
 * one finding per problem, the group that says who pays (GA/GZ/GY), and internal holds without
 * payer codes.
 */
class BillerFindingsTest {
    private static final PolicyEngine ENGINE = PolicyEngine.builder().load(Path.of("policies")).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode claim(String name) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("examples", "claims", name + ".json")));
    }

    private static Decision decide(ObjectNode claim) {
        return ENGINE.evaluate(ClaimJson.read(claim.toString()));
    }

    private static List<Finding> of(Decision d, String rule) {
        return d.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static void modifiers(ObjectNode claim, int line, String... modifiers) {
        ArrayNode list = ((ObjectNode) claim.get("lines").get(line - 1)).putArray("modifiers");
        for (String m : modifiers) {
            list.add(m);
        }
    }

    @Test
    void everyMissingDocumentationElementIsNamedInOneFinding() throws IOException {
        List<Finding> found = of(decide(claim("documentation-incomplete")), "injection-documentation-incomplete");
        assertEquals(1, found.size(), found::toString);
        Finding f = found.get(0);
        assertEquals("the injection billed on line 2 (2026-03-09) does not document the site (e.g. left deltoid),"
                + " the time it was given, how the patient tolerated it and why it was needed"
                + " (internal review, not a payer denial)", f.message());
        assertTrue(f.fix().startsWith("add the site (e.g. left deltoid), the time it was given,"), f.fix());
        assertNull(f.group());
        assertNull(f.carc());
    }

    @Test
    void ninetyNineTwoElevenWithTheInjectionIsOneFinding() throws IOException {
        Decision d = decide(claim("em-99211-with-injection"));
        List<Finding> line1 = d.findings().stream().filter(f -> Integer.valueOf(1).equals(f.line())).toList();
        assertEquals(List.of("ncci-pair-not-payable"), line1.stream().map(Finding::rule).toList(), line1::toString);
        assertTrue(line1.get(0).fix().startsWith("remove line 1: 96372 pays for the nurse visit"), line1.get(0).fix());
    }

    @Test
    void anAbnOnFileShiftsTheLcdDenialToThePatientOnBothLines() throws IOException {
        ObjectNode none = claim("b12-dx-not-covered-jn");
        assertEquals(List.of("1 CO", "2 CO"), groups(decide(none), "b12-diagnosis-not-supported"));

        ObjectNode ga = claim("b12-dx-not-covered-jn");
        modifiers(ga, 1, "GA");
        modifiers(ga, 2, "JZ", "GA");
        assertEquals(List.of("1 PR", "2 PR"), groups(decide(ga), "b12-diagnosis-not-supported"));

        ObjectNode gz = claim("b12-dx-not-covered-jn");
        modifiers(gz, 1, "GZ");
        modifiers(gz, 2, "JZ", "GZ");
        assertEquals(List.of("1 CO", "2 CO"), groups(decide(gz), "b12-diagnosis-not-supported"),
                "GZ says no ABN was signed: the practice stays liable");
    }

    @Test
    void noAbnShiftsAnNcciDenial() throws IOException {
        ObjectNode c = claim("em-without-25");
        modifiers(c, 1, "GA");
        List<Finding> found = of(decide(c), "em-same-day-needs-25");
        assertEquals(1, found.size(), found::toString);
        assertEquals("CO", found.get(0).group());
        assertEquals("236", found.get(0).carc());
    }

    @Test
    void aStatutoryExclusionIsThePatientsWithOrWithoutGy() throws IOException {
        ObjectNode c = claim("vaccine-billed-as-96372");
        ((ObjectNode) c.get("lines").get(1)).put("code", "90750");
        modifiers(c, 2, "GY");
        List<Finding> found = of(decide(c), "part-d-vaccine-billed-to-part-b");
        assertEquals(1, found.size(), found::toString);
        assertEquals("PR", found.get(0).group());
    }

    @Test
    void anAbnOnFileShiftsTheFootB12DenialToThePatientOnBothLines() throws IOException {
        ObjectNode none = claim("b12-foot-tendons");
        assertEquals(List.of("1 CO", "2 CO"), groups(decide(none), "b12-for-foot-not-covered"),
                "the injection of a drug Medicare does not cover shares the denial");

        ObjectNode ga = claim("b12-foot-tendons");
        modifiers(ga, 1, "GA");
        modifiers(ga, 2, "JZ", "GA");
        assertEquals(List.of("1 PR", "2 PR"), groups(decide(ga), "b12-for-foot-not-covered"),
                "NCD 150.6 is a medical-necessity denial: a signed ABN makes the patient liable");

        ObjectNode gz = claim("b12-foot-tendons");
        modifiers(gz, 1, "GZ");
        modifiers(gz, 2, "JZ", "GZ");
        assertEquals(List.of("1 CO", "2 CO"), groups(decide(gz), "b12-for-foot-not-covered"));
    }

    @Test
    void gaBesideGzIsNoValidAbnSoMedicalNecessityDenialsStayWithThePractice() throws IOException {
        // Pub. 100-04 ch. 30 §50: GA says a signed ABN, GZ says none; together they say nothing valid
        ObjectNode lcd = claim("b12-dx-not-covered-jn");
        modifiers(lcd, 1, "GA");
        modifiers(lcd, 2, "JZ", "GA", "GZ");
        Decision d = decide(lcd);
        assertEquals(List.of("1 PR", "2 CO"), groups(d, "b12-diagnosis-not-supported"),
                "line 1 alone carries a valid GA; line 2's GA is contradicted by GZ");
        assertEquals(List.of("2 CO"), groups(d, "liability-modifiers-conflict"));
        Finding conflicted = of(d, "b12-diagnosis-not-supported").stream().filter(f -> f.line() == 2).findFirst().orElseThrow();
        assertTrue(conflicted.message().contains("shows no valid ABN"), conflicted::message);

        ObjectNode foot = claim("b12-foot-tendons");
        modifiers(foot, 1, "GA", "GY");
        modifiers(foot, 2, "JZ", "GA", "GZ");
        assertEquals(List.of("1 CO", "2 CO"), groups(decide(foot), "b12-for-foot-not-covered"),
                "GA beside GY or GZ shifts nothing to the patient");

        ObjectNode nearMiss = claim("b12-foot-tendons");
        modifiers(nearMiss, 2, "JZ", "GA");
        assertEquals(List.of("1 CO", "2 PR"), groups(decide(nearMiss), "b12-for-foot-not-covered"),
                "near miss: GA with JZ (not a liability modifier) is a signed ABN");
    }

    @Test
    void aRhoDDoseInTheOtherMeasureGetsOneUnitsFinding() throws IOException {
        // each Rho(D) code with a dose in the measure its descriptor does not bill in, and units that do not match
        Map<String, String> doses = Map.of("J2788", "{\"value\": 250, \"unit\": \"IU\"}",
                "J2790", "{\"value\": 1500, \"unit\": \"IU\"}",
                "J2791", "{\"value\": 300, \"unit\": \"mcg\"}",
                "J2792", "{\"value\": 300, \"unit\": \"mcg\"}");
        for (Map.Entry<String, String> e : doses.entrySet()) {
            ObjectNode c = claim("../probes/drug-specific/rhogam-1500-iu-billed-as-300-units-medicare");
            ((ObjectNode) c.get("lines").get(1)).put("code", e.getKey()).put("units", 2);
            ((ObjectNode) c.get("injections").get(0).get("drugs").get(0)).set("dose", JSON.readTree(e.getValue()));
            Decision d = decide(c);
            assertEquals(1, of(d, "rho-d-units-match-dose").size(), () -> e.getKey() + ": " + d.findings());
            assertEquals(List.of(), of(d, "drug-units-match-dose"),
                    e.getKey() + ": the Rho(D) rule judges these units; the core must not also call them unchecked");
        }
        ObjectNode ml = claim("../probes/drug-specific/rhogam-1500-iu-billed-as-300-units-medicare");
        ((ObjectNode) ml.get("injections").get(0).get("drugs").get(0)).set("dose",
                JSON.readTree("{\"value\": 1, \"unit\": \"mL\"}"));
        Decision d = decide(ml);
        assertEquals(List.of(), of(d, "rho-d-units-match-dose"), "near miss: mL is in neither measure");
        assertEquals(1, of(d, "drug-units-match-dose").size(), "so the core says it could not check the units");
    }

    @Test
    void incidentToFindingsNameThePractitionersTheClaimNames() throws IOException {
        ObjectNode named = claim("../probes/incident-to/supervisor-named-but-billed-under-ordering-physician");
        List<Finding> found = of(decide(named), "incident-to-billed-under-another-practitioner");
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).message().contains("the claim names WELBY, MARCUS as its supervising provider but"
                + " bills it under SMITH, ANN"), found.get(0).message());
        assertTrue(found.get(0).fix().contains("put NPI 1003000126 as rendering provider"), found.get(0).fix());

        // near miss: a claim without names (most JSON claims) names the practitioners by NPI
        ((ObjectNode) named.get("renderingProvider")).remove("name");
        ((ObjectNode) named.get("supervisingProvider")).remove("name");
        found = of(decide(named), "incident-to-billed-under-another-practitioner");
        assertTrue(found.get(0).message().contains("the claim names 1003000126 as its supervising provider but bills it"
                + " under 1234567893"), found.get(0).message());
    }

    @Test
    void theVaccineFixNamesTheOneCodeForThePayer() throws IOException {
        ObjectNode medicare = claim("vaccine-billed-as-96372");
        List<Finding> found = of(decide(medicare), "vaccine-billed-as-96372");
        assertEquals(1, found.size(), found::toString);
        assertEquals("replace 96372 on line 1 with G0008, the administration code of vaccine 90686", found.get(0).fix());

        ObjectNode medicaid = claim("vaccine-billed-as-96372");
        ((ObjectNode) medicaid.get("payer")).put("id", "medicaid-oh").put("type", "medicaid").put("jurisdiction", "OH");
        found = of(decide(medicaid), "vaccine-billed-as-96372");
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).fix().startsWith("replace 96372 on line 1 with 90471 "), found.get(0).fix());
    }

    /** Every example claim and probe, as a biller would run them. */
    private static List<Decision> everyExampleAndProbe() throws IOException {
        List<Path> claims = new ArrayList<>();
        for (Path root : List.of(Path.of("examples", "claims"), Path.of("examples", "probes"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".decision.json"))
                        .sorted().forEach(claims::add);
            }
        }
        List<Decision> decisions = new ArrayList<>();
        for (Path c : claims) {
            decisions.add(ENGINE.evaluate(ClaimJson.read(Files.readString(c))));
        }
        return decisions;
    }

    @Test
    void codingJargonStaysInCitations() throws IOException {
        // "MAI", "modifier indicator 0", "column 2" mean something to an NCCI analyst, not to a biller
        Pattern jargon = Pattern.compile("\\bMAI\\b|\\bindicator\\b|\\bcolumn ?[12]\\b", Pattern.CASE_INSENSITIVE);
        int read = 0;
        for (Decision d : everyExampleAndProbe()) {
            for (Finding f : d.findings()) {
                read++;
                assertTrue(!jargon.matcher(f.message()).find(), () -> d.claimId() + " " + f.rule() + ": " + f.message());
                assertTrue(f.fix() == null || !jargon.matcher(f.fix()).find(), () -> d.claimId() + " " + f.rule() + ": " + f.fix());
            }
        }
        assertTrue(read > 100, "the examples and probes produce findings to read: " + read);
    }

    @Test
    void everyInternalReviewCarriesNoPayerCodesAndSaysSo() throws IOException {
        int reviews = 0;
        for (Decision d : everyExampleAndProbe()) {
            for (Finding f : d.findings()) {
                if (f.severity().equals("review")) {
                    reviews++;
                    assertNull(f.group(), () -> d.claimId() + " " + f.rule());
                    assertNull(f.carc(), () -> d.claimId() + " " + f.rule());
                    assertTrue(f.rarc().isEmpty(), () -> d.claimId() + " " + f.rule());
                    assertTrue(f.message().endsWith("(internal review, not a payer denial)"), f::message);
                }
            }
        }
        assertTrue(reviews > 5, "the examples and probes hold reviews to check: " + reviews);
    }

    private static List<String> groups(Decision d, String rule) {
        return of(d, rule).stream().map(f -> f.line() + " " + f.group()).sorted().toList();
    }
}
