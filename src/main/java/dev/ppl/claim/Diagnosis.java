package dev.ppl.claim;

/**
 * A diagnosis on the claim.
 *
 * @param code the code as billed, e.g. {@code D51.0}
 * @param system the code system; ICD-9-CM only arrives from old X12 files
 */
public record Diagnosis(String code, CodeSystem system) {

    /** An ICD-10-CM diagnosis. */
    public static Diagnosis icd10(String code) {
        return new Diagnosis(code, CodeSystem.ICD10CM);
    }

    /** Diagnosis code systems PPL carries. */
    public enum CodeSystem {
        ICD10CM("ICD-10-CM"),
        ICD9CM("ICD-9-CM");

        private final String label;

        CodeSystem(String label) {
            this.label = label;
        }

        /** The system's usual name, e.g. {@code ICD-10-CM}. */
        public String label() {
            return label;
        }
    }
}
