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
}
