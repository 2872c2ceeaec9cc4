package dev.ppl.claim;

import java.util.List;

/**
 * The outcome of reading one claim: the claim, the field errors that kept it from being read, or
 * the reason it is a claim PPL does not judge. Readers never throw for bad input; they return this.
 *
 * @param claimId the claim id when it could be read (also on failure), else null
 * @param claim the claim, or null when there are errors or it is not covered
 * @param errors problems found; empty when {@code claim} is not null or the claim is not covered
 * @param notChecked parts of the claim that a lenient reader could not read and left out of
 *     {@code claim} (a service line with a data-absent code, no quantity...), one entry per problem
 *     with the path of the part; they are reported as not checked. Always empty in strict mode
 * @param notCovered why the claim is of a kind PPL's policies do not judge (an institutional claim),
 *     in words, or null. Such a claim is read but not judged
 */
public record ClaimReadResult(
        String claimId, Claim claim, List<FieldError> errors, List<FieldError> notChecked, String notCovered) {

    public ClaimReadResult {
        errors = List.copyOf(errors);
        notChecked = List.copyOf(notChecked);
        int states = (claim != null ? 1 : 0) + (errors.isEmpty() ? 0 : 1) + (notCovered != null ? 1 : 0);
        if (states != 1) {
            throw new IllegalArgumentException("a read result has either a claim, errors or a reason it is not covered");
        }
        if (claim == null && !notChecked.isEmpty()) {
            throw new IllegalArgumentException("only a claim that was read has parts not checked");
        }
    }

    /** A claim read whole, or not: the claim or its errors. */
    public ClaimReadResult(String claimId, Claim claim, List<FieldError> errors) {
        this(claimId, claim, errors, List.of(), null);
    }

    public static ClaimReadResult ok(Claim claim) {
        return new ClaimReadResult(claim.claimId(), claim, List.of());
    }

    /** A claim read leniently: {@code claim} holds the parts that could be read, {@code notChecked} the rest. */
    public static ClaimReadResult partial(Claim claim, List<FieldError> notChecked) {
        return new ClaimReadResult(claim.claimId(), claim, List.of(), notChecked, null);
    }

    public static ClaimReadResult failed(String claimId, List<FieldError> errors) {
        return new ClaimReadResult(claimId, null, errors);
    }

    /** A claim of a kind PPL does not judge, e.g. an institutional claim; {@code reason} says which kind. */
    public static ClaimReadResult notCovered(String claimId, String reason) {
        return new ClaimReadResult(claimId, null, List.of(), List.of(), java.util.Objects.requireNonNull(reason));
    }

    /** Whether the claim was read (perhaps leniently, with parts not checked). */
    public boolean isOk() {
        return claim != null;
    }

    /** Whether the claim could not be read: {@link #errors()} says why. */
    public boolean isFailed() {
        return !errors.isEmpty();
    }
}
