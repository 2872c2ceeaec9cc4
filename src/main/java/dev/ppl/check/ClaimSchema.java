package dev.ppl.check;

import java.util.ArrayList;
import java.util.List;

/** The claim model as the language sees it: which objects there are and their fields' types. */
public final class ClaimSchema {

    private ClaimSchema() {}

    /** The kinds of claim-model objects. */
    public enum Kind {
        CLAIM("the claim"),
        PAYER("a payer"),
        PATIENT("a patient"),
        PROVIDER("a provider"),
        LINE("a service line"),
        DRUG("a drug line's NDC data"),
        ENCOUNTER("an encounter"),
        INJECTION("an injection"),
        INJECTED_DRUG("an injected drug"),
        HISTORY("a history entry");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        public String noun() {
            return noun;
        }
    }

    private static final Type TEXT = Type.Simple.TEXT;
    private static final Type NUMBER = Type.Simple.NUMBER;
    private static final Type DATE = Type.Simple.DATE;

    private static Type entity(Kind k) {
        return new Type.Entity(k);
    }

    private static Type list(Type t) {
        return new Type.ListOf(t);
    }

    /** Every field of every object. */
    public enum Field {
        CLAIM_ID(Kind.CLAIM, "claimId", TEXT),
        CLAIM_PAYER(Kind.CLAIM, "payer", entity(Kind.PAYER)),
        CLAIM_PATIENT(Kind.CLAIM, "patient", entity(Kind.PATIENT)),
        CLAIM_BILLING_PROVIDER(Kind.CLAIM, "billingProvider", entity(Kind.PROVIDER)),
        CLAIM_RENDERING_PROVIDER(Kind.CLAIM, "renderingProvider", entity(Kind.PROVIDER)),
        CLAIM_SUPERVISING_PROVIDER(Kind.CLAIM, "supervisingProvider", entity(Kind.PROVIDER)),
        CLAIM_PLACE_OF_SERVICE(Kind.CLAIM, "placeOfService", TEXT),
        CLAIM_PRIOR_AUTHORIZATION(Kind.CLAIM, "priorAuthorization", TEXT),
        CLAIM_DIAGNOSES(Kind.CLAIM, "diagnoses", list(Type.Simple.DIAGNOSIS)),
        CLAIM_LINES(Kind.CLAIM, "lines", list(entity(Kind.LINE))),
        CLAIM_ENCOUNTER(Kind.CLAIM, "encounter", entity(Kind.ENCOUNTER)),
        CLAIM_INJECTIONS(Kind.CLAIM, "injections", list(entity(Kind.INJECTION))),
        CLAIM_HISTORY(Kind.CLAIM, "history", list(entity(Kind.HISTORY))),

        PAYER_ID(Kind.PAYER, "id", TEXT),
        PAYER_TYPE(Kind.PAYER, "type", TEXT),
        PAYER_JURISDICTION(Kind.PAYER, "jurisdiction", TEXT),

        PATIENT_ID(Kind.PATIENT, "id", TEXT),
        PATIENT_BIRTH_DATE(Kind.PATIENT, "birthDate", DATE),
        PATIENT_SEX(Kind.PATIENT, "sex", TEXT),

        PROVIDER_NPI(Kind.PROVIDER, "npi", TEXT),
        PROVIDER_TAXONOMY(Kind.PROVIDER, "taxonomy", TEXT),
        PROVIDER_NAME(Kind.PROVIDER, "name", TEXT),

        LINE_NUMBER(Kind.LINE, "line", NUMBER),
        LINE_CODE(Kind.LINE, "code", Type.Simple.CODE),
        LINE_DESCRIPTION(Kind.LINE, "description", TEXT),
        LINE_MODIFIERS(Kind.LINE, "modifiers", list(Type.Simple.MODIFIER)),
        LINE_UNITS(Kind.LINE, "units", NUMBER),
        LINE_CHARGE(Kind.LINE, "charge", NUMBER),
        LINE_SERVICE_DATE(Kind.LINE, "serviceDate", DATE),
        LINE_DIAGNOSIS_POINTERS(Kind.LINE, "diagnosisPointers", list(NUMBER)),
        LINE_DIAGNOSES(Kind.LINE, "diagnoses", list(Type.Simple.DIAGNOSIS)),
        LINE_DRUG(Kind.LINE, "drug", entity(Kind.DRUG)),
        LINE_PLACE_OF_SERVICE(Kind.LINE, "placeOfService", TEXT),
        LINE_RENDERING_PROVIDER(Kind.LINE, "renderingProvider", entity(Kind.PROVIDER)),
        LINE_SUPERVISING_PROVIDER(Kind.LINE, "supervisingProvider", entity(Kind.PROVIDER)),

        DRUG_NDC(Kind.DRUG, "ndc", Type.Simple.NDC),
        DRUG_QUANTITY(Kind.DRUG, "quantity", NUMBER),
        DRUG_UNIT(Kind.DRUG, "unit", TEXT),
        DRUG_CONTAINER(Kind.DRUG, "container", TEXT),

        ENCOUNTER_PURPOSE(Kind.ENCOUNTER, "purpose", TEXT),
        ENCOUNTER_NOTE(Kind.ENCOUNTER, "note", TEXT),

        INJECTION_ADMIN_LINE(Kind.INJECTION, "adminLine", entity(Kind.LINE)),
        INJECTION_ROUTE(Kind.INJECTION, "route", TEXT),
        INJECTION_SITE(Kind.INJECTION, "site", TEXT),
        INJECTION_TIME(Kind.INJECTION, "time", TEXT),
        INJECTION_ORDERED_BY(Kind.INJECTION, "orderedBy", TEXT),
        INJECTION_ADMINISTERED_BY(Kind.INJECTION, "administeredBy", TEXT),
        INJECTION_RESPONSE(Kind.INJECTION, "response", TEXT),
        INJECTION_NECESSITY(Kind.INJECTION, "necessity", TEXT),
        INJECTION_DRUGS(Kind.INJECTION, "drugs", list(entity(Kind.INJECTED_DRUG))),
        INJECTION_NOTE(Kind.INJECTION, "note", TEXT),

        INJECTED_DRUG_LINE(Kind.INJECTED_DRUG, "line", entity(Kind.LINE)),
        INJECTED_DRUG_NAME(Kind.INJECTED_DRUG, "name", TEXT),
        INJECTED_DRUG_DOSE(Kind.INJECTED_DRUG, "dose", new Type.Quantity(null)),

        HISTORY_CLAIM_ID(Kind.HISTORY, "claimId", TEXT),
        HISTORY_SERVICE_DATE(Kind.HISTORY, "serviceDate", DATE),
        HISTORY_CODE(Kind.HISTORY, "code", Type.Simple.CODE),
        HISTORY_UNITS(Kind.HISTORY, "units", NUMBER),
        HISTORY_MODIFIERS(Kind.HISTORY, "modifiers", list(Type.Simple.MODIFIER)),
        HISTORY_DIAGNOSES(Kind.HISTORY, "diagnoses", list(Type.Simple.DIAGNOSIS)),
        HISTORY_NOTE(Kind.HISTORY, "note", TEXT);

        private final Kind owner;
        private final String fieldName;
        private final Type type;

        Field(Kind owner, String fieldName, Type type) {
            this.owner = owner;
            this.fieldName = fieldName;
            this.type = type;
        }

        public Kind owner() {
            return owner;
        }

        public String fieldName() {
            return fieldName;
        }

        public Type type() {
            return type;
        }
    }

    /** The field of {@code kind} called {@code name}, or null. */
    public static Field field(Kind kind, String name) {
        java.util.Map<String, Field> fields = kind == null ? null : ByName.FIELDS.get(kind);
        return fields == null ? null : fields.get(name);
    }

    /**
     * The fields of each kind by name (the checker looks one up for every member access). In a
     * class of its own, made at the first look-up: {@link Field}'s constants read this class's
     * statics, so this class cannot read {@link Field#values()} while it is being initialized.
     */
    private static final class ByName {
        static final java.util.Map<Kind, java.util.Map<String, Field>> FIELDS = new java.util.EnumMap<>(Kind.class);

        static {
            for (Kind k : Kind.values()) {
                FIELDS.put(k, new java.util.HashMap<>());
            }
            for (Field f : Field.values()) {
                FIELDS.get(f.owner).putIfAbsent(f.fieldName, f);
            }
        }
    }

    /** The field names of a kind, for "did you mean" help. */
    public static List<String> fieldNames(Kind kind) {
        List<String> names = new ArrayList<>();
        for (Field f : Field.values()) {
            if (f.owner == kind) {
                names.add(f.fieldName);
            }
        }
        return names;
    }
}
