package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.claim.ClaimJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Decision text is streamed ({@code ppl eval}'s NDJSON line, pretty and compact); it must be byte for byte the decision tree's text. */
class DecisionJsonLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static String viaTree(Decision d, String file, long record) throws IOException {
        ObjectNode json = DecisionJson.toJson(d);
        json.putObject("input").put("file", file).put("record", record);
        return JSON.writeValueAsString(json);
    }

    @Test
    void everyExampleClaimsDecisionLineIsTheTreesText() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().loadBundled().build();
        List<Path> claims;
        try (Stream<Path> files = Files.walk(Path.of("examples/claims"))) {
            claims = files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".decision.json")).sorted().toList();
        }
        assertTrue(claims.size() > 20, "the example claims are there");
        int findings = 0;
        for (Path p : claims) {
            Decision d = engine.evaluate(ClaimJson.read(Files.readString(p)));
            findings += d.findings().size();
            assertEquals(viaTree(d, p.toString(), 7), DecisionJson.compactLine(d, p.toString(), 7), p.toString());
            assertBytesAreTheLineEncoded(d, p.toString(), 7);
            assertEquals(JSON.writeValueAsString(DecisionJson.toJson(d)), DecisionJson.compact(d), p.toString());
            assertEquals(PRETTY.writeValueAsString(DecisionJson.toJson(d)), DecisionJson.pretty(d), p.toString());
        }
        assertTrue(findings > 0, "some example claims have findings");
    }

    /** {@code ppl eval}'s bytes for a line are its text and a line end encoded as UTF-8, as a writer encodes them. */
    private static void assertBytesAreTheLineEncoded(Decision d, String file, long record) {
        String expected = DecisionJson.compactLine(d, file, record) + "\n";
        byte[] bytes = DecisionJson.compactLineBytes(d, file, record);
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), bytes, expected);
    }

    @Test
    void loneSurrogatesAreWrittenAsTheEncoderWritesThemAndPairsAsFourBytes() {
        for (String odd : List.of("a\uD800b", "end\uD800", "\uDC00start", "x\uDE00\uD83Dy", "ok\uD83D\uDE00", "\uD83D\uDE00\uD800")) {
            Finding f = new Finding("r", "p", "deny", 1, "CO", "16", List.of(odd), "m " + odd, odd, null, null);
            Decision d = new Decision(odd, "deny", List.of(), List.of(f));
            assertBytesAreTheLineEncoded(d, odd, 3);
            Decision onlyRarc = new Decision("c", "deny", List.of(),
                    List.of(new Finding("r", "p", "deny", null, null, null, List.of(odd), "m", null, null, null)));
            assertBytesAreTheLineEncoded(onlyRarc, "f", 3);
        }
        // after a line that fell back to text, the next line is written to bytes as before
        Decision plain = new Decision("c\u00e9", "approve", List.of(), List.of());
        assertBytesAreTheLineEncoded(plain, "f", 4);
    }

    @Test
    void nullsQuotesAndOtherScriptsAreWrittenAsTheTreeWritesThem() throws IOException {
        Finding odd = new Finding("r\"1", "p\\x", "deny", null, null, "16", List.of("N\u00e9", "M20"), "line 1:\n\t\u2028 \u00fc \uD83D\uDE00",
                null, null, "policies/a b.ppl");
        Finding plain = new Finding("r2", "p", "warn", 3, "CO", null, List.of(), "m", "f", "c", null);
        List<Finding> findings = new ArrayList<>(List.of(odd, plain));
        Decision d = new Decision("c\u0001\"id", "deny", List.of(new Decision.PolicyRef("p", "1.0.0", "sha256:ab")), findings);
        assertEquals(viaTree(d, null, Long.MAX_VALUE), DecisionJson.compactLine(d, null, Long.MAX_VALUE));
        assertEquals(viaTree(d, "-", 1), DecisionJson.compactLine(d, "-", 1));
        assertBytesAreTheLineEncoded(d, null, Long.MAX_VALUE);
        assertBytesAreTheLineEncoded(d, "caf\u00e9/\uD83D\uDE00.ndjson", 1);
        assertEquals(PRETTY.writeValueAsString(DecisionJson.toJson(d)), DecisionJson.pretty(d));
        Decision empty = new Decision("c", "approve", List.of(), List.of());
        assertEquals(PRETTY.writeValueAsString(DecisionJson.toJson(empty)), DecisionJson.pretty(empty));
        assertEquals(JSON.writeValueAsString(DecisionJson.toJson(empty)), DecisionJson.compact(empty));
    }
}
