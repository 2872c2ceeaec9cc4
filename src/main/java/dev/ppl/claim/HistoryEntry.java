package dev.ppl.claim;

import java.time.LocalDate;
import java.util.List;

/**
 * A prior service line of the same patient.
 *
 * @param claimId the claim it was billed on
 * @param serviceDate its date of service
 * @param code CPT or HCPCS code
 * @param units billed units
 * @param modifiers modifiers billed
 * @param diagnoses diagnosis codes that supported it
 * @param note documentation text, or null
 */
public record HistoryEntry(
        String claimId,
        LocalDate serviceDate,
        String code,
        double units,
        List<String> modifiers,
        List<String> diagnoses,
        String note) {

    public HistoryEntry {
        modifiers = List.copyOf(modifiers);
        diagnoses = List.copyOf(diagnoses);
    }
}
