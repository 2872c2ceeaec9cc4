package dev.ppl.runtime;

import static dev.ppl.Fixtures.HEADER;
import static dev.ppl.Fixtures.claim;
import static dev.ppl.Fixtures.compile;
import static dev.ppl.Fixtures.fired;
import static dev.ppl.Fixtures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicySet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What compiled rules compute, one language feature at a time. */
class EvaluationTest {

    private static Decision run(String rules, String lines, String extra) {
        PolicySet set = compile(HEADER + rules);
        return set.evaluate(claim(lines, extra));
    }

    private static String flag(String condition) {
        return """
                rule r
                  for each l in lines where l.line = 1
                  when %s
                  info line l message "m"
                """.formatted(condition);
    }

    private static boolean holds(String condition, String lines, String extra) {
        return !run(flag(condition), lines, extra).findings().isEmpty();
    }

    private static final String ONE = line(1, "96372", "2026-03-02", "\"modifiers\": [\"25\", \"XS\"]");

    @Test
    void modifiersAndCodeLiterals() {
        assertEquals(true, holds("25 in l.modifiers and XS in l.modifiers", ONE, ""));
        assertEquals(false, holds("59 in l.modifiers", ONE, ""));
        assertEquals(true, holds("l.code = 96372 and l.code in { 96360-96379 }", ONE, ""));
        assertEquals(false, holds("l.code in { 99202-99205 }", ONE, ""));
    }

    @Test
    void missingValuesMakeEveryComparisonFalse() {
        // line 1 has no drug: its NDC is missing
        assertEquals(false, holds("l.drug.ndc = \"00517003125\"", ONE, ""));
        assertEquals(false, holds("l.drug.ndc != \"00517003125\"", ONE, ""));
        assertEquals(true, holds("l.drug.ndc is missing", ONE, ""));
        assertEquals(false, holds("l.drug.quantity > 0", ONE, ""));
        assertEquals(false, holds("l.drug.quantity <= 0", ONE, ""));
        assertEquals(false, holds("l.drug.unit not in { \"ML\" }", ONE, ""));
    }

    @Test
    void quantifiersAndAggregates() {
        String lines = ONE + "," + line(2, "J3420", "2026-03-02", "\"units\": 3") + "," + line(3, "J1885", "2026-03-04", "");
        assertEquals(true, holds("any x in lines where x.code = J3420", lines, ""));
        assertEquals(false, holds("no x in lines where x.code = J3420", lines, ""));
        assertEquals(true, holds("every x in lines where x.code in { J0120-J9999 } satisfies x.line > 1", lines, ""));
        assertEquals(false, holds("every x in lines satisfies x.serviceDate = l.serviceDate", lines, ""));
        assertEquals(true, holds("count(x in lines where x.serviceDate = l.serviceDate) = 2", lines, ""));
        assertEquals(true, holds("sum(x.units for x in lines) = 5", lines, ""));
    }

    @Test
    void dateWindowsExcludeTheBoundaryDay() {
        String history = """
                "history": [{"claimId": "H", "serviceDate": "2026-02-02", "code": "J3420", "units": 1}]""";
        // exactly one month before: not within
        assertEquals(false, holds("any h in history where h.serviceDate within 1 month before l.serviceDate",
                ONE, history));
        String later = history.replace("2026-02-02", "2026-02-03");
        assertEquals(true, holds("any h in history where h.serviceDate within 1 month before l.serviceDate",
                ONE, later));
        assertEquals(true, holds("any h in history where h.serviceDate within 30 days of l.serviceDate", ONE, later));
        assertEquals(false, holds("any h in history where h.serviceDate within 1 month after l.serviceDate", ONE, later));
    }

    @Test
    void billingUnitsRoundUpWithoutFloatingPointNoise() {
        String injection = """
                "injections": [{"adminLine": 1, "route": "IM", "drugs": [
                  {"line": 2, "name": "x", "dose": {"value": 1.1, "unit": "mg"}},
                  {"line": 2, "name": "y", "dose": {"value": 40, "unit": "mg"}},
                  {"line": 2, "name": "z", "dose": {"value": 1000, "unit": "mcg"}}]}]""";
        String lines = ONE + "," + line(2, "J3301", "2026-03-02", "");
        String rule = """
                rule r
                  for each i in injections, d in i.drugs
                  let per = 0.1 mg
                  let units = billingUnits(d.dose, per)
                  when units > 0
                  info line d.line message "{d.name}={units}"
                """;
        List<String> messages = run(rule, lines, injection).findings().stream().map(Finding::message).toList();
        assertEquals(List.of("x=11", "y=400", "z=10"), messages);
    }

    @Test
    void quantitiesConvertBetweenUnits() {
        String injection = """
                "injections": [{"adminLine": 1, "drugs": [{"line": null, "name": "b12", "dose": {"value": 1000, "unit": "mcg"}}]}]""";
        assertEquals(true, holds("any i in injections where any d in i.drugs where d.dose = 1 mg", ONE, injection));
        assertEquals(true, holds("any i in injections where any d in i.drugs where d.dose + 500 mcg > 1 mg",
                ONE, injection));
        // a dose documented in a unit PPL does not convert is missing, never an error
        String tablets = injection.replace("\"mcg\"", "\"tablet\"");
        assertEquals(false, holds("any i in injections where any d in i.drugs where d.dose > 0 mg", ONE, tablets));
        assertEquals(true, holds("any i in injections where any d in i.drugs where d.dose is missing", ONE, tablets));
    }

    @Test
    void diagnosesResolveThroughPointers() {
        String lines = line(1, "96372", "2026-03-02", "\"diagnosisPointers\": [2]");
        String rule = """
                diagnoses B12_ANEMIA = { D51.* }
                rule r
                  for each l in lines
                  when any d in l.diagnoses where d in B12_ANEMIA
                  info line l message "{l.diagnoses}"
                """;
        assertEquals(List.of(), fired(run(rule, lines, "")));
        Decision d = run(rule, lines.replace("[2]", "[2, 1]"), "");
        assertEquals("M54.50, D51.0", d.findings().get(0).message());
    }

    @Test
    void tablesWithPerRowDatesPickTheRowInForce() {
        String rule = """
                table MUE
                  key code
                  columns code: code, limit: number, start: date, end: date
                  effective from start to end
                  row 96372, 4, 2020-01-01, 2026-06-30
                  row 96372, 2, 2026-07-01, missing
                rule r
                  for each l in lines
                  let mue = MUE[l.code on l.serviceDate].limit
                  when mue is present
                  info line l message "{mue}"
                """;
        String lines = line(1, "96372", "2026-06-30", "") + "," + line(2, "96372", "2026-07-01", "") + ","
                + line(3, "99213", "2026-07-01", "");
        List<String> messages = run(rule, lines, "").findings().stream().map(f -> f.line() + ":" + f.message()).toList();
        assertEquals(List.of("1:4", "2:2"), messages);
    }

    @Test
    void templatesShowClaimValuesAndMarkMissingOnes() {
        String rule = """
                rule r
                  for each l in lines
                  when l.line = 1
                  info line l message "{l.code} x{l.units} on {l.serviceDate}, ndc {l.drug.ndc}, {{braces}}"
                """;
        assertEquals("96372 x1 on 2026-03-02, ndc (not documented), {braces}",
                run(rule, ONE, "").findings().get(0).message());
    }

    @Test
    void textChecks() {
        String injection = """
                "injections": [{"adminLine": 1, "site": "  ", "note": "Injection given."}],
                "history": [{"claimId": "H", "serviceDate": "2026-02-02", "code": "96372", "units": 1,
                  "note": "injection given"}]""";
        assertEquals(true, holds("any i in injections where i.site is blank and i.time is blank", ONE, injection));
        assertEquals(true, holds("any i in injections where words(i.note) < 3 and contains(i.note, \"GIVEN\")", ONE,
                injection));
        assertEquals(true, holds("any i in injections where any h in history where similarity(i.note, h.note) > 0.9",
                ONE, injection));
        assertEquals(true, holds("matches(l.code, \"9[0-9]{4}\")", ONE, ""));
    }

    @Test
    void findingsOutsideThePolicysDatesAreDropped() {
        String policy = HEADER.replace("effective from 2020-01-01", "effective 2026-01-01 to 2026-03-01") + """
                rule r
                  for each l in lines
                  when l.code = 96372
                  deny line l group CO carc 16 message "m"
                """;
        PolicySet set = compile(policy);
        Decision d = set.evaluate(claim(line(1, "96372", "2026-03-01", "") + "," + line(2, "96372", "2026-03-02", ""), ""));
        assertEquals(List.of("r@1", "no-policy-applies@2"), fired(d));
        assertEquals("deny", d.outcome());
    }

    @Test
    void aClaimNoPolicyCoversIsNeverSilentlyClean() {
        PolicySet set = compile(HEADER.replace("payer type medicare", "payer id acme"));
        Decision d = set.evaluate(claim(ONE, ""));
        assertEquals(List.of("no-policy-applies@1"), fired(d));
        assertEquals("review", d.outcome(), "a line nothing checked is held for a person, never passed");
        assertEquals(List.of(), d.policies());
        Finding f = d.findings().get(0);
        assertTrue(f.message().startsWith("NOT CHECKED: line 1 (96372, "), f.message());
        assertTrue(f.message().endsWith("(internal review, not a payer denial)"), f.message());
        assertNull(f.carc());
        assertTrue(f.fix().startsWith("check line 1 by hand"), f.fix());
    }

    @Test
    void anInternalReviewCarriesNoCodesAndSaysSo() {
        PolicySet set = compile(HEADER + """
                rule hold
                  for each l in lines
                  when l.units > 1
                  review line l
                    message "{l.units} units on line {l.line}"
                rule payer-review
                  for each l in lines
                  when l.units > 1
                  review line l group CO carc 50
                    message "sent for medical review"
                """);
        Decision d = set.evaluate(claim(line(1, "96372", "2026-03-01", "\"units\": 2"), ""));
        Finding hold = d.findings().stream().filter(f -> f.rule().equals("hold")).findFirst().orElseThrow();
        assertEquals("2 units on line 1 (internal review, not a payer denial)", hold.message());
        assertNull(hold.group());
        assertNull(hold.carc());
        assertEquals(List.of(), hold.rarc());
        Finding payer = d.findings().stream().filter(f -> f.rule().equals("payer-review")).findFirst().orElseThrow();
        assertEquals("sent for medical review", payer.message(), "a code the payer sends is not an internal hold");
        assertEquals("50", payer.carc());
    }
}
