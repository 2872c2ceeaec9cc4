package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.ServiceLine;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code item.productOrService.text} becomes the line's description; a coding's display does not. */
class LineDescriptionFhirTest {

    private static final String INSURER = "{\"display\": \"Medicare Part B\"}";
    private static final String J3420 =
            "{\"coding\": [{\"system\": \"https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets\", \"code\": \"J3420\"}]}";

    private final FhirClaimReader reader = new FhirClaimReader(PayerMapping.defaults());

    FileReadResult read(String json) {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** The test claim of {@link FhirReaderTest}, its second item's productOrService replaced. */
    static String withDrugConcept(String concept) {
        String claim = FhirReaderTest.claim("C-DESC", INSURER, ", \"quantity\": {\"value\": 1}");
        assertTrue(claim.contains("\"productOrService\": " + J3420));
        return claim.replace("\"productOrService\": " + J3420, "\"productOrService\": " + concept);
    }

    @Test
    void theTextOfProductOrServiceIsTheDescription() {
        ClaimReadResult only = read(withDrugConcept("""
                {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "J3490"}],
                 "text": "Dexmedetomidine 200 mcg/2 mL, 100 mcg IV"}""")).claims().get(0);
        assertTrue(only.isOk(), () -> only.errors().toString());
        Claim c = only.claim();
        assertEquals("J3490", c.line(2).code());
        assertEquals("Dexmedetomidine 200 mcg/2 mL, 100 mcg IV", c.line(2).description());
        assertNull(c.line(1).description(), "96372 has no text");
    }

    @Test
    void aCodingDisplayIsTheCodesTitleNotADescription() {
        Claim c = read(withDrugConcept("""
                {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "J3490",
                             "display": "Unclassified drugs"}]}""")).claims().get(0).claim();
        assertNull(c.line(2).description(), "the HCPCS title would make every J3490 line look described");
    }

    @Test
    void blankTextIsNoDescription() {
        Claim c = read(withDrugConcept("""
                {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "J3490"}],
                 "text": "  "}""")).claims().get(0).claim();
        assertNull(c.line(2).description());
    }

    @Test
    void textThatIsNotAStringIsAnErrorAtItsPath() {
        ClaimReadResult only = read(withDrugConcept("""
                {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "J3490"}],
                 "text": 100}""")).claims().get(0);
        assertTrue(only.isFailed());
        assertEquals(List.of(new FieldError("Claim.item[1].productOrService.text",
                "text is the number 100, expected the line's description (a string), e.g. the drug's name,"
                        + " strength and dose")), only.errors());
    }

    @Test
    void noneOfTheSixRealFilesHasProductOrServiceText() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        int lines = 0;
        for (String name : RealWorldFhirTest.realFiles().toList()) {
            Path file = RealWorldFhirTest.dir("realworld/fhir").resolve(name);
            collectTexts(json.readTree(file.toFile()), texts);
            FileReadResult r = reader.read(new ByteArrayInputStream(Files.readAllBytes(file)), name);
            for (ClaimReadResult result : r.claims()) {
                if (result.claim() != null) {
                    for (ServiceLine l : result.claim().lines()) {
                        lines++;
                        assertNull(l.description(), name + " line " + l.line());
                    }
                }
            }
        }
        assertEquals(List.of(), texts, "no item carries a description");
        assertTrue(lines > 0, "lines were read");
    }

    private static void collectTexts(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode pos = node.path("productOrService");
            if (pos.has("text")) {
                out.add(pos.get("text").asText());
            }
            node.forEach(child -> collectTexts(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collectTexts(child, out));
        }
    }
}
