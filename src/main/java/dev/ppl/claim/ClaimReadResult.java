package dev.ppl.claim;

import java.util.List;

/**
 * The outcome of reading one claim: the claim, or the field errors that kept it from being
 * read. Readers never throw for bad input; they return this.
 *
 * @param claimId the claim id when it could be read (also on failure), else null
 * @param claim the claim, or null when there are errors
 * @param errors problems found; empty exactly when {@code claim} is not null
 */
public record ClaimReadResult(String claimId, Claim claim, List<FieldError> errors) {

    public ClaimReadResult {
        errors = List.copyOf(errors);
        if ((claim == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a read result has either a claim or errors");
        }
    }

    public static ClaimReadResult ok(Claim claim) {
        return new ClaimReadResult(claim.claimId(), claim, List.of());
    }

    public static ClaimReadResult failed(String claimId, List<FieldError> errors) {
        return new ClaimReadResult(claimId, null, errors);
    }

    public boolean isOk() {
        return claim != null;
    }
}
