package dev.ppl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.audit.AuditResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report as text: self-contained, every chart with its table, no PHI, text escaped. */
class HtmlReportTest {
    static final String HTML = HtmlReport.render(SyntheticAudit.result(), "Audit <test> & co", "generated");

    @Test
    void selfContainedNoScriptNoLinkNoRemoteUrl() {
        assertFalse(HTML.contains("<script"), "no script");
        assertFalse(HTML.contains("<link"), "no stylesheet link");
        assertFalse(HTML.contains("<img"), "no image to fetch");
        Matcher urls = Pattern.compile("(https?:)?//[a-zA-Z]").matcher(HTML);
        while (urls.find()) {
            int at = urls.start();
            assertTrue(HTML.startsWith("http://www.w3.org/2000/svg", at), "a URL: " + HTML.substring(at, Math.min(HTML.length(), at + 60)));
        }
        assertTrue(HTML.contains("<title>Audit &lt;test&gt; &amp; co</title>"));
    }

    @Test
    void everyChartIsFollowedByItsTableAndNoPatientIdAppears() {
        int figures = HTML.split("<figure class=\"chart\"", -1).length - 1;
        int withTable = 0;
        for (String part : HTML.split("<figure class=\"chart\"")) {
            String figure = part.contains("</figure>") ? part.substring(0, part.indexOf("</figure>")) : "";
            if (figure.contains("<svg") && figure.contains("<table")) {
                withTable++;
            }
        }
        assertTrue(figures >= 5, "figures: " + figures);
        assertEquals(figures, withTable);
        assertFalse(HTML.contains("SYN-PT-"), "a raw patient id is in the report");
        long flags = SyntheticAudit.result().measures().stream().mapToLong(m -> m.flagged().size()).sum();
        assertEquals(flags, HTML.split("<summary>Claims to review</summary>", -1).length - 1);
    }

    @Test
    void anEmptyAuditSaysSoInWords() {
        AuditResult empty = new AuditResult(0, 0, 0, java.math.BigDecimal.ZERO, java.util.List.of(), new java.util.TreeMap<>(),
                java.util.List.of(), java.math.BigDecimal.ZERO, null);
        String html = HtmlReport.render(empty, "t", "g");
        assertTrue(html.contains("No measure raised a flag"));
        assertTrue(html.contains("No rule flagged a line."));
    }
}
