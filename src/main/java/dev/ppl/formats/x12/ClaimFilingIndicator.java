package dev.ppl.formats.x12;

import dev.ppl.claim.PayerType;

/**
 * The X12 claim filing indicator ({@code SBR09}, code list 1032) as a PPL payer type. Used only for payers
 * the payer mapping does not know: the mapping's type always wins.
 */
final class ClaimFilingIndicator {

    private ClaimFilingIndicator() {}

    /**
     * {@code MA}, {@code MB} (Medicare Part A/B) -> medicare; {@code MC} (Medicaid) -> medicaid; {@code CI}
     * (commercial), {@code BL} (Blue Cross/Blue Shield), {@code HM} (HMO), {@code 12}-{@code 15} and {@code 17}
     * (PPO, POS, EPO, indemnity, dental maintenance) -> commercial; anything else (Medicare Advantage HMO
     * {@code 16}, TRICARE {@code CH}, VA, workers' compensation, auto, liability, other federal, ...) -> null,
     * because PPL's three types do not say how those payers behave.
     */
    static PayerType payerType(String sbr09) {
        return switch (sbr09 == null ? "" : sbr09) {
            case "MA", "MB" -> PayerType.MEDICARE;
            case "MC" -> PayerType.MEDICAID;
            case "CI", "BL", "HM", "12", "13", "14", "15", "17" -> PayerType.COMMERCIAL;
            default -> null;
        };
    }
}
