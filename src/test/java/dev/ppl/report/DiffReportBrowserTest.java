package dev.ppl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ppl diff --html} report of a known policy change in a real headless Chromium: it
 * loads with no console error and no request beyond the file, its cards, chart marks and rows
 * show the counts the change implies, and a screenshot is written to target/diff-report/report.png.
 *
 * <p>The change (as in DiffCommandTest, which explains it claim by claim): rule
 * b12-more-often-than-monthly of the JN B12 policy looks 2 months back instead of 1 and denies
 * with CO-119 instead of holding for review. Of the example claims, B12-FREQ-JN goes from review
 * to deny and CLEAN-B12-JN from clean to deny, each on its $15.00 J3420 line.
 */
class DiffReportBrowserTest {
    static final Path OUT = Path.of("target", "diff-report");

    @TempDir
    Path tmp;

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=PPL test", "-c",
                "user.email=test@ppl.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }

    @Test
    void theReportShowsTheCountsTheChangeImpliesAndLoadsCleanly() throws Exception {
        // a policy repository: the library, then the change committed on top (the report names HEAD~1 and HEAD)
        Path repo = tmp.resolve("repo");
        Path changed = repo.resolve("policies");
        try (Stream<Path> all = Files.walk(Path.of("policies"))) {
            for (Path p : all.toList()) {
                Path target = changed.resolve(Path.of("policies").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "the library");
        Path file = changed.resolve("medicare/lcd-l33967-b12.ppl");
        String old = "  when h.serviceDate within 1 month before l.serviceDate\n  review line l\n";
        assertTrue(Files.readString(file).contains(old));
        Files.writeString(file, Files.readString(file).replace(old,
                "  when h.serviceDate within 2 months before l.serviceDate\n  deny line l group CO carc 119\n"));
        git(repo, "commit", "-q", "-a", "-m", "B12: deny a second dose within two months");

        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html").toAbsolutePath();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"diff", "--from", "HEAD~1", "--to", "HEAD", "-p", changed.toString(), "--html", page.toString(),
            "--title", "B12 frequency: deny a second dose within two months", "examples/claims"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertFalse(Files.exists(OUT.resolve("report.html.partial")), "the partial file is renamed");
        long claims;
        try (Stream<Path> files = Files.list(Path.of("examples/claims"))) {
            claims = files.filter(p -> p.toString().endsWith(".json")).count();
        }

        try (Chromium chromium = new Chromium(1100, 900)) {
            chromium.open(page);
            JsonNode shown = new ObjectMapper().readTree(chromium.eval("""
                    JSON.stringify({
                      cards: Object.fromEntries([...document.querySelectorAll('[data-card]')]
                        .map(c => [c.dataset.card, c.querySelector('.value').textContent])),
                      transitions: [...document.querySelectorAll('[data-mark=transition-bar]')]
                        .map(m => ({count: Number(m.dataset.count), width: m.getBBox().width})),
                      added: [...document.querySelectorAll('[data-mark=added-bar]')].map(m => Number(m.dataset.count)),
                      removed: [...document.querySelectorAll('[data-mark=removed-bar]')].map(m => Number(m.dataset.count)),
                      transitionRows: [...document.querySelectorAll('tr[data-transition]')].map(r => r.dataset.transition),
                      carcRows: [...document.querySelectorAll('tr[data-carc]')].map(r => r.dataset.carc + ' ' + r.cells[1].textContent
                        + ' ' + r.cells[2].textContent),
                      claims: [...document.querySelectorAll('tr[data-claim]')].map(r => r.dataset.claim),
                      addedItems: document.querySelectorAll('ul.changes li.added').length,
                      removedItems: document.querySelectorAll('ul.changes li.removed').length
                    })""").asText());
            assertEquals(String.valueOf(claims), shown.at("/cards/claims").asText());
            assertEquals("2", shown.at("/cards/changed").asText());
            assertEquals("$30.00", shown.at("/cards/dollars").asText());
            assertEquals("1", shown.at("/cards/clean-to-deny").asText());
            assertEquals(2, shown.get("transitions").size());
            for (JsonNode t : shown.get("transitions")) {
                assertEquals(1, t.get("count").asInt());
                assertTrue(t.get("width").asDouble() > 0, "a transition bar draws something");
            }
            assertEquals("[\"clean->deny\",\"review->deny\"]", shown.get("transitionRows").toString());
            assertEquals("[2]", shown.get("added").toString());
            assertEquals("[1]", shown.get("removed").toString());
            assertEquals("[\"CO-119 2 0\"]", shown.get("carcRows").toString());
            assertEquals(List.of("B12-FREQ-JN", "CLEAN-B12-JN"), List.of(shown.get("claims").get(0).asText(),
                    shown.get("claims").get(1).asText()));
            assertEquals(2, shown.get("claims").size());
            assertTrue(chromium.eval("document.body.innerText").asText().contains("HEAD:policies/medicare/lcd-l33967-b12.ppl:"),
                    "an added finding names the rule in the new revision");
            assertEquals(2, shown.get("addedItems").asInt());
            assertEquals(1, shown.get("removedItems").asInt());

            byte[] png = chromium.screenshot(1100);
            Files.write(OUT.resolve("report.png"), png);
            assertTrue(png.length > 10_000, "a screenshot of a blank page");
            assertEquals(List.of(), chromium.errors, "console or log errors");
            assertEquals(List.of(page.toUri().toString()), chromium.requests.stream().distinct().toList(),
                    "the report fetched something besides itself");
        }
    }
}
