package dev.ppl.check;

import static dev.ppl.Fixtures.HEADER;
import static dev.ppl.Fixtures.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.Fixtures;
import dev.ppl.source.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker's errors: position, code, message and help, before anything runs. */
class CheckerTest {

    private static String rule(String when) {
        return HEADER + """
                codes INJECTION = { 96372 }
                rule r
                  for each l in lines
                  when %s
                  info line l message "m"
                """.formatted(when);
    }

    /** The only error's code and message, checked to sit at the expected line:column. */
    private static Diagnostic only(String policy) {
        List<Diagnostic> errors = Fixtures.diagnostics(policy).all().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), () -> errors.toString());
        return errors.get(0);
    }

    private static String finding(String outcome) {
        return HEADER + """
                rule r
                  for each l in lines
                  when l.units > 1
                  %s
                    message "m"
                """.formatted(outcome);
    }

    @Test
    void aReviewIsAnInternalHoldAndNeedsNoCodes() {
        assertEquals(List.of(), Fixtures.diagnostics(finding("review line l")).all().stream()
                .filter(Diagnostic::isError).toList());
        assertEquals(List.of(), Fixtures.diagnostics(finding("review line l group CO carc 50")).all().stream()
                .filter(Diagnostic::isError).toList());
    }

    @Test
    void listTakesOneOrMoreTextsAndTextIfAConditionAndAText() {
        assertEquals("`list` takes one or more arguments, not 0", only(rule("list() is present")).message());
        assertEquals("argument 1 of `textIf` must be true/false, not text",
                only(rule("textIf(\"a\", \"b\") is present")).message());
        assertEquals(List.of(), Fixtures.diagnostics(rule(
                "list(textIf(l.units > 1, \"units\"), textIf(l.modifiers is blank, \"modifiers\"), \"x\") is present"))
                .all().stream().filter(Diagnostic::isError).toList());
    }

    @Test
    void aDenialNeedsItsCodesAndCodesComeTogether() {
        assertEquals("a `deny` finding needs a group and a CARC code", only(finding("deny line l")).message());
        assertEquals("a `review` finding gives a group and a CARC code together, or neither",
                only(finding("review line l group CO")).message());
        Diagnostic rarcAlone = only(finding("review line l rarc M53"));
        assertEquals("PPL0316", rarcAlone.code());
        assertEquals("remark codes without a CARC code", rarcAlone.message());
    }

    @Test
    void misspelledFieldGetsPositionAndSuggestion() {
        Diagnostic d = only(rule("l.serviceDat = l.serviceDate"));
        assertEquals("PPL0302", d.code());
        assertEquals(9, d.line());
        assertEquals(10, d.column());
        assertEquals("a service line has no field `serviceDat`", d.message());
        assertEquals("did you mean `serviceDate`?", d.help());
        assertTrue(d.render().startsWith("p0.ppl:9:10: error[PPL0302]: a service line has no field `serviceDat`\n"));
        assertTrue(d.render().contains("  |          ^^^^^^^^^^\n"), d.render());
    }

    @Test
    void misspelledCodeSetAndFunction() {
        Diagnostic set = only(rule("l.code in INJECTON"));
        assertEquals("unknown name `INJECTON`", set.message());
        assertEquals("did you mean `INJECTION`?", set.help());
        Diagnostic fn = only(rule("ciel(l.units) > 1"));
        assertEquals("PPL0307", fn.code());
        assertEquals("did you mean `ceil`?", fn.help());
    }

    @Test
    void typeErrorsAreCaughtBeforeAnythingRuns() {
        assertEquals("cannot compare a date with a CPT/HCPCS code", only(rule("l.serviceDate = l.code")).message());
        assertEquals("cannot add a quantity of mass and a quantity of volume", only(rule("10 mg + 5 mL > 1 mg")).message());
        assertEquals("`in` needs a code set or a list, but this is a number", only(rule("l.code in l.units")).message());
        assertEquals("a condition must be true or false, but this is a number", only(rule("l.units")).message());
        assertEquals("cannot compare a number with a quantity of mass", only(rule("l.units > 10 mg")).message());
    }

    @Test
    void codeLiteralsAreCheckedForTheirShape() {
        assertEquals("`J34` is not a CPT/HCPCS code", only(HEADER + "codes X = { 96372, J34 }\n").message());
        assertEquals("`9637` is not a CPT/HCPCS code", only(rule("l.code = 9637")).message());
        assertEquals("`250` is not a modifier", only(rule("250 in l.modifiers")).message());
        assertEquals("`99205-99202` is not a valid range", only(HEADER + "codes X = { 99205-99202 }\n").message());
        assertEquals("`96372` is not an ICD-10-CM code", only(HEADER + "diagnoses X = { 96372 }\n").message());
        assertEquals("`0517003125` is not an NDC", only(HEADER + "ndcs X = { 00517003125, 0517003125 }\n").message());
        assertEquals("`0517-0031-25` is not an NDC", only(rule("l.drug.ndc = \"0517-0031-25\"")).message());
    }

    @Test
    void headerFieldsAreRequired() {
        String rendered = errors("policy t.bare\n  title \"x\"\n");
        assertTrue(rendered.contains("error[PPL0201]: policy `t.bare` has no `version`"), rendered);
        assertTrue(rendered.contains("does not say which claims it applies to"), rendered);
        assertTrue(rendered.contains("has no `effective` dates"), rendered);
    }

    @Test
    void duplicateRuleIdsAndNames() {
        String twice = HEADER + """
                codes A = { 96372 }
                codes A = { 96373 }
                rule r
                  when true
                  info claim message "m"
                rule r
                  when true
                  info claim message "m"
                """;
        String rendered = errors(twice);
        assertTrue(rendered.contains("error[PPL0204]: `A` is declared twice"), rendered);
        assertTrue(rendered.contains("error[PPL0205]: rule `r` is defined twice"), rendered);
    }

    @Test
    void findingsNeedAdjustmentCodesAndALine() {
        String policy = HEADER + """
                rule r
                  for each l in lines
                  when true
                  deny line l.code message "m"
                """;
        String rendered = errors(policy);
        assertTrue(rendered.contains("PPL0311"), rendered);
        assertTrue(rendered.contains("a `deny` finding needs a group and a CARC code"), rendered);
    }

    @Test
    void allErrorsOfAFileAreReportedTogether() {
        String rendered = errors(rule("l.cod = 1 and l.unit > 2 and nope > 3"));
        assertTrue(rendered.contains("no field `cod`") && rendered.contains("no field `unit`")
                && rendered.contains("unknown name `nope`"), rendered);
    }

    @Test
    void tableCellsAreTypedAndKeysUnique() {
        String bad = HEADER + """
                table MUE
                  key code
                  columns code: code, limit: number
                  row 96372, four
                """;
        assertTrue(errors(bad).contains("`four` in column `limit` is not a number"));
        String dup = HEADER + """
                table MUE
                  key code
                  columns code: code, limit: number
                  row 96372, 4
                  row 96372, 3
                """;
        assertTrue(errors(dup).contains("has key `96372` twice in force at once"));
        String noDate = HEADER + """
                table MUE
                  key code
                  columns code: code, limit: number, start: date
                  effective from start to start
                  row 96372, 4, 2020-01-01
                rule r
                  for each l in lines
                  when MUE[l.code].limit > 1
                  info line l message "m"
                """;
        assertTrue(errors(noDate).contains("has effective dates per row, so a lookup needs a date"));
    }

    @Test
    void syntaxErrorsNameWhatWasExpected() {
        Diagnostic d = only(HEADER + "rule r\n  when l.code = \n  info claim message \"m\"\n");
        assertEquals("PPL0102", d.code());
        assertEquals(8, d.line());
        assertTrue(d.message().startsWith("unexpected `info`"), d.message());
    }

    @Test
    void aLayeredPolicysTestMayExpectSilenceFromARuleItDisablesButNotThatItFires() {
        String base = HEADER.replace("t.test", "t.base") + """
                rule loud
                  when true
                  info claim message "m"
                """;
        String child = HEADER.replace("t.test", "t.child").replace("payer type medicare", "payer id acme")
                + "  extends t.base\n" + """
                disable rule loud because "acme does not care"
                test "silent" claim { "claimId": "A", "payer": {"id": "acme"}, "lines": [
                    {"line": 1, "code": "96372", "units": 1, "serviceDate": "2026-03-02"}] }
                  expect no loud
                """;
        Fixtures.compile(base, child);
        String rendered = errors(base, child.replace("expect no loud", "expect loud"));
        assertTrue(rendered.contains("test expects `loud` to fire, but this policy disables it"), rendered);
    }
}
