package dev.ppl.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputFormatTest {

    static InputFormat detect(String text) {
        return InputFormat.detect(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = InputFormatTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void x12AfterWhitespaceOrByteOrderMark() throws IOException {
        assertEquals(InputFormat.X12, InputFormat.detect(resource("/realworld/x12-837p/demo.837")));
        assertEquals(InputFormat.X12, detect("\uFEFF \r\n ISA*00*"));
        assertEquals(InputFormat.UNKNOWN, detect("GS*HC*"));
    }

    @Test
    void fhirResourcesAndBundles() throws IOException {
        assertEquals(InputFormat.FHIR_JSON, InputFormat.detect(resource("/realworld/fhir/v2_claimMcsRead.json")));
        assertEquals(InputFormat.FHIR_JSON, detect("{\"resourceType\": \"Bundle\", \"entry\": []}"));
        assertEquals(InputFormat.FHIR_JSON, detect("{\"id\": \"x\", \"meta\": {\"claimId\": 1}, \"resourceType\": \"Claim\"}"),
                "resourceType after other keys; nested keys do not count");
    }

    @Test
    void pplClaimJson() throws IOException {
        byte[] example = resource("/contract/claim-example.json");
        assertEquals(InputFormat.PPL_CLAIM_JSON, InputFormat.detect(example));
        assertEquals(InputFormat.PPL_CLAIM_JSON, InputFormat.detect(Arrays.copyOf(example, 40)), "a prefix is enough");
        assertEquals(InputFormat.PPL_CLAIM_JSON, detect("[{\"claimId\": \"A\"}, {\"claimId\": \"B\"}]"));
        assertEquals(InputFormat.PPL_CLAIM_JSON, detect("{\"lines\": []}"));
    }

    @Test
    void ndjsonNeedsSeveralObjectsOnePerLine() {
        assertEquals(InputFormat.NDJSON, detect("{\"claimId\": \"A\"}\n{\"claimId\": \"B\"}\n"));
        assertEquals(InputFormat.FHIR_NDJSON, detect("{\"resourceType\": \"Claim\"}\r\n\r\n{\"resourceType\": \"Claim\"}"));
        assertEquals(InputFormat.PPL_CLAIM_JSON, detect("{\"claimId\": \"A\"}\n"), "one object is plain JSON");
        assertEquals(InputFormat.FHIR_JSON, detect("{\n  \"resourceType\": \"Claim\",\n  \"id\": \"1\"\n}\n"),
                "pretty-printed JSON is not NDJSON");
    }

    @Test
    void keyOrderAndSizeDoNotMatter() throws IOException {
        // a bundle far larger than any prefix a detector might read, with resourceType as its last key
        StringBuilder big = new StringBuilder("{\"entry\": [");
        String eob = new String(resource("/realworld/fhir/ExplanationOfBenefit-Carrier.json"), StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            big.append(i == 0 ? "" : ",").append("{\"resource\": ").append(eob).append('}');
        }
        big.append("], \"claimId\": \"decoy\", \"resourceType\": \"Bundle\"}");
        byte[] bytes = big.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(InputFormat.FHIR_JSON, InputFormat.detect(bytes));
        assertEquals(InputFormat.FHIR_JSON, InputFormat.detect(new java.io.ByteArrayInputStream(bytes)));
        assertEquals(InputFormat.PPL_CLAIM_JSON, detect("{\"lines\": [], \"note\": {\"resourceType\": \"Claim\"}}"),
                "only top-level keys count");
    }

    @Test
    void unknownContent() {
        assertEquals(InputFormat.UNKNOWN, InputFormat.detect((byte[]) null));
        assertEquals(InputFormat.UNKNOWN, detect(""));
        assertEquals(InputFormat.UNKNOWN, detect("   "));
        assertEquals(InputFormat.UNKNOWN, detect("hello"));
        assertEquals(InputFormat.UNKNOWN, detect("{\"foo\": 1}"));
        assertEquals(InputFormat.UNKNOWN, detect("[1, 2]"));
        assertEquals(InputFormat.UNKNOWN, detect("{\"resourceType\": 7}"));
    }
}
