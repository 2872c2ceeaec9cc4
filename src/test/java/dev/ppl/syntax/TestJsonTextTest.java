package dev.ppl.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.ast.Decl;
import dev.ppl.ast.PolicyFile;
import dev.ppl.ast.TestCase;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * A test's inline claim and patch values are JSON written in PPL tokens: whatever spacing and
 * comments the grammar allows between the tokens, the JSON text handed to the reader is valid.
 */
class TestJsonTextTest {
    private static final String POLICY = """
            policy p
              version 1.0.0
            test "spacing inside JSON" claim {"claimId": "T-1", "n": - 12, # a comment inside the claim
                "lines": [ ]}
              with lines [0] . code = "96372"
              with line 1 units = - 2
              without encounter . note
              expect outcome clean
            """;

    @Test
    void inlineClaimAndPatchesAreValidJson() throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        PolicyFile file = PolicyParser.parse(new SourceFile("p.ppl", POLICY), diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        TestCase test = ((Decl.Test) file.decls().get(0)).body();
        ObjectMapper json = new ObjectMapper();
        assertEquals(-12, json.readTree(test.inlineClaim()).get("n").asInt());
        assertEquals("lines[0].code", test.patches().get(0).path());
        assertEquals(-2, json.readTree(test.patches().get(1).json()).asInt());
        assertEquals("encounter.note", test.patches().get(2).path());
    }
}
