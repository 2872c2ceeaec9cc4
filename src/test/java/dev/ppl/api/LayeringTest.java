package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies that extend others: what the checker rejects, and which base version judges a line. */
class LayeringTest {
    static final String BASE_V1 = base("1.0.0", "2026-01-01 to 2026-03-31", "base v1");
    static final String BASE_V2 = base("2.0.0", "from 2026-04-01", "base v2");

    static String base(String version, String effective, String tag) {
        return """
                policy mcr.base
                  version %s
                  applies to payer type medicare
                  effective %s

                rule units-tag
                  "tags injection lines"
                  for each l in lines where l.code = 96372
                  when l.units > 0
                  review line l group CO carc 16
                    message "%s: line {l.line}"

                rule always
                  "a second rule for children to disable"
                  for each l in lines where l.code = 96372
                  when l.units > 0
                  info line l
                    message "%s always"
                """.formatted(version, effective, tag, tag);
    }

    static String child(String body) {
        return """
                policy acme.layer
                  version 1.0.0
                  applies to payer type medicare
                  effective from 2026-01-01
                  extends mcr.base

                """ + body;
    }

    private static List<String> codes(Diagnostics d) {
        return d.all().stream().filter(Diagnostic::isError).map(x -> x.code() + " " + x.message()).toList();
    }

    @Test
    void overridingARuleTheBaseDoesNotHaveIsAnError() {
        Diagnostics d = Policies.diagnostics("base.ppl", BASE_V2, "child.ppl", child("""
                override rule unit-tag because "typo of units-tag"
                  when 1 > 0
                  info claim message "x"
                """));
        assertEquals(List.of("PPL0402 base policy `mcr.base` has no rule `unit-tag`"), codes(d));
        assertTrue(d.render().contains("units-tag"), "the help suggests the rule meant: " + d.render());
    }

    @Test
    void disablingARuleTheBaseDoesNotHaveIsAnError() {
        Diagnostics d = Policies.diagnostics("base.ppl", BASE_V2, "child.ppl", child("""
                disable rule nope because "x"
                """));
        assertEquals(List.of("PPL0402 base policy `mcr.base` has no rule `nope`"), codes(d));
    }

    @Test
    void overrideWithoutExtendsIsAnError() {
        Diagnostics d = Policies.diagnostics("base.ppl", BASE_V2.replace("\"a second rule for children to disable\"", "because \"x\"")
                .replace("rule always", "override rule always"));
        assertEquals(List.of("PPL0401 `override` needs a base policy"), codes(d));
    }

    @Test
    void aCycleOfExtensionsIsAnError() {
        String a = Policies.tagging("cyc.a", "1.0.0", "payer id acme", "from 2026-01-01", "a")
                .replace("effective from 2026-01-01", "effective from 2026-01-01\n  extends cyc.b")
                .replace("rule tag", "rule tag-a");
        String b = Policies.tagging("cyc.b", "1.0.0", "payer id acme", "from 2026-01-01", "b")
                .replace("effective from 2026-01-01", "effective from 2026-01-01\n  extends cyc.a")
                .replace("rule tag", "rule tag-b");
        Diagnostics d = Policies.diagnostics("a.ppl", a, "b.ppl", b);
        assertEquals(List.of("PPL0407 policies extend each other in a cycle: cyc.a -> cyc.b -> cyc.a"), codes(d));
    }

    @Test
    void aPolicyExtendingItselfIsACycle() {
        String a = Policies.tagging("cyc.a", "1.0.0", "payer id acme", "from 2026-01-01", "a")
                .replace("effective from 2026-01-01", "effective from 2026-01-01\n  extends cyc.a");
        Diagnostics d = Policies.diagnostics("a.ppl", a);
        assertEquals(List.of("PPL0407 policies extend each other in a cycle: cyc.a -> cyc.a"), codes(d));
    }

    @Test
    void aLayeredPolicyJudgesEachLineWithTheBaseVersionInForce() {
        String child = child("""
                disable rule always because "acme does not send these"

                rule acme-tag
                  "acme's own rule"
                  for each l in lines where l.code = 96372
                  when l.units > 0
                  info line l
                    message "acme: line {l.line}"
                """);
        PolicySet set = Policies.compile("b1.ppl", BASE_V1, "b2.ppl", BASE_V2, "child.ppl", child);
        Decision d = set.evaluate(Policies.claim("medicare", "medicare", null, "2026-03-31", "2026-04-01"));

        List<String> seen = d.findings().stream().map(f -> f.line() + " " + f.policy() + " " + f.rule() + " " + f.message())
                .toList();
        // acme.layer judges both lines and speaks for its base there: `always` stays disabled, nothing
        // is reported twice, and units-tag names the base version in force on each line's date
        assertEquals(List.of(
                "1 acme.layer@1.0.0 acme-tag acme: line 1",
                "1 mcr.base@1.0.0 units-tag base v1: line 1",
                "2 acme.layer@1.0.0 acme-tag acme: line 2",
                "2 mcr.base@2.0.0 units-tag base v2: line 2"), seen);
        List<String> refs = d.policies().stream().map(p -> p.id() + "@" + p.version()).toList();
        assertEquals(List.of("acme.layer@1.0.0", "mcr.base@1.0.0", "mcr.base@2.0.0"), refs.stream().distinct().toList());
    }

    @Test
    void theBaseStillJudgesTheLinesAndPayersItsLayerDoesNot() {
        // the layer covers one jurisdiction and starts later than its base
        String child = child("disable rule always because \"acme does not send these\"\n")
                .replace("effective from 2026-01-01", "effective from 2026-05-01")
                .replace("applies to payer type medicare", "applies to payer type medicare\n  jurisdiction TX");
        PolicySet set = Policies.compile("b2.ppl", BASE_V2, "child.ppl", child);

        Decision tx = set.evaluate(Policies.claim("medicare", "medicare", "TX", "2026-04-15", "2026-05-01"));
        assertEquals(List.of(
                "1 mcr.base@2.0.0 always base v2 always",
                "1 mcr.base@2.0.0 units-tag base v2: line 1",
                "2 mcr.base@2.0.0 units-tag base v2: line 2"),
                tx.findings().stream().map(f -> f.line() + " " + f.policy() + " " + f.rule() + " " + f.message()).toList());

        Decision ny = set.evaluate(Policies.claim("medicare", "medicare", "NY", "2026-05-01"));
        assertEquals(List.of("1 mcr.base@2.0.0 always base v2 always", "1 mcr.base@2.0.0 units-tag base v2: line 1"),
                ny.findings().stream().map(f -> f.line() + " " + f.policy() + " " + f.rule() + " " + f.message()).toList());
    }

    @Test
    void aLayeredPolicyOnlyForItsOwnPayerDisablesTheBaseRule() {
        String base = BASE_V2.replace("applies to payer type medicare", "applies to payer id base-only");
        String child = """
                policy acme.layer
                  version 1.0.0
                  applies to payer id acme
                  effective from 2026-01-01
                  extends mcr.base

                disable rule always because "acme does not send these"
                """;
        PolicySet set = Policies.compile("b2.ppl", base, "child.ppl", child);
        Decision d = set.evaluate(Policies.claim("acme", null, null, "2026-05-01"));

        assertEquals(List.of("mcr.base@2.0.0 units-tag base v2: line 1"),
                d.findings().stream().map(f -> f.policy() + " " + f.rule() + " " + f.message()).toList());
    }

    @Test
    void aLayeredPolicyWithNoBaseVersionInForceIsAnError() {
        String child = child("").replace("effective from 2026-01-01", "effective 2025-01-01 to 2025-06-30");
        Diagnostics d = Policies.diagnostics("b2.ppl", BASE_V2, "child.ppl", child);
        assertEquals(List.of("PPL0408"), d.all().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList());
    }
}
