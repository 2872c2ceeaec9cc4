package dev.ppl.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lint stays quiet where a warning would be wrong (the golden cases in
 * src/test/resources/diagnostics show each warning firing).
 */
class LinterTest {
    private static final String CLAIM = "{\"claimId\": \"T\", \"lines\": []}";

    private static String policy(String id, String header, String body) {
        return "policy " + id + "\n  version 1.0.0\n" + header + "\n" + body;
    }

    private static List<String> lint(String... texts) {
        List<PolicySource> sources = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            sources.add(PolicySource.of("p" + i + ".ppl", texts[i]));
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        Linter.lint(set, diagnostics);
        return diagnostics.all().stream().map(d -> d.code() + " " + d.message()).toList();
    }

    private static final String MEDICARE = "  applies to payer type medicare\n  effective from 2026-01-01\n  cites \"x\"";

    private static String rule(String id, String condition) {
        return "rule " + id + "\n  for each l in lines\n  when " + condition + "\n  info line l\n    message \"m\"\n"
                + "test \"t\" claim " + CLAIM + "\n  expect no " + id + "\n";
    }

    @Test
    void aCleanPolicyHasNoWarnings() {
        assertEquals(List.of(), lint(policy("p", MEDICARE, "codes INJ = { 96372 }\n" + rule("r", "l.code in INJ"))));
    }

    @Test
    void theBundledLibraryLintsToDocumentedWarningsOnly() {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(PolicySource.directory(Path.of("policies")), diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        Linter.lint(set, diagnostics);
        for (Diagnostic d : diagnostics.all()) {
            assertEquals(Diagnostic.Level.WARNING, d.level(), d.render());
            assertTrue(Linter.codes().contains(d.code()), d.render());
        }
    }

    @Test
    void aSetOrTableUsedOnlyByALayeredPolicyIsUsed() {
        String base = policy("base", MEDICARE, "codes INJ = { 96372 }\ntable MUE\n  key code\n  columns code: code, limit: number\n"
                + "  row 96372, 1\n");
        String child = policy("child", "  applies to payer id acme\n  effective from 2026-01-01\n  extends base\n  cites \"x\"",
                rule("r", "l.code in INJ and l.units > MUE[l.code].limit"));
        assertEquals(List.of(), lint(base, child));
    }

    @Test
    void aCitationOnTheRuleOrAFindingIsEnough() {
        String header = "  applies to payer type medicare\n  effective from 2026-01-01";
        String onRule = "rule r\n  cites \"NCCI\"\n  when true\n  info claim\n    message \"m\"\n"
                + "rule s\n  when true\n  info claim\n    message \"m\"\n    cites \"LCD\"\n"
                + "test \"t\" claim " + CLAIM + "\n  expect r\n  expect s\n";
        assertEquals(List.of(), lint(policy("p", header, onRule)));
    }

    @Test
    void versionsThatMeetWithoutOverlapOrServeOtherPayersLintClean() {
        String body = rule("r", "true");
        assertEquals(List.of(), lint(
                policy("p", "  applies to payer type medicare\n  effective 2020-01-01 to 2025-12-31\n  cites \"x\"", body),
                policy("p", "  applies to payer type medicare\n  effective from 2026-01-01\n  cites \"x\"", body)
                        .replace("version 1.0.0", "version 2.0.0"),
                policy("p", "  applies to payer type medicaid\n  effective from 2020-01-01\n  cites \"x\"", body)
                        .replace("version 1.0.0", "version 3.0.0"),
                policy("p", "  applies to payer type medicare\n  jurisdiction JF\n  effective from 2020-01-01\n  cites \"x\"", body)
                        .replace("version 1.0.0", "version 4.0.0").replace("type medicare", "id medicare-jf")));
    }

    @Test
    void codesOfAnotherFamilyThanTheTableAreNotExpectedInIt() {
        String body = "codes ADMIN = { 96372, J3420 }\ntable UNITS\n  key code\n  columns code: code, per: quantity\n"
                + "  row J3420, 1000 mcg\n" + rule("r", "l.code in ADMIN and UNITS[l.code].per is missing");
        assertEquals(List.of(), lint(policy("p", MEDICARE, body)));
    }

    @Test
    void conditionsThatCanHoldAreNotFlagged() {
        String body = "rule r\n  for each a in lines, b in lines\n"
                + "  when (a.code = 99213 or a.code = 99214) and b.code = 99215 and a.units >= 2 and a.units <= 2\n"
                + "   and a.code != 99212 and any x in lines where x.code = 96372\n"
                + "   and any y in lines where y.code = J3420 and y.units > 1\n"
                + "  info line a\n    message \"m\"\n"
                + "test \"t\" claim " + CLAIM + "\n  expect no r\n";
        assertEquals(List.of(), lint(policy("p", MEDICARE, body)));
    }

    @Test
    void diagnosisCodesAreTheSameWithOrWithoutTheDot() {
        String body = rule("r", "any d in l.diagnoses where d = D51.0 and d = D510");
        assertEquals(List.of(), lint(policy("p", MEDICARE, body)));
        String contradiction = rule("r", "any d in l.diagnoses where d = D51.0 and d != D510");
        assertEquals(List.of("PPL0907 this condition is never true: `d` cannot be `D51.0` and not `D510`"),
                lint(policy("p", MEDICARE, contradiction)));
    }
}
