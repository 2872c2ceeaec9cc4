package dev.ppl.lsp;

import dev.ppl.check.ClaimSchema;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the editor shows for the codes a finding carries and the fields of the claim. The CARC and
 * RARC texts are shortened from the X12 code lists (x12.org/codes/claim-adjustment-reason-codes and
 * x12.org/codes/remittance-advice-remark-codes; the lists change three times a year, so the hover
 * says where the full, current text is). The modifiers are the CMS HCPCS Level II and CPT modifiers
 * injection policies use most. Only the editor reads these; the checker accepts any well-formed code.
 */
final class Vocabulary {
    private Vocabulary() {}

    /** Where the full, current CARC and RARC texts are. */
    static final String CODE_LISTS = "X12 code lists: x12.org/codes";

    /** Claim adjustment group codes. */
    static final Map<String, String> GROUPS = ordered(
            "CO", "contractual obligation: the provider may not bill the patient",
            "PR", "patient responsibility: the patient may be billed",
            "OA", "other adjustment",
            "PI", "payer-initiated reduction",
            "CR", "correction or reversal of a prior decision");

    /** Claim adjustment reason codes (CARC). */
    static final Map<String, String> CARCS = ordered(
            "1", "deductible amount",
            "2", "coinsurance amount",
            "3", "co-payment amount",
            "4", "the procedure code is inconsistent with the modifier used, or a required modifier is missing",
            "5", "the procedure code or bill type is inconsistent with the place of service",
            "6", "the procedure or revenue code is inconsistent with the patient's age",
            "7", "the procedure or revenue code is inconsistent with the patient's gender",
            "11", "the diagnosis is inconsistent with the procedure",
            "15", "the authorization number is missing, invalid, or does not apply to the billed services or provider",
            "16", "claim/service lacks information or has submission/billing error(s)",
            "18", "exact duplicate claim/service",
            "22", "this care may be covered by another payer per coordination of benefits",
            "27", "expenses incurred after coverage terminated",
            "29", "the time limit for filing has expired",
            "45", "charge exceeds fee schedule/maximum allowable or contracted/legislated fee arrangement",
            "50", "non-covered service: not deemed a medical necessity by the payer",
            "96", "non-covered charge(s)",
            "97", "the benefit for this service is included in the payment/allowance for another service/procedure"
                    + " that has already been adjudicated",
            "109", "claim/service not covered by this payer/contractor",
            "119", "benefit maximum for this time period or occurrence has been reached",
            "151", "the payer deems the information submitted does not support this many/frequency of services",
            "167", "this (these) diagnosis(es) is (are) not covered",
            "181", "procedure code was invalid on the date of service",
            "182", "procedure modifier was invalid on the date of service",
            "197", "precertification/notification/authorization/pre-treatment absent",
            "204", "this service/equipment/drug is not covered under the patient's current benefit plan",
            "234", "this procedure is not paid separately",
            "236", "this procedure or procedure/modifier combination is not compatible with another procedure or"
                    + " procedure/modifier combination provided on the same day according to the National Correct"
                    + " Coding Initiative",
            "B7", "this provider was not certified/eligible to be paid for this procedure/service on this date of"
                    + " service");

    /** Remittance advice remark codes (RARC). */
    static final Map<String, String> RARCS = ordered(
            "M14", "no separate payment for an injection administered during an office visit, and no other procedure"
                    + " was performed",
            "M20", "missing/incomplete/invalid HCPCS",
            "M51", "missing/incomplete/invalid procedure code(s)",
            "M53", "missing/incomplete/invalid days or units of service",
            "M76", "missing/incomplete/invalid diagnosis or condition",
            "M80", "not covered when performed during the same session/date as a previously processed service for"
                    + " the patient",
            "M86", "service denied because payment already made for same/similar procedure within set time frame",
            "M119", "missing/incomplete/invalid/deactivated/withdrawn National Drug Code (NDC)",
            "N20", "service not payable with other service rendered on the same date",
            "N56", "procedure code billed is not correct/valid for the services billed or the date of service billed",
            "N115", "this decision was based on a Local Coverage Determination (LCD)",
            "N362", "the number of days or units of service exceeds our acceptable maximum",
            "N386", "this decision was based on a National Coverage Determination (NCD)",
            "N425", "statutorily excluded service(s)",
            "N657", "this should be billed with the appropriate code for these services",
            "N822", "missing procedure modifier(s)");

    /** Modifiers (CPT and HCPCS Level II). */
    static final Map<String, String> MODIFIERS = ordered(
            "25", "significant, separately identifiable E/M service by the same physician on the day of a procedure",
            "59", "distinct procedural service",
            "76", "repeat procedure by the same physician",
            "77", "repeat procedure by another physician",
            "91", "repeat clinical diagnostic laboratory test",
            "GA", "waiver of liability statement (ABN) issued as required by payer policy",
            "GY", "item or service statutorily excluded or not a Medicare benefit",
            "GZ", "item or service expected to be denied as not reasonable and necessary",
            "JW", "drug amount discarded/not administered to any patient",
            "JZ", "zero drug amount discarded/not administered to any patient",
            "JB", "administered subcutaneously",
            "KX", "requirements specified in the medical policy have been met",
            "LT", "left side",
            "RT", "right side",
            "XE", "separate encounter",
            "XP", "separate practitioner",
            "XS", "separate structure",
            "XU", "unusual non-overlapping service");

    private static final Map<ClaimSchema.Field, String> FIELDS = new EnumMap<>(ClaimSchema.Field.class);

    static {
        for (String[] f : new String[][] {
            {"CLAIM_ID", "the claim's id, as the sender gave it"},
            {"CLAIM_PAYER", "the payer the claim is sent to: its id, type (medicare, medicaid, commercial) and jurisdiction"},
            {"CLAIM_PATIENT", "the patient: id, birth date, sex"},
            {"CLAIM_BILLING_PROVIDER", "the provider billing the claim (NPI, taxonomy)"},
            {"CLAIM_RENDERING_PROVIDER", "the provider who rendered the services, when given for the claim"},
            {"CLAIM_SUPERVISING_PROVIDER", "the practitioner who supervised the rendering provider, when the claim names one (X12 2310D)"},
            {"CLAIM_PLACE_OF_SERVICE", "the CMS place-of-service code of the claim, e.g. 11 (office)"},
            {"CLAIM_PRIOR_AUTHORIZATION", "the prior-authorization number, when there is one"},
            {"CLAIM_DIAGNOSES", "the claim's ICD-10-CM diagnoses, in order (line pointers refer to them)"},
            {"CLAIM_LINES", "the service lines"},
            {"CLAIM_ENCOUNTER", "the encounter documentation: purpose and note"},
            {"CLAIM_INJECTIONS", "the documented injections: route, site, time, drugs and the administration line"},
            {"CLAIM_HISTORY", "the patient's earlier services, for frequency limits"},
            {"PAYER_ID", "the payer's id"},
            {"PAYER_TYPE", "the payer type: medicare, medicaid or commercial"},
            {"PAYER_JURISDICTION", "the payer's jurisdiction (a MAC jurisdiction or state)"},
            {"PATIENT_ID", "the patient's id"},
            {"PATIENT_BIRTH_DATE", "the patient's date of birth"},
            {"PATIENT_SEX", "the patient's sex as billed"},
            {"PROVIDER_NPI", "the provider's 10-digit NPI"},
            {"PROVIDER_TAXONOMY", "the provider's taxonomy code"},
            {"PROVIDER_NAME", "the provider's name as the claim gives it"},
            {"LINE_NUMBER", "the line's number on the claim, from 1"},
            {"LINE_CODE", "the line's CPT or HCPCS code"},
            {"LINE_DESCRIPTION", "the line's free-text description as billed (X12 SV101-7): for an unclassified drug code such as J3490, the drug's name, strength and dose given"},
            {"LINE_MODIFIERS", "the line's modifiers, up to four"},
            {"LINE_UNITS", "the units billed on the line"},
            {"LINE_CHARGE", "the line's charge in dollars"},
            {"LINE_SERVICE_DATE", "the line's date of service"},
            {"LINE_DIAGNOSIS_POINTERS", "which of the claim's diagnoses (1 to 12) the line points to"},
            {"LINE_DIAGNOSES", "the diagnoses the line points to"},
            {"LINE_DRUG", "the line's drug data (NDC, quantity, unit, container), for drug lines"},
            {"LINE_PLACE_OF_SERVICE", "the line's place of service, when it differs from the claim's"},
            {"LINE_RENDERING_PROVIDER", "the provider who rendered this line, when it differs from the claim's"},
            {"LINE_SUPERVISING_PROVIDER", "the practitioner who supervised this line (X12 2420D, else the claim's)"},
            {"DRUG_NDC", "the 11-digit National Drug Code of the drug billed"},
            {"DRUG_QUANTITY", "the NDC quantity billed"},
            {"DRUG_UNIT", "the unit of the NDC quantity: F2 (international unit), GR (gram), ME (milligram), ML, UN (unit)"},
            {"DRUG_CONTAINER", "single-dose or multi-dose"},
            {"ENCOUNTER_PURPOSE", "why the patient came, as documented"},
            {"ENCOUNTER_NOTE", "the encounter's note"},
            {"INJECTION_ADMIN_LINE", "the service line that bills the administration (e.g. 96372)"},
            {"INJECTION_ROUTE", "the route documented: subcutaneous, intramuscular, ..."},
            {"INJECTION_SITE", "the injection site documented"},
            {"INJECTION_TIME", "the time of the injection documented"},
            {"INJECTION_ORDERED_BY", "who ordered the injection"},
            {"INJECTION_ADMINISTERED_BY", "who gave the injection"},
            {"INJECTION_RESPONSE", "the patient's response documented"},
            {"INJECTION_NECESSITY", "the medical necessity documented"},
            {"INJECTION_DRUGS", "the drugs given in the injection, with their doses and drug lines"},
            {"INJECTION_NOTE", "the injection's note"},
            {"INJECTED_DRUG_LINE", "the service line that bills the drug (a J-code line)"},
            {"INJECTED_DRUG_NAME", "the drug's name as documented"},
            {"INJECTED_DRUG_DOSE", "the dose given, a quantity such as 40 mg"},
            {"HISTORY_CLAIM_ID", "the id of the earlier claim"},
            {"HISTORY_SERVICE_DATE", "the date of the earlier service"},
            {"HISTORY_CODE", "the CPT or HCPCS code of the earlier service"},
            {"HISTORY_UNITS", "the units of the earlier service"},
            {"HISTORY_MODIFIERS", "the modifiers of the earlier service"},
            {"HISTORY_DIAGNOSES", "the diagnoses of the earlier service"},
            {"HISTORY_NOTE", "the note of the earlier service"}}) {
            FIELDS.put(ClaimSchema.Field.valueOf(f[0]), f[1]);
        }
    }

    /** A field's documentation: what it holds, in words. */
    static String field(ClaimSchema.Field field) {
        return FIELDS.getOrDefault(field, "");
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
