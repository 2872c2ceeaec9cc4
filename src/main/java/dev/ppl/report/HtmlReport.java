package dev.ppl.report;

import static dev.ppl.report.Svg.esc;
import static dev.ppl.report.Svg.n;
import static dev.ppl.report.Svg.num;

import dev.ppl.audit.AuditResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The audit as one self-contained HTML file a compliance officer can open offline and forward:
 * inline CSS, charts as inline SVG drawn here, each chart followed by the table behind it, no
 * script and nothing fetched. Every chart mark carries a {@code data-mark} attribute naming what
 * it shows, so tests can count them.
 */
public final class HtmlReport {
    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999",
        "#000000"};
    private static final String FLAG = "#B42318";
    private static final int WIDTH = 760;

    private final AuditResult r;
    private final String title;
    private final String generated;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private int figures;

    private HtmlReport(AuditResult r, String title, String generated) {
        this.r = r;
        this.title = title;
        this.generated = generated;
    }

    /**
     * Renders the report.
     *
     * @param title the report's title, e.g. the practice's name
     * @param generated when and from what it was made, shown under the title
     */
    public static String render(AuditResult r, String title, String generated) {
        return new HtmlReport(r, title, generated).page();
    }

    private String page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header><h1>").append(esc(title)).append("</h1><p class=\"sub\">").append(esc(generated))
                .append("</p></header>\n<main>\n");
        summary();
        attention();
        findingsByMonth();
        rules();
        measures();
        remittances();
        out.append("<footer><p>Patients appear only as keyed hashes (hmac-sha256); no names, birth dates, notes or "
                + "patient ids are in this report. Figures come from the claims read and the policies loaded; a flag "
                + "is a reason to look at the claims, not a finding of wrongdoing. Benchmarks marked illustrative are not "
                + "published figures.</p></footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ summary

    private void summary() {
        long flags = r.measures().stream().mapToLong(m -> m.flagged().size()).sum();
        long high = r.measures().stream().flatMap(m -> m.flagged().stream()).filter(g -> g.flag().level().equals("high")).count();
        long findings = r.rules().stream().mapToLong(AuditResult.RuleTally::findings).sum();
        out.append("<section class=\"cards\" aria-label=\"Summary\">\n");
        card("Claims reviewed", num(r.claims()), num(r.lines()) + " service lines, " + Svg.money(r.charges()) + " charged");
        card("Flags raised", num(flags), high + " high priority");
        card("Rule findings", num(findings), "deny, reject or review, on " + r.rules().size() + " rules");
        card("Charges on flagged lines", Svg.money(r.atRisk()), percent(r.atRisk(), r.charges()) + " of all charges");
        if (r.remits() != null) {
            long denied = r.remits().deniedByCarc().values().stream().mapToLong(Long::longValue).sum();
            card("Lines the payer denied", num(denied), r.remits().matched() + " of " + r.remits().claims()
                    + " remitted claims matched");
        }
        if (r.invalid() > 0) {
            card("Records not read", num(r.invalid()), "not valid claims; see the command's output");
        }
        out.append("</section>\n");
    }

    private static String percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? "0%" : num(Math.round(part.doubleValue() * 1000 / whole.doubleValue()) / 10d) + "%";
    }

    private void card(String label, String value, String note) {
        out.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\">")
                .append(esc(value)).append("</div><div class=\"note\">").append(esc(note)).append("</div></div>\n");
    }

    // ---------------------------------------------------------------- attention

    private void attention() {
        out.append("<section id=\"attention\"><h2>What needs attention</h2>\n");
        List<String[]> rows = new ArrayList<>();
        for (AuditResult.MeasureResult m : r.measures()) {
            for (AuditResult.GroupResult g : m.flagged()) {
                rows.add(new String[] {g.flag().level(), m.description(), who(m, g), g.flag().message(),
                    g.flag().fix() == null ? "" : g.flag().fix(), String.join(", ", g.claims()), g.flag().cites()});
            }
        }
        if (rows.isEmpty()) {
            out.append("<p>No measure raised a flag: every provider compared with its peers stayed within the "
                    + "thresholds of the loaded audit policies.</p></section>\n");
            return;
        }
        rows.sort((a, b) -> Integer.compare(rank(a[0]), rank(b[0])));
        out.append("<p>Each row is a group whose figures crossed a threshold of an audit policy. Open a row's claims to "
                + "pull the records for review.</p>\n<table class=\"flags\"><thead><tr><th>Priority</th><th>Red flag</th>"
                + "<th>Who</th><th>What the claims show</th><th>What to do</th></tr></thead><tbody>\n");
        for (String[] row : rows) {
            out.append("<tr><td><span class=\"badge ").append(esc(row[0])).append("\">").append(esc(row[0]))
                    .append("</span></td><td>").append(esc(row[1])).append("</td><td>").append(row[2]).append("</td><td>")
                    .append(esc(row[3])).append("<details><summary>Claims to review</summary><p class=\"ids\">")
                    .append(esc(row[5])).append("</p>").append(row[6] == null ? "" : "<p class=\"cite\">Source: "
                            + esc(row[6]) + "</p>").append("</details></td><td>").append(esc(row[4])).append("</td></tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    private static int rank(String level) {
        return switch (level) {
            case "high" -> 0;
            case "medium" -> 1;
            default -> 2;
        };
    }

    private static String who(AuditResult.MeasureResult m, AuditResult.GroupResult g) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < m.dimensions().size(); i++) {
            String dim = m.dimensions().get(i);
            String value = g.key().get(i);
            if (dim.equals("patient") && value.startsWith("hmac-sha256:")) {
                value = "patient " + value.substring(12, 24) + "…";
            } else {
                value = (dim.equals("provider") ? "NPI" : label(dim).toLowerCase(java.util.Locale.ROOT)) + " " + value;
            }
            s.append(i == 0 ? "" : "<br>").append(esc(value));
        }
        return s.toString();
    }

    private static String label(String dimension) {
        return switch (dimension) {
            case "provider" -> "NPI";
            case "renderingProvider" -> "Rendering NPI";
            case "placeOfService" -> "Place of service";
            default -> Character.toUpperCase(dimension.charAt(0)) + dimension.substring(1);
        };
    }

    // ---------------------------------------------------------- findings by month

    private void findingsByMonth() {
        out.append("<section id=\"trend\"><h2>Rule findings per month</h2>\n<p>Claim lines a rule would deny, reject or "
                + "send to review, by month of service, stacked by the claim adjustment reason code (CARC) the payer "
                + "would use.</p>\n");
        stackedMonths("findings", r.findingsByMonth(), "findings");
        out.append("</section>\n");
    }

    private void stackedMonths(String kind, SortedMap<String, SortedMap<String, Long>> byMonth, String noun) {
        if (byMonth.isEmpty()) {
            out.append("<p class=\"empty\">None.</p>\n");
            return;
        }
        TreeSet<String> carcs = new TreeSet<>((a, b) -> compareCodes(a, b));
        byMonth.values().forEach(m -> carcs.addAll(m.keySet()));
        Map<String, String> colour = new LinkedHashMap<>();
        int i = 0;
        for (String c : carcs) {
            colour.put(c, PALETTE[i++ % PALETTE.length]);
        }
        double max = byMonth.values().stream().mapToDouble(m -> m.values().stream().mapToLong(Long::longValue).sum()).max()
                .orElse(1);
        double top = Svg.niceMax(max);
        int left = 48;
        int bottom = 30;
        int height = 240;
        int plot = height - bottom - 10;
        int months = byMonth.size();
        double slot = (WIDTH - left - 10) / (double) months;
        double barWidth = Math.min(48, slot * 0.7);
        figureStart(kind + "-by-month", Character.toUpperCase(noun.charAt(0)) + noun.substring(1)
                + " per month, stacked by CARC");
        svgStart(height, noun + " per month by CARC");
        axisY(left, plot, top, 10);
        int m = 0;
        for (Map.Entry<String, SortedMap<String, Long>> e : byMonth.entrySet()) {
            double x = left + slot * m + (slot - barWidth) / 2;
            double y = 10 + plot;
            for (String c : carcs) {
                long v = e.getValue().getOrDefault(c, 0L);
                if (v == 0) {
                    continue;
                }
                double h = plot * v / top;
                y -= h;
                out.append("<rect data-mark=\"").append(kind).append("-bar\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                        .append("\" width=\"").append(n(barWidth)).append("\" height=\"").append(n(h)).append("\" fill=\"")
                        .append(colour.get(c)).append("\"><title>").append(esc(e.getKey())).append(", ").append(esc(carc(c)))
                        .append(": ").append(v).append("</title></rect>\n");
            }
            if (months <= 18 || m % 2 == 0) {
                out.append("<text class=\"tick\" x=\"").append(n(x + barWidth / 2)).append("\" y=\"").append(height - 12)
                        .append("\" text-anchor=\"middle\">").append(esc(e.getKey())).append("</text>\n");
            }
            m++;
        }
        out.append("</svg>\n");
        legend(colour, "CARC ");
        out.append("<table><thead><tr><th>Month</th>");
        carcs.forEach(c -> out.append("<th class=\"num\">").append(esc(carc(c))).append("</th>"));
        out.append("<th class=\"num\">Total</th></tr></thead><tbody>\n");
        for (Map.Entry<String, SortedMap<String, Long>> e : byMonth.entrySet()) {
            out.append("<tr><td>").append(esc(e.getKey())).append("</td>");
            long total = 0;
            for (String c : carcs) {
                long v = e.getValue().getOrDefault(c, 0L);
                total += v;
                out.append("<td class=\"num\">").append(v == 0 ? "" : num(v)).append("</td>");
            }
            out.append("<td class=\"num\">").append(num(total)).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        figureEnd();
    }

    private static int compareCodes(String a, String b) {
        boolean na = a.matches("[0-9]+");
        boolean nb = b.matches("[0-9]+");
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return na ? -1 : nb ? 1 : a.compareTo(b);
    }

    private static String carc(String code) {
        return code.equals("(none)") ? "No CARC (review)" : "CARC " + code;
    }

    private void legend(Map<String, String> colour, String prefix) {
        out.append("<p class=\"legend\">");
        colour.forEach((k, c) -> out.append("<span><i style=\"background:").append(c).append("\"></i>")
                .append(esc(carc(k))).append("</span>"));
        out.append("</p>\n");
    }

    // -------------------------------------------------------------------- rules

    private void rules() {
        out.append("<section id=\"rules\"><h2>Findings by rule, and the charges behind them</h2>\n<p>How often each "
                + "rule flagged a line, and the charges on the lines it flagged (a line flagged by two rules counts "
                + "under both, once in the total).</p>\n");
        List<AuditResult.RuleTally> shown = r.rules().stream().limit(20).toList();
        if (shown.isEmpty()) {
            out.append("<p class=\"empty\">No rule flagged a line.</p></section>\n");
            return;
        }
        double max = shown.stream().mapToLong(AuditResult.RuleTally::findings).max().orElse(1);
        double maxMoney = shown.stream().mapToDouble(t -> t.atRisk().doubleValue()).max().orElse(1);
        figureStart("rules", "Findings and charges at risk by rule");
        int rowHeight = 22;
        int labelWidth = 250;
        int half = (WIDTH - labelWidth - 30) / 2;
        int height = 28 + rowHeight * shown.size();
        svgStart(height, "findings and charges at risk by rule");
        out.append("<text class=\"head\" x=\"").append(labelWidth).append("\" y=\"14\">Findings</text>")
                .append("<text class=\"head\" x=\"").append(labelWidth + half + 20).append("\" y=\"14\">Charges on flagged lines</text>\n");
        int i = 0;
        for (AuditResult.RuleTally t : shown) {
            double y = 24 + i * rowHeight;
            out.append("<text class=\"label\" x=\"").append(labelWidth - 8).append("\" y=\"").append(n(y + 13))
                    .append("\" text-anchor=\"end\">").append(esc(shorten(t.rule(), 36))).append("</text>\n");
            double w = Math.max(1, (half - 40) * t.findings() / max);
            out.append("<rect data-mark=\"rule-bar\" x=\"").append(labelWidth).append("\" y=\"").append(n(y + 3))
                    .append("\" width=\"").append(n(w)).append("\" height=\"14\" fill=\"").append(PALETTE[0])
                    .append("\"><title>").append(esc(t.rule())).append(": ").append(t.findings()).append(" findings</title></rect>")
                    .append("<text class=\"val\" x=\"").append(n(labelWidth + w + 4)).append("\" y=\"").append(n(y + 14))
                    .append("\">").append(num(t.findings())).append("</text>\n");
            double mw = maxMoney <= 0 ? 0 : (half - 60) * t.atRisk().doubleValue() / maxMoney;
            double mx = labelWidth + half + 20;
            out.append("<rect data-mark=\"money-bar\" x=\"").append(n(mx)).append("\" y=\"").append(n(y + 3))
                    .append("\" width=\"").append(n(Math.max(mw, 0))).append("\" height=\"14\" fill=\"").append(PALETTE[1])
                    .append("\"><title>").append(esc(t.rule())).append(": ").append(Svg.money(t.atRisk())).append("</title></rect>")
                    .append("<text class=\"val\" x=\"").append(n(mx + mw + 4)).append("\" y=\"").append(n(y + 14)).append("\">")
                    .append(Svg.money(t.atRisk())).append("</text>\n");
            i++;
        }
        out.append("</svg>\n<table><thead><tr><th>Rule</th><th>Policy</th><th class=\"num\">Findings</th><th class=\"num\">"
                + "Lines</th><th class=\"num\">Charges on those lines</th><th>CARC</th></tr></thead><tbody>\n");
        for (AuditResult.RuleTally t : r.rules()) {
            out.append("<tr><td>").append(esc(t.rule())).append("</td><td>").append(esc(t.policy())).append("</td><td class=\"num\">")
                    .append(num(t.findings())).append("</td><td class=\"num\">").append(num(t.lines()))
                    .append("</td><td class=\"num\">").append(Svg.money(t.atRisk())).append("</td><td>")
                    .append(esc(String.join(", ", t.carcs()))).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        if (r.rules().size() > shown.size()) {
            out.append("<p class=\"note\">The chart shows the ").append(shown.size()).append(" rules with the most findings; "
                    + "the table lists all ").append(r.rules().size()).append(".</p>\n");
        }
        figureEnd();
        out.append("</section>\n");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ----------------------------------------------------------------- measures

    private void measures() {
        out.append("<section id=\"measures\"><h2>How each provider compares with its peers</h2>\n<p>For each audit measure, "
                + "every group's value against the distribution of its peers in these claims, in the manner of CMS "
                + "Comparative Billing Reports. Only groups with at least the minimum volume are compared.</p>\n");
        for (AuditResult.MeasureResult m : r.measures()) {
            measure(m);
        }
        out.append("</section>\n");
    }

    private void measure(AuditResult.MeasureResult m) {
        String id = "measure-" + m.key().replaceAll("[^A-Za-z0-9]+", "-");
        boolean rate = m.kind().equals("rate");
        String unit = rate ? "%" : "";
        List<AuditResult.GroupResult> peers = m.groups().stream().filter(g -> !Double.isNaN(g.percentile())).toList();
        out.append("<article class=\"measure\" id=\"").append(esc(id)).append("\"><h3>").append(esc(m.description()))
                .append("</h3>\n<p class=\"meta\">").append(esc(m.key())).append(" · by ").append(esc(String.join(", ", m.dimensions())));
        if (m.minimumVolume() != null) {
            out.append(" · compared when volume ≥ ").append(m.minimumVolume());
        }
        out.append(" · ").append(m.groups().size()).append(" groups, ").append(peers.size()).append(" compared</p>\n");
        if (m.cites() != null) {
            out.append("<p class=\"cite\">Source: ").append(esc(m.cites())).append("</p>\n");
        }
        if (peers.isEmpty()) {
            out.append("<p class=\"empty\">No group had enough volume to be compared.</p></article>\n");
            return;
        }
        List<AuditResult.GroupResult> sorted = new ArrayList<>(peers);
        sorted.sort((a, b) -> Double.compare(a.value(), b.value()));
        if (sorted.size() > HISTOGRAM) {
            histogram(m, id, sorted, unit);
            return;
        }
        boolean dots = sorted.size() > 60;
        double max = Math.max(sorted.get(sorted.size() - 1).value(), m.benchmarks().values().stream()
                .filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max().orElse(0));
        double top = rate ? Math.max(Svg.niceMax(max), 1) : Svg.niceMax(max);
        if (rate && top > 100) {
            top = 100;
        }
        int left = 48;
        int height = 220;
        int plot = height - 40;
        double slot = (WIDTH - left - 120) / (double) sorted.size();
        figureStart(id, m.description());
        svgStart(height, m.description() + ": each group's value, the 90th percentile and benchmarks");
        axisY(left, plot, top, 10);
        int i = 0;
        for (AuditResult.GroupResult g : sorted) {
            double x = left + slot * i;
            double h = plot * g.value() / top;
            String fill = g.flag() != null ? FLAG : PALETTE[4];
            String label = String.join(" / ", g.key()) + ": " + num(g.value()) + unit + (g.flag() != null ? " (flagged)" : "");
            if (dots) {
                out.append("<circle data-mark=\"group\" cx=\"").append(n(x + slot / 2)).append("\" cy=\"")
                        .append(n(10 + plot - h)).append("\" r=\"3\" fill=\"").append(fill).append("\"><title>")
                        .append(esc(label)).append("</title></circle>\n");
            } else {
                out.append("<rect data-mark=\"group\" x=\"").append(n(x + slot * 0.15)).append("\" y=\"").append(n(10 + plot - h))
                        .append("\" width=\"").append(n(Math.max(1, slot * 0.7))).append("\" height=\"").append(n(Math.max(h, 0.5)))
                        .append("\" fill=\"").append(fill).append("\"><title>").append(esc(label)).append("</title></rect>\n");
            }
            i++;
        }
        double x1 = left;
        double x2 = left + slot * sorted.size();
        referenceLine("p90", "90th percentile " + num(m.peer90()) + unit, m.peer90(), top, plot, x1, x2, "#344054", "6 4");
        int b = 0;
        for (Map.Entry<String, Double> e : m.benchmarks().entrySet()) {
            if (!Double.isNaN(e.getValue())) {
                referenceLine("benchmark", e.getKey() + " benchmark " + num(e.getValue()) + unit, e.getValue(), top, plot, x1,
                        x2, "#027A48", "2 3");
            }
            b++;
        }
        out.append("<text class=\"tick\" x=\"").append(n((x1 + x2) / 2)).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"middle\">").append(sorted.size()).append(" ").append(esc(plural(m.dimensions())))
                .append(", lowest to highest</text>\n</svg>\n");
        out.append("<p class=\"legend\"><span><i style=\"background:").append(PALETTE[4]).append("\"></i>compared group</span>")
                .append("<span><i style=\"background:").append(FLAG).append("\"></i>flagged</span>")
                .append("<span><i class=\"line dash\"></i>90th percentile of peers</span>");
        if (b > 0) {
            out.append("<span><i class=\"line dot\"></i>benchmark</span>");
        }
        out.append("</p>\n");
        groupTable(m, unit);
        figureEnd();
        out.append("</article>\n");
    }

    /** Above this many peers a measure is drawn as a histogram of the groups' values, not one mark per group. */
    static final int HISTOGRAM = 200;

    private void histogram(AuditResult.MeasureResult m, String id, List<AuditResult.GroupResult> sorted, String unit) {
        double max = sorted.get(sorted.size() - 1).value();
        double min = Math.min(0, sorted.get(0).value());
        int bins = 20;
        double width = Math.max((max - min) / bins, 1e-9);
        long[] counts = new long[bins];
        for (AuditResult.GroupResult g : sorted) {
            counts[Math.min(bins - 1, (int) ((g.value() - min) / width))]++;
        }
        long most = java.util.Arrays.stream(counts).max().orElse(1);
        double top = Svg.niceMax(most);
        int left = 48;
        int height = 220;
        int plot = height - 40;
        double slot = (WIDTH - left - 120) / (double) bins;
        figureStart(id, m.description() + ": how many groups have each value");
        svgStart(height, m.description() + ": histogram of the groups' values with the 90th percentile");
        axisY(left, plot, top, 10);
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double lo = min + b * width;
            double h = plot * counts[b] / top;
            boolean flagged = lo + width > m.peer90() && sorted.stream().anyMatch(g -> g.flag() != null && g.value() >= lo);
            out.append("<rect data-mark=\"bin\" data-count=\"").append(counts[b]).append("\" x=\"").append(n(left + slot * b + 1))
                    .append("\" y=\"").append(n(10 + plot - h)).append("\" width=\"").append(n(slot - 2)).append("\" height=\"")
                    .append(n(h)).append("\" fill=\"").append(flagged ? FLAG : PALETTE[4]).append("\"><title>")
                    .append(num(counts[b])).append(" groups from ").append(num(lo)).append(unit).append(" to ")
                    .append(num(lo + width)).append(unit).append("</title></rect>\n");
        }
        double p90x = left + slot * Math.min(bins, (m.peer90() - min) / width);
        out.append("<line data-mark=\"p90\" x1=\"").append(n(p90x)).append("\" x2=\"").append(n(p90x)).append("\" y1=\"10\" y2=\"")
                .append(10 + plot).append("\" stroke=\"#344054\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>90th percentile ")
                .append(num(m.peer90())).append(unit).append("</title></line><text class=\"ref\" x=\"").append(n(p90x + 4))
                .append("\" y=\"20\" fill=\"#344054\">90th percentile</text>\n");
        out.append("<text class=\"tick\" x=\"").append(left).append("\" y=\"").append(height - 8).append("\">").append(num(min))
                .append(unit).append("</text><text class=\"tick\" x=\"").append(n(left + slot * bins)).append("\" y=\"")
                .append(height - 8).append("\" text-anchor=\"end\">").append(num(max)).append(unit).append("</text>")
                .append("<text class=\"tick\" x=\"").append(n(left + slot * bins / 2)).append("\" y=\"").append(height - 8)
                .append("\" text-anchor=\"middle\">").append(num(sorted.size())).append(" groups by value</text>\n</svg>\n");
        out.append("<p class=\"legend\"><span><i style=\"background:").append(PALETTE[4]).append("\"></i>groups</span>")
                .append("<span><i style=\"background:").append(FLAG).append("\"></i>holds a flagged group</span>")
                .append("<span><i class=\"line dash\"></i>90th percentile of peers</span></p>\n");
        groupTable(m, unit, 10);
        figureEnd();
        out.append("</article>\n");
    }

    private static String plural(List<String> dims) {
        return dims.size() == 1 && dims.get(0).equals("provider") ? "providers" : "groups";
    }

    private void referenceLine(String mark, String label, double v, double top, int plot, double x1, double x2, String colour,
            String dash) {
        if (Double.isNaN(v)) {
            return;
        }
        double y = 10 + plot - plot * Math.min(v, top) / top;
        out.append("<line data-mark=\"").append(mark).append("\" x1=\"").append(n(x1)).append("\" x2=\"").append(n(x2))
                .append("\" y1=\"").append(n(y)).append("\" y2=\"").append(n(y)).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"").append(dash).append("\"><title>").append(esc(label))
                .append("</title></line><text class=\"ref\" x=\"").append(n(x2 + 4)).append("\" y=\"").append(n(y + 4))
                .append("\" fill=\"").append(colour).append("\">").append(esc(label.replaceFirst(" [0-9.,%]+$", "")))
                .append("</text>\n");
    }

    private void groupTable(AuditResult.MeasureResult m, String unit) {
        groupTable(m, unit, 50);
    }

    private void groupTable(AuditResult.MeasureResult m, String unit, int limit) {
        boolean rate = m.kind().equals("rate");
        out.append("<table><thead><tr>");
        m.dimensions().forEach(d -> out.append("<th>").append(esc(label(d))).append("</th>"));
        out.append("<th class=\"num\">Value</th>");
        if (rate) {
            out.append("<th class=\"num\">Of</th>");
        }
        out.append("<th class=\"num\">").append(m.distinctVolume() ? "Patients" : "Items").append("</th>")
                .append("<th class=\"num\">Percentile</th><th>Flag</th></tr></thead><tbody>\n");
        int shown = 0;
        for (AuditResult.GroupResult g : m.groups()) {
            if (shown++ == limit) {
                break;
            }
            out.append("<tr").append(g.flag() != null ? " class=\"flagged\"" : "").append(">");
            for (int i = 0; i < g.key().size(); i++) {
                String v = g.key().get(i);
                out.append("<td>").append(esc(v.startsWith("hmac-sha256:") ? v.substring(12, 24) + "…" : v)).append("</td>");
            }
            out.append("<td class=\"num\">").append(num(g.value())).append(unit).append("</td>");
            if (rate) {
                out.append("<td class=\"num\">").append(num(g.numerator())).append(" / ").append(num(g.items())).append("</td>");
            }
            out.append("<td class=\"num\">").append(num(g.volume())).append(g.exact() ? "" : " (est.)").append("</td><td class=\"num\">")
                    .append(Double.isNaN(g.percentile()) ? "below minimum" : num(g.percentile())).append("</td><td>")
                    .append(g.flag() == null ? "" : "<span class=\"badge " + esc(g.flag().level()) + "\">" + esc(g.flag().level())
                            + "</span>").append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        if (m.groups().size() > limit) {
            out.append("<p class=\"note\">The ").append(limit).append(" groups shown are the flagged ones and then the "
                    + "highest values; the CSV output (ppl audit --csv) has all ").append(num(m.groups().size())).append(".</p>\n");
        }
    }

    // ------------------------------------------------------------- remittances

    private void remittances() {
        if (r.remits() == null) {
            return;
        }
        AuditResult.RemitResult rr = r.remits();
        out.append("<section id=\"remits\"><h2>What the payer actually did</h2>\n<p>").append(num(rr.claims()))
                .append(" remitted claims read from the 835 files, ").append(num(rr.matched()))
                .append(" matched to claims in this review by claim id.</p>\n<h3>Denied lines per month</h3>\n");
        stackedMonths("denials", rr.deniedByMonth(), "denied lines");
        out.append("<h3>Predicted against actual</h3>\n<p>For each rule: the remitted lines it flagged, and how many of "
                + "those the payer denied. A rule whose flags the payer rarely denies may be stricter than the payer; "
                + "denials no rule predicted are listed after it.</p>\n");
        if (rr.predicted().isEmpty()) {
            out.append("<p class=\"empty\">No rule flagged a remitted line.</p>\n");
        } else {
            figureStart("predicted", "Flagged lines and payer denials by rule");
            int rowHeight = 26;
            int labelWidth = 250;
            int height = 20 + rowHeight * rr.predicted().size();
            double max = rr.predicted().stream().mapToLong(AuditResult.Prediction::flagged).max().orElse(1);
            svgStart(height, "flagged lines and payer denials by rule");
            int i = 0;
            for (AuditResult.Prediction p : rr.predicted()) {
                double y = 10 + i * rowHeight;
                double scale = (WIDTH - labelWidth - 80) / max;
                out.append("<text class=\"label\" x=\"").append(labelWidth - 8).append("\" y=\"").append(n(y + 14))
                        .append("\" text-anchor=\"end\">").append(esc(shorten(p.rule(), 36))).append("</text>\n")
                        .append("<rect data-mark=\"flagged-bar\" x=\"").append(labelWidth).append("\" y=\"").append(n(y + 2))
                        .append("\" width=\"").append(n(Math.max(1, p.flagged() * scale))).append("\" height=\"9\" fill=\"")
                        .append(PALETTE[0]).append("\"><title>").append(esc(p.rule())).append(": flagged ").append(p.flagged())
                        .append("</title></rect>\n<rect data-mark=\"denied-bar\" x=\"").append(labelWidth).append("\" y=\"")
                        .append(n(y + 12)).append("\" width=\"").append(n(p.denied() * scale)).append("\" height=\"9\" fill=\"")
                        .append(PALETTE[5]).append("\"><title>").append(esc(p.rule())).append(": denied ").append(p.denied())
                        .append("</title></rect>\n<text class=\"val\" x=\"").append(n(labelWidth + p.flagged() * scale + 6))
                        .append("\" y=\"").append(n(y + 14)).append("\">").append(p.denied()).append(" of ").append(p.flagged())
                        .append(" denied</text>\n");
                i++;
            }
            out.append("</svg>\n<p class=\"legend\"><span><i style=\"background:").append(PALETTE[0])
                    .append("\"></i>lines the rule flagged</span><span><i style=\"background:").append(PALETTE[5])
                    .append("\"></i>of those, denied by the payer</span></p>\n");
            out.append("<table><thead><tr><th>Rule</th><th class=\"num\">Flagged lines</th><th class=\"num\">Denied</th>"
                    + "<th class=\"num\">Share denied</th><th>Payer's CARC</th></tr></thead><tbody>\n");
            for (AuditResult.Prediction p : rr.predicted()) {
                out.append("<tr><td>").append(esc(p.rule())).append("</td><td class=\"num\">").append(num(p.flagged()))
                        .append("</td><td class=\"num\">").append(num(p.denied())).append("</td><td class=\"num\">")
                        .append(p.flagged() == 0 ? "" : num(Math.round(1000d * p.denied() / p.flagged()) / 10d) + "%")
                        .append("</td><td>").append(esc(counts(p.carcs()))).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
            figureEnd();
        }
        out.append("<h3>Denials no rule predicted</h3>\n");
        if (rr.unpredicted().isEmpty()) {
            out.append("<p class=\"empty\">Every denied line had been flagged by a rule.</p>\n");
        } else {
            out.append("<table><thead><tr><th>CARC</th><th class=\"num\">Denied lines</th></tr></thead><tbody>\n");
            rr.unpredicted().forEach((c, v) -> out.append("<tr><td>").append(esc(c)).append("</td><td class=\"num\">")
                    .append(num(v)).append("</td></tr>\n"));
            out.append("</tbody></table>\n");
        }
        out.append("<h3>Denied lines by payer, provider and code</h3>\n<div class=\"three\">");
        smallTable("Payer", rr.deniedByPayer());
        smallTable("Billing NPI", rr.deniedByProvider());
        smallTable("Procedure code", rr.deniedByCode());
        out.append("</div>\n</section>\n");
    }

    private static String counts(SortedMap<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + " (" + v + ")"));
        return String.join(", ", parts);
    }

    private void smallTable(String head, SortedMap<String, Long> counts) {
        out.append("<table><thead><tr><th>").append(esc(head)).append("</th><th class=\"num\">Denied</th></tr></thead><tbody>");
        counts.forEach((k, v) -> out.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(num(v))
                .append("</td></tr>"));
        out.append("</tbody></table>");
    }

    // ------------------------------------------------------------------ helpers

    private void figureStart(String id, String caption) {
        figures++;
        out.append("<figure class=\"chart\" data-chart=\"").append(esc(id)).append("\"><figcaption>Figure ").append(figures)
                .append(". ").append(esc(caption)).append("</figcaption>\n");
    }

    private void figureEnd() {
        out.append("</figure>\n");
    }

    private void svgStart(int height, String label) {
        out.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"100%\" role=\"img\" "
                + "aria-label=\"").append(esc(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    }

    private void axisY(int left, int plot, double top, int offset) {
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            double y = offset + plot - plot * t / 4d;
            out.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(WIDTH - 10).append("\" y1=\"")
                    .append(n(y)).append("\" y2=\"").append(n(y)).append("\"/><text class=\"tick\" x=\"").append(left - 6)
                    .append("\" y=\"").append(n(y + 4)).append("\" text-anchor=\"end\">").append(num(v)).append("</text>\n");
        }
    }

    /** The reports' shared style sheet (DiffReport uses it too). */
    static final String CSS = """
            :root { --ink: #1D2939; --muted: #667085; --line: #EAECF0; --bg: #F9FAFB; --accent: #0072B2; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   color: var(--ink); background: #fff; }
            header { padding: 28px 40px 20px; border-bottom: 4px solid var(--accent); background: var(--bg); }
            h1 { margin: 0; font-size: 26px; }
            .sub { margin: 4px 0 0; color: var(--muted); }
            main { max-width: 980px; margin: 0 auto; padding: 8px 40px 40px; }
            h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 16px; margin: 24px 0 4px; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 24px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fff; }
            .card .label { color: var(--muted); font-size: 13px; }
            .card .value { font-size: 24px; font-weight: 650; margin: 2px 0; }
            .card .note { color: var(--muted); font-size: 12px; }
            table { border-collapse: collapse; width: 100%; margin: 10px 0 4px; font-size: 13.5px; }
            th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: var(--bg); font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.flagged td { background: #FEF3F2; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
                     text-transform: uppercase; letter-spacing: .03em; }
            .badge.high { background: #FEE4E2; color: #912018; }
            .badge.medium { background: #FEF0C7; color: #93370D; }
            .badge.low { background: #F2F4F7; color: #344054; }
            details { margin-top: 6px; font-size: 13px; }
            summary { cursor: pointer; color: var(--accent); }
            .ids { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
            .cite, .meta, .note, .empty { color: var(--muted); font-size: 13px; margin: 2px 0; }
            figure.chart { margin: 12px 0 20px; }
            figcaption { font-weight: 600; font-size: 14px; margin-bottom: 6px; }
            svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #475467; }
            svg text.head { font-weight: 600; fill: var(--ink); }
            svg text.label { fill: var(--ink); }
            svg .grid { stroke: var(--line); }
            .legend { font-size: 12.5px; color: #475467; margin: 4px 0; }
            .legend span { margin-right: 16px; white-space: nowrap; }
            .legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
            .legend i.line { height: 0; width: 18px; border-radius: 0; border-top: 2px dashed #344054; vertical-align: 3px; }
            .legend i.line.dot { border-top: 2px dotted #027A48; }
            .three { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
            article.measure { margin-bottom: 28px; }
            footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--line); padding-top: 12px; }
            @media print { header { background: none; } details { display: block; } .card { break-inside: avoid; }
                           figure.chart, table { break-inside: avoid; } }
            """;
}
