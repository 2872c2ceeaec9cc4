package dev.ppl.formats.x12;

import dev.ppl.claim.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What one X12 835 file said about the claims it pays or denies.
 *
 * @param source the file name
 * @param claims one per CLP, in file order (a claim with defects is kept and lists them)
 * @param errors problems with the file or envelope, each naming the segment, loop and element
 */
public record Remittance(String source, List<RemittedClaim> claims, List<FieldError> errors) {

    public Remittance {
        claims = List.copyOf(claims);
        errors = List.copyOf(errors);
    }

    /**
     * One CLP loop (2100).
     *
     * @param claimId CLP01, the provider's claim id (CLM01 of the 837)
     * @param status CLP02: 1 processed as primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal...
     * @param charge CLP03
     * @param paid CLP04
     * @param payer the payer's name from N1*PR, or null
     * @param adjustments claim-level CAS adjustments
     * @param lines the SVC loops (2110)
     * @param where {@code file: segment N} of the CLP
     * @param errors problems inside this claim's loop
     */
    public record RemittedClaim(
            String claimId,
            String status,
            BigDecimal charge,
            BigDecimal paid,
            String payer,
            List<Adjustment> adjustments,
            List<RemittedLine> lines,
            String where,
            List<FieldError> errors) {

        public RemittedClaim {
            adjustments = List.copyOf(adjustments);
            lines = List.copyOf(lines);
            errors = List.copyOf(errors);
        }

        /** CLP02 = 4: the payer denied the whole claim. */
        public boolean denied() {
            return "4".equals(status);
        }
    }

    /**
     * One SVC loop (2110).
     *
     * @param code SVC01-2, the procedure code
     * @param modifiers SVC01-3..6
     * @param charge SVC02
     * @param paid SVC03
     * @param units SVC05 (1 when absent)
     * @param lineNumber REF*6R, the line item control number, when it is a number (the 837 line)
     * @param serviceDate DTM*472 (or DTM*150), or null
     * @param adjustments CAS on this line
     * @param rarcs LQ*HE remark codes
     */
    public record RemittedLine(
            String code,
            List<String> modifiers,
            BigDecimal charge,
            BigDecimal paid,
            BigDecimal units,
            Integer lineNumber,
            LocalDate serviceDate,
            List<Adjustment> adjustments,
            List<String> rarcs) {

        public RemittedLine {
            modifiers = List.copyOf(modifiers);
            adjustments = List.copyOf(adjustments);
            rarcs = List.copyOf(rarcs);
        }

        /**
         * The payer denied the line: it paid nothing and adjusted the charge for a reason other
         * than the patient's share (a CAS group other than PR).
         */
        public boolean denied() {
            return paid != null && paid.signum() == 0 && adjustments.stream().anyMatch(a -> !a.group().equals("PR"));
        }

        /** The CARC of the largest non-patient adjustment, or null. */
        public String mainCarc() {
            return Adjustment.main(adjustments);
        }
    }

    /** One CAS triple: group (CO, PR, OA, PI, CR), CARC and amount. */
    public record Adjustment(String group, String carc, BigDecimal amount) {

        /** The CARC of the largest adjustment that is not the patient's share (group PR), or null. */
        public static String main(List<Adjustment> adjustments) {
            Adjustment best = null;
            for (Adjustment a : adjustments) {
                if (!a.group().equals("PR") && (best == null || a.amount().compareTo(best.amount()) > 0)) {
                    best = a;
                }
            }
            return best == null ? null : best.carc();
        }
    }
}
