package dev.ppl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ppl.audit.AuditResult;
import dev.ppl.audit.SyntheticPractice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The audit report of a synthetic practice in a real headless Chromium: it loads with no console
 * error and no request beyond the file itself, each chart has the marks its data implies, and a
 * screenshot is written to target/audit-report/report.png (with -Pslow also report-year.png, a
 * year of a larger practice) for people to look at.
 */
class HtmlReportBrowserTest {
    static final Path OUT = Path.of("target", "audit-report");

    @Test
    void theReportLoadsCleanlyAndEveryChartHasTheMarksItsDataImplies() throws Exception {
        check(SyntheticAudit.PRACTICE, "report");
    }

    /** The year-long practice; its screenshot is the README's docs/images/audit-report.png. */
    @Test
    @Tag("slow")
    void aYearsReportLoadsCleanlyAndEveryChartHasTheMarksItsDataImplies() throws Exception {
        check(SyntheticAudit.YEAR, "report-year");
    }

    private static void check(SyntheticPractice practice, String name) throws Exception {
        AuditResult r = SyntheticAudit.result(practice);
        Files.createDirectories(OUT);
        Path page = OUT.resolve(name + ".html").toAbsolutePath();
        Files.writeString(page, HtmlReport.render(r, "Injection billing audit: synthetic practice",
                "Synthetic practice made by dev.ppl.audit.SyntheticPractice (no real patients) · 2025 dates of service"), StandardCharsets.UTF_8);
        try (Chromium chromium = new Chromium(1100, 900)) {
            chromium.open(page);
            JsonNode charts = chromium.eval("""
                    JSON.stringify([...document.querySelectorAll('figure.chart')].map(f => {
                      const marks = {};
                      f.querySelectorAll('[data-mark]').forEach(m => {
                        const box = m.getBBox();
                        const k = m.dataset.mark;
                        marks[k] = (marks[k] || 0) + 1;
                        if (m.dataset.count) marks[k + ':count'] = (marks[k + ':count'] || 0) + Number(m.dataset.count);
                        if (box.width <= 0 && box.height <= 0 && m.tagName !== 'line') marks[k + ':empty'] = (marks[k + ':empty'] || 0) + 1;
                      });
                      return {chart: f.dataset.chart, marks, tables: f.querySelectorAll('table').length};
                    }))""");
            JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(charts.asText());
            Map<String, JsonNode> byChart = new HashMap<>();
            list.forEach(c -> byChart.put(c.get("chart").asText(), c));

            assertEquals(stackedBars(r.findingsByMonth()), marks(byChart, "findings-by-month", "findings-bar"));
            assertEquals(Math.min(20, r.rules().size()), marks(byChart, "rules", "rule-bar"));
            assertEquals(Math.min(20, r.rules().size()), marks(byChart, "rules", "money-bar"));
            for (AuditResult.MeasureResult m : r.measures()) {
                String id = "measure-" + m.key().replaceAll("[^A-Za-z0-9]+", "-");
                if (m.peers() == 0) {
                    assertTrue(!byChart.containsKey(id), id + " has no peers and no chart");
                    continue;
                }
                assertEquals(1, marks(byChart, id, "p90"), id);
                if (m.peers() > HtmlReport.HISTOGRAM) {
                    assertEquals(m.peers(), marks(byChart, id, "bin:count"), id + ": the histogram counts every peer");
                    continue;
                }
                assertEquals(m.peers(), marks(byChart, id, "group"), id);
                long benchmarks = m.benchmarks().values().stream().filter(v -> !v.isNaN()).count();
                assertEquals(benchmarks, marks(byChart, id, "benchmark"), id);
            }
            assertEquals(stackedBars(r.remits().deniedByMonth()), marks(byChart, "denials-by-month", "denials-bar"));
            assertEquals(r.remits().predicted().size(), marks(byChart, "predicted", "flagged-bar"));
            assertEquals(r.remits().predicted().size(), marks(byChart, "predicted", "denied-bar"));
            for (JsonNode c : list) {
                assertTrue(c.get("tables").asInt() >= 1, c.get("chart") + " has no table behind it");
                c.get("marks").fieldNames().forEachRemaining(k -> assertTrue(!k.endsWith(":empty") || k.startsWith("denied-bar")
                        || k.startsWith("money-bar"), c.get("chart") + " has marks that draw nothing: " + k));
            }

            // the report shows what the data implies, never what the test planted in it
            String text = chromium.eval("document.body.innerText").asText();
            assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("planted"), "test-only data in the report");
            byte[] png = chromium.screenshot(1100);
            Files.write(OUT.resolve(name + ".png"), png);
            assertTrue(png.length > 10_000, "a screenshot of a blank page");
            assertEquals(List.of(), chromium.errors, "console or log errors");
            assertEquals(List.of(page.toUri().toString()), chromium.requests.stream().distinct().toList(),
                    "the report fetched something besides itself");
        }
    }

    private static long marks(Map<String, JsonNode> charts, String chart, String mark) {
        JsonNode c = charts.get(chart);
        if (c == null) {
            throw new AssertionError("no chart " + chart + " in " + charts.keySet());
        }
        return c.get("marks").path(mark).asLong(0);
    }

    private static long stackedBars(SortedMap<String, SortedMap<String, Long>> byMonth) {
        return byMonth.values().stream().mapToLong(m -> m.values().stream().filter(v -> v > 0).count()).sum();
    }
}
