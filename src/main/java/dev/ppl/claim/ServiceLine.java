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
 * @param description the line's free-text description of the service or drug as billed (X12 837P SV101-7,
 *     FHIR {@code item.productOrService.text}), or null; payers require it for not-otherwise-classified codes
 *     such as J3490, where it names the drug, its strength and the dose given
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
        Provider supervisingProvider,
        String description) {

    public ServiceLine {
        modifiers = List.copyOf(modifiers);
        diagnosisPointers = List.copyOf(diagnosisPointers);
    }

    /** A line without a description (the shape before it was added). */
    public ServiceLine(int line, String code, List<String> modifiers, double units, BigDecimal charge,
            LocalDate serviceDate, List<Integer> diagnosisPointers, Drug drug, String placeOfService,
            Provider renderingProvider, Provider supervisingProvider) {
        this(line, code, modifiers, units, charge, serviceDate, diagnosisPointers, drug, placeOfService,
                renderingProvider, supervisingProvider, null);
    }

    /** A line without a supervising provider of its own or a description (the shape before they were added). */
    public ServiceLine(int line, String code, List<String> modifiers, double units, BigDecimal charge,
            LocalDate serviceDate, List<Integer> diagnosisPointers, Drug drug, String placeOfService,
            Provider renderingProvider) {
        this(line, code, modifiers, units, charge, serviceDate, diagnosisPointers, drug, placeOfService,
                renderingProvider, null, null);
    }

    /** Whether this line carries the given modifier. */
    public boolean hasModifier(String modifier) {
        return modifiers.contains(modifier);
    }
}
