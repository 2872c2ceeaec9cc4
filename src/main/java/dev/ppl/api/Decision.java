package dev.ppl.api;

import java.util.List;

/**
 * The result of evaluating one claim, in the contract's decision shape.
 *
 * @param claimId the claim's id
 * @param outcome the worst severity among the findings, or {@code clean}
 * @param policies the policy versions that judged at least one line of the claim
 * @param findings findings ordered by line (claim-level first), policy, rule
 */
public record Decision(String claimId, String outcome, List<PolicyRef> policies, List<Finding> findings) {

    public Decision {
        policies = List.copyOf(policies);
        findings = List.copyOf(findings);
    }

    /**
     * A policy version used for a decision.
     *
     * @param id policy id
     * @param version its version
     * @param digest {@code sha256:} of its source
     */
    public record PolicyRef(String id, String version, String digest) {

        // written out as a record's own would be: the generated ones are linked through
        // invokedynamic at first use, which cost a one-claim run more than its evaluation
        @Override
        public boolean equals(Object o) {
            return o instanceof PolicyRef r && java.util.Objects.equals(id, r.id)
                    && java.util.Objects.equals(version, r.version) && java.util.Objects.equals(digest, r.digest);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * java.util.Objects.hashCode(id) + java.util.Objects.hashCode(version))
                    + java.util.Objects.hashCode(digest);
        }
    }
}
