package dev.ppl.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** An audit result as JSON (for tools) and as CSV tables (for spreadsheets). */
public final class AuditJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJson() {}

    /** The result as a JSON tree; numbers that are not defined (no peers) are null. */
    public static ObjectNode toJson(AuditResult r) {
        try (TokenBuffer tokens = new TokenBuffer(JSON, false)) {
            write(r, tokens);
            // charges keep their scale (1473314.00), as the streamed JSON writes them
            return (ObjectNode) JSON.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .readTree(tokens.asParser());
        } catch (IOException e) {
            throw new IllegalStateException("an audit result always makes a tree", e);
        }
    }

    /**
     * Writes the result, the same JSON as {@link #toJson}, to {@code out} field by field without
     * building the tree, so that a measure with a million groups is not held twice.
     */
    public static void write(AuditResult r, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("claims", r.claims());
        out.writeNumberField("invalidRecords", r.invalid());
        out.writeNumberField("lines", r.lines());
        out.writeNumberField("charges", r.charges());
        out.writeNumberField("chargesAtRisk", r.atRisk());
        out.writeArrayFieldStart("measures");
        for (AuditResult.MeasureResult m : r.measures()) {
            out.writeStartObject();
            measureFields(m, out);
            out.writeArrayFieldStart("groups");
            for (AuditResult.GroupResult g : m.groups()) {
                out.writeStartObject();
                groupFields(m, g, out);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeObjectFieldStart("findingsByMonth");
        for (Map.Entry<String, SortedMap<String, Long>> month : r.findingsByMonth().entrySet()) {
            counts(out, month.getKey(), month.getValue());
        }
        out.writeEndObject();
        out.writeArrayFieldStart("rules");
        for (AuditResult.RuleTally t : r.rules()) {
            out.writeStartObject();
            out.writeStringField("rule", t.rule());
            out.writeStringField("policy", t.policy());
            out.writeNumberField("findings", t.findings());
            out.writeNumberField("lines", t.lines());
            out.writeNumberField("chargesAtRisk", t.atRisk());
            strings(out, "carcs", t.carcs());
            out.writeEndObject();
        }
        out.writeEndArray();
        if (r.remits() != null) {
            AuditResult.RemitResult rr = r.remits();
            out.writeObjectFieldStart("remittances");
            out.writeNumberField("claims", rr.claims());
            out.writeNumberField("matched", rr.matched());
            out.writeObjectFieldStart("deniedByMonth");
            for (Map.Entry<String, SortedMap<String, Long>> month : rr.deniedByMonth().entrySet()) {
                counts(out, month.getKey(), month.getValue());
            }
            out.writeEndObject();
            counts(out, "deniedByCarc", rr.deniedByCarc());
            counts(out, "deniedByPayer", rr.deniedByPayer());
            counts(out, "deniedByProvider", rr.deniedByProvider());
            counts(out, "deniedByCode", rr.deniedByCode());
            out.writeArrayFieldStart("predicted");
            for (AuditResult.Prediction p : rr.predicted()) {
                out.writeStartObject();
                out.writeStringField("rule", p.rule());
                out.writeNumberField("flaggedLines", p.flagged());
                out.writeNumberField("deniedLines", p.denied());
                counts(out, "carcs", p.carcs());
                out.writeEndObject();
            }
            out.writeEndArray();
            counts(out, "unpredictedDenials", rr.unpredicted());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    /**
     * Writes why a measure gave its groups their figures and flags ({@code ppl audit --explain M --json}): the
     * measure's fields as in {@link #write}, where it is declared, and for each explained group its figures as in
     * {@link #write}, whether it was compared with its peers, every flag's condition with whether it held, and
     * the sampled items (claim id, line, value) for which a rate's condition held and did not.
     */
    public static void write(MeasureExplanation e, JsonGenerator out) throws IOException {
        AuditResult.MeasureResult m = e.measure();
        out.writeStartObject();
        measureFields(m, out);
        out.writeStringField("policy", e.policy());
        out.writeStringField("version", e.version());
        out.writeStringField("where", e.where());
        out.writeStringField("definition", e.definition());
        out.writeArrayFieldStart("groups");
        for (MeasureExplanation.GroupExplanation g : e.groups()) {
            out.writeStartObject();
            groupFields(m, g.group(), out);
            out.writeBooleanField("compared", g.compared());
            out.writeArrayFieldStart("flags");
            for (MeasureExplanation.FlagCheck f : g.flags()) {
                out.writeStartObject();
                out.writeStringField("level", f.level());
                out.writeStringField("where", f.where());
                out.writeStringField("condition", f.condition());
                out.writeBooleanField("met", f.met());
                out.writeEndObject();
            }
            out.writeEndArray();
            items(out, "held", g.held());
            items(out, "notHeld", g.notHeld());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void measureFields(AuditResult.MeasureResult m, JsonGenerator out) throws IOException {
        out.writeStringField("measure", m.key());
        out.writeStringField("description", m.description());
        out.writeStringField("cites", m.cites());
        out.writeStringField("kind", m.kind());
        strings(out, "by", m.dimensions());
        if (m.minimumVolume() == null) {
            out.writeNullField("minimumVolume");
        } else {
            out.writeNumberField("minimumVolume", m.minimumVolume().intValue());
        }
        out.writeNumberField("peers", m.peers());
        number(out, "peerMedian", m.peerMedian());
        number(out, "peer90", m.peer90());
        out.writeObjectFieldStart("benchmarks");
        for (Map.Entry<String, Double> b : m.benchmarks().entrySet()) {
            number(out, b.getKey(), b.getValue());
        }
        out.writeEndObject();
    }

    private static void groupFields(AuditResult.MeasureResult m, AuditResult.GroupResult g, JsonGenerator out)
            throws IOException {
        out.writeObjectFieldStart("group");
        for (int i = 0; i < m.dimensions().size(); i++) {
            out.writeStringField(m.dimensions().get(i), g.key().get(i));
        }
        out.writeEndObject();
        out.writeNumberField("items", g.items());
        if (m.kind().equals("rate")) {
            out.writeNumberField("numerator", g.numerator());
        }
        number(out, "value", g.value());
        number(out, "volume", g.volume());
        out.writeBooleanField("exact", g.exact());
        number(out, "percentile", g.percentile());
        if (g.flag() != null) {
            out.writeObjectFieldStart("flag");
            out.writeStringField("level", g.flag().level());
            out.writeStringField("message", g.flag().message());
            out.writeStringField("fix", g.flag().fix());
            out.writeStringField("cites", g.flag().cites());
            out.writeEndObject();
        }
        strings(out, "sampleClaims", g.claims());
    }

    private static void items(JsonGenerator out, String field, List<MeasureExplanation.Item> items) throws IOException {
        out.writeArrayFieldStart(field);
        for (MeasureExplanation.Item item : items) {
            out.writeStartObject();
            out.writeStringField("claimId", item.claimId());
            if (item.line() == null) {
                out.writeNullField("line");
            } else {
                out.writeNumberField("line", item.line());
            }
            out.writeBooleanField("held", item.held());
            if (item.value() != null) {
                out.writeStringField("value", item.value());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void strings(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String v : values) {
            out.writeString(v);
        }
        out.writeEndArray();
    }

    private static void counts(JsonGenerator out, String field, SortedMap<String, Long> counts) throws IOException {
        out.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            if (c.getValue() == null) {
                out.writeNullField(c.getKey());
            } else {
                out.writeNumberField(c.getKey(), c.getValue().longValue());
            }
        }
        out.writeEndObject();
    }

    private static void number(JsonGenerator out, String field, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.writeNullField(field);
        } else {
            out.writeNumberField(field, Math.round(v * 10_000d) / 10_000d);
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
