package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.Provider;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Claim.provider and the careTeam's rendering member carry their names: display, Practitioner, Organization, PractitionerRole. */
class ProviderNamesFhirTest {

    private static final String INSURER = "{\"display\": \"Medicare Part B\"}";
    private static final String NPI_PROVIDER =
            "\"provider\": {\"identifier\": {\"system\": \"http://hl7.org/fhir/sid/us-npi\", \"value\": \"1234567893\"}}";

    private final FhirClaimReader reader = new FhirClaimReader(PayerMapping.defaults());

    private Claim read(String json) {
        FileReadResult r = reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
        ClaimReadResult only = r.claims().get(0);
        assertTrue(only.isOk(), () -> only.errors().toString());
        return only.claim();
    }

    /** The test claim of {@link FhirReaderTest} with this Claim.provider and these contained resources. */
    private static String claim(String provider, String contained) {
        String claim = FhirReaderTest.claim("C-NAMES", INSURER, ", \"quantity\": {\"value\": 1}")
                .replace(NPI_PROVIDER, "\"provider\": " + provider);
        return contained.isEmpty() ? claim : claim.replace("\"use\": \"claim\",", "\"use\": \"claim\", \"contained\": [" + contained + "],");
    }

    private static final String PRACTITIONER = """
            {"resourceType": "Practitioner", "id": "doc",
             "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1003000126"}],
             "name": [{"family": "Welby", "given": ["Marcus", "A"]}]}""";
    private static final String ORGANIZATION = """
            {"resourceType": "Organization", "id": "group",
             "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}],
             "name": "Lakeside Family Medicine"}""";

    @Test
    void anOrganizationBillsUnderItsName() {
        Claim c = read(claim("{\"reference\": \"#group\"}", ORGANIZATION));
        assertEquals(new Provider("1234567893", null, "Lakeside Family Medicine"), c.billingProvider());
    }

    @Test
    void aPractitionerIsNamedFamilyThenGiven() {
        Claim c = read(claim("{\"reference\": \"#doc\"}", PRACTITIONER));
        assertEquals(new Provider("1003000126", null, "Welby, Marcus A"), c.billingProvider());
    }

    @Test
    void theReferencesDisplayWins() {
        Claim c = read(claim("{\"reference\": \"#doc\", \"display\": \"Dr. Marcus Welby\"}", PRACTITIONER));
        assertEquals("Dr. Marcus Welby", c.billingProvider().name());
    }

    @Test
    void aPractitionerRoleGivesItsPractitionersNpiAndName() {
        String role = """
                {"resourceType": "PractitionerRole", "id": "role",
                 "practitioner": {"reference": "#doc"}, "organization": {"reference": "#group"}}""";
        Claim c = read(claim("{\"reference\": \"#role\"}", role + "," + PRACTITIONER + "," + ORGANIZATION));
        assertEquals(new Provider("1003000126", null, "Welby, Marcus A"), c.billingProvider());

        String roleOfOrganization = """
                {"resourceType": "PractitionerRole", "id": "role",
                 "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1245319599"}],
                 "organization": {"reference": "#group"}}""";
        Claim byOrganization = read(claim("{\"reference\": \"#role\"}", roleOfOrganization + "," + ORGANIZATION));
        assertEquals(new Provider("1245319599", null, "Lakeside Family Medicine"), byOrganization.billingProvider(),
                "no practitioner: the organization names the role");
    }

    @Test
    void aRoleWhosePractitionerIsARoleAgainHasNoNameAndNoLoop() {
        String loop = """
                {"resourceType": "PractitionerRole", "id": "role",
                 "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1245319599"}],
                 "practitioner": {"reference": "#role"}}""";
        Claim c = read(claim("{\"reference\": \"#role\"}", loop));
        assertEquals(new Provider("1245319599", null, null), c.billingProvider());
    }

    @Test
    void aProviderKnownOnlyByItsNpiHasNoName() {
        Claim c = read(claim("{\"identifier\": {\"system\": \"http://hl7.org/fhir/sid/us-npi\", \"value\": \"1234567893\"}}", ""));
        assertNull(c.billingProvider().name());
    }

    @Test
    void theRenderingCareTeamMemberCarriesItsName() {
        String careTeam = """
                {"sequence": 1, "provider": {"reference": "#doc"},
                 "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claimcareteamrole", "code": "rendering"}]}}""";
        String json = claim("{\"reference\": \"#group\"}", PRACTITIONER + "," + ORGANIZATION)
                .replace("\"insurance\": [", "\"careTeam\": [" + careTeam + "],\n \"insurance\": [");
        Claim c = read(json);
        assertEquals(new Provider("1003000126", null, "Welby, Marcus A"), c.renderingProvider());
        assertEquals("Lakeside Family Medicine", c.billingProvider().name());
    }
}
