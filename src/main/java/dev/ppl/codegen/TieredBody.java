package dev.ppl.codegen;

import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.FindingSink;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.RuleBody;
import java.util.function.Supplier;

/**
 * Runs a rule as its node tree until it has run {@link #RUNS_BEFORE_GENERATING} times, then
 * generates its class and runs that. A command that evaluates a few claims ({@code ppl eval} of
 * one file, {@code ppl test}) never pays for generating classes; a host or a batch evaluating
 * thousands gets the generated rules after its first claims, as the JIT tiers its own code.
 */
final class TieredBody implements RuleBody {
    /** Runs of a rule before its class is generated. */
    static final int RUNS_BEFORE_GENERATING = 500;

    private final Supplier<RuleBody> generator;
    private volatile RuleBody generated;
    /** Whether generation was done (or given up): the rule then runs {@link #generated} or its tree for good. */
    private volatile boolean settled;
    /** Counted without locking: a lost count only delays generation a little. */
    private int runs;

    TieredBody(Supplier<RuleBody> generator) {
        this.generator = generator;
    }

    @Override
    public void run(CompiledRule rule, Frame f, FindingSink sink) {
        RuleBody body = generated;
        if (body == null && !settled && ++runs >= RUNS_BEFORE_GENERATING) {
            body = generate();
        }
        if (body != null) {
            body.run(rule, f, sink);
        } else {
            rule.runTree(f, sink);
        }
    }

    /** Whether the rule runs its generated class by now. */
    boolean generated() {
        return generated != null;
    }

    /**
     * The generated body, made once; null when the rule stays a node tree: too large for the JIT,
     * or the generator failed (the tree decides exactly as the class would, so the claim being
     * evaluated is not failed for it; {@code GeneratedRulesTest} generates every bundled rule).
     */
    private synchronized RuleBody generate() {
        if (!settled) {
            try {
                generated = generator.get();
            } catch (RuntimeException e) {
                generated = null;
            }
            settled = true;
        }
        return generated;
    }
}
