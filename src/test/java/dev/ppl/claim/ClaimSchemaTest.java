package dev.ppl.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The published JSON Schemas ({@code docs/schema/}) accept every example claim and decision,
 * and reject what the contract forbids.
 */
class ClaimSchemaTest {

    static final Path EXAMPLES = Path.of("examples");
    static final Path CLAIM_EXAMPLES = EXAMPLES.resolve("claims");
    static final Path DECISION_EXAMPLE = Path.of("src/test/resources/dev/ppl/claim/decision-example.json");
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    static final Schema CLAIM = schema("claim.schema.json");
    static final Schema DECISION = schema("decision.schema.json");

    /** Every claim under examples/claims, including ones added later ({@code *.decision.json} aside). */
    @TestFactory
    Stream<DynamicTest> everyExampleClaimMatchesTheClaimSchema() throws IOException {
        List<Path> claims;
        try (Stream<Path> files = Files.list(CLAIM_EXAMPLES)) {
            claims = files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().endsWith(".decision.json"))
                    .sorted()
                    .toList();
        }
        assertFalse(claims.isEmpty(), "no claims in " + CLAIM_EXAMPLES);
        return claims.stream()
                .map(p -> DynamicTest.dynamicTest(p.toString(), () -> assertEquals(List.of(), problems(CLAIM, p))));
    }

    /** The hand-written decision, and any {@code *.decision.json} golden file under examples/. */
    @TestFactory
    Stream<DynamicTest> decisionsMatchTheDecisionSchema() throws IOException {
        List<Path> decisions;
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            decisions = Stream.concat(
                            Stream.of(DECISION_EXAMPLE),
                            files.filter(p -> p.toString().endsWith(".decision.json")).sorted())
                    .toList();
        }
        return decisions.stream()
                .map(p -> DynamicTest.dynamicTest(p.toString(), () -> assertEquals(List.of(), problems(DECISION, p))));
    }

    @Test
    void claimSchemaRejectsWhatTheContractForbids() {
        String lines = "[{\"line\": 1, \"code\": \"96372\", \"units\": 1, \"serviceDate\": \"2026-03-02\"}]";
        assertEquals(List.of(), problems(CLAIM, "{\"claimId\": \"A\", \"payer\": {\"id\": \"p\"}, \"lines\": " + lines + "}"));

        assertFalse(problems(CLAIM, "{\"payer\": {\"id\": \"p\"}, \"lines\": " + lines + "}").isEmpty(), "claimId missing");
        assertFalse(problems(CLAIM, "{\"claimId\": \"A\", \"payer\": {\"id\": \"p\"}, \"lines\": []}").isEmpty(), "no lines");
        assertFalse(problems(CLAIM, "{\"claimId\": \"A\", \"payer\": {\"id\": \"p\", \"type\": \"medicar\"}, \"lines\": "
                + lines + "}").isEmpty(), "payer type");
        assertFalse(problems(CLAIM, "{\"claimId\": \"A\", \"payer\": {\"id\": \"p\"}, \"lines\": "
                + lines.replace("\"units\": 1", "\"units\": 0") + "}").isEmpty(), "units 0");
        assertFalse(problems(CLAIM, "{\"claimId\": \"A\", \"payer\": {\"id\": \"p\"}, \"lines\": "
                + lines.replace("2026-03-02", "03/02/2026") + "}").isEmpty(), "date format");
    }

    @Test
    void decisionSchemaRejectsAnUnknownSeverityAndAMissingLine() throws IOException {
        String decision = Files.readString(DECISION_EXAMPLE);
        assertFalse(problems(DECISION, decision.replace("\"severity\": \"deny\"", "\"severity\": \"fatal\"")).isEmpty());
        assertFalse(problems(DECISION, decision.replace("\"line\": 1,", "")).isEmpty());
        assertFalse(problems(DECISION, decision.replace("\"outcome\": \"deny\"", "\"outcome\": \"denied\"")).isEmpty());
    }

    static List<String> problems(Schema schema, Path file) {
        try {
            return problems(schema, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> problems(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    static Schema schema(String name) {
        try {
            return REGISTRY.getSchema(Files.readString(Path.of("docs/schema", name)), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
