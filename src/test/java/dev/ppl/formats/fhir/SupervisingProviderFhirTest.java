package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Provider;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Claim.careTeam members with the role {@code supervisor} become the claim's and the lines' supervising provider. */
class SupervisingProviderFhirTest {

    private static final String INSURER = "{\"display\": \"Medicare Part B\"}";
    private static final String RENDERING = """
            {"sequence": 1, "provider": {"identifier": {"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}},
             "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claimcareteamrole", "code": "primary"},
                                 {"system": "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole", "code": "rendering"}]}}""";

    private final FhirClaimReader reader = new FhirClaimReader(PayerMapping.defaults());

    FileReadResult read(String json) {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** The test claim of {@link FhirReaderTest} with this careTeam; {@code itemExtra} goes into its first item. */
    static String withCareTeam(String members, String itemExtra) {
        String claim = FhirReaderTest.claim("C-SUP", INSURER, ", \"quantity\": {\"value\": 1}" + itemExtra);
        return claim.replace("\"insurance\": [", "\"careTeam\": [" + members + "],\n \"insurance\": [");
    }

    static String supervisor(int sequence, String npi, String display, String system) {
        String identifier = npi == null ? "{\"value\": \"LIC-778\"}"
                : "{\"system\": \"http://hl7.org/fhir/sid/us-npi\", \"value\": \"" + npi + "\"}";
        return """
                {"sequence": %d, "provider": {"identifier": %s%s},
                 "role": {"coding": [{"system": "%s", "code": "supervisor"}]},
                 "qualification": {"coding": [{"system": "http://nucc.org/provider-taxonomy", "code": "207Q00000X"}]}}"""
                .formatted(sequence, identifier, display == null ? "" : ", \"display\": \"" + display + "\"", system);
    }

    @Test
    void theSupervisorRoleNamesTheClaimsSupervisingProvider() {
        FileReadResult r = read(withCareTeam(RENDERING + ","
                + supervisor(2, "1003000126", "Welby, Marcus", "http://terminology.hl7.org/CodeSystem/claimcareteamrole"),
                ""));
        ClaimReadResult only = r.claims().get(0);
        assertTrue(only.isOk(), () -> only.errors().toString());
        Claim c = only.claim();
        assertEquals(new Provider("1003000126", "207Q00000X", "Welby, Marcus"), c.supervisingProvider());
        assertEquals("1234567893", c.renderingProvider().npi(), "the supervisor does not replace the rendering one");
        assertTrue(c.lines().stream().allMatch(l -> l.supervisingProvider() == null), "lines use the claim's");
    }

    @Test
    void anItemPointingAtAnotherSupervisorHasItsOwn() {
        String members = RENDERING + ","
                + supervisor(2, "1003000126", "Welby, Marcus", "http://terminology.hl7.org/CodeSystem/claimcareteamrole")
                + "," + supervisor(3, "1245319599", null, "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole");
        Claim c = read(withCareTeam(members, ", \"careTeamSequence\": [1, 3]")).claims().get(0).claim();
        assertEquals("1003000126", c.supervisingProvider().npi(), "the first supervisor is the claim's");
        assertEquals(new Provider("1245319599", "207Q00000X", null), c.line(1).supervisingProvider(),
                "a CARIN supervisor role counts too; no display and no resolved resource: no name");
        assertNull(c.line(2).supervisingProvider());

        Claim same = read(withCareTeam(members, ", \"careTeamSequence\": [2]")).claims().get(0).claim();
        assertNull(same.line(1).supervisingProvider(), "the claim's own supervisor is not repeated on the line");
    }

    @Test
    void aSupervisorWithoutAnNpiIsAWarningNotADroppedClaim() {
        FileReadResult r = read(withCareTeam(RENDERING + ","
                + supervisor(2, null, "Welby, Marcus", "http://terminology.hl7.org/CodeSystem/claimcareteamrole"), ""));
        assertTrue(r.claims().get(0).isOk());
        assertNull(r.claims().get(0).claim().supervisingProvider());
        assertEquals(List.of(new FieldError("Claim.careTeam[1].provider", "the supervisor has no NPI (an identifier"
                + " with system http://hl7.org/fhir/sid/us-npi): read without this supervising provider")),
                r.warnings().stream().filter(w -> w.path().contains("careTeam")).toList());
    }

    @Test
    void aResolvedPractitionerGivesTheName() {
        String practitioner = """
                {"resourceType": "Practitioner", "id": "pr1",
                 "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1003000126"}],
                 "name": [{"family": "Welby", "given": ["Marcus", "A"]}]}""";
        String member = """
                {"sequence": 2, "provider": {"reference": "Practitioner/pr1"},
                 "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claimcareteamrole", "code": "supervisor"}]}}""";
        String bundle = FhirReaderTest.bundle(withCareTeam(RENDERING + "," + member, ""), practitioner);
        Claim c = read(bundle).claims().get(0).claim();
        assertEquals(new Provider("1003000126", null, "Welby, Marcus A"), c.supervisingProvider());
    }
}
