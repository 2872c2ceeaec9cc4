package dev.ppl.formats.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.Drug;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.formats.PayerMapping;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Maps one FHIR R4 Claim or ExplanationOfBenefit resource to a {@link ClaimReadResult}. */
final class ClaimMapper {

    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    private static final Set<String> PROCEDURE_SYSTEMS = Set.of(
            "http://www.ama-assn.org/go/cpt",
            "urn:oid:2.16.840.1.113883.6.12",
            "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
            "https://bluebutton.cms.gov/resources/codesystem/hcpcs",
            "urn:oid:2.16.840.1.113883.6.285",
            "urn:oid:2.16.840.1.113883.6.14");
    private static final Map<String, Diagnosis.CodeSystem> DIAGNOSIS_SYSTEMS = Map.of(
            "http://hl7.org/fhir/sid/icd-10-cm", Diagnosis.CodeSystem.ICD10CM,
            "urn:oid:2.16.840.1.113883.6.90", Diagnosis.CodeSystem.ICD10CM,
            "http://hl7.org/fhir/sid/icd-9-cm", Diagnosis.CodeSystem.ICD9CM,
            "urn:oid:2.16.840.1.113883.6.103", Diagnosis.CodeSystem.ICD9CM);
    private static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    private static final String TAXONOMY = "http://nucc.org/provider-taxonomy";
    private static final Set<String> NDC_UNITS = Set.of("F2", "GR", "ME", "ML", "UN");
    private static final Map<String, String> UCUM_TO_NDC_UNIT = Map.of(
            "g", "GR", "mg", "ME", "mL", "ML", "ml", "ML", "[IU]", "F2", "[iU]", "F2", "1", "UN", "{unit}", "UN",
            "{units}", "UN", "{each}", "UN");

    /** Codings of a modifier come from CPT, HCPCS or the HL7 modifier system (not UCUM units). */
    private static final Set<String> MODIFIER_SYSTEMS = union(PROCEDURE_SYSTEMS,
            Set.of("http://terminology.hl7.org/CodeSystem/modifiers"));
    /** Adjudication codes naming a line's submitted (billed) charge: BFD v2 carrier/DME, institutional, IDR. */
    private static final Set<String> LINE_CHARGE_CODES =
            Set.of("line_sbmtd_chrg_amt", "rev_cntr_tot_chrg_amt", "CLM_LINE_SBMT_CHRG_AMT");
    /** Adjudication codes filed under `submitted` that are a rate, not the line's charge. */
    private static final Set<String> RATE_CODES = Set.of("rev_cntr_rate_amt", "CLM_LINE_INSTNL_RATE_AMT");
    private static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    /** BFD's EOB types of institutional claims (v2 eob-type and IDR EOB-TYPE codes). */
    private static final Set<String> INSTITUTIONAL_EOB_TYPES = Set.of("INPATIENT", "OUTPATIENT", "HHA", "HOSPICE", "SNF");

    private final PayerMapping payers;
    private final List<FieldError> warnings;
    private final dev.ppl.formats.ReadMode mode;
    private final Set<String> warnedPayers = new HashSet<>();

    ClaimMapper(PayerMapping payers, List<FieldError> warnings, dev.ppl.formats.ReadMode mode) {
        this.payers = payers;
        this.warnings = warnings;
        this.mode = mode;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    ClaimReadResult map(JsonNode r, String base, References refs) {
        List<FieldError> errors = new ArrayList<>();
        String claimId = claimId(r, base, errors);
        String notProfessional = notProfessional(r);
        if (notProfessional != null) {
            return ClaimReadResult.notCovered(claimId, notProfessional);
        }
        String use = Json.text(r, "use");
        if ("preauthorization".equals(use) || "predetermination".equals(use)) {
            errors.add(new FieldError(base + ".use",
                    "use `" + use + "` is a request before care, not a claim for services given"));
        }
        Patient patient = patient(r, refs);
        Provider billing = billingProvider(r, refs);
        Map<Integer, JsonNode> careTeam = careTeam(r);
        Provider rendering = claimRendering(careTeam, refs);
        Map<JsonNode, Provider> supervisors = supervisors(r, base, refs);
        Provider supervising = supervisors.values().stream().filter(Objects::nonNull).findFirst().orElse(null);
        Map<Integer, Integer> diagnosisIndex = new TreeMap<>();
        Set<Integer> unreadDiagnoses = new HashSet<>();
        List<Diagnosis> diagnoses = diagnoses(r, base, diagnosisIndex, unreadDiagnoses, errors);
        Payer payer = payer(r, base, refs, errors);
        String priorAuthorization = priorAuthorization(r);

        List<JsonNode> items = Json.array(r, "item");
        if (items.isEmpty()) {
            errors.add(new FieldError(base + ".item", "no items: a claim needs at least one service line"));
        }
        String claimPos = commonPlaceOfService(items);
        List<ServiceLine> lines = new ArrayList<>();
        Set<Integer> sequences = new HashSet<>();
        boolean eob = "ExplanationOfBenefit".equals(Json.text(r, "resourceType"));
        List<FieldError> notChecked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<FieldError> lineErrors = mode == dev.ppl.formats.ReadMode.LENIENT ? new ArrayList<>() : errors;
            ServiceLine line = line(items.get(i), base + ".item[" + i + "]", eob, diagnosisIndex, unreadDiagnoses,
                    careTeam, refs, rendering, supervisors, supervising, claimPos, sequences, lineErrors);
            if (line != null) {
                lines.add(line);
            } else if (lineErrors != errors) {
                JsonNode seq = items.get(i).path("sequence");
                String which = seq.isIntegralNumber() && seq.asInt() > 0 ? "line " + seq.asInt() + ", " : "";
                for (FieldError e : new LinkedHashSet<>(lineErrors)) {
                    notChecked.add(new FieldError(which + e.path(), e.message()));
                }
            }
        }
        if (lines.isEmpty() && !notChecked.isEmpty()) {
            errors.addAll(notChecked); // nothing readable is left to judge
        }
        if (!errors.isEmpty()) {
            return ClaimReadResult.failed(claimId, new ArrayList<>(new LinkedHashSet<>(errors)));
        }
        Claim claim = new Claim(claimId, payer, patient, billing, rendering, supervising, claimPos, priorAuthorization,
                diagnoses, lines, null, List.of(), List.of());
        return notChecked.isEmpty() ? ClaimReadResult.ok(claim) : ClaimReadResult.partial(claim, notChecked);
    }

    /**
     * Why the resource is not a professional claim, or null when it is one (or does not say). An
     * institutional, oral, vision or pharmacy claim is read but not judged: PPL's policies are written
     * for professional claims.
     */
    private static String notProfessional(JsonNode r) {
        String type = null;
        String eobType = null;
        for (JsonNode c : Json.codings(r.path("type"))) {
            String system = Objects.requireNonNullElse(Json.text(c, "system"), "");
            String code = Json.text(c, "code");
            if (CLAIM_TYPE.equals(system) && code != null) {
                type = code;
            } else if (system.toLowerCase(java.util.Locale.ROOT).endsWith("eob-type") && code != null) {
                eobType = code;
            }
        }
        String subType = null;
        for (JsonNode c : Json.codings(r.path("subType"))) {
            subType = subType != null ? subType : Json.text(c, "code");
        }
        boolean institutional = "institutional".equals(type)
                || (eobType != null && INSTITUTIONAL_EOB_TYPES.contains(eobType.toUpperCase(java.util.Locale.ROOT)));
        String kind = Json.text(r, "resourceType");
        if (institutional) {
            return "an institutional claim (" + kind + ".type " + String.join(", ", java.util.stream.Stream.of(
                    type == null ? null : "`" + type + "`", eobType == null ? null : "BFD EOB type `" + eobType + "`",
                    subType == null ? null : "subType `" + subType + "`").filter(Objects::nonNull).toList())
                    + "); PPL's policies judge professional claims";
        }
        if (type != null && Set.of("oral", "vision", "pharmacy").contains(type)) {
            return "a " + (type.equals("oral") ? "dental" : type) + " claim (" + kind + ".type `" + type
                    + "`); PPL's policies judge professional claims";
        }
        return null;
    }

    // ---------------------------------------------------------------- claim level

    /** The identifier typed {@code uc} (unique claim id), else the first identifier, else the resource id. */
    private static String claimId(JsonNode r, String base, List<FieldError> errors) {
        List<JsonNode> identifiers = Json.array(r, "identifier");
        for (JsonNode id : identifiers) {
            for (JsonNode c : Json.codings(id.path("type"))) {
                if ("uc".equals(Json.text(c, "code")) && Json.text(id, "value") != null) {
                    return Json.text(id, "value");
                }
            }
        }
        for (JsonNode id : identifiers) {
            if (Json.text(id, "value") != null) {
                return Json.text(id, "value");
            }
        }
        String id = Json.text(r, "id");
        if (id == null) {
            errors.add(new FieldError(base + ".identifier", "no claim id: the resource has no identifier and no id"));
        }
        return id;
    }

    private static Patient patient(JsonNode r, References refs) {
        JsonNode ref = r.path("patient");
        JsonNode p = refs.resolve(ref);
        if (p == null) {
            String id = Json.text(ref.path("identifier"), "value");
            String reference = Json.text(ref, "reference");
            if (id == null && reference != null && !reference.startsWith("#")) {
                id = reference.substring(reference.lastIndexOf('/') + 1);
            }
            return id == null ? null : new Patient(id, null, null);
        }
        String id = null;
        for (JsonNode identifier : Json.array(p, "identifier")) {
            if (Json.text(identifier, "value") != null) {
                id = Json.text(identifier, "value");
                break;
            }
        }
        if (id == null) {
            id = Json.text(p, "id");
        }
        LocalDate birth = null;
        String birthDate = Json.text(p, "birthDate");
        if (birthDate != null && birthDate.length() == 10) {
            try {
                birth = LocalDate.parse(birthDate);
            } catch (DateTimeParseException e) {
                birth = null;
            }
        }
        String sex = switch (Objects.requireNonNullElse(Json.text(p, "gender"), "")) {
            case "male" -> "M";
            case "female" -> "F";
            case "other", "unknown" -> "U";
            default -> null;
        };
        return new Patient(id, birth, sex);
    }

    private static Provider billingProvider(JsonNode r, References refs) {
        return provider(r.path("provider"), null, refs);
    }

    /**
     * A provider from a Reference (resolved when it can be) and an optional careTeam qualification, with its
     * name (see {@link #name}). A PractitionerRole without an NPI of its own gives its practitioner's NPI.
     */
    private static Provider provider(JsonNode ref, JsonNode qualification, References refs) {
        String npi = null;
        String taxonomy = null;
        JsonNode resolved = refs.resolve(ref);
        if (resolved != null) {
            npi = npi(Json.array(resolved, "identifier"));
            if (npi == null && "PractitionerRole".equals(Json.text(resolved, "resourceType"))) {
                JsonNode practitioner = refs.resolve(resolved.path("practitioner"));
                npi = practitioner == null ? null : npi(Json.array(practitioner, "identifier"));
            }
            for (JsonNode q : Json.array(resolved, "qualification")) {
                taxonomy = taxonomy == null ? code(q.path("code"), TAXONOMY) : taxonomy;
            }
        }
        if (npi == null) {
            JsonNode identifier = ref.path("identifier");
            String system = Objects.requireNonNullElse(Json.text(identifier, "system"), "");
            boolean npiType = Json.codings(identifier.path("type")).stream()
                    .anyMatch(c -> "npi".equalsIgnoreCase(Json.text(c, "code")));
            if (NPI.equals(system) || system.toLowerCase().contains("npi") || npiType) {
                npi = Json.text(identifier, "value");
            }
        }
        if (qualification != null && !qualification.isMissingNode()) {
            String t = code(qualification, TAXONOMY);
            taxonomy = t != null ? t : taxonomy;
        }
        return npi == null ? null : new Provider(npi, taxonomy, name(ref, refs));
    }

    private static String npi(List<JsonNode> identifiers) {
        for (JsonNode identifier : identifiers) {
            boolean npiType = Json.codings(identifier.path("type")).stream()
                    .anyMatch(c -> "npi".equalsIgnoreCase(Json.text(c, "code")));
            if (NPI.equals(Json.text(identifier, "system")) || npiType) {
                return Json.text(identifier, "value");
            }
        }
        return null;
    }

    private static Map<Integer, JsonNode> careTeam(JsonNode r) {
        Map<Integer, JsonNode> bySequence = new LinkedHashMap<>();
        for (JsonNode member : Json.array(r, "careTeam")) {
            if (member.path("sequence").canConvertToInt()) {
                bySequence.putIfAbsent(member.path("sequence").asInt(), member);
            }
        }
        return bySequence;
    }

    private static boolean isRendering(JsonNode member) {
        return Json.codings(member.path("role")).stream().anyMatch(c -> {
            String code = Json.text(c, "code");
            return "rendering".equals(code) || "performing".equals(code);
        });
    }

    /** The careTeam member with a rendering (or CARIN performing) role, the responsible one first. */
    private static Provider claimRendering(Map<Integer, JsonNode> careTeam, References refs) {
        JsonNode chosen = null;
        for (JsonNode member : careTeam.values()) {
            if (isRendering(member)) {
                if (chosen == null || (member.path("responsible").asBoolean(false)
                        && !chosen.path("responsible").asBoolean(false))) {
                    chosen = member;
                }
            }
        }
        return chosen == null ? null : provider(chosen.path("provider"), chosen.path("qualification"), refs);
    }

    /**
     * The careTeam members with the role {@code supervisor} (HL7 claimcareteamrole or CARIN), in order, each with
     * the provider it names; a supervisor without an NPI is warned about and maps to null.
     */
    private Map<JsonNode, Provider> supervisors(JsonNode r, String base, References refs) {
        Map<JsonNode, Provider> out = new LinkedHashMap<>();
        List<JsonNode> members = Json.array(r, "careTeam");
        for (int i = 0; i < members.size(); i++) {
            JsonNode member = members.get(i);
            boolean supervisor = Json.codings(member.path("role")).stream()
                    .anyMatch(c -> "supervisor".equals(Json.text(c, "code")));
            if (!supervisor) {
                continue;
            }
            Provider p = provider(member.path("provider"), member.path("qualification"), refs);
            if (p == null) {
                warnings.add(new FieldError(base + ".careTeam[" + i + "].provider", "the supervisor has no NPI"
                        + " (an identifier with system " + NPI + "): read without this supervising provider"));
            }
            out.put(member, p);
        }
        return out;
    }

    /**
     * A provider's name: the reference's display, else the resolved resource's: an Organization's {@code name}, a
     * Practitioner's first {@code name} ({@code text}, else {@code family, given}), a PractitionerRole's
     * practitioner, else its organization. Null when none of these names it.
     */
    private static String name(JsonNode ref, References refs) {
        return name(ref, refs, true);
    }

    private static String name(JsonNode ref, References refs, boolean followRole) {
        String display = Json.text(ref, "display");
        if (display != null && !display.isBlank()) {
            return display;
        }
        JsonNode resolved = refs.resolve(ref);
        if (resolved == null) {
            return null;
        }
        switch (Objects.requireNonNullElse(Json.text(resolved, "resourceType"), "")) {
            case "Organization" -> {
                String name = Json.text(resolved, "name");
                return name == null || name.isBlank() ? null : name;
            }
            case "PractitionerRole" -> {
                if (!followRole) {
                    return null; // a role whose practitioner is a role again: no name, and no loop
                }
                String name = name(resolved.path("practitioner"), refs, false);
                return name != null ? name : name(resolved.path("organization"), refs, false);
            }
            default -> {
                // a Practitioner, or a resource that names itself the same way
            }
        }
        List<JsonNode> names = Json.array(resolved, "name");
        if (names.isEmpty()) {
            return null;
        }
        JsonNode n = names.get(0);
        String text = Json.text(n, "text");
        if (text != null && !text.isBlank()) {
            return text;
        }
        String family = Objects.requireNonNullElse(Json.text(n, "family"), "");
        String given = String.join(" ", Json.array(n, "given").stream().map(JsonNode::asText).toList());
        String joined = family + (given.isEmpty() ? "" : (family.isEmpty() ? "" : ", ") + given);
        return joined.isEmpty() ? null : joined;
    }

    private static List<Diagnosis> diagnoses(JsonNode r, String base, Map<Integer, Integer> index,
            Set<Integer> unread, List<FieldError> errors) {
        List<JsonNode> entries = Json.array(r, "diagnosis");
        TreeMap<Integer, Diagnosis> bySequence = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode d = entries.get(i);
            String path = base + ".diagnosis[" + i + "]";
            JsonNode seq = d.path("sequence");
            if (!seq.canConvertToInt() || !seq.isIntegralNumber() || seq.asInt() < 1) {
                errors.add(new FieldError(path + ".sequence",
                        "sequence is " + Json.kind(seq) + ", expected a positive whole number"));
                continue;
            }
            int sequence = seq.asInt();
            if (bySequence.containsKey(sequence)) {
                errors.add(new FieldError(path + ".sequence", "sequence " + sequence + " is used twice"));
                continue;
            }
            unread.add(sequence);
            if (d.has("diagnosisReference") && !d.has("diagnosisCodeableConcept")) {
                errors.add(new FieldError(path + ".diagnosisReference",
                        "a diagnosisReference (Condition) is not read; give diagnosisCodeableConcept with an ICD"
                                + " code"));
                continue;
            }
            Diagnosis found = null;
            List<String> systems = new ArrayList<>();
            for (Diagnosis.CodeSystem wanted : Diagnosis.CodeSystem.values()) {
                for (JsonNode c : Json.codings(d.path("diagnosisCodeableConcept"))) {
                    String system = Json.text(c, "system");
                    systems.add(String.valueOf(system));
                    if (found == null && system != null && DIAGNOSIS_SYSTEMS.get(system) == wanted
                            && Json.text(c, "code") != null) {
                        found = new Diagnosis(Json.text(c, "code"), wanted);
                    }
                }
            }
            if (found == null) {
                errors.add(new FieldError(path + ".diagnosisCodeableConcept",
                        "no ICD-10-CM or ICD-9-CM coding (systems http://hl7.org/fhir/sid/icd-10-cm or"
                                + " http://hl7.org/fhir/sid/icd-9-cm); found "
                                + (systems.isEmpty() ? "no coding" : String.join(", ", new LinkedHashSet<>(systems)))));
                continue;
            }
            unread.remove(sequence);
            bySequence.put(sequence, found);
        }
        List<Diagnosis> out = new ArrayList<>();
        for (Map.Entry<Integer, Diagnosis> e : bySequence.entrySet()) {
            out.add(e.getValue());
            index.put(e.getKey(), out.size());
        }
        return out;
    }

    private Payer payer(JsonNode r, String base, References refs, List<FieldError> errors) {
        String id = null;
        String name = null;
        JsonNode insurer = r.path("insurer");
        if (!insurer.isMissingNode()) {
            JsonNode org = refs.resolve(insurer);
            id = firstIdentifier(org);
            name = Json.text(org, "name");
            id = id != null ? id : Json.text(insurer.path("identifier"), "value");
            name = name != null ? name : Json.text(insurer, "display");
        }
        if (id == null && name == null) {
            for (JsonNode insurance : Json.array(r, "insurance")) {
                JsonNode coverage = refs.resolve(insurance.path("coverage"));
                for (JsonNode payor : Json.array(coverage, "payor")) {
                    JsonNode org = refs.resolve(payor);
                    id = firstIdentifier(org);
                    name = Json.text(org, "name");
                    id = id != null ? id : Json.text(payor.path("identifier"), "value");
                    name = name != null ? name : Json.text(payor, "display");
                    if (id != null || name != null) {
                        break;
                    }
                }
                if (id != null || name != null) {
                    break;
                }
            }
        }
        if (id == null && name == null) {
            errors.add(new FieldError(base + ".insurer",
                    "no payer: neither insurer nor insurance[].coverage (Coverage.payor) names one in this input"));
            return null;
        }
        PayerMapping.Resolution r1 = payers.resolve(id, name, null);
        // CMS claims carry the Medicare contractor that processed them; its mapping adds the jurisdiction
        String contractor = contractorNumber(r);
        if (contractor != null && (!r1.mapped() || r1.payer().type() == PayerType.MEDICARE)) {
            PayerMapping.Resolution byContractor = payers.resolve(contractor, null, null);
            if (byContractor.mapped()) {
                return byContractor.payer();
            }
        }
        if (!r1.mapped() && warnedPayers.add(id + "|" + name)) {
            warnings.add(new FieldError(base + ".insurer",
                    "payer `" + (name == null ? "" : name) + "` (id `" + (id == null ? "" : id)
                            + "`) is not in the payer mapping: read as payer `" + r1.payer().id()
                            + "` with no type and no jurisdiction; add a row to the payer mapping to set them"));
        }
        return r1.payer();
    }

    private static String firstIdentifier(JsonNode resource) {
        for (JsonNode identifier : Json.array(resource, "identifier")) {
            if (Json.text(identifier, "value") != null) {
                return Json.text(identifier, "value");
            }
        }
        return null;
    }

    /** The Medicare contractor number of a CMS claim (BFD supportingInfo CLM_CNTRCTR_NUM or carr_num). */
    private static String contractorNumber(JsonNode r) {
        for (JsonNode info : Json.array(r, "supportingInfo")) {
            for (JsonNode c : Json.codings(info.path("code"))) {
                String system = Objects.requireNonNullElse(Json.text(c, "system"), "");
                if (system.endsWith("/CLM-CNTRCTR-NUM") && Json.text(c, "code") != null) {
                    return Json.text(c, "code");
                }
            }
        }
        for (JsonNode ext : Json.array(r, "extension")) {
            String url = Objects.requireNonNullElse(Json.text(ext, "url"), "");
            if (url.endsWith("/carr_num")) {
                String v = Json.text(ext.path("valueIdentifier"), "value");
                return v != null ? v : Json.text(ext.path("valueCoding"), "code");
            }
        }
        return null;
    }

    private static String priorAuthorization(JsonNode r) {
        for (JsonNode ref : Json.array(r, "preAuthRef")) {
            if (ref.isTextual()) {
                return ref.asText();
            }
        }
        for (JsonNode insurance : Json.array(r, "insurance")) {
            for (JsonNode ref : Json.array(insurance, "preAuthRef")) {
                if (ref.isTextual()) {
                    return ref.asText();
                }
            }
        }
        return null;
    }

    /** The place of service all items agree on, or null. */
    private static String commonPlaceOfService(List<JsonNode> items) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode item : items) {
            String pos = placeOfService(item);
            if (pos != null) {
                seen.add(pos);
            }
        }
        return seen.size() == 1 ? seen.iterator().next() : null;
    }

    private static String placeOfService(JsonNode item) {
        List<JsonNode> codings = Json.codings(item.path("locationCodeableConcept"));
        for (JsonNode c : codings) {
            String system = Objects.requireNonNullElse(Json.text(c, "system"), "").toLowerCase();
            if (system.contains("place-of-service") || system.contains("place_of_service")
                    || system.contains("placeofservice") || system.endsWith("line_place_of_srvc_cd")
                    || system.endsWith("/cms-place-of-service")) {
                return Json.text(c, "code");
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- items

    private ServiceLine line(JsonNode item, String path, boolean eob, Map<Integer, Integer> diagnosisIndex,
            Set<Integer> unreadDiagnoses, Map<Integer, JsonNode> careTeam, References refs, Provider claimRendering,
            Map<JsonNode, Provider> supervisors, Provider claimSupervising, String claimPos,
            Set<Integer> sequences, List<FieldError> errors) {
        int before = errors.size();
        Integer number = null;
        JsonNode seq = item.path("sequence");
        if (!seq.isIntegralNumber() || seq.asInt() < 1) {
            errors.add(new FieldError(path + ".sequence",
                    "sequence is " + Json.kind(seq) + ", expected the line number (a positive whole number)"));
        } else if (!sequences.add(seq.asInt())) {
            errors.add(new FieldError(path + ".sequence", "line number " + seq.asInt() + " is used twice"));
        } else {
            number = seq.asInt();
        }

        String code = procedureCode(item.path("productOrService"), path + ".productOrService", errors);
        String description = description(item.path("productOrService"), path + ".productOrService", errors);
        List<String> modifiers = modifiers(item, path, errors);

        Double units = null;
        JsonNode quantity = item.path("quantity");
        if (quantity.isMissingNode()) {
            errors.add(new FieldError(path + ".quantity", "quantity is missing: the line needs its billed units"));
        } else {
            JsonNode value = quantity.path("value");
            if (!value.isNumber()) {
                errors.add(new FieldError(path + ".quantity.value",
                        "quantity.value is " + Json.kind(value) + ", expected the number of units"));
            } else if (value.decimalValue().signum() <= 0) {
                errors.add(new FieldError(path + ".quantity.value",
                        "quantity.value is " + value.asText() + "; units must be more than 0"));
            } else {
                units = value.doubleValue();
            }
        }

        BigDecimal charge = charge(item, path, eob, errors);
        LocalDate date = serviceDate(item, path, errors);

        List<Integer> pointers = new ArrayList<>();
        List<JsonNode> diagnosisSequence = Json.array(item, "diagnosisSequence");
        for (int k = 0; k < diagnosisSequence.size(); k++) {
            JsonNode p = diagnosisSequence.get(k);
            String where = path + ".diagnosisSequence[" + k + "]";
            if (!p.isIntegralNumber()) {
                errors.add(new FieldError(where, "diagnosis sequence is " + Json.kind(p) + ", expected a number"));
                continue;
            }
            Integer index = diagnosisIndex.get(p.asInt());
            if (index == null && unreadDiagnoses.contains(p.asInt())) {
                continue; // its diagnosis entry already has an error
            }
            if (index == null) {
                errors.add(new FieldError(where, "points at diagnosis sequence " + p.asInt() + " but the claim has "
                        + (diagnosisIndex.isEmpty() ? "no diagnoses" : "sequences " + diagnosisIndex.keySet())));
                continue;
            }
            pointers.add(index);
        }

        Drug drug = drug(item, path, errors);

        Provider rendering = null;
        Provider supervising = null;
        List<JsonNode> careTeamSequence = Json.array(item, "careTeamSequence");
        for (int k = 0; k < careTeamSequence.size(); k++) {
            JsonNode s = careTeamSequence.get(k);
            JsonNode member = s.isIntegralNumber() ? careTeam.get(s.asInt()) : null;
            if (member == null) {
                errors.add(new FieldError(path + ".careTeamSequence[" + k + "]",
                        "points at careTeam sequence " + s.asText() + ", which the claim does not have"));
                continue;
            }
            if (rendering == null && isRendering(member)) {
                rendering = provider(member.path("provider"), member.path("qualification"), refs);
            }
            if (supervising == null) {
                supervising = supervisors.get(member);
            }
        }
        if (Objects.equals(rendering, claimRendering)) {
            rendering = null;
        }
        if (Objects.equals(supervising, claimSupervising)) {
            supervising = null;
        }
        String pos = placeOfService(item);
        if (Objects.equals(pos, claimPos)) {
            pos = null;
        }
        if (errors.size() > before || number == null || code == null || units == null || date == null) {
            return null;
        }
        return new ServiceLine(number, code, modifiers, units, charge, date, pointers, drug, pos, rendering, supervising,
                description);
    }

    /**
     * The line's description: {@code productOrService.text}, the text as the submitter entered it (FHIR R4
     * CodeableConcept.text). A coding's {@code display} is not read: on a HCPCS coding it is the code's own
     * title ("Unclassified drugs"), which says nothing about the drug given. Blank text is no description.
     */
    private static String description(JsonNode concept, String path, List<FieldError> errors) {
        JsonNode text = concept.path("text");
        if (text.isMissingNode() || text.isNull()) {
            return null;
        }
        if (!text.isTextual()) {
            errors.add(new FieldError(path + ".text", "text is " + Json.kind(text)
                    + ", expected the line's description (a string), e.g. the drug's name, strength and dose"));
            return null;
        }
        return text.textValue().isBlank() ? null : text.textValue();
    }

    private static String procedureCode(JsonNode concept, String path, List<FieldError> errors) {
        List<String> found = new ArrayList<>();
        for (JsonNode c : Json.codings(concept)) {
            String system = Json.text(c, "system");
            found.add(system + "#" + Json.text(c, "code"));
            if (system != null && PROCEDURE_SYSTEMS.contains(system) && Json.text(c, "code") != null) {
                return Json.text(c, "code");
            }
        }
        errors.add(new FieldError(path + ".coding",
                "no CPT or HCPCS code: "
                        + (found.isEmpty() ? "productOrService has no coding" : "the codings are " + String.join(", ", found))));
        return null;
    }

    /**
     * One modifier per {@code item.modifier} CodeableConcept, from its CPT, HCPCS or HL7-modifier codings
     * (codings of other systems, such as UCUM units, are not modifiers); they must agree on one code,
     * which must not be a five-character procedure code. Other odd codes are carried for policies to judge.
     */
    private static List<String> modifiers(JsonNode item, String path, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        List<JsonNode> concepts = Json.array(item, "modifier");
        for (int k = 0; k < concepts.size(); k++) {
            Set<String> codes = new LinkedHashSet<>();
            List<String> others = new ArrayList<>();
            for (JsonNode c : Json.codings(concepts.get(k))) {
                String code = Json.text(c, "code");
                String system = Json.text(c, "system");
                if (code == null) {
                    continue;
                }
                if (system == null || MODIFIER_SYSTEMS.contains(system)) {
                    codes.add(code);
                } else {
                    others.add(system + "#" + code);
                }
            }
            String where = path + ".modifier[" + k + "]";
            if (codes.isEmpty()) {
                errors.add(new FieldError(where + ".coding", others.isEmpty() ? "the modifier has no code"
                        : "no CPT or HCPCS modifier: the codings are " + String.join(", ", others)));
            } else if (codes.size() > 1) {
                errors.add(new FieldError(where + ".coding",
                        "one modifier holds codings with different codes " + codes + "; the codings of one"
                                + " CodeableConcept are the same concept: send each modifier as its own item.modifier"));
            } else {
                String code = codes.iterator().next();
                if (code.matches("[A-Za-z0-9]{5}")) {
                    // BFD puts procedure codes in HCPCS-system codings too; a modifier has 2 characters
                    errors.add(new FieldError(where + ".coding", "`" + code + "` is a procedure code, not a modifier:"
                            + " a CPT or HCPCS modifier has 2 characters"));
                } else {
                    out.add(code);
                }
            }
        }
        if (out.size() > 4) {
            errors.add(new FieldError(path + ".modifier", out.size() + " modifiers; a line carries at most 4"));
        }
        return out;
    }

    /**
     * The line's submitted (billed) charge. EOB: the adjudication coded as the line's submitted charge
     * (BFD {@code line_sbmtd_chrg_amt}, {@code rev_cntr_tot_chrg_amt}, {@code CLM_LINE_SBMT_CHRG_AMT}),
     * else {@code net}, else the one {@code submitted} adjudication that is not a rate. Claim: net,
     * else unitPrice x factor x quantity.
     */
    private BigDecimal charge(JsonNode item, String path, boolean eob, List<FieldError> errors) {
        if (eob) {
            List<JsonNode> adjudications = Json.array(item, "adjudication");
            for (int k = 0; k < adjudications.size(); k++) {
                if (codes(adjudications.get(k)).stream().anyMatch(LINE_CHARGE_CODES::contains)) {
                    return money(adjudications.get(k).path("amount"), path + ".adjudication[" + k + "].amount", errors);
                }
            }
            if (!item.has("net")) {
                List<Integer> submitted = new ArrayList<>();
                for (int k = 0; k < adjudications.size(); k++) {
                    Set<String> codes = codes(adjudications.get(k));
                    if (codes.contains("submitted") && codes.stream().noneMatch(RATE_CODES::contains)) {
                        submitted.add(k);
                    }
                }
                if (submitted.size() == 1) {
                    int k = submitted.get(0);
                    return money(adjudications.get(k).path("amount"), path + ".adjudication[" + k + "].amount", errors);
                }
                if (submitted.size() > 1) {
                    warnings.add(new FieldError(path + ".adjudication", submitted.size() + " `submitted` adjudications"
                            + " and none coded as the line's submitted charge: the charge is left empty"));
                    return null;
                }
            }
        }
        if (item.has("net")) {
            return money(item.path("net"), path + ".net", errors);
        }
        if (item.has("unitPrice") && item.path("quantity").path("value").isNumber()) {
            BigDecimal price = money(item.path("unitPrice"), path + ".unitPrice", errors);
            if (price == null) {
                return null;
            }
            BigDecimal factor = item.path("factor").isNumber() ? item.path("factor").decimalValue() : BigDecimal.ONE;
            return price.multiply(factor).multiply(item.path("quantity").path("value").decimalValue());
        }
        return null;
    }

    /** The codes of an adjudication's category, a URL-like code by its last segment. */
    private static Set<String> codes(JsonNode adjudication) {
        Set<String> out = new HashSet<>();
        for (JsonNode c : Json.codings(adjudication.path("category"))) {
            String code = Json.text(c, "code");
            if (code != null) {
                out.add(code.substring(code.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    private static BigDecimal money(JsonNode money, String path, List<FieldError> errors) {
        JsonNode value = money.path("value");
        if (!value.isNumber()) {
            errors.add(new FieldError(path + ".value", "amount is " + Json.kind(value) + ", expected a number"));
            return null;
        }
        return value.decimalValue();
    }

    private static LocalDate serviceDate(JsonNode item, String path, List<FieldError> errors) {
        if (item.has("servicedDate")) {
            return date(item.path("servicedDate"), path + ".servicedDate", errors);
        }
        if (item.has("servicedPeriod")) {
            JsonNode period = item.path("servicedPeriod");
            if (!period.has("start")) {
                errors.add(new FieldError(path + ".servicedPeriod.start",
                        "servicedPeriod has no start; the first day is the line's date of service"));
                return null;
            }
            return date(period.path("start"), path + ".servicedPeriod.start", errors);
        }
        errors.add(new FieldError(path + ".serviced[x]",
                "no date of service: give servicedDate or servicedPeriod.start"));
        return null;
    }

    private static LocalDate date(JsonNode v, String path, List<FieldError> errors) {
        String text = v.isTextual() ? v.asText() : null;
        if (text != null && text.length() >= 10) {
            try {
                return LocalDate.parse(text.substring(0, 10));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(path, "date is " + Json.kind(v) + ", expected a full date YYYY-MM-DD"));
        return null;
    }

    /** The NDC from item.detail[].productOrService, else from an NDC extension on the item or its product. */
    private static Drug drug(JsonNode item, String path, List<FieldError> errors) {
        List<JsonNode> details = Json.array(item, "detail");
        Drug found = null;
        for (int k = 0; k < details.size(); k++) {
            JsonNode detail = details.get(k);
            String ndc = code(detail.path("productOrService"), NDC);
            if (ndc == null) {
                continue;
            }
            if (found != null && !found.ndc().equals(normalizeNdc(ndc))) {
                errors.add(new FieldError(path + ".detail[" + k + "].productOrService",
                        "a second NDC `" + ndc + "` on one line; PPL carries one drug per line (as X12 loop 2410)"));
                continue;
            }
            JsonNode quantity = detail.path("quantity");
            Double amount = quantity.path("value").isNumber() ? quantity.path("value").doubleValue() : null;
            found = new Drug(normalizeNdc(ndc), amount, ndcUnit(quantity), null);
        }
        if (found != null) {
            return found;
        }
        for (JsonNode holder : List.of(item.path("productOrService"), item)) {
            for (JsonNode ext : Json.array(holder, "extension")) {
                if (NDC.equals(Json.text(ext, "url"))) {
                    String ndc = Json.text(ext.path("valueCoding"), "code");
                    ndc = ndc != null ? ndc : code(ext.path("valueCodeableConcept"), NDC);
                    if (ndc != null) {
                        return new Drug(normalizeNdc(ndc), null, null, null);
                    }
                }
            }
        }
        return null;
    }

    /**
     * A hyphenated 10-digit NDC (4-4-2, 5-3-2, 5-4-1) becomes the 11-digit 5-4-2 billing form by the
     * leading-zero rule; 5-4-2 loses its hyphens; anything else is kept as given for policies to judge.
     */
    static String normalizeNdc(String ndc) {
        String[] parts = ndc.split("-", -1);
        if (parts.length != 3 || !ndc.matches("[0-9-]+")) {
            return ndc;
        }
        String a = parts[0];
        String b = parts[1];
        String c = parts[2];
        if (a.length() == 4 && b.length() == 4 && c.length() == 2) {
            a = "0" + a;
        } else if (a.length() == 5 && b.length() == 3 && c.length() == 2) {
            b = "0" + b;
        } else if (a.length() == 5 && b.length() == 4 && c.length() == 1) {
            c = "0" + c;
        } else if (!(a.length() == 5 && b.length() == 4 && c.length() == 2)) {
            return ndc;
        }
        return a + b + c;
    }

    private static String ndcUnit(JsonNode quantity) {
        String unit = Json.text(quantity, "unit");
        if (unit != null && NDC_UNITS.contains(unit)) {
            return unit;
        }
        String ucum = Json.text(quantity, "code");
        if (ucum != null && UCUM_TO_NDC_UNIT.containsKey(ucum)) {
            return UCUM_TO_NDC_UNIT.get(ucum);
        }
        return unit != null ? unit : ucum;
    }

    /** The code of the first coding in {@code concept} with the given system. */
    private static String code(JsonNode concept, String system) {
        for (JsonNode c : Json.codings(concept)) {
            if (system.equals(Json.text(c, "system")) && Json.text(c, "code") != null) {
                return Json.text(c, "code");
            }
        }
        return null;
    }
}
