package dev.ppl.compile;

import static dev.ppl.Fixtures.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.Fixtures;
import dev.ppl.api.Decision;
import dev.ppl.api.PolicySet;
import dev.ppl.source.Diagnostic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policy regular expressions run on a linear-time matcher (RE2/J): a pattern that makes a
 * backtracking matcher take exponential time cannot stall an evaluation, and what RE2 cannot do in
 * linear time (backreferences, lookaround) is a check error.
 */
class PolicyRegexTest {

    private static String policy(String pattern) {
        return HEADER + """
                rule r
                  for each l in lines
                  when matches(encounter.note, "%s")
                  info line l message "matched"
                """.formatted(pattern);
    }

    private static Decision evaluate(String pattern, String note) {
        PolicySet set = Fixtures.compile(policy(pattern));
        return set.evaluate(Fixtures.claim(Fixtures.line(1, "96372", "2024-01-01", ""),
                "\"encounter\": {\"purpose\": \"injection-only\", \"note\": \"" + note + "\"}"));
    }

    @Test
    void aCatastrophicPatternFinishesAtOnce() {
        // java.util.regex took 75 s for this on 30 characters; RE2 is linear in the text
        Decision d = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> evaluate("(.*a){25}", "a".repeat(24) + "b".repeat(6)));
        assertEquals(List.of(), d.findings().stream().filter(f -> f.rule().equals("r")).toList());
        Decision hit = evaluate("(.*a){25}", "a".repeat(25));
        assertEquals(1, hit.findings().stream().filter(f -> f.rule().equals("r")).count());
    }

    @Test
    void theWholeTextMustMatchAsBefore() {
        assertEquals(1, evaluate("im|sc", "im").findings().stream().filter(f -> f.rule().equals("r")).count());
        assertEquals(0, evaluate("im|sc", "imx").findings().stream().filter(f -> f.rule().equals("r")).count());
    }

    @Test
    void backreferencesAndLookaroundArePPL0314() {
        for (String pattern : List.of("(a)\\\\1", "a(?=b)", "(?<!x)a")) {
            List<Diagnostic> errors = Fixtures.diagnostics(policy(pattern)).all().stream().filter(Diagnostic::isError).toList();
            assertEquals(1, errors.size(), () -> pattern + ": " + errors);
            assertEquals("PPL0314", errors.get(0).code());
            assertTrue(errors.get(0).help().contains("RE2"), errors.get(0).help());
        }
    }
}
