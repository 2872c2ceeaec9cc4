package dev.ppl.report;

import static dev.ppl.report.Svg.esc;
import static dev.ppl.report.Svg.n;
import static dev.ppl.report.Svg.num;

import dev.ppl.api.Finding;
import dev.ppl.diff.ClaimChange;
import dev.ppl.diff.DiffTally;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code ppl diff} as one self-contained HTML file, in the style of the audit
 * report ({@link HtmlReport}): summary cards, the outcome changes as a chart with its table,
 * findings added and removed by rule (chart and table) and by CARC, and the changed claims with
 * their findings. No script, nothing fetched.
 *
 * <p>It is written while the claims stream by: each changed claim's row goes to a temporary file
 * at once (up to {@link #LISTED} rows; the rest are counted), and {@link #finish} writes the page
 * around them once the counts are known, to {@code FILE.partial} renamed to {@code FILE}, so the
 * report never holds the changed claims in memory and {@code FILE} is never half written.
 */
public final class DiffReport implements AutoCloseable {
    /** Changed claims listed in the report; the JSON output has all of them. */
    public static final int LISTED = 1000;
    private static final int RULE_BARS = 20;
    private static final int WIDTH = 760;
    private static final String ADDED = "#D55E00";
    private static final String REMOVED = "#0072B2";

    /**
     * What the report is about, shown under its title.
     *
     * @param title the page title
     * @param from the old policies (a directory, or {@code REV:dir})
     * @param to the new policies
     * @param inputs the claim inputs, as named on the command line
     * @param generated when it was made
     */
    public record About(String title, String from, String to, String inputs, String generated) {}

    private final Path file;
    private final Path partial;
    private final Path rows;
    private final Writer rowsOut;
    private long listed;
    private boolean finished;

    private DiffReport(Path file, Path partial, Path rows, Writer rowsOut) {
        this.file = file;
        this.partial = partial;
        this.rows = rows;
        this.rowsOut = rowsOut;
    }

    /** Starts a report that {@link #finish} writes to {@code file}; fails now when {@code FILE.partial} cannot be created. */
    public static DiffReport create(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.newBufferedWriter(partial, StandardCharsets.UTF_8).close();
        Path rows = Files.createTempFile("ppl-diff-rows-", ".html");
        return new DiffReport(file, partial, rows, Files.newBufferedWriter(rows, StandardCharsets.UTF_8));
    }

    /** A changed claim: its row is written now, while there are fewer than {@link #LISTED}. */
    public void add(ClaimChange c) throws IOException {
        if (listed >= LISTED) {
            return;
        }
        listed++;
        StringBuilder s = new StringBuilder();
        s.append("<tr data-claim=\"").append(esc(c.claimId())).append("\"><td class=\"claim\"><code>").append(esc(c.claimId()))
                .append("</code><div class=\"meta path\">").append(esc(c.file())).append(c.record() > 1 ? " record " + c.record() : "")
                .append("</div></td><td>").append(badge(c.before())).append(" → ").append(badge(c.after()))
                .append("</td><td class=\"num\">").append(money(c.dollarsMoved()));
        if (!c.linesMoved().isEmpty()) {
            s.append("<div class=\"meta\">line").append(c.linesMoved().size() == 1 ? " " : "s ")
                    .append(esc(String.join(", ", c.linesMoved().stream().map(String::valueOf).toList()))).append("</div>");
        }
        s.append("</td><td><ul class=\"changes\">");
        for (Finding f : c.added()) {
            finding(s, "added", "+", f);
        }
        for (Finding f : c.removed()) {
            finding(s, "removed", "−", f);
        }
        s.append("</ul></td></tr>\n");
        rowsOut.write(s.toString());
    }

    private static void finding(StringBuilder s, String kind, String sign, Finding f) {
        s.append("<li class=\"").append(kind).append("\"><span class=\"sign\">").append(sign).append("</span> ")
                .append(f.line() == null ? "claim" : "line " + f.line()).append(' ').append(badge(f.severity()));
        if (ClaimChange.carcOf(f) != null) {
            s.append(" <b>").append(esc(ClaimChange.carcOf(f))).append("</b>");
        }
        s.append(" <code>").append(esc(f.rule())).append("</code><div class=\"msg\">").append(esc(f.message())).append("</div>");
        if (f.source() != null) {
            s.append("<div class=\"meta\">").append(esc(f.source())).append("</div>");
        }
        s.append("</li>");
    }

    private static String badge(String outcome) {
        return "<span class=\"badge o-" + esc(outcome) + "\">" + esc(outcome) + "</span>";
    }

    private static String money(BigDecimal v) {
        return esc(Svg.money(v));
    }

    /** Writes the page around the rows written so far and renames it to FILE. */
    public void finish(DiffTally t, About about) throws IOException {
        rowsOut.close();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8))) {
            StringBuilder s = new StringBuilder(32 * 1024);
            s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                    .append(esc(about.title())).append("</title>\n<style>\n").append(HtmlReport.CSS).append(CSS)
                    .append("</style>\n</head>\n<body>\n<header><h1>").append(esc(about.title()))
                    .append("</h1><p class=\"sub\">From <code>").append(esc(about.from())).append("</code> to <code>")
                    .append(esc(about.to())).append("</code> on ").append(esc(about.inputs())).append(" · ")
                    .append(esc(about.generated())).append("</p></header>\n<main>\n");
            cards(s, t);
            transitions(s, t);
            rules(s, t);
            carcs(s, t);
            s.append("<section id=\"claims\"><h2>Changed claims</h2>\n");
            if (t.changed() == 0) {
                s.append("<p class=\"empty\">No claim's decision changed.</p>\n</section>\n");
            } else {
                s.append("<p>Each claim whose decision changed: its outcome before and after, the charges on the lines whose "
                        + "outcome changed, and the findings the change added (+, with the rule's place in the new "
                        + "policies) and removed (−, with its place in the old).</p>\n");
                if (t.changed() > listed) {
                    s.append("<p class=\"note\" id=\"not-listed\">The first ").append(num(listed)).append(" of ")
                            .append(num(t.changed())).append(" changed claims are listed; `ppl diff --format json` "
                                    + "lists every one.</p>\n");
                }
                s.append("<table class=\"claims\"><thead><tr><th>Claim</th><th>Outcome</th><th class=\"num\">Charges moved"
                        + "</th><th>Findings added and removed</th></tr></thead><tbody>\n");
            }
            out.write(s.toString());
            if (t.changed() > 0) {
                try (Reader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                    in.transferTo(out);
                }
                out.write("</tbody></table>\n</section>\n");
            }
            out.write("<footer><p>A claim's decision changed when its outcome did or when a finding was added or removed. "
                    + "Findings are the same when their policy, rule, line, severity, group, CARC and RARCs are: a new "
                    + "policy version or new wording alone changes nothing. A line's outcome is the worst severity of "
                    + "its findings and the claim-level ones; charges moved are the charges of the lines whose outcome "
                    + "changed. This report names claims and quotes finding messages, which may carry PHI.</p></footer>\n"
                    + "</main>\n</body>\n</html>\n");
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    private static void cards(StringBuilder s, DiffTally t) {
        s.append("<section class=\"cards\" aria-label=\"Summary\">\n");
        card(s, "claims", "Claims replayed", num(t.compared()), "each judged by the old and the new policies");
        card(s, "changed", "Decisions changed", num(t.changed()), t.compared() == 0 ? "of none"
                : num(Math.round(1000d * t.changed() / t.compared()) / 10d) + "% of the claims");
        card(s, "dollars", "Charges moved", Svg.money(t.dollarsMoved()), "on " + num(t.linesMoved()) + " line"
                + (t.linesMoved() == 1 ? "" : "s") + " whose outcome changed");
        card(s, "clean-to-deny", "Paid claims now denied", num(t.cleanToDeny()), "clean or info before, deny or reject now");
        s.append("</section>\n");
    }

    private static void card(StringBuilder s, String id, String label, String value, String note) {
        s.append("<div class=\"card\" data-card=\"").append(id).append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\">").append(esc(value)).append("</div><div class=\"note\">")
                .append(esc(note)).append("</div></div>\n");
    }

    private static void transitions(StringBuilder s, DiffTally t) {
        s.append("<section id=\"transitions\"><h2>Outcome changes</h2>\n");
        List<Map.Entry<String, Long>> rows = t.transitions();
        if (rows.isEmpty()) {
            s.append("<p class=\"empty\">None.</p>\n</section>\n");
            return;
        }
        s.append("<figure class=\"chart\" data-chart=\"transitions\"><figcaption>Changed claims by outcome before and "
                + "after</figcaption>\n");
        long max = rows.stream().mapToLong(Map.Entry::getValue).max().orElse(1);
        int label = 170;
        int height = rows.size() * 26 + 8;
        double scale = (WIDTH - label - 70) / (double) max;
        svg(s, height, "changed claims by outcome transition");
        int i = 0;
        for (Map.Entry<String, Long> e : rows) {
            int y = 4 + i * 26;
            String[] ba = e.getKey().split("->");
            s.append("<text class=\"label\" x=\"").append(label - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(esc(ba[0] + " → " + ba[1])).append("</text>")
                    .append("<rect data-mark=\"transition-bar\" data-count=\"").append(e.getValue()).append("\" x=\"")
                    .append(label).append("\" y=\"").append(y + 3).append("\" width=\"").append(n(Math.max(1, e.getValue() * scale)))
                    .append("\" height=\"18\" fill=\"").append(colour(ba[1])).append("\"><title>").append(esc(e.getKey()))
                    .append(": ").append(e.getValue()).append("</title></rect><text class=\"val\" x=\"")
                    .append(n(label + e.getValue() * scale + 6)).append("\" y=\"").append(y + 15).append("\">")
                    .append(num(e.getValue())).append("</text>\n");
            i++;
        }
        s.append("</svg>\n<table><thead><tr><th>Before</th><th>After</th><th class=\"num\">Claims</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Long> e : rows) {
            String[] ba = e.getKey().split("->");
            s.append("<tr data-transition=\"").append(esc(e.getKey())).append("\"><td>").append(badge(ba[0])).append("</td><td>")
                    .append(badge(ba[1])).append("</td><td class=\"num\">").append(num(e.getValue())).append("</td></tr>\n");
        }
        s.append("</tbody></table></figure>\n</section>\n");
    }

    private static String colour(String outcome) {
        return switch (outcome) {
            case "reject" -> "#912018";
            case "deny" -> "#D92D20";
            case "review" -> "#DC6803";
            case "info" -> "#0072B2";
            default -> "#039855";
        };
    }

    private static void rules(StringBuilder s, DiffTally t) {
        s.append("<section id=\"rules\"><h2>Findings by rule</h2>\n");
        List<Map.Entry<String, DiffTally.Delta>> rows = t.rules();
        if (rows.isEmpty()) {
            s.append("<p class=\"empty\">None.</p>\n</section>\n");
            return;
        }
        s.append("<figure class=\"chart\" data-chart=\"rules\"><figcaption>Findings removed (left) and added (right) by "
                + "rule").append(rows.size() > RULE_BARS ? ", the " + RULE_BARS + " that moved most" : "")
                .append("</figcaption>\n");
        List<Map.Entry<String, DiffTally.Delta>> shown = rows.subList(0, Math.min(RULE_BARS, rows.size()));
        long max = shown.stream().mapToLong(e -> Math.max(e.getValue().added(), e.getValue().removed())).max().orElse(1);
        int label = 250;
        double mid = label + (WIDTH - label) / 2d;
        double scale = ((WIDTH - label) / 2d - 40) / Math.max(1, max);
        svg(s, shown.size() * 24 + 8, "findings added and removed by rule");
        s.append("<line class=\"grid\" x1=\"").append(n(mid)).append("\" x2=\"").append(n(mid))
                .append("\" y1=\"0\" y2=\"").append(shown.size() * 24 + 8).append("\"/>\n");
        int i = 0;
        for (Map.Entry<String, DiffTally.Delta> e : shown) {
            int y = 4 + i * 24;
            long a = e.getValue().added();
            long r = e.getValue().removed();
            s.append("<text class=\"label\" x=\"").append(label - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(esc(e.getKey())).append("</text>");
            if (r > 0) {
                s.append("<rect data-mark=\"removed-bar\" data-count=\"").append(r).append("\" x=\"").append(n(mid - r * scale))
                        .append("\" y=\"").append(y + 3).append("\" width=\"").append(n(r * scale))
                        .append("\" height=\"16\" fill=\"").append(REMOVED).append("\"><title>").append(esc(e.getKey()))
                        .append(": ").append(r).append(" removed</title></rect><text class=\"val\" x=\"")
                        .append(n(mid - r * scale - 4)).append("\" y=\"").append(y + 14).append("\" text-anchor=\"end\">−")
                        .append(num(r)).append("</text>");
            }
            if (a > 0) {
                s.append("<rect data-mark=\"added-bar\" data-count=\"").append(a).append("\" x=\"").append(n(mid))
                        .append("\" y=\"").append(y + 3).append("\" width=\"").append(n(a * scale))
                        .append("\" height=\"16\" fill=\"").append(ADDED).append("\"><title>").append(esc(e.getKey()))
                        .append(": ").append(a).append(" added</title></rect><text class=\"val\" x=\"")
                        .append(n(mid + a * scale + 4)).append("\" y=\"").append(y + 14).append("\">+").append(num(a))
                        .append("</text>");
            }
            s.append('\n');
            i++;
        }
        s.append("</svg>\n<p class=\"legend\"><span><i style=\"background:").append(REMOVED)
                .append("\"></i>findings removed</span><span><i style=\"background:").append(ADDED)
                .append("\"></i>findings added</span></p>\n");
        deltaTable(s, "Rule", rows, "rule");
        s.append("</figure>\n</section>\n");
    }

    private static void carcs(StringBuilder s, DiffTally t) {
        s.append("<section id=\"carcs\"><h2>Findings by CARC</h2>\n");
        if (t.carcs().isEmpty()) {
            s.append("<p class=\"empty\">No finding with a claim adjustment reason code was added or removed.</p>\n</section>\n");
            return;
        }
        s.append("<p>The claim adjustment reason codes (with their group) a payer would send for the findings added and "
                + "removed.</p>\n");
        deltaTable(s, "CARC", t.carcs(), "carc");
        s.append("</section>\n");
    }

    private static void deltaTable(StringBuilder s, String head, List<Map.Entry<String, DiffTally.Delta>> rows, String kind) {
        s.append("<table><thead><tr><th>").append(esc(head)).append("</th><th class=\"num\">Added</th><th class=\"num\">"
                + "Removed</th></tr></thead><tbody>\n");
        for (Map.Entry<String, DiffTally.Delta> e : rows) {
            s.append("<tr data-").append(kind).append("=\"").append(esc(e.getKey())).append("\"><td>").append(esc(e.getKey()))
                    .append("</td><td class=\"num\">").append(num(e.getValue().added())).append("</td><td class=\"num\">")
                    .append(num(e.getValue().removed())).append("</td></tr>\n");
        }
        s.append("</tbody></table>\n");
    }

    private static void svg(StringBuilder s, int height, String label) {
        s.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"100%\" role=\"img\" "
                + "aria-label=\"").append(esc(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    }

    /** Removes what an unfinished report left: its rows and FILE.partial. */
    @Override
    public void close() {
        try {
            rowsOut.close();
        } catch (IOException ignored) {
            // being cleaned up
        }
        try {
            Files.deleteIfExists(rows);
            if (!finished) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is not worth failing for
        }
    }

    private static final String CSS = """
            .badge.o-reject { background: #FEE4E2; color: #7A271A; }
            .badge.o-deny { background: #FEE4E2; color: #B42318; }
            .badge.o-review { background: #FEF0C7; color: #93370D; }
            .badge.o-info { background: #E0F2FE; color: #075985; }
            .badge.o-clean { background: #D1FADF; color: #05603A; }
            svg text.val { fill: #344054; }
            code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
            table.claims td { font-size: 13px; }
            table.claims td.claim { width: 22%; }
            .path { overflow-wrap: anywhere; }
            ul.changes { list-style: none; margin: 0; padding: 0; }
            ul.changes li { margin: 0 0 8px; padding-left: 18px; position: relative; }
            ul.changes li .sign { position: absolute; left: 0; font-weight: 700; }
            ul.changes li.added .sign { color: #B42318; }
            ul.changes li.removed .sign { color: #0072B2; }
            ul.changes .msg { color: var(--ink); }
            """;
}
