package dev.ppl.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import dev.ppl.formats.fhir.FhirClaimReader;
import dev.ppl.formats.x12.X12ClaimReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streaming claim reader (the fast path of {@link ClaimJson#read(String)}) and the tree reader
 * give equal results, claims and errors alike, on every JSON file of the examples, on claims
 * derived from the real-world X12 and FHIR files, and on the contract example mutated at every
 * place, reordered, with duplicate keys and cut short. And the fast path is taken: every claim
 * the examples and the real-world files give is read without the tree.
 */
class ClaimReadersAgreeTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Equal results from both readers; whether the streaming reader read it alone. */
    static boolean agree(String text, String what) {
        ClaimReadResult tree = ClaimJson.readTree(text);
        assertEquals(tree, ClaimJson.read(text), what);
        Claim streamed = StreamingClaimReader.read(text);
        if (streamed != null) {
            assertEquals(tree.claim(), streamed, what);
        }
        return streamed != null;
    }

    @Test
    void everyExampleJsonFileReadsTheSame() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() > 100, "examples found: " + files.size());
        int claims = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            boolean streamed = agree(text, file.toString());
            if (ClaimJson.readTree(text).isOk()) {
                claims++;
                assertTrue(streamed, file + " is a good claim the streaming reader left to the tree reader");
            }
        }
        assertTrue(claims > 100, "example claims: " + claims);
    }

    @Test
    void claimsFromTheRealWorldFilesReadTheSame() throws IOException {
        X12ClaimReader x12 = new X12ClaimReader(PayerMapping.defaults(), ReadMode.LENIENT);
        FhirClaimReader fhir = new FhirClaimReader(PayerMapping.defaults(), ReadMode.LENIENT);
        int claims = 0;
        for (String dir : List.of("x12-837p", "fhir")) {
            List<Path> files;
            try (Stream<Path> walk = Files.list(Path.of("src/test/resources/realworld", dir))) {
                files = walk.filter(p -> p.toString().endsWith(".837") || p.toString().endsWith(".json")).sorted().toList();
            }
            for (Path file : files) {
                FileReadResult read;
                try (InputStream in = Files.newInputStream(file)) {
                    read = dir.equals("fhir") ? fhir.read(in, file.toString()) : x12.read(in, file.toString());
                }
                for (ClaimReadResult result : read.claims()) {
                    if (result.claim() == null) {
                        continue;
                    }
                    claims++;
                    String pretty = ClaimJson.write(result.claim());
                    assertTrue(agree(pretty, file.toString()), file + ": " + pretty);
                    assertTrue(agree(ClaimJson.toJson(result.claim()).toString(), file + " on one line"));
                    assertEquals(result.claim(), StreamingClaimReader.read(pretty), file.toString());
                }
            }
        }
        assertTrue(claims >= 10, "real-world claims: " + claims);
    }

    /** Every place of the example, deleted or replaced by each of a set of values, one at a time. */
    @Test
    void everyPlaceOfTheExampleMutatedReadsTheSame() {
        ObjectNode example = ClaimJsonErrorsTest.example();
        List<String> values = List.of("null", "\" \"", "\"AB\"", "\"2026-02-30\"", "\"2026-03-02\"", "\"medicare\"",
                "\"ML\"", "0", "-1", "1", "3", "1.5", "2.0", "1e999", "1e999999999999999999", "99999999999", "true",
                "[]", "[1,2,3,4,5]", "[null]", "{}", "{\"unknown\":1}");
        List<JsonPointer> places = ClaimJsonProperties.places(example, JsonPointer.empty(), new ArrayList<>());
        int streamed = 0;
        int cases = 0;
        for (JsonPointer at : places) {
            for (String value : values) {
                String text = ClaimJsonErrorsTest.edit(example.deepCopy(), at.toString(), value).toString();
                streamed += agree(text, at + " = " + value) ? 1 : 0;
                cases++;
            }
            String text = ClaimJsonErrorsTest.edit(example.deepCopy(), at.toString(), ClaimJsonErrorsTest.REMOVE)
                    .toString();
            streamed += agree(text, at + " deleted") ? 1 : 0;
            cases++;
        }
        // both kinds are exercised: mutations the fast path reads, and ones it leaves to the tree
        assertTrue(streamed > 300 && streamed < cases - 1000, streamed + " of " + cases + " read by the fast path");
    }

    @Test
    void fieldsInAnyOrderReadTheSame() {
        ObjectNode example = ClaimJsonErrorsTest.example();
        String reversed = reversed(example).toString();
        assertTrue(agree(reversed, "every object's fields reversed"));
        assertNotNull(StreamingClaimReader.read(reversed));
        // references checked against diagnoses and lines that come after them
        assertTrue(!agree(reversed.replace("\"adminLine\":2", "\"adminLine\":9"), "reversed, a broken reference"));
        assertTrue(!agree(ClaimJsonErrorsTest.edit((ObjectNode) reversed(example), "/lines/2/diagnosisPointers/0", "3").toString(),
                "reversed, a pointer past the diagnoses"));
        assertTrue(!agree(ClaimJsonErrorsTest.edit((ObjectNode) reversed(example), "/lines/2/line", "1").toString(),
                "reversed, a duplicate line number"));
    }

    @Test
    void duplicateKeysTrailingTextAndCutsReadTheSame() {
        String text = ClaimJsonErrorsTest.example().toString();
        for (String field : List.of("claimId", "payer", "id", "lines", "line", "code", "units", "modifiers", "dose",
                "diagnoses", "history", "note", "adminLine", "drugs", "npi")) {
            int at = text.indexOf("\"" + field + "\":");
            assertTrue(at > 0, field);
            String twice = text.substring(0, at) + "\"" + field + "\":null," + text.substring(at);
            assertTrue(!agree(twice, "duplicate " + field), "duplicate " + field);
        }
        agree(text + " {}", "trailing object");
        agree(text + " x", "trailing text");
        agree(text + "\n\n ", "trailing blanks");
        agree("  " + text, "leading blanks");
        for (int cut = 0; cut < text.length(); cut += 13) {
            agree(text.substring(0, cut), "cut at " + cut);
        }
        for (String odd : List.of("", " ", "null", "[]", "\"claim\"", "{}", "{\"claimId\":\"A\"}", "[{}]", "1")) {
            agree(odd, odd);
        }
        assertEquals(ClaimJson.readTree(null), ClaimJson.read((String) null));
    }

    /** The tree with every object's fields in reverse order. */
    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            ObjectNode out = NODES.objectNode();
            for (int i = fields.size() - 1; i >= 0; i--) {
                out.set(fields.get(i).getKey(), reversed(fields.get(i).getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(e -> out.add(reversed(e)));
            return out;
        }
        return node;
    }
}
