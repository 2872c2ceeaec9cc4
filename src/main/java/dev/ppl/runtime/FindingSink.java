package dev.ppl.runtime;

import dev.ppl.claim.ServiceLine;

/** Receives the findings a compiled policy produces. */
@FunctionalInterface
public interface FindingSink {

    /**
     * A branch of a rule fired.
     *
     * @param line the line the finding is about, or null for the claim
     */
    void fired(CompiledRule rule, CompiledRule.Branch branch, ServiceLine line, String message, String fix, String citation);
}
