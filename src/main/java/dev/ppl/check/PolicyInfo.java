package dev.ppl.check;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a policy's header says, checked: which claims it governs and where it comes from.
 *
 * @param id policy id
 * @param version semantic version
 * @param title one-line title, or null
 * @param payerTypes payer types it applies to ({@code medicare}, ...); empty when it names payer ids
 * @param payerIds payer ids it applies to; empty when it names payer types
 * @param jurisdictions jurisdictions it is limited to; empty for all
 * @param effectiveFrom first date of service governed
 * @param effectiveTo last date of service governed, or null when open-ended
 * @param cites the policy's sources
 * @param extendsId the base policy's id, or null
 */
public record PolicyInfo(
        String id,
        String version,
        String title,
        Set<String> payerTypes,
        Set<String> payerIds,
        Set<String> jurisdictions,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        List<String> cites,
        String extendsId) {

    public PolicyInfo {
        payerTypes = Set.copyOf(payerTypes);
        payerIds = Set.copyOf(payerIds);
        jurisdictions = Set.copyOf(jurisdictions);
        cites = List.copyOf(cites);
    }

    /** {@code id@version}. */
    public String ref() {
        return id + "@" + version;
    }

    /** Whether a date of service falls in the effective range. */
    public boolean inForce(LocalDate date) {
        return date != null && !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    /** Whether the policy governs claims of this payer. */
    public boolean appliesTo(String payerId, String payerType, String jurisdiction) {
        // immutable sets throw on contains(null); a claim built in code may lack a payer id
        boolean payer = (payerId != null && payerIds.contains(payerId))
                || (payerType != null && payerTypes.contains(payerType));
        return payer && (jurisdictions.isEmpty() || (jurisdiction != null && jurisdictions.contains(jurisdiction)));
    }

    /** The effective range in words: {@code 2026-10-01 to 2026-12-31}, {@code from 2023-07-01}. */
    public String effectiveRange() {
        return effectiveTo == null ? "from " + effectiveFrom : effectiveFrom + " to " + effectiveTo;
    }
}
