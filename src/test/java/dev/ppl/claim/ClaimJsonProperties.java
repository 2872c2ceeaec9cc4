package dev.ppl.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the claim reader, on the contract example with fields deleted or replaced by
 * strings, numbers, nulls, arrays and objects: reading never throws, gives a claim or errors,
 * and a claim it gives survives a write and a read unchanged.
 */
class ClaimJsonProperties {

    static final ObjectNode EXAMPLE = ClaimJsonErrorsTest.example();
    static final List<JsonPointer> PLACES = places(EXAMPLE, JsonPointer.empty(), new ArrayList<>());
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // lines[2].diagnosisPointers[0], payer.id, or "" for the whole claim; "3:14" for malformed JSON
    static final Pattern FIELD_PATH = Pattern.compile("|[A-Za-z]+(\\[\\d+])*(\\.[A-Za-z]+(\\[\\d+])*)*|\\d+:\\d+");

    /** Delete the field or element at {@code at} when {@code replacement} is missing, else replace it. */
    record Mutation(JsonPointer at, JsonNode replacement) {
        @Override
        public String toString() {
            return at + (replacement.isMissingNode() ? " deleted" : " = " + replacement);
        }
    }

    @Property
    void aMutatedClaimReadsToAClaimOrErrorsAndNeverThrows(@ForAll("mutations") List<Mutation> mutations) {
        ObjectNode claim = mutate(mutations);
        String text = claim.toString();

        ClaimReadResult fromText = ClaimJson.read(text);
        ClaimReadResult fromTree = ClaimJson.read(claim);

        for (ClaimReadResult result : List.of(fromText, fromTree)) {
            assertNotEquals(result.claim() == null, result.errors().isEmpty());
            for (FieldError error : result.errors()) {
                assertTrue(FIELD_PATH.matcher(error.path()).matches(), error.path());
                assertFalse(error.message().isBlank(), error.render());
            }
        }
        assertEquals(fromText, ClaimJson.read(text), "reading is deterministic");
        Statistics.label("outcome").collect(fromText.isOk() ? "claim" : "errors");
        if (fromText.isOk()) {
            assertEquals(fromText.claim(), ClaimJson.read(ClaimJson.write(fromText.claim())).claim());
        }
    }

    /**
     * The reader and claim.schema.json agree: what one reads the other accepts, and the reader
     * rejects more only for rules a schema cannot state (references, calendar dates, size).
     */
    @Property
    void theReaderAndTheClaimSchemaAgree(@ForAll("mutationsSchemaValidatorCanTake") List<Mutation> mutations) {
        String text = mutate(mutations).toString();
        ClaimReadResult read = ClaimJson.read(text);
        List<String> schemaProblems = ClaimSchemaTest.problems(ClaimSchemaTest.CLAIM, text);
        if (read.isOk()) {
            assertEquals(List.of(), schemaProblems);
        }
        if (schemaProblems.isEmpty()) {
            for (FieldError error : read.errors()) {
                assertTrue(BEYOND_SCHEMA.matcher(error.message()).find(), error.render());
            }
        }
    }

    static final Pattern BEYOND_SCHEMA =
            Pattern.compile("^points at |^duplicate line number |which is not a calendar date$|which is too large$");

    @Property
    void deletingAnOptionalFieldNeverFailsTheClaim(@ForAll("optionalPlaces") JsonPointer at) {
        ClaimReadResult result = ClaimJson.read(mutate(List.of(new Mutation(at, MissingNode.getInstance()))));
        assertEquals(List.of(), result.errors());
    }

    @Property
    void anyTruncationOfTheExampleGivesErrorsNotExceptions(@ForAll @IntRange(min = 0, max = 2400) int cut) {
        String text = ClaimJsonTest.exampleText();
        ClaimReadResult result = ClaimJson.read(text.substring(0, Math.min(cut, text.length() - 2)));
        assertFalse(result.errors().isEmpty());
        assertTrue(FIELD_PATH.matcher(result.errors().get(0).path()).matches());
    }

    @Property
    void anyStringIsRejectedWithErrorsNotExceptions(@ForAll String text) {
        ClaimReadResult result = ClaimJson.read(text);
        assertFalse(result.errors().isEmpty());
        assertTrue(FIELD_PATH.matcher(result.errors().get(0).path()).matches(), result.errors().get(0).path());
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return mutations(Arbitraries.of(
                NODES.numberNode(1e20),
                NODES.numberNode(new BigDecimal("1E+400")),
                NODES.numberNode(new BigDecimal("99999999999999999999"))));
    }

    /**
     * Without numbers beyond a long: json-schema-validator 3.0.9 throws on them
     * ("cannot convert value 1.0E20 to long") when checking "type": "integer".
     */
    @Provide
    Arbitrary<List<Mutation>> mutationsSchemaValidatorCanTake() {
        return mutations(Arbitraries.just(NODES.numberNode(12)));
    }

    static Arbitrary<List<Mutation>> mutations(Arbitrary<JsonNode> hugeNumbers) {
        Arbitrary<JsonNode> replacement = Arbitraries.oneOf(
                Arbitraries.just(MissingNode.getInstance()),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of("", " ", "two", "medicar", "2026-02-30", "2026-03-02", "JZ", "25", "00517-0031-25", "1")
                        .map(NODES::textNode),
                Arbitraries.strings().ofMaxLength(8).map(NODES::textNode),
                Arbitraries.integers().between(-3, 60).map(NODES::numberNode),
                Arbitraries.of(0.5, 2.0, -0.0).map(NODES::numberNode),
                hugeNumbers,
                Arbitraries.of("[]", "[1]", "[\"x\"]", "[1,2,3,4,5]", "[null]", "{}", "{\"code\":\"X\"}")
                        .map(ClaimJsonProperties::parse),
                // a piece of the example put somewhere else: a line, a date, a whole injection
                Arbitraries.of(PLACES).map(p -> EXAMPLE.at(p).deepCopy()));
        return Combinators.combine(Arbitraries.of(PLACES), replacement)
                .as(Mutation::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonPointer> optionalPlaces() {
        // required fields, and the targets of references: lines and diagnoses
        List<String> required =
                List.of("/claimId", "/payer", "/payer/id", "/lines", "/lines/0", "/lines/1", "/lines/2", "/diagnoses");
        return Arbitraries.of(PLACES.stream()
                .filter(p -> !required.contains(p.toString()))
                .filter(p -> !p.toString().matches("/lines/\\d/(line|code|units|serviceDate)"))
                .filter(p -> !p.toString().matches("/history/\\d/(serviceDate|code|units)"))
                .filter(p -> !p.toString().matches("/diagnoses/\\d"))
                // without a diagnosis pointer the line is fine; the dose value is required within a dose
                .filter(p -> !p.toString().matches("/lines/\\d/diagnosisPointers/0|.*/dose/value"))
                .toList());
    }

    static ObjectNode mutate(List<Mutation> mutations) {
        ObjectNode claim = EXAMPLE.deepCopy();
        for (Mutation m : mutations) {
            // an earlier mutation may have removed or replaced the parent: then this one does nothing
            JsonNode parent = claim.at(m.at().head());
            String step = m.at().last().getMatchingProperty();
            if (parent instanceof ObjectNode object && object.has(step)) {
                if (m.replacement().isMissingNode()) {
                    object.remove(step);
                } else {
                    object.set(step, m.replacement().deepCopy());
                }
            } else if (parent instanceof ArrayNode array
                    && m.at().last().getMatchingIndex() >= 0
                    && m.at().last().getMatchingIndex() < array.size()) {
                int index = m.at().last().getMatchingIndex();
                if (m.replacement().isMissingNode()) {
                    array.remove(index);
                } else {
                    array.set(index, m.replacement().deepCopy());
                }
            }
        }
        return claim;
    }

    static List<JsonPointer> places(JsonNode node, JsonPointer at, List<JsonPointer> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonPointer child = at.appendProperty(field.getKey());
                into.add(child);
                places(field.getValue(), child, into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonPointer child = at.appendIndex(i);
                into.add(child);
                places(node.get(i), child, into);
            }
        }
        return into;
    }

    static JsonNode parse(String json) {
        try {
            return ClaimJsonErrorsTest.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
