package dev.ppl.check;

import static dev.ppl.Fixtures.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.Fixtures;
import dev.ppl.source.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies that once passed {@code check} and then failed at run time, or crashed the checker. */
class CheckGapsTest {

    private static List<Diagnostic> errors(String... policies) {
        return Fixtures.diagnostics(policies).all().stream().filter(Diagnostic::isError).toList();
    }

    @Test
    void twoFilesWithOnePolicyIdWhereOneHasNoVersionAreReportedNotACrash() {
        String versioned = HEADER;
        String unversioned = """
                policy t.test
                  applies to payer type medicare
                  effective from 2020-01-01
                """;
        for (List<String> order : List.of(List.of(versioned, unversioned), List.of(unversioned, versioned))) {
            List<Diagnostic> errors = errors(order.toArray(String[]::new));
            assertTrue(errors.stream().anyMatch(d -> d.code().equals("PPL0201") && d.message().contains("version")),
                    errors::toString);
        }
    }

    @Test
    void aDurationBeyondTheDateRangeIsACheckError() {
        String policy = HEADER + """
                rule r
                  for each l in lines
                  when any o in lines where o.serviceDate within %s before l.serviceDate
                  info line l message "m"
                """;
        for (String window : List.of("99999999999999 days", "9223372036854775807 days", "1000000 years", "36501 days")) {
            List<Diagnostic> errors = errors(policy.formatted(window));
            assertEquals(1, errors.size(), () -> window + ": " + errors);
            assertEquals("PPL0317", errors.get(0).code());
            assertTrue(errors.get(0).message().contains("longer than 100 years"), errors.get(0).message());
        }
        assertEquals(List.of(), errors(policy.formatted("36500 days")));
        assertEquals(List.of(), errors(policy.formatted("100 years")));
        assertEquals(List.of(), errors(policy.formatted("1200 months")));
    }

    private static String withTest(String edits) {
        return HEADER + """
                rule r
                  for each l in lines
                  when l.units > 1
                  info line l message "m"
                test "t" using "claim.json"
                %s
                  expect outcome clean
                """.formatted(edits);
    }

    @Test
    void aTestEditOfAFieldClaimJsonDoesNotHaveIsACheckError() {
        for (String[] edit : new String[][] {
                {"  with line 1 moifiers = []", "a service line has no field `moifiers` in claim JSON", "did you mean `modifiers`?"},
                {"  without payer.jurisdictio", "`payer` has no field `jurisdictio` in claim JSON", "did you mean `jurisdiction`?"},
                {"  with payer.idd = \"x\"", "`payer` has no field `idd` in claim JSON", "did you mean `id`?"},
                {"  with line 2 = {\"line\": 2, \"code\": \"J3420\", \"unit\": 1}",
                        "a service line has no field `unit` in claim JSON", "did you mean `units`?"},
                {"  with injections[0].drugs[0].dose = {\"valu\": 1}", "`dose` has no field `valu` in claim JSON", null},
                {"  with claimId[0] = \"x\"", "`claimId` of the claim is not a list", "remove `[0]`"}}) {
            List<Diagnostic> errors = errors(withTest(edit[0]));
            assertEquals(1, errors.size(), () -> edit[0] + ": " + errors);
            assertEquals("PPL0502", errors.get(0).code());
            assertEquals(edit[1], errors.get(0).message());
            if (edit[2] != null) {
                assertEquals(edit[2], errors.get(0).help());
            }
        }
    }

    @Test
    void testEditsOfRealFieldsPass() {
        for (String edit : List.of("  with line 1 modifiers = [\"25\"]", "  without payer.jurisdiction", "  with line 1 drug.ndc = \"00517003125\"",
                "  with payer.id = \"x\"", "  with diagnoses[0] = \"D51.0\"", "  without line 2",
                "  with line 2 = {\"line\": 2, \"code\": \"J3420\", \"units\": 1, \"drug\": {\"ndc\": \"00517003125\"}}",
                "  with injections[0].drugs[0].dose = {\"value\": 1, \"unit\": \"mg\"}",
                "  with encounter = {\"purpose\": \"evaluation\", \"note\": \"x\"}")) {
            assertEquals(List.of(), errors(withTest(edit)), edit);
        }
    }
}
