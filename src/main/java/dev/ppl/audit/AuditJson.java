package dev.ppl.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** An audit result as JSON (for tools) and as CSV tables (for spreadsheets). */
public final class AuditJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJson() {}

    /** The result as a JSON tree; numbers that are not defined (no peers) are null. */
    public static ObjectNode toJson(AuditResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("claims", r.claims()).put("invalidRecords", r.invalid()).put("lines", r.lines())
                .put("charges", r.charges()).put("chargesAtRisk", r.atRisk());
        ArrayNode measures = root.putArray("measures");
        for (AuditResult.MeasureResult m : r.measures()) {
            ObjectNode mj = measures.addObject();
            mj.put("measure", m.key()).put("description", m.description()).put("cites", m.cites()).put("kind", m.kind());
            m.dimensions().forEach(mj.putArray("by")::add);
            if (m.minimumVolume() == null) {
                mj.putNull("minimumVolume");
            } else {
                mj.put("minimumVolume", m.minimumVolume());
            }
            mj.put("peers", m.peers());
            number(mj, "peerMedian", m.peerMedian());
            number(mj, "peer90", m.peer90());
            ObjectNode bench = mj.putObject("benchmarks");
            m.benchmarks().forEach((k, v) -> number(bench, k, v));
            ArrayNode groups = mj.putArray("groups");
            for (AuditResult.GroupResult g : m.groups()) {
                ObjectNode gj = groups.addObject();
                ObjectNode key = gj.putObject("group");
                for (int i = 0; i < m.dimensions().size(); i++) {
                    key.put(m.dimensions().get(i), g.key().get(i));
                }
                gj.put("items", g.items());
                if (m.kind().equals("rate")) {
                    gj.put("numerator", g.numerator());
                }
                number(gj, "value", g.value());
                number(gj, "volume", g.volume());
                gj.put("exact", g.exact());
                number(gj, "percentile", g.percentile());
                if (g.flag() != null) {
                    gj.putObject("flag").put("level", g.flag().level()).put("message", g.flag().message())
                            .put("fix", g.flag().fix()).put("cites", g.flag().cites());
                }
                g.claims().forEach(gj.putArray("sampleClaims")::add);
            }
        }
        ObjectNode months = root.putObject("findingsByMonth");
        r.findingsByMonth().forEach((month, byCarc) -> counts(months.putObject(month), byCarc));
        ArrayNode rules = root.putArray("rules");
        for (AuditResult.RuleTally t : r.rules()) {
            ObjectNode tj = rules.addObject().put("rule", t.rule()).put("policy", t.policy()).put("findings", t.findings())
                    .put("lines", t.lines()).put("chargesAtRisk", t.atRisk());
            t.carcs().forEach(tj.putArray("carcs")::add);
        }
        if (r.remits() != null) {
            AuditResult.RemitResult rr = r.remits();
            ObjectNode rj = root.putObject("remittances").put("claims", rr.claims()).put("matched", rr.matched());
            ObjectNode dm = rj.putObject("deniedByMonth");
            rr.deniedByMonth().forEach((month, byCarc) -> counts(dm.putObject(month), byCarc));
            counts(rj.putObject("deniedByCarc"), rr.deniedByCarc());
            counts(rj.putObject("deniedByPayer"), rr.deniedByPayer());
            counts(rj.putObject("deniedByProvider"), rr.deniedByProvider());
            counts(rj.putObject("deniedByCode"), rr.deniedByCode());
            ArrayNode pred = rj.putArray("predicted");
            for (AuditResult.Prediction p : rr.predicted()) {
                ObjectNode pj = pred.addObject().put("rule", p.rule()).put("flaggedLines", p.flagged())
                        .put("deniedLines", p.denied());
                counts(pj.putObject("carcs"), p.carcs());
            }
            counts(rj.putObject("unpredictedDenials"), rr.unpredicted());
        }
        return root;
    }

    private static void counts(ObjectNode node, SortedMap<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(v * 10_000d) / 10_000d);
        }
    }

    /** CSV tables by file name: measures.csv, findings-by-month.csv, rules.csv (and denials when remitted). */
    public static Map<String, String> toCsv(AuditResult r) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        StringBuilder m = new StringBuilder("measure,group,items,numerator,value,volume,percentile,flag,message,sample_claims\n");
        for (AuditResult.MeasureResult mr : r.measures()) {
            for (AuditResult.GroupResult g : mr.groups()) {
                row(m, mr.key(), String.join(" / ", g.key()), Long.toString(g.items()), Long.toString(g.numerator()),
                        num(g.value()), num(g.volume()), num(g.percentile()), g.flag() == null ? "" : g.flag().level(),
                        g.flag() == null ? "" : g.flag().message(), String.join(" ", g.claims()));
            }
        }
        files.put("measures.csv", m.toString());
        StringBuilder f = new StringBuilder("month,carc,findings\n");
        r.findingsByMonth().forEach((month, byCarc) -> byCarc.forEach((carc, n) -> row(f, month, carc, n.toString())));
        files.put("findings-by-month.csv", f.toString());
        StringBuilder rules = new StringBuilder("rule,policy,findings,lines,charges_at_risk,carcs\n");
        for (AuditResult.RuleTally t : r.rules()) {
            row(rules, t.rule(), t.policy(), Long.toString(t.findings()), Long.toString(t.lines()), t.atRisk().toPlainString(),
                    String.join(" ", t.carcs()));
        }
        files.put("rules.csv", rules.toString());
        if (r.remits() != null) {
            StringBuilder d = new StringBuilder("month,carc,denied_lines\n");
            r.remits().deniedByMonth().forEach((month, byCarc) -> byCarc.forEach((carc, n) -> row(d, month, carc, n.toString())));
            files.put("denials-by-month.csv", d.toString());
            StringBuilder p = new StringBuilder("rule,flagged_lines,denied_lines,carcs\n");
            for (AuditResult.Prediction pr : r.remits().predicted()) {
                row(p, pr.rule(), Long.toString(pr.flagged()), Long.toString(pr.denied()),
                        String.join(" ", pr.carcs().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList()));
            }
            r.remits().unpredicted().forEach((carc, n) -> row(p, "(no rule)", "0", n.toString(), carc + ":" + n));
            files.put("predicted-vs-actual.csv", p.toString());
        }
        return files;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : dev.ppl.value.Numbers.format(Math.round(v * 10_000d) / 10_000d);
    }

    private static void row(StringBuilder out, String... cells) {
        List<String> quoted = java.util.Arrays.stream(cells).map(AuditJson::cell).toList();
        out.append(String.join(",", quoted)).append('\n');
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        // a leading = + - @ would be read as a formula by spreadsheets
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+") ? "'" + s : s;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
