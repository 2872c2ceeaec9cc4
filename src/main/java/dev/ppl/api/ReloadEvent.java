package dev.ppl.api;

import dev.ppl.source.Diagnostic;
import java.time.Instant;
import java.util.List;

/**
 * What happened when a {@link PolicyEngine} reloaded its policies, sent to every {@link
 * ReloadListener} and returned by {@link PolicyEngine#reload()}.
 *
 * @param status whether the new set now serves
 * @param generation the generation serving after this reload: 1 for the set the engine was built
 *     with, one more for every set swapped in since
 * @param setDigest {@link PolicySet#digest()} of the set serving after this reload
 * @param policies the policy versions of the set serving after this reload
 * @param diagnostics errors and warnings of the set that was compiled (empty when the files could
 *     not be read)
 * @param message one line for a log: what changed, or why the new set was turned down
 * @param details every diagnostic rendered with its source line, or the read error; empty when
 *     there is nothing more to say
 * @param time when the reload finished
 */
public record ReloadEvent(
        Status status,
        long generation,
        String setDigest,
        List<Decision.PolicyRef> policies,
        List<Diagnostic> diagnostics,
        String message,
        String details,
        Instant time) {

    public ReloadEvent {
        policies = List.copyOf(policies);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The result of a reload. */
    public enum Status {
        /** The new set compiled without errors and now serves every new evaluation. */
        APPLIED,
        /** The new set compiled to exactly the set already serving (same digest); nothing changed. */
        UNCHANGED,
        /**
         * The new set had errors, could not be read, or held no policy at all: the last good set
         * keeps serving and {@link #details()} says why.
         */
        REJECTED
    }
}
