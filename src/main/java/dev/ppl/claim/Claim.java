package dev.ppl.claim;

import java.util.List;

/**
 * One professional claim: who pays, who was treated, the service lines billed and the
 * documentation behind them.
 *
 * @param claimId the claim's identifier
 * @param payer which payer the claim is sent to; selects the policies that apply
 * @param patient the beneficiary, or null when not given
 * @param billingProvider the billing provider, or null
 * @param renderingProvider the rendering provider at claim level, or null
 * @param supervisingProvider the practitioner who supervised the rendering provider at claim level
 *     (X12 loop 2310D, FHIR careTeam role {@code supervisor}), or null
 * @param placeOfService CMS place-of-service code, or null
 * @param priorAuthorization the authorization number on the claim, or null
 * @param diagnoses diagnoses in claim order; line pointers are 1-based into this list
 * @param lines the service lines, in claim order
 * @param encounter what the visit was for, or null when not documented
 * @param injections one entry per injection actually given
 * @param history the patient's prior service lines
 */
public record Claim(
        String claimId,
        Payer payer,
        Patient patient,
        Provider billingProvider,
        Provider renderingProvider,
        Provider supervisingProvider,
        String placeOfService,
        String priorAuthorization,
        List<Diagnosis> diagnoses,
        List<ServiceLine> lines,
        Encounter encounter,
        List<Injection> injections,
        List<HistoryEntry> history) {

    public Claim {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
        injections = List.copyOf(injections);
        history = List.copyOf(history);
    }

    /** A claim without a supervising provider (the shape before it was added). */
    public Claim(
            String claimId,
            Payer payer,
            Patient patient,
            Provider billingProvider,
            Provider renderingProvider,
            String placeOfService,
            String priorAuthorization,
            List<Diagnosis> diagnoses,
            List<ServiceLine> lines,
            Encounter encounter,
            List<Injection> injections,
            List<HistoryEntry> history) {
        this(claimId, payer, patient, billingProvider, renderingProvider, null, placeOfService, priorAuthorization,
                diagnoses, lines, encounter, injections, history);
    }

    /** The line with this line number, or null. */
    public ServiceLine line(int number) {
        for (ServiceLine l : lines) {
            if (l.line() == number) {
                return l;
            }
        }
        return null;
    }
}
