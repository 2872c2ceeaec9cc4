package dev.ppl.codegen;

import dev.ppl.check.CheckedPolicy;
import dev.ppl.runtime.CompiledPolicy;
import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.RuleBody;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gives each rule of a compiled policy a body generated as bytecode: one method per rule, which
 * the JIT compiles as it compiles hand-written Java, where the node tree's calls through {@code
 * Node} interfaces stay calls it cannot inline. The node tree stays: {@code ppl explain} traces
 * every sub-condition through it, and a construct the generator does not write runs as its node.
 */
public final class RuleGenerator {
    private RuleGenerator() {}

    /** When rules get their generated class. */
    public enum When {
        /** Every rule's class is generated now (tests, benchmarks that compare the two evaluators). */
        NOW,
        /** A rule's class is generated once it has run a few hundred times; until then it runs as its tree. */
        AFTER_WARM_UP
    }

    /**
     * The compiled policy with a generated body on each rule (but one too large for the JIT to
     * compile, which keeps running as its node tree).
     *
     * @param policy the checked policy {@code compiled} was compiled from (untraced)
     */
    public static CompiledPolicy generate(CheckedPolicy policy, CompiledPolicy compiled, When when) {
        List<CheckedPolicy.RuleRef> refs = policy.effectiveRules();
        if (refs.size() != compiled.rules().size()) {
            throw new IllegalArgumentException("the compiled policy has " + compiled.rules().size()
                    + " rules, the checked one " + refs.size());
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            CompiledRule rule = compiled.rules().get(i);
            CheckedPolicy.RuleRef ref = refs.get(i);
            // the writer (and ASM) is loaded only when a class is made: a short run never loads it
            Supplier<RuleBody> writer = () -> new RuleWriter(ref.owner(), ref.rule(), rule).define();
            RuleBody body = when == When.NOW ? writer.get() : new TieredBody(writer);
            rules.add(body == null ? rule : rule.withBody(body));
        }
        return new CompiledPolicy(compiled.info(), compiled.digest(), compiled.base(), rules, compiled.refSlots(),
                compiled.numSlots());
    }

    /** Whether a rule runs a class generated already (not its tree, nor a body still warming up). */
    public static boolean generated(CompiledRule rule) {
        return rule.body() instanceof TieredBody tiered ? tiered.generated() : rule.body() != null;
    }
}
