package dev.ppl.formats;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import java.util.List;

/**
 * What a reader found in one input file: one {@link ClaimReadResult} per claim in file order (an X12
 * {@code CLM} segment, a FHIR {@code Claim} or {@code ExplanationOfBenefit}), plus problems that belong to
 * the file rather than to one claim.
 *
 * @param source the source name given to the reader, e.g. a file name; used in messages only
 * @param claims one result per claim found, in file order; a claim with defects is a failed result, never
 *     left out
 * @param errors file-level problems: an envelope that cannot be read (naming the byte offset), control
 *     counts that do not match, transaction sets that are not 837P; the claims may still have been read
 * @param warnings file-level notes that do not stop a claim from being read, e.g. a payer that is not in
 *     the payer mapping and was read with a fallback id
 */
public record FileReadResult(
        String source, List<ClaimReadResult> claims, List<FieldError> errors, List<FieldError> warnings) {

    public FileReadResult {
        claims = List.copyOf(claims);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when there are no file-level errors and every claim was read without errors. */
    public boolean ok() {
        return errors.isEmpty() && claims.stream().allMatch(ClaimReadResult::isOk);
    }
}
