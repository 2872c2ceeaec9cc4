package dev.ppl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.source.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/** Small builders shared by the tests: policies from text, claims from JSON text. */
public final class Fixtures {
    private Fixtures() {}

    /** A header for test policies. */
    public static final String HEADER = """
            policy t.test
              version 1.0.0
              applies to payer type medicare
              effective from 2020-01-01
              cites "test"
            """;

    /** Compiles policies that must have no errors. */
    public static PolicySet compile(String... texts) {
        Diagnostics d = new Diagnostics();
        PolicySet set = PolicySet.compile(sources(texts), d);
        assertFalse(d.hasErrors(), d::render);
        return set;
    }

    /** Compiles policies that must have errors; returns the rendered diagnostics. */
    public static String errors(String... texts) {
        Diagnostics d = new Diagnostics();
        PolicySet.compile(sources(texts), d);
        assertTrue(d.hasErrors(), "expected errors");
        return d.render();
    }

    /** Compiles and returns all diagnostics, errors or not. */
    public static Diagnostics diagnostics(String... texts) {
        Diagnostics d = new Diagnostics();
        PolicySet.compile(sources(texts), d);
        return d;
    }

    private static List<PolicySource> sources(String... texts) {
        List<PolicySource> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(PolicySource.of("p" + i + ".ppl", texts[i]));
        }
        return out;
    }

    public static Claim claim(String json) {
        ClaimReadResult r = ClaimJson.read(json);
        assertTrue(r.isOk(), () -> r.errors().toString());
        return r.claim();
    }

    /** A Medicare claim with the given lines (JSON objects) and extra top-level JSON members. */
    public static Claim claim(String lines, String extra) {
        return claim("""
                {"claimId": "C-1", "payer": {"id": "medicare", "type": "medicare", "jurisdiction": "JN"},
                 "diagnoses": ["D51.0", "M54.50"], "lines": [%s] %s}
                """.formatted(lines, extra.isEmpty() ? "" : ", " + extra));
    }

    public static String line(int n, String code, String date, String more) {
        String units = more.contains("\"units\"") ? "" : "\"units\": 1, ";
        String pointers = more.contains("\"diagnosisPointers\"") ? "" : ", \"diagnosisPointers\": [1]";
        return """
                {"line": %d, "code": "%s", %s"serviceDate": "%s"%s%s}"""
                .formatted(n, code, units, date, pointers, more.isEmpty() ? "" : ", " + more);
    }

    /** Rule ids of the findings, in decision order, as "rule@line". */
    public static List<String> fired(Decision d) {
        return d.findings().stream().map(f -> f.rule() + "@" + f.line()).toList();
    }
}
