package dev.ppl.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One billed service line.
 *
 * @param line the line number, unique within the claim
 * @param code CPT or HCPCS code
 * @param modifiers modifiers in billed order (0 to 4)
 * @param units billed units
 * @param charge billed amount, or null
 * @param serviceDate date of service (the first day when billed as a range)
 * @param diagnosisPointers 1-based pointers into the claim's diagnoses
 * @param drug the drug billed on this line, or null for non-drug lines
 * @param placeOfService line-level place of service, or null to use the claim's
 * @param renderingProvider line-level rendering provider, or null to use the claim's
 * @param supervisingProvider line-level supervising provider (X12 loop 2420D), or null to use the claim's
 */
public record ServiceLine(
        int line,
        String code,
        List<String> modifiers,
        double units,
        BigDecimal charge,
        LocalDate serviceDate,
        List<Integer> diagnosisPointers,
        Drug drug,
        String placeOfService,
        Provider renderingProvider,
        Provider supervisingProvider) {

    public ServiceLine {
        modifiers = List.copyOf(modifiers);
        diagnosisPointers = List.copyOf(diagnosisPointers);
    }

    /** A line without a supervising provider of its own (the shape before it was added). */
    public ServiceLine(int line, String code, List<String> modifiers, double units, BigDecimal charge,
            LocalDate serviceDate, List<Integer> diagnosisPointers, Drug drug, String placeOfService,
            Provider renderingProvider) {
        this(line, code, modifiers, units, charge, serviceDate, diagnosisPointers, drug, placeOfService,
                renderingProvider, null);
    }

    /** Whether this line carries the given modifier. */
    public boolean hasModifier(String modifier) {
        return modifiers.contains(modifier);
    }
}
