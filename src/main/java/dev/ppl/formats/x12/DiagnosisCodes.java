package dev.ppl.formats.x12;

import dev.ppl.claim.Diagnosis;

/** ICD codes as X12 carries them (no decimal point) turned into the dotted form PPL's claim model uses. */
final class DiagnosisCodes {

    private DiagnosisCodes() {}

    /**
     * Inserts the decimal point X12 leaves out: ICD-10-CM and ICD-9-CM after the third character (D510 ->
     * D51.0, 0340 -> 034.0, V7389 -> V73.89), ICD-9-CM external-cause E codes after the fourth (E8888 ->
     * E888.8). Codes of three characters or less, codes that already hold a point and codes with characters
     * other than letters and digits are returned as given, for policies to judge.
     */
    static String withDecimalPoint(String code, Diagnosis.CodeSystem system) {
        if (code.length() <= 3 || !code.chars().allMatch(Character::isLetterOrDigit) || code.chars().anyMatch(c -> c > 127)) {
            return code;
        }
        int at = system == Diagnosis.CodeSystem.ICD9CM && (code.charAt(0) == 'E' || code.charAt(0) == 'e') ? 4 : 3;
        if (code.length() <= at) {
            return code;
        }
        return code.substring(0, at) + "." + code.substring(at);
    }
}
