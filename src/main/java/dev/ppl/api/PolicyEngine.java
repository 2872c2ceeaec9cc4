package dev.ppl.api;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.source.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates claims against a compiled set of policies. Build it once with {@link #builder()};
 * it is immutable and safe to share between threads.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().load(Path.of("policies")).build();
 * Decision decision = engine.evaluate(claim);
 * }</pre>
 */
public final class PolicyEngine {
    private final PolicySet policies;
    private final List<String> warnings;

    private PolicyEngine(PolicySet policies, List<String> warnings) {
        this.policies = policies;
        this.warnings = List.copyOf(warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The compiled policy set this engine evaluates with. */
    public PolicySet policies() {
        return policies;
    }

    /** Checker warnings of the loaded policies, rendered. */
    public List<String> warnings() {
        return warnings;
    }

    /** Evaluates a claim. Findings are ordered by line, policy, rule; the same claim gives the same decision. */
    public Decision evaluate(Claim claim) {
        return policies.evaluate(claim);
    }

    /**
     * Evaluates a claim as read from JSON, X12 or FHIR: a claim that could not be read gets a
     * {@code reject} decision whose findings name each field problem.
     */
    public Decision evaluate(ClaimReadResult read) {
        return read.isOk() ? evaluate(read.claim()) : rejected(read.claimId(), read.errors());
    }

    /** The decision for a claim that could not be read. */
    public static Decision rejected(String claimId, List<FieldError> errors) {
        List<Finding> findings = new ArrayList<>();
        for (FieldError e : errors) {
            findings.add(new Finding("invalid-claim", PolicySet.ENGINE, "reject", null, "CO", "16", List.of(),
                    e.render(), "correct the claim data at `" + e.path() + "` and send the claim again", null, null));
        }
        return PolicySet.decision(claimId == null ? "(unknown)" : claimId, List.of(), findings);
    }

    /** Collects policy sources, then compiles them all at once. */
    public static final class Builder {
        private final List<PolicySource> sources = new ArrayList<>();

        private Builder() {}

        /** Every {@code .ppl} file under a directory (or one file). */
        public Builder load(Path path) {
            sources.addAll(PolicySource.directory(path));
            return this;
        }

        /** The policy library bundled with PPL. */
        public Builder loadBundled() {
            sources.addAll(PolicySource.bundled());
            return this;
        }

        /** One policy given as text; {@code name} is used in diagnostics. */
        public Builder add(String name, String text) {
            sources.add(PolicySource.of(name, text));
            return this;
        }

        public Builder add(PolicySource source) {
            sources.add(source);
            return this;
        }

        /**
         * Compiles every source.
         *
         * @throws PolicyException when any policy has errors; it carries every diagnostic
         */
        public PolicyEngine build() {
            Diagnostics diagnostics = new Diagnostics();
            PolicySet set = PolicySet.compile(sources, diagnostics);
            if (diagnostics.hasErrors()) {
                throw new PolicyException(diagnostics.render(), diagnostics.all());
            }
            List<String> warnings = new ArrayList<>();
            diagnostics.all().forEach(d -> warnings.add(d.render()));
            return new PolicyEngine(set, warnings);
        }
    }
}
