package dev.ppl.testing;

import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes test results as JUnit XML (the format CI systems read): one {@code testsuite} per
 * policy version, one {@code testcase} per test, a {@code failure} per test whose expectations
 * did not hold and an {@code error} per test that could not run. Each suite carries its rule
 * coverage as a property.
 */
public final class JUnitReport {
    private JUnitReport() {}

    public static void write(List<TestResult> results, Coverage coverage, Writer out) throws XMLStreamException {
        Map<String, List<TestResult>> suites = new LinkedHashMap<>();
        results.forEach(r -> suites.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r));
        Map<String, Coverage.PolicyCoverage> covered = new LinkedHashMap<>();
        coverage.policies().forEach(p -> covered.put(p.policy(), p));
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        newline(xml, 0);
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "ppl test");
        counts(xml, results);
        for (Map.Entry<String, List<TestResult>> suite : suites.entrySet()) {
            newline(xml, 1);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite.getKey());
            counts(xml, suite.getValue());
            Coverage.PolicyCoverage c = covered.get(suite.getKey());
            if (c != null) {
                newline(xml, 2);
                xml.writeStartElement("properties");
                property(xml, "source", c.source());
                property(xml, "rule-coverage", String.format(Locale.ROOT, "%.1f%%", c.outcomes() == 0 ? 100.0
                        : 100.0 * c.covered() / c.outcomes()));
                newline(xml, 2);
                xml.writeEndElement();
            }
            for (TestResult r : suite.getValue()) {
                newline(xml, 2);
                if (r.passed()) {
                    xml.writeEmptyElement("testcase");
                } else {
                    xml.writeStartElement("testcase");
                }
                xml.writeAttribute("classname", r.policy());
                xml.writeAttribute("name", r.name());
                int colon = r.location().lastIndexOf(':');
                xml.writeAttribute("file", colon < 0 ? r.location() : r.location().substring(0, colon));
                if (colon >= 0) {
                    xml.writeAttribute("line", r.location().substring(colon + 1));
                }
                xml.writeAttribute("time", seconds(r.seconds()));
                if (!r.passed()) {
                    newline(xml, 3);
                    xml.writeStartElement(r.problem() != null ? "error" : "failure");
                    xml.writeAttribute("message", r.failures().get(0));
                    xml.writeAttribute("type", r.problem() != null ? "TestCouldNotRun" : "ExpectationFailed");
                    xml.writeCharacters(String.join("\n", r.failures()));
                    xml.writeEndElement();
                    newline(xml, 2);
                    xml.writeEndElement();
                }
            }
            newline(xml, 1);
            xml.writeEndElement();
        }
        newline(xml, 0);
        xml.writeEndElement();
        newline(xml, 0);
        xml.writeEndDocument();
        xml.flush();
    }

    private static void counts(XMLStreamWriter xml, List<TestResult> results) throws XMLStreamException {
        long errors = results.stream().filter(r -> r.problem() != null).count();
        long failures = results.stream().filter(r -> r.problem() == null && !r.passed()).count();
        xml.writeAttribute("tests", String.valueOf(results.size()));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(results.stream().mapToDouble(TestResult::seconds).sum()));
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        newline(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
