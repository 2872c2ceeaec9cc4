package dev.ppl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostics;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The runner's reports on src/test/resources/testing/failing, whose tests fail in every way. */
class PolicyTestsTest {
    static List<PolicySource> sources;
    static PolicySet set;
    static Map<String, TestResult> byName;

    @BeforeAll
    static void run() {
        sources = PolicySource.directory(Path.of("src/test/resources/testing/failing"));
        Diagnostics diagnostics = new Diagnostics();
        set = PolicySet.compile(sources, diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        byName = PolicyTests.run(set, sources).stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
    }

    @Test
    void aFindingOfTheExpectedRuleThatDiffersSaysHow() {
        TestResult r = byName.get("wrong carc and line");
        assertFalse(r.passed());
        TestResult.Check first = r.checks().get(0);
        assertFalse(first.passed());
        assertEquals("expect em-needs-25 on line 2 deny carc 16", first.expectation());
        assertEquals(List.of("em-needs-25 on line 1 deny CO-4: it is on line 1, not line 2; its carc is 4, not 16"),
                first.actual());
        assertTrue(r.checks().get(1).passed(), "the second expectation holds");
        List<String> failures = r.failures();
        assertTrue(failures.contains(" ? line 1  DENY CO-4  em-needs-25  99213 on line 1 has no modifier 25"),
                String.join("\n", failures));
        assertTrue(failures.contains(" = line 2  INFO  injection-seen  96372 on line 2"), String.join("\n", failures));
    }

    @Test
    void aRuleThatShouldStaySilentShowsWhatItSaid() {
        TestResult r = byName.get("fires when it should not");
        assertEquals(List.of("em-needs-25 fired on line 1 deny CO-4: 99213 on line 1 has no modifier 25"),
                r.checks().get(0).actual());
        assertEquals(List.of("outcome deny from em-needs-25 on line 1 deny CO-4"), r.checks().get(1).actual());
        assertTrue(r.failures().contains(" ! line 1  DENY CO-4  em-needs-25  99213 on line 1 has no modifier 25"));
    }

    @Test
    void aRuleWhosePolicyDidNotJudgeTheClaimSaysWhy() {
        TestResult r = byName.get("another payer");
        assertEquals(List.of("em-needs-25 did not fire (test.failing@1.0.0 did not judge this claim: it applies to payer"
                + " type medicare; this claim's payer is medicare (type commercial))"), r.checks().get(0).actual());
        assertTrue(r.rules().isEmpty(), "no rule judged the claim");
    }

    @Test
    void aTestThatCannotRunSaysWhy() {
        TestResult r = byName.get("missing claim");
        assertFalse(r.passed());
        assertEquals("claim file `nowhere.json` not found (paths are relative to the policy file)", r.problem());
        assertNull(r.decision());
    }

    @Test
    void aPassingTestRecordsWhichRulesFiredAndWhichStayedSilent() {
        TestResult r = byName.get("passes");
        assertTrue(r.passed(), String.join("\n", r.failures()));
        assertEquals(List.of(), r.failures());
        assertEquals(Map.of(new TestResult.RuleKey("test.failing@1.0.0", "em-needs-25"), false,
                new TestResult.RuleKey("test.failing@1.0.0", "injection-seen"), true), r.rules());
    }

    @Test
    void coverageCountsFiredAndSilentOutcomesPerRule() {
        Coverage c = Coverage.of(set, List.copyOf(byName.values()));
        assertEquals(1, c.policies().size());
        Coverage.PolicyCoverage p = c.policies().get(0);
        assertEquals(List.of(new Coverage.RuleCoverage("em-needs-25", 2, 1), new Coverage.RuleCoverage("injection-seen", 3, 0)),
                p.rules());
        assertEquals(3, c.covered());
        assertEquals(4, c.outcomes());
        assertEquals(75.0, c.percent());
    }

    @Test
    void junitXmlHasOneCasePerTestWithFailuresAndErrors() throws Exception {
        StringWriter out = new StringWriter();
        JUnitReport.write(PolicyTests.run(set, sources), Coverage.of(set, List.copyOf(byName.values())), out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(out.toString())));
        Element suites = doc.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("5", suites.getAttribute("tests"));
        assertEquals("3", suites.getAttribute("failures"));
        assertEquals("1", suites.getAttribute("errors"));
        assertEquals(5, doc.getElementsByTagName("testcase").getLength());
        assertEquals(3, doc.getElementsByTagName("failure").getLength());
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertTrue(error.getAttribute("message").contains("nowhere.json"), out.toString());
        Element property = (Element) doc.getElementsByTagName("property").item(1);
        assertEquals("rule-coverage", property.getAttribute("name"));
        assertEquals("75.0%", property.getAttribute("value"));
    }

    @Test
    void aBaseRuleIsCoveredThroughTheLayeredPolicysTestsButADisabledOneIsNot() {
        List<PolicySource> layered = PolicySource.directory(Path.of("src/test/resources/testing/layered"));
        Diagnostics diagnostics = new Diagnostics();
        PolicySet layeredSet = PolicySet.compile(layered, diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        List<TestResult> results = PolicyTests.run(layeredSet, layered);
        assertTrue(results.stream().allMatch(TestResult::passed), results.toString());
        Coverage c = Coverage.of(layeredSet, results);
        assertEquals(List.of(new Coverage.RuleCoverage("units-over-one", 1, 1), new Coverage.RuleCoverage("em-seen", 0, 0)),
                c.policies().get(0).rules());
        assertEquals(List.of(), c.policies().get(1).rules(), "the layered policy declares no rules of its own");
        assertEquals(50.0, c.percent());
    }
}
