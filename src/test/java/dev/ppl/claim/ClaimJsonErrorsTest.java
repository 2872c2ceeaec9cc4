package dev.ppl.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad claims: each case edits the contract example at one JSON pointer (a new value, or
 * {@code REMOVE}) and names the exact error the reader must give.
 */
class ClaimJsonErrorsTest {

    static final String REMOVE = "<remove>";
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> oneBadField() {
        return Stream.of(
                // required fields
                bad("/claimId", REMOVE, "claimId: missing, expected a string"),
                bad("/claimId", "null", "claimId: expected a non-empty string, found null"),
                bad("/claimId", "\"  \"", "claimId: expected a non-empty string, found \"  \""),
                bad("/payer", REMOVE, "payer: missing, expected an object with the payer's id"),
                bad("/payer", "\"medicare\"", "payer: expected an object with the payer's id, found \"medicare\""),
                bad("/payer/id", REMOVE, "payer.id: missing, expected a string"),
                bad("/lines", REMOVE, "lines: missing, expected an array of 1 to 50 service lines"),
                bad("/lines", "{}", "lines: expected an array of service lines, found an object"),
                bad("/lines", "[]", "lines: expected 1 to 50 service lines, found none"),
                bad("/lines/1", "2", "lines[1]: expected a service line object, found 2"),
                bad("/lines/0/line", REMOVE, "lines[0].line: missing, expected a line number"),
                bad("/lines/0/line", "0", "lines[0].line: expected a whole number greater than 0, found 0"),
                bad("/lines/0/line", "1.5", "lines[0].line: expected a whole number greater than 0, found 1.5"),
                bad("/lines/0/line", "\"1\"", "lines[0].line: expected a whole number greater than 0, found \"1\""),
                bad("/lines/0/line", "99999999999",
                        "lines[0].line: expected a whole number greater than 0, found 99999999999, which is too large"),
                bad("/lines/0/line", "2", "lines[1].line: duplicate line number 2 (also lines[0])"),
                bad("/lines/0/code", REMOVE, "lines[0].code: missing, expected a CPT or HCPCS code"),
                bad("/lines/0/code", "96372", "lines[0].code: expected a non-empty string, found 96372"),
                bad("/lines/0/units", REMOVE, "lines[0].units: missing, expected a number greater than 0"),
                bad("/lines/0/units", "\"two\"", "lines[0].units: expected a number greater than 0, found \"two\""),
                bad("/lines/0/units", "0", "lines[0].units: expected a number greater than 0, found 0"),
                bad("/lines/0/units", "-1.5", "lines[0].units: expected a number greater than 0, found -1.5"),
                bad("/lines/0/serviceDate", REMOVE, "lines[0].serviceDate: missing, expected a date as yyyy-MM-dd"),
                bad("/lines/0/serviceDate", "\"03/02/2026\"",
                        "lines[0].serviceDate: expected a date as yyyy-MM-dd, found \"03/02/2026\""),
                bad("/lines/0/serviceDate", "\"2026-02-30\"",
                        "lines[0].serviceDate: expected a date as yyyy-MM-dd, found \"2026-02-30\", which is not a calendar date"),
                // shapes of optional fields
                bad("/lines/0/charge", "\"110.00\"", "lines[0].charge: expected a number, found \"110.00\""),
                bad("/lines/0/modifiers", "\"25\"", "lines[0].modifiers: expected an array of modifiers, found \"25\""),
                bad("/lines/0/modifiers", "[\"25\", \"59\", \"XU\", \"76\", \"GA\"]",
                        "lines[0].modifiers: expected at most 4 modifiers, found 5"),
                bad("/lines/0/modifiers/0", "\"2\"", "lines[0].modifiers[0]: expected a two-character modifier, found \"2\""),
                bad("/lines/0/modifiers/0", "25", "lines[0].modifiers[0]: expected a two-character modifier, found 25"),
                bad("/lines/0/diagnosisPointers", "[]", "lines[0].diagnosisPointers: expected 1 to 4 diagnosis pointers, found none"),
                bad("/lines/0/diagnosisPointers", "[1, 2, 1, 2, 1]",
                        "lines[0].diagnosisPointers: expected 1 to 4 diagnosis pointers, found 5"),
                bad("/lines/2/diagnosisPointers/0", "5",
                        "lines[2].diagnosisPointers[0]: points at diagnosis 5 but the claim has 2"),
                bad("/lines/0/diagnosisPointers/0", "0",
                        "lines[0].diagnosisPointers[0]: points at diagnosis 0 but diagnoses are numbered from 1"),
                bad("/lines/0/diagnosisPointers/0", "\"2\"",
                        "lines[0].diagnosisPointers[0]: expected a whole number pointing into diagnoses, found \"2\""),
                bad("/lines/2/drug", "\"00517003125\"",
                        "lines[2].drug: expected an object with ndc, quantity and unit, found \"00517003125\""),
                bad("/lines/2/drug/ndc", "517003125", "lines[2].drug.ndc: expected a string, found 517003125"),
                bad("/lines/2/drug/quantity", "\"1\"", "lines[2].drug.quantity: expected a number, found \"1\""),
                bad("/lines/2/drug/unit", "\"mL\"", "lines[2].drug.unit: expected one of F2, GR, ME, ML, UN, found \"mL\""),
                bad("/lines/2/drug/container", "\"vial\"",
                        "lines[2].drug.container: expected one of single-dose, multi-dose, found \"vial\""),
                bad("/payer/type", "\"medicar\"", "payer.type: expected one of medicare, medicaid, commercial, found \"medicar\""),
                bad("/patient", "\"PT-1001\"", "patient: expected an object, found \"PT-1001\""),
                bad("/patient/sex", "\"female\"", "patient.sex: expected one of F, M, U, found \"female\""),
                bad("/patient/birthDate", "\"1951-4-9\"", "patient.birthDate: expected a date as yyyy-MM-dd, found \"1951-4-9\""),
                bad("/billingProvider/npi", "1234567893", "billingProvider.npi: expected a string, found 1234567893"),
                bad("/placeOfService", "11", "placeOfService: expected a string, found 11"),
                bad("/diagnoses", "\"D51.0\"", "diagnoses: expected an array of diagnoses, found \"D51.0\""),
                bad("/diagnoses/1", "[\"M54.50\"]",
                        "diagnoses[1]: expected an ICD-10-CM code or an object {code, system}, found an array"),
                bad("/diagnoses/1", "{\"system\": \"ICD-9-CM\"}", "diagnoses[1].code: missing, expected a string"),
                bad("/diagnoses/1", "{\"code\": \"724.2\", \"system\": \"ICD-11\"}",
                        "diagnoses[1].system: expected one of ICD-10-CM, ICD-9-CM, found \"ICD-11\""),
                bad("/encounter/purpose", "\"eval\"",
                        "encounter.purpose: expected one of injection-only, evaluation, found \"eval\""),
                bad("/injections", "{}", "injections: expected an array of injections, found an object"),
                bad("/injections/0/adminLine", "7", "injections[0].adminLine: points at line 7 but the claim has lines 1, 2, 3"),
                bad("/injections/0/adminLine", "\"2\"", "injections[0].adminLine: expected a line number, found \"2\""),
                bad("/injections/0/site", "false", "injections[0].site: expected a string, found false"),
                bad("/injections/0/drugs/0/line", "4",
                        "injections[0].drugs[0].line: points at line 4 but the claim has lines 1, 2, 3"),
                bad("/injections/0/drugs/0/dose/value", "\"1000\"",
                        "injections[0].drugs[0].dose.value: expected a number greater than 0, found \"1000\""),
                bad("/injections/0/drugs/0/dose/value", REMOVE,
                        "injections[0].drugs[0].dose.value: missing, expected a number greater than 0"),
                bad("/injections/0/drugs/0/dose/value", "0",
                        "injections[0].drugs[0].dose.value: expected a number greater than 0, found 0"),
                bad("/injections/0/drugs/0/dose/value", "-1000",
                        "injections[0].drugs[0].dose.value: expected a number greater than 0, found -1000"),
                bad("/history/0/units", REMOVE, "history[0].units: missing, expected a number greater than 0"),
                bad("/history/0/serviceDate", "\"yesterday\"",
                        "history[0].serviceDate: expected a date as yyyy-MM-dd, found \"yesterday\""),
                bad("/history/1/diagnoses/0", "51", "history[1].diagnoses[0]: expected a string, found 51"),
                // long values are shortened in messages
                bad("/payer/type", "\"" + "x".repeat(60) + "\"",
                        "payer.type: expected one of medicare, medicaid, commercial, found \"" + "x".repeat(37) + "...\""));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("oneBadField")
    void oneBadFieldGivesOneErrorWithItsPath(String pointer, String value, String expected) {
        assertEquals(List.of(expected), errorsAfter(edit(pointer, value)));
    }

    static Stream<Arguments> acceptedAsGiven() {
        return Stream.of(
                // values policies judge are kept, not rejected
                bad("/lines/2/drug/ndc", "\"00517-0031-25\"", "lines[2].drug.ndc"),
                bad("/billingProvider/npi", "\"1234567890\"", "billingProvider.npi"),
                bad("/lines/1/code", "\"9637\"", "lines[1].code"),
                bad("/lines/1/code", "\"ZZZZZ\"", "lines[1].code"),
                // a missing or null optional field is "not documented"
                bad("/patient", REMOVE, "patient"),
                bad("/patient", "null", "patient"),
                bad("/priorAuthorization", REMOVE, "priorAuthorization"),
                bad("/lines/0/modifiers", REMOVE, "lines[0].modifiers"),
                bad("/lines/0/diagnosisPointers", "null", "lines[0].diagnosisPointers"),
                bad("/lines/2/drug/container", REMOVE, "lines[2].drug.container"),
                bad("/injections/0/drugs/0/line", "null", "injections[0].drugs[0].line"),
                bad("/injections", REMOVE, "injections"),
                bad("/history", "null", "history"),
                bad("/encounter/note", REMOVE, "encounter.note"),
                // the reader ignores fields it does not know
                bad("/submittedBy", "{\"system\": \"future\"}", "submittedBy"),
                bad("/lines/0/anesthesiaMinutes", "[1, 2]", "lines[0].anesthesiaMinutes"),
                // 2.0 is a whole number, as in JSON Schema
                bad("/lines/0/diagnosisPointers/0", "2.0", "lines[0].diagnosisPointers[0]"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("acceptedAsGiven")
    void acceptedAsGiven(String pointer, String value, String path) {
        ClaimReadResult result = ClaimJson.read(edit(pointer, value).toString());
        assertEquals(List.of(), result.errors(), path);
    }

    @Test
    void valuesPoliciesJudgeAreKeptAsGiven() {
        ObjectNode claim = edit("/lines/2/drug/ndc", "\"00517-0031-25\"");
        Claim read = ClaimJson.read(claim.toString()).claim();
        assertEquals("00517-0031-25", read.line(3).drug().ndc());
    }

    @Test
    void missingOptionalFieldsReadAsNullAndEmptyLists() {
        Claim claim = ClaimJson.read(
                        "{\"claimId\": \"MIN-1\", \"payer\": {\"id\": \"acme-ppo\"},"
                                + " \"lines\": [{\"line\": 1, \"code\": \"96372\", \"units\": 1, \"serviceDate\": \"2026-03-02\"}]}")
                .claim();
        assertEquals(new Payer("acme-ppo", null, null), claim.payer());
        assertNull(claim.patient());
        assertNull(claim.encounter());
        assertEquals(List.of(), claim.diagnoses());
        assertEquals(List.of(), claim.injections());
        assertEquals(List.of(), claim.history());
        ServiceLine line = claim.line(1);
        assertEquals(List.of(), line.modifiers());
        assertEquals(List.of(), line.diagnosisPointers());
        assertNull(line.charge());
        assertNull(line.drug());
    }

    @Test
    void icd9DiagnosisObjectsCarryTheirSystem() {
        ObjectNode claim = edit("/diagnoses/1", "{\"code\": \"724.2\", \"system\": \"ICD-9-CM\"}");
        assertEquals(
                List.of(Diagnosis.icd10("D51.0"), new Diagnosis("724.2", Diagnosis.CodeSystem.ICD9CM)),
                ClaimJson.read(claim.toString()).claim().diagnoses());
        ObjectNode noSystem = edit("/diagnoses/1", "{\"code\": \"M54.50\"}");
        assertEquals(Diagnosis.icd10("M54.50"), ClaimJson.read(noSystem.toString()).claim().diagnoses().get(1));
    }

    @Test
    void pointersAreCheckedAgainstAClaimWithoutDiagnoses() {
        assertEquals(
                List.of(
                        "lines[0].diagnosisPointers[0]: points at diagnosis 2 but the claim has no diagnoses",
                        "lines[1].diagnosisPointers[0]: points at diagnosis 1 but the claim has no diagnoses",
                        "lines[2].diagnosisPointers[0]: points at diagnosis 1 but the claim has no diagnoses"),
                errorsAfter(edit("/diagnoses", REMOVE)));
    }

    @Test
    void tooManyLinesIsOneErrorOnTheArray() {
        ObjectNode claim = example();
        ArrayNode lines = (ArrayNode) claim.get("lines");
        for (int n = 4; n <= 51; n++) {
            lines.add(((ObjectNode) lines.get(1)).deepCopy().put("line", n));
        }
        assertEquals(List.of("lines: expected 1 to 50 service lines, found 51"), errorsAfter(claim));
    }

    @Test
    void allErrorsAreReportedInDocumentOrder() {
        ObjectNode claim = example();
        edit(claim, "/payer/type", "\"medicar\"");
        edit(claim, "/lines/0/units", "\"two\"");
        edit(claim, "/lines/0/modifiers/0", "\"2\"");
        edit(claim, "/lines/2/line", "2");
        edit(claim, "/lines/2/diagnosisPointers/0", "5");
        edit(claim, "/injections/0/adminLine", "7");
        edit(claim, "/claimId", REMOVE);

        assertEquals(
                List.of(
                        // a missing field is reported where its object starts
                        "claimId: missing, expected a string",
                        "payer.type: expected one of medicare, medicaid, commercial, found \"medicar\"",
                        "lines[0].modifiers[0]: expected a two-character modifier, found \"2\"",
                        "lines[0].units: expected a number greater than 0, found \"two\"",
                        "lines[2].line: duplicate line number 2 (also lines[1])",
                        "lines[2].diagnosisPointers[0]: points at diagnosis 5 but the claim has 2",
                        "injections[0].adminLine: points at line 7 but the claim has lines 1, 2",
                        // line 3 was renumbered, so the drug's reference to it is broken too
                        "injections[0].drugs[0].line: points at line 3 but the claim has lines 1, 2"),
                errorsAfter(claim));
    }

    @Test
    void documentOrderIsTheSendersOrderNotTheContracts() {
        String json = "{\"lines\": [{\"serviceDate\": \"2026-3-2\", \"code\": \"96372\", \"line\": 1, \"units\": 0}],"
                + " \"payer\": {\"type\": \"private\", \"id\": \"acme\"}, \"claimId\": 7}";
        assertEquals(
                List.of(
                        "lines[0].serviceDate: expected a date as yyyy-MM-dd, found \"2026-3-2\"",
                        "lines[0].units: expected a number greater than 0, found 0",
                        "payer.type: expected one of medicare, medicaid, commercial, found \"private\"",
                        "claimId: expected a non-empty string, found 7"),
                render(ClaimJson.read(json)));
    }

    @Test
    void malformedJsonGivesOneErrorAtLineAndColumn() {
        String json = "{\n  \"claimId\": \"EX-1\",\n  \"lines\": [ {\"line\": 1 ]\n}";
        ClaimReadResult result = ClaimJson.read(json);
        assertEquals(
                List.of(new FieldError(
                        "3:25",
                        "malformed JSON: unexpected close marker ']': expected '}' (for Object starting at 3:14)")),
                result.errors());
        assertNull(result.claimId());
    }

    @Test
    void duplicateKeysAndTrailingTextAreMalformed() {
        assertEquals(List.of("1:27: malformed JSON: duplicate field 'claimId'"),
                render(ClaimJson.read("{\"claimId\": \"A\", \"claimId\": \"B\"}")));
        assertEquals(List.of("1:4: malformed JSON: more text after the end of the claim object"),
                render(ClaimJson.read("{} {}")));
    }

    @Test
    void notAnObjectOrNothingAtAll() {
        assertEquals(List.of("expected a JSON object for the claim, found an array"), render(ClaimJson.read("[]")));
        assertEquals(List.of("expected a JSON object for the claim, found nothing"), render(ClaimJson.read("  ")));
        assertEquals(List.of("expected a JSON object for the claim, found nothing"), render(ClaimJson.read((String) null)));
        assertEquals(List.of("expected a JSON object for the claim, found nothing"), render(ClaimJson.read((JsonNode) null)));
    }

    @Test
    void numbersTooLargeForADoubleAreErrorsNotExceptions() {
        assertEquals(List.of("lines[0].units: expected a number greater than 0, found 1E+999, which is too large"),
                errorsAfter(edit("/lines/0/units", "1e999")));
        assertEquals(List.of("malformed JSON: the number 1e999999999999999999 is out of range"),
                errorsAfter(edit("/lines/0/units", "1e999999999999999999")));
        assertTrue(ClaimJson.read(edit("/lines/0/charge", "1e999").toString()).errors().get(0).message()
                .endsWith("which is too large"));
    }

    // ---- helpers

    static Arguments bad(String pointer, String value, String expected) {
        return Arguments.of(pointer, value, expected);
    }

    static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree(ClaimJsonTest.exampleText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ObjectNode edit(String pointer, String value) {
        return edit(example(), pointer, value);
    }

    /**
     * Sets (or with {@link #REMOVE} deletes) the value at a JSON pointer, keeping the field's
     * place. The value goes in as written, so numbers no reader could hold still reach ClaimJson.
     */
    static ObjectNode edit(ObjectNode claim, String pointer, String value) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = claim.at(at.head());
        JsonNode raw = JSON.getNodeFactory().rawValueNode(new RawValue(value));
        if (parent instanceof ObjectNode object) {
            String name = at.last().getMatchingProperty();
            if (value.equals(REMOVE)) {
                object.remove(name);
            } else {
                object.set(name, raw);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = at.last().getMatchingIndex();
            if (value.equals(REMOVE)) {
                array.remove(index);
            } else {
                array.set(index, raw);
            }
        } else {
            throw new AssertionError("no object or array at " + at.head());
        }
        return claim;
    }

    static List<String> errorsAfter(ObjectNode claim) {
        return render(ClaimJson.read(claim.toString()));
    }

    static List<String> render(ClaimReadResult result) {
        assertEquals(result.errors().isEmpty(), result.isOk());
        return result.errors().stream().map(FieldError::render).toList();
    }
}
