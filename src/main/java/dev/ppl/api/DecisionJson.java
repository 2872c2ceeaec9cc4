package dev.ppl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes decisions in the contract's JSON shape, with a stable field order. */
public final class DecisionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DecisionJson() {}

    public static ObjectNode toJson(Decision d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("claimId", d.claimId());
        root.put("outcome", d.outcome());
        ArrayNode policies = root.putArray("policies");
        for (Decision.PolicyRef p : d.policies()) {
            policies.addObject().put("id", p.id()).put("version", p.version()).put("digest", p.digest());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
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
            o.put("message", f.message());
            o.put("fix", f.fix());
            o.put("citation", f.citation());
            if (f.source() != null) {
                o.put("source", f.source());
            }
        }
        return root;
    }

    /** One line of JSON (for NDJSON output and logs). */
    public static String compact(Decision d) {
        return write(MAPPER, d);
    }

    /** Indented JSON for people. */
    public static String pretty(Decision d) {
        return write(PRETTY, d);
    }

    private static String write(ObjectMapper mapper, Decision d) {
        try {
            return mapper.writeValueAsString(toJson(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision tree always serializes", e);
        }
    }
}
