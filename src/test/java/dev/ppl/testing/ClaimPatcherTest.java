package dev.ppl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.ast.TestCase;
import org.junit.jupiter.api.Test;

/** A test's {@code with} edits applied to a claim's JSON tree. */
class ClaimPatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode claim() throws Exception {
        return (ObjectNode) JSON.readTree("{\"claimId\":\"C\",\"lines\":[{\"line\":1,\"code\":\"96372\","
                + "\"modifiers\":[\"25\"]}]}");
    }

    @Test
    void anIndexPastIntIsNoElementOfTheArrayNotANumberFormatException() throws Exception {
        // found by the policy fuzz (commit 06ef249): Integer.parseInt threw on 2147483648
        ObjectNode c = claim();
        assertEquals("`lines[2147483648].code`: `lines` has no element 2147483648",
                ClaimPatcher.apply(c, new TestCase.Patch(null, "lines[2147483648].code", "\"J3420\"", null)));
        assertEquals("`modifiers[99999999999999999999]`: `modifiers` has no element 99999999999999999999",
                ClaimPatcher.apply(c, new TestCase.Patch(1, "modifiers[99999999999999999999]", "\"59\"", null)));
        assertEquals(claim(), c, "the claim is left as it was");
    }

    @Test
    void anIndexInsideTheArrayIsSet() throws Exception {
        ObjectNode c = claim();
        assertNull(ClaimPatcher.apply(c, new TestCase.Patch(1, "modifiers[0]", "\"59\"", null)));
        assertEquals("59", c.get("lines").get(0).get("modifiers").get(0).asText());
    }
}
