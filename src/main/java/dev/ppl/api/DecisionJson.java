package dev.ppl.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes decisions in the contract's JSON shape, with a stable field order. */
public final class DecisionJson {
    /**
     * Writes the decision text straight from the decision, without an ObjectMapper: making
     * Jackson's ObjectMapper cost a one-claim {@code ppl eval} more of its start than writing
     * the decision; the text is byte for byte the tree's ({@code DecisionJsonLineTest}).
     */
    private static final JsonFactory FACTORY = new JsonFactory();

    private DecisionJson() {}

    public static ObjectNode toJson(Decision d) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("claimId", d.claimId());
        root.put("outcome", d.outcome());
        addPolicies(root, d.policies());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            addFinding(findings, f, true);
        }
        return root;
    }

    /** One finding in the contract's shape (decision.schema.json#/$defs/finding), with its source. */
    public static ObjectNode toJson(Finding f) {
        return addFinding(JsonNodeFactory.instance.arrayNode(), f, true);
    }

    /** {@code "policies": [{id, version, digest}, ...]}. */
    static void addPolicies(ObjectNode parent, java.util.List<Decision.PolicyRef> refs) {
        ArrayNode policies = parent.putArray("policies");
        for (Decision.PolicyRef p : refs) {
            policies.addObject().put("id", p.id()).put("version", p.version()).put("digest", p.digest());
        }
    }

    /**
     * One finding in the contract's field order; without {@code text} the message, fix and
     * citation are left out (they may quote the claim, so the decision log omits them by default).
     */
    static ObjectNode addFinding(ArrayNode findings, Finding f, boolean text) {
        ObjectNode o = findings.addObject();
        o.put("rule", f.rule());
        o.put("policy", f.policy());
        o.put("severity", f.severity());
        if (f.line() == null) {
            o.putNull("line");
        } else {
            o.put("line", f.line());
        }
        o.put("group", f.group());
        o.put("carc", f.carc());
        ArrayNode rarc = o.putArray("rarc");
        f.rarc().forEach(rarc::add);
        if (text) {
            o.put("message", f.message());
            o.put("fix", f.fix());
            o.put("citation", f.citation());
            if (f.source() != null) {
                o.put("source", f.source());
            }
        }
        return o;
    }

    /**
     * {@code ppl eval}'s NDJSON line for a decision: the compact decision with {@code "input":
     * {"file": ..., "record": ...}} last, no line end. Written straight to text, without building
     * the tree of {@link #toJson(Decision)}; the text is byte for byte the tree's.
     */
    public static String compactLine(Decision d, String file, long record) {
        return write(d, false, true, file, record);
    }

    /**
     * The decision as text: indented as Jackson's default pretty printer does it, or compact;
     * with {@code input}, {@code "input": {"file": ..., "record": ...}} last.
     */
    private static String write(Decision d, boolean pretty, boolean input, String file, long record) {
        java.io.StringWriter out = new java.io.StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            text(g, "claimId", d.claimId());
            text(g, "outcome", d.outcome());
            g.writeArrayFieldStart("policies");
            for (Decision.PolicyRef p : d.policies()) {
                g.writeStartObject();
                text(g, "id", p.id());
                text(g, "version", p.version());
                text(g, "digest", p.digest());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : d.findings()) {
                g.writeStartObject();
                text(g, "rule", f.rule());
                text(g, "policy", f.policy());
                text(g, "severity", f.severity());
                g.writeFieldName("line");
                if (f.line() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(f.line());
                }
                text(g, "group", f.group());
                text(g, "carc", f.carc());
                g.writeArrayFieldStart("rarc");
                for (String r : f.rarc()) {
                    if (r == null) {
                        g.writeNull();
                    } else {
                        g.writeString(r);
                    }
                }
                g.writeEndArray();
                text(g, "message", f.message());
                text(g, "fix", f.fix());
                text(g, "citation", f.citation());
                if (f.source() != null) {
                    text(g, "source", f.source());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (input) {
                g.writeObjectFieldStart("input");
                text(g, "file", file);
                g.writeNumberField("record", record);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void text(JsonGenerator g, String name, String value) throws java.io.IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** One line of JSON (for NDJSON output and logs). */
    public static String compact(Decision d) {
        return write(d, false, false, null, 0);
    }

    /** Indented JSON for people. */
    public static String pretty(Decision d) {
        return write(d, true, false, null, 0);
    }
}
