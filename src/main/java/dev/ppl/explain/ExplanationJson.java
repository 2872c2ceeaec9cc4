package dev.ppl.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.Finding;
import java.util.List;
import java.util.Map;

/** An explanation as JSON, for tools: the same tree as the text, with stable field names. */
public final class ExplanationJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {}

    public static String render(Explanation x) {
        ObjectNode root = JSON.createObjectNode();
        root.put("claimId", x.claimId());
        root.put("outcome", x.outcome());
        root.put("claim", x.claim());
        ArrayNode policies = root.putArray("policies");
        for (Explanation.PolicyPart p : x.policies()) {
            ObjectNode o = policies.addObject();
            o.put("policy", p.policy());
            o.put("source", p.source());
            o.put("base", p.base());
            o.put("judged", p.judged());
            o.put("reason", p.reason());
            strings(o.putArray("outOfRange"), p.outOfRange());
            ArrayNode rules = o.putArray("rules");
            for (Explanation.RulePart r : p.rules()) {
                ObjectNode ro = rules.addObject();
                ro.put("rule", r.rule());
                ro.put("policy", r.policy());
                ro.put("description", r.description());
                ro.put("status", r.status());
                ro.put("summary", r.summary());
                ArrayNode checks = ro.putArray("checks");
                for (Explanation.CheckPart c : r.checks()) {
                    ObjectNode co = checks.addObject();
                    map(co.putObject("for"), c.bindings());
                    map(co.putObject("lets"), c.lets());
                    ArrayNode branches = co.putArray("branches");
                    for (Explanation.BranchPart b : c.branches()) {
                        ObjectNode bo = branches.addObject();
                        bo.put("when", b.when());
                        bo.put("met", b.met());
                        bo.set("condition", condition(b.condition()));
                        if (b.finding() != null) {
                            bo.set("finding", finding(b.finding()));
                        } else {
                            bo.putNull("finding");
                        }
                        bo.put("dropped", b.dropped());
                    }
                }
                ArrayNode skipped = ro.putArray("skipped");
                for (Explanation.Skipped s : r.skipped()) {
                    ObjectNode so = skipped.addObject();
                    map(so.putObject("for"), s.bindings());
                    so.put("why", s.why());
                }
            }
        }
        ArrayNode findings = root.putArray("findings");
        x.findings().forEach(f -> findings.add(finding(f)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an explanation tree always serializes", e);
        }
    }

    private static ObjectNode condition(Explanation.Condition c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", c.kind());
        o.put("text", c.text());
        if (c.met() == null) {
            o.putNull("met");
        } else {
            o.put("met", c.met());
        }
        o.put("words", c.words());
        ArrayNode parts = o.putArray("parts");
        c.parts().forEach(p -> parts.add(condition(p)));
        return o;
    }

    private static ObjectNode finding(Finding f) {
        Decision one = new Decision("", "", List.of(), List.of(f));
        return (ObjectNode) DecisionJson.toJson(one).get("findings").get(0);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void map(ObjectNode o, Map<String, String> values) {
        values.forEach(o::put);
    }
}
