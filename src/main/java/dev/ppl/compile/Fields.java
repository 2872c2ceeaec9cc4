package dev.ppl.compile;

import dev.ppl.check.ClaimSchema;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Dose;
import dev.ppl.claim.Drug;
import dev.ppl.claim.Encounter;
import dev.ppl.claim.HistoryEntry;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.value.Quantity;
import dev.ppl.value.Table;
import dev.ppl.value.Unit;

/**
 * Accessor nodes for the claim model's fields. A missing object yields a missing field. The
 * fields that are more than a record component (resolved through the claim, defaulted from the
 * claim, converted) are public static methods, which the rules generated as bytecode call too.
 */
public final class Fields {
    private Fields() {}

    static Node.Num num(ClaimSchema.Field field, Node.Obj target) {
        return switch (field) {
            case LINE_NUMBER -> f -> target.get(f) instanceof ServiceLine l ? l.line() : Double.NaN;
            case LINE_UNITS -> f -> target.get(f) instanceof ServiceLine l ? l.units() : Double.NaN;
            case LINE_CHARGE -> f -> lineCharge(target.get(f));
            case DRUG_QUANTITY -> f -> drugQuantity(target.get(f));
            case HISTORY_UNITS -> f -> target.get(f) instanceof HistoryEntry h ? h.units() : Double.NaN;
            default -> throw new IllegalArgumentException(field + " is not a number field");
        };
    }

    static Node.Obj obj(ClaimSchema.Field field, Node.Obj target) {
        return switch (field) {
            case CLAIM_ID -> f -> target.get(f) instanceof Claim c ? c.claimId() : null;
            case CLAIM_PAYER -> f -> target.get(f) instanceof Claim c ? c.payer() : null;
            case CLAIM_PATIENT -> f -> target.get(f) instanceof Claim c ? c.patient() : null;
            case CLAIM_BILLING_PROVIDER -> f -> target.get(f) instanceof Claim c ? c.billingProvider() : null;
            case CLAIM_RENDERING_PROVIDER -> f -> target.get(f) instanceof Claim c ? c.renderingProvider() : null;
            case CLAIM_SUPERVISING_PROVIDER -> f -> target.get(f) instanceof Claim c ? c.supervisingProvider() : null;
            case CLAIM_PLACE_OF_SERVICE -> f -> target.get(f) instanceof Claim c ? c.placeOfService() : null;
            case CLAIM_PRIOR_AUTHORIZATION -> f -> target.get(f) instanceof Claim c ? c.priorAuthorization() : null;
            case CLAIM_DIAGNOSES -> f -> f.claim().diagnosisCodes();
            case CLAIM_LINES -> f -> target.get(f) instanceof Claim c ? c.lines() : null;
            case CLAIM_ENCOUNTER -> f -> target.get(f) instanceof Claim c ? c.encounter() : null;
            case CLAIM_INJECTIONS -> f -> target.get(f) instanceof Claim c ? c.injections() : null;
            case CLAIM_HISTORY -> f -> target.get(f) instanceof Claim c ? c.history() : null;

            case PAYER_ID -> f -> target.get(f) instanceof Payer p ? p.id() : null;
            case PAYER_TYPE -> f -> payerType(target.get(f));
            case PAYER_JURISDICTION -> f -> target.get(f) instanceof Payer p ? p.jurisdiction() : null;

            case PATIENT_ID -> f -> target.get(f) instanceof Patient p ? p.id() : null;
            case PATIENT_BIRTH_DATE -> f -> target.get(f) instanceof Patient p ? p.birthDate() : null;
            case PATIENT_SEX -> f -> target.get(f) instanceof Patient p ? p.sex() : null;

            case PROVIDER_NPI -> f -> target.get(f) instanceof Provider p ? p.npi() : null;
            case PROVIDER_TAXONOMY -> f -> target.get(f) instanceof Provider p ? p.taxonomy() : null;
            case PROVIDER_NAME -> f -> target.get(f) instanceof Provider p ? p.name() : null;

            case LINE_CODE -> f -> target.get(f) instanceof ServiceLine l ? l.code() : null;
            case LINE_DESCRIPTION -> f -> target.get(f) instanceof ServiceLine l ? l.description() : null;
            case LINE_MODIFIERS -> f -> target.get(f) instanceof ServiceLine l ? l.modifiers() : null;
            case LINE_SERVICE_DATE -> f -> target.get(f) instanceof ServiceLine l ? l.serviceDate() : null;
            case LINE_DIAGNOSIS_POINTERS -> f -> target.get(f) instanceof ServiceLine l ? l.diagnosisPointers() : null;
            case LINE_DIAGNOSES -> f -> lineDiagnoses(f, target.get(f));
            case LINE_DRUG -> f -> target.get(f) instanceof ServiceLine l ? l.drug() : null;
            case LINE_PLACE_OF_SERVICE -> f -> linePlaceOfService(f, target.get(f));
            case LINE_RENDERING_PROVIDER -> f -> lineRenderingProvider(f, target.get(f));
            case LINE_SUPERVISING_PROVIDER -> f -> lineSupervisingProvider(f, target.get(f));

            case DRUG_NDC -> f -> target.get(f) instanceof Drug d ? d.ndc() : null;
            case DRUG_UNIT -> f -> target.get(f) instanceof Drug d ? d.unit() : null;
            case DRUG_CONTAINER -> f -> target.get(f) instanceof Drug d ? d.container() : null;

            case ENCOUNTER_PURPOSE -> f -> target.get(f) instanceof Encounter e ? e.purpose() : null;
            case ENCOUNTER_NOTE -> f -> target.get(f) instanceof Encounter e ? e.note() : null;

            case INJECTION_ADMIN_LINE -> f -> adminLine(f, target.get(f));
            case INJECTION_ROUTE -> f -> target.get(f) instanceof Injection i ? i.route() : null;
            case INJECTION_SITE -> f -> target.get(f) instanceof Injection i ? i.site() : null;
            case INJECTION_TIME -> f -> target.get(f) instanceof Injection i ? i.time() : null;
            case INJECTION_ORDERED_BY -> f -> target.get(f) instanceof Injection i ? i.orderedBy() : null;
            case INJECTION_ADMINISTERED_BY -> f -> target.get(f) instanceof Injection i ? i.administeredBy() : null;
            case INJECTION_RESPONSE -> f -> target.get(f) instanceof Injection i ? i.response() : null;
            case INJECTION_NECESSITY -> f -> target.get(f) instanceof Injection i ? i.necessity() : null;
            case INJECTION_DRUGS -> f -> target.get(f) instanceof Injection i ? i.drugs() : null;
            case INJECTION_NOTE -> f -> target.get(f) instanceof Injection i ? i.note() : null;

            case INJECTED_DRUG_LINE -> f -> drugLine(f, target.get(f));
            case INJECTED_DRUG_NAME -> f -> target.get(f) instanceof InjectedDrug d ? d.name() : null;
            case INJECTED_DRUG_DOSE -> f -> dose(target.get(f));

            case HISTORY_CLAIM_ID -> f -> target.get(f) instanceof HistoryEntry h ? h.claimId() : null;
            case HISTORY_SERVICE_DATE -> f -> target.get(f) instanceof HistoryEntry h ? h.serviceDate() : null;
            case HISTORY_CODE -> f -> target.get(f) instanceof HistoryEntry h ? h.code() : null;
            case HISTORY_MODIFIERS -> f -> target.get(f) instanceof HistoryEntry h ? h.modifiers() : null;
            case HISTORY_DIAGNOSES -> f -> target.get(f) instanceof HistoryEntry h ? h.diagnoses() : null;
            case HISTORY_NOTE -> f -> target.get(f) instanceof HistoryEntry h ? h.note() : null;

            case LINE_NUMBER, LINE_UNITS, LINE_CHARGE, DRUG_QUANTITY, HISTORY_UNITS -> {
                Node.Num n = num(field, target);
                yield f -> {
                    double d = n.num(f);
                    return Double.isNaN(d) ? null : d;
                };
            }
        };
    }

    // ------------------------------------------ fields that are more than a record component

    /** {@code TABLE[key].column}: null when the row is missing. */
    public static Object column(Object row, int column) {
        return row == null ? null : ((Table.Row) row).values()[column];
    }

    /** {@code TABLE[key].column} of a number column: {@code NaN} when the row or the number is missing. */
    public static double numberColumn(Object row, int column) {
        return row == null ? Double.NaN : ((Table.Row) row).values()[column] instanceof Double d ? d : Double.NaN;
    }

    /** {@code line.charge}. */
    public static double lineCharge(Object line) {
        return line instanceof ServiceLine l && l.charge() != null ? l.charge().doubleValue() : Double.NaN;
    }

    /** {@code drug.quantity} of a line's drug. */
    public static double drugQuantity(Object drug) {
        return drug instanceof Drug d && d.quantity() != null ? d.quantity() : Double.NaN;
    }

    /** {@code payer.type}: its key ({@code medicare}). */
    public static String payerType(Object payer) {
        return payer instanceof Payer p && p.type() != null ? p.type().key() : null;
    }

    /** {@code line.diagnoses}: the codes its pointers name. */
    public static Object lineDiagnoses(Frame f, Object line) {
        return line instanceof ServiceLine l ? f.claim().diagnosesOf(l) : null;
    }

    /** {@code line.placeOfService}: the line's own, else the claim's. */
    public static String linePlaceOfService(Frame f, Object line) {
        return line instanceof ServiceLine l
                ? (l.placeOfService() != null ? l.placeOfService() : f.claim().claim().placeOfService()) : null;
    }

    /** {@code line.renderingProvider}: the line's own, else the claim's. */
    public static Provider lineRenderingProvider(Frame f, Object line) {
        return line instanceof ServiceLine l
                ? (l.renderingProvider() != null ? l.renderingProvider() : f.claim().claim().renderingProvider()) : null;
    }

    /** {@code line.supervisingProvider}: the line's own, else the claim's. */
    public static Provider lineSupervisingProvider(Frame f, Object line) {
        return line instanceof ServiceLine l
                ? (l.supervisingProvider() != null ? l.supervisingProvider() : f.claim().claim().supervisingProvider())
                : null;
    }

    /** {@code injection.adminLine}: the line it points at. */
    public static ServiceLine adminLine(Frame f, Object injection) {
        return injection instanceof Injection i ? f.claim().line(i.adminLine()) : null;
    }

    /** {@code drug.line} of an injected drug: the line it points at. */
    public static ServiceLine drugLine(Frame f, Object drug) {
        return drug instanceof InjectedDrug d ? f.claim().line(d.line()) : null;
    }

    /** {@code drug.dose} of an injected drug, as a quantity; missing when its unit is not one PPL converts. */
    public static Quantity dose(Object drug) {
        if (!(drug instanceof InjectedDrug d) || d.dose() == null) {
            return null;
        }
        Dose dose = d.dose();
        Unit unit = Unit.parse(dose.unit());
        return unit == null ? null : new Quantity(dose.value(), unit);
    }
}
