package dev.ppl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ppl.api.EvaluationLimits;
import dev.ppl.report.Chromium;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The playground in a real headless Chromium: the page loads the bundled library's example with
 * highlighting and no console error; a typing mistake in the policy shows its diagnostic at its
 * line and column; fixing it shows the decision again; a share link brings back what was typed;
 * and nothing is fetched from anywhere but the playground itself. Screenshots go to
 * target/playground/.
 */
class PlaygroundBrowserTest {
    static final Path OUT = Path.of("target", "playground");
    private static final String STATUS = "document.getElementById('status').textContent";
    private static final String SETTLED = "!document.querySelector('#status.busy') && window.pplPlayground"
            + " && document.body.dataset.outcome";

    @Test
    void typeAnErrorSeeTheDiagnosticFixItSeeTheDecision() throws Exception {
        Files.createDirectories(OUT);
        Playground playground = Playground.start(new Workbench(null, EvaluationLimits.DEFAULT), "127.0.0.1", 0,
                Duration.ofSeconds(60));
        try (playground; Chromium chromium = new Chromium(1400, 900)) {
            chromium.open(playground.uri());
            chromium.waitFor(SETTLED + " === 'deny'", STATUS);
            assertEquals("bundled:commercial/example-ppo.ppl", chromium.eval("document.getElementById('policy-picker').value").asText());
            assertEquals("commercial-ppo-no-prior-auth.json", chromium.eval("document.getElementById('claim-picker').value").asText());
            assertTrue(chromium.eval("document.querySelectorAll('#policy-pane .CodeMirror .cm-keyword').length").asInt() > 10,
                    "the policy is highlighted");
            assertTrue(findings(chromium).contains("prior-auth-required"), findings(chromium).toString());

            // a typing mistake: `priorAuthorization` becomes `priorAuthorizationx`
            JsonNode at = chromium.eval("""
                    (() => {
                      const cm = pplPlayground.policy.cm;
                      const i = cm.getValue().split('\\n').findIndex(l => l.includes('when priorAuthorization is blank'));
                      const col = cm.getLine(i).indexOf('priorAuthorization');
                      cm.focus();
                      cm.setCursor({line: i, ch: col + 'priorAuthorization'.length});
                      return {line: i + 1, column: col + 1};
                    })()""");
            chromium.type("x");
            chromium.waitFor(SETTLED + " === 'none' && document.querySelector('#diagnostics .diagnostic.error')", STATUS);
            JsonNode error = chromium.eval("""
                    (() => { const d = document.querySelector('#diagnostics .diagnostic.error');
                      return {code: d.dataset.code, where: d.querySelector('.where').textContent,
                              message: d.querySelector('.message').textContent, help: d.querySelector('.help').textContent}; })()""");
            assertEquals("bundled:commercial/example-ppo.ppl:" + at.get("line").asInt() + ":" + at.get("column").asInt(),
                    error.get("where").asText(), error.toString());
            assertEquals("PPL0301", error.get("code").asText(), error.toString());
            assertTrue(error.get("message").asText().contains("priorAuthorizationx"), error.toString());
            assertTrue(error.get("help").asText().contains("did you mean `priorAuthorization`"), error.toString());
            assertEquals("priorAuthorizationx", chromium.eval("document.querySelector('.ppl-mark-error').textContent").asText(),
                    "the editor underlines the name");
            assertEquals(1, chromium.eval("document.querySelectorAll('.ppl-gutter-error').length").asInt());
            assertTrue(chromium.eval("document.getElementById('tab-decision').textContent").asText().contains("errors"));
            Files.write(OUT.resolve("error.png"), chromium.screenshot(1400));

            chromium.press("Backspace", 8);
            chromium.waitFor(SETTLED + " === 'deny' && !document.querySelector('#diagnostics .diagnostic.error')", STATUS);
            assertTrue(findings(chromium).contains("prior-auth-required"), findings(chromium).toString());
            assertEquals(0, chromium.eval("document.querySelectorAll('.ppl-mark-error').length").asInt(), chromium.eval(
                    "JSON.stringify({marks: [...document.querySelectorAll('.ppl-mark-error')].map(m => m.parentElement.textContent),"
                    + " kept: pplPlayground.state.marks.length, diags: pplPlayground.state.last.diagnostics.length,"
                    + " all: pplPlayground.policy.cm.getAllMarks().length})").asText());
            byte[] png = chromium.screenshot(1400);
            Files.write(OUT.resolve("playground.png"), png);
            assertTrue(png.length > 30_000, "a screenshot of a blank page");

            // a share link carries the policy and claim as they are now
            chromium.eval("pplPlayground.policy.cm.replaceRange('# shared from a test\\n', {line: 0, ch: 0})");
            chromium.eval("pplPlayground.claim.cm.setValue(pplPlayground.claim.get().replace('PPO-NO-PA', 'PPO-SHARED'))");
            chromium.waitFor(SETTLED + " === 'deny' && document.getElementById('tab-json').textContent.includes('PPO-SHARED')", STATUS);
            String policy = chromium.eval("pplPlayground.policy.get()").asText();
            String claim = chromium.eval("pplPlayground.claim.get()").asText();
            chromium.eval("document.getElementById('share').click()");
            chromium.waitFor("location.hash.startsWith('#s=') && !document.getElementById('share-link').hidden", STATUS);
            String link = chromium.eval("document.getElementById('share-link').value").asText();
            assertTrue(link.startsWith(playground.uri() + "#s="), link);
            assertTrue(link.length() < policy.length(), "the link is compressed: " + link.length() + " characters");
            chromium.open(URI.create("about:blank"));
            chromium.open(URI.create(link));
            chromium.waitFor(SETTLED + " === 'deny'", STATUS);
            assertEquals(policy, chromium.eval("pplPlayground.policy.get()").asText());
            assertEquals(claim, chromium.eval("pplPlayground.claim.get()").asText());
            assertEquals("bundled:commercial/example-ppo.ppl", chromium.eval("document.getElementById('policy-picker').value").asText());

            assertEquals(List.of(), chromium.errors, "console or log errors");
            String origin = playground.uri().toString();
            List<String> elsewhere = chromium.requests.stream().distinct()
                    .filter(u -> !u.startsWith(origin) && !u.startsWith("data:") && !u.equals("about:blank")).toList();
            assertEquals(List.of(), elsewhere, "the page fetched something from outside the playground");
            assertTrue(chromium.requests.stream().anyMatch(u -> u.endsWith("/vendor/codemirror/lib/codemirror.js")),
                    "the editor came from the playground: " + chromium.requests);
        }
    }

    private static List<String> findings(Chromium chromium) throws Exception {
        JsonNode rules = chromium.eval("[...document.querySelectorAll('#tab-decision td.rule div:first-child')].map(e => e.textContent)");
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(rules,
                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
    }
}
