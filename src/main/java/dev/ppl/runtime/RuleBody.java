package dev.ppl.runtime;

/**
 * A rule compiled to one method ({@code dev.ppl.codegen} generates them): it does what the rule's
 * node tree does without a tracer, finding for finding and step for step, in code the JIT compiles
 * like hand-written Java.
 */
@FunctionalInterface
public interface RuleBody {

    /** Runs {@code rule} over the frame's claim. */
    void run(CompiledRule rule, Frame f, FindingSink sink);
}
