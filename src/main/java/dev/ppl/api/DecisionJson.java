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
        addPolicies(root, d.policies());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            addFinding(findings, f, true);
        }
        return root;
    }

    /** One finding in the contract's shape (decision.schema.json#/$defs/finding), with its source. */
    public static ObjectNode toJson(Finding f) {
        return addFinding(MAPPER.createArrayNode(), f, true);
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
