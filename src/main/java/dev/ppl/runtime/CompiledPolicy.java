package dev.ppl.runtime;

import dev.ppl.check.PolicyInfo;
import java.util.List;

/**
 * One policy version compiled for evaluation.
 *
 * @param info its checked header
 * @param digest {@code sha256:...} of its source text (and its base's, for layered policies)
 * @param base the compiled base policy whose rules this one inherits, or null
 * @param rules the rules that run, inherited ones included
 * @param refSlots object slots a frame needs
 * @param numSlots number slots a frame needs
 */
public record CompiledPolicy(PolicyInfo info, String digest, CompiledPolicy base, List<CompiledRule> rules,
        int refSlots, int numSlots) {

    public CompiledPolicy {
        rules = List.copyOf(rules);
    }

    /** Runs every rule over the claim. */
    public void evaluate(ClaimContext claim, FindingSink sink) {
        evaluate(claim, sink, null);
    }

    /** Runs every rule, reporting sub-condition values to the tracer (compiled with tracing only). */
    public void evaluate(ClaimContext claim, FindingSink sink, Tracer tracer) {
        Frame frame = new Frame(claim, refSlots, numSlots);
        frame.tracer = tracer;
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            frame.budget.running(rule);
            rule.run(frame, sink);
        }
    }
}
