package dev.ppl.claim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a well-formed claim straight from JSON tokens into the claim model, without the JSON
 * tree {@link ClaimJson}'s reader walks: the fast path of {@link ClaimJson#read(String)} for
 * batches of NDJSON.
 *
 * <p>It only ever gives a claim the tree reader would give, equal field for field, or gives up:
 * on anything the tree reader would report (a wrong type, a missing field, a bad reference, JSON
 * that does not parse) and on anything it does not know (a field outside the contract, a whole
 * number written {@code 2.0}), {@link #read} returns null and the tree reader reads the text
 * again, so every error message, path and order stays that reader's. Bad claims thus cost two
 * parses; good ones one, with no tree.
 */
final class StreamingClaimReader {

    // the same limits as ClaimJson's mapper: Jackson's defaults
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Gives up: the tree reader reads the claim and says what is wrong. No stack trace. */
    private static final class GiveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super("not a plain claim", null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private final JsonParser p;
    // diagnoses on the claim (pointers are checked against it at the end, whatever the field order)
    private int diagnosisCount;
    private int highestPointer;
    private final List<Integer> lineNumbers = new ArrayList<>();
    private final List<Integer> lineReferences = new ArrayList<>();

    private StreamingClaimReader(JsonParser p) {
        this.p = p;
    }

    /** The claim, or null when the tree reader must read it (a problem, or something unusual). */
    static Claim read(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            Claim claim = new StreamingClaimReader(p).claim();
            return p.nextToken() == null ? claim : null;
        } catch (GiveUp | IOException | RuntimeException e) {
            // the tree reader reports it (a RuntimeException is a number Jackson cannot convert)
            return null;
        }
    }

    private Claim claim() throws IOException, GiveUp {
        start();
        String claimId = null;
        Payer payer = null;
        Patient patient = null;
        Provider billingProvider = null;
        Provider renderingProvider = null;
        Provider supervisingProvider = null;
        String placeOfService = null;
        String priorAuthorization = null;
        List<Diagnosis> diagnoses = List.of();
        List<ServiceLine> lines = null;
        Encounter encounter = null;
        List<Injection> injections = List.of();
        List<HistoryEntry> history = List.of();
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "claimId" -> {
                    seen = once(seen, 1);
                    claimId = nonEmptyText();
                }
                case "payer" -> {
                    seen = once(seen, 1 << 1);
                    payer = payer();
                }
                case "patient" -> {
                    seen = once(seen, 1 << 2);
                    patient = isNull() ? null : patient();
                }
                case "billingProvider" -> {
                    seen = once(seen, 1 << 3);
                    billingProvider = provider();
                }
                case "renderingProvider" -> {
                    seen = once(seen, 1 << 4);
                    renderingProvider = provider();
                }
                case "supervisingProvider" -> {
                    seen = once(seen, 1 << 5);
                    supervisingProvider = provider();
                }
                case "placeOfService" -> {
                    seen = once(seen, 1 << 6);
                    placeOfService = text();
                }
                case "priorAuthorization" -> {
                    seen = once(seen, 1 << 7);
                    priorAuthorization = text();
                }
                case "diagnoses" -> {
                    seen = once(seen, 1 << 8);
                    diagnoses = diagnoses();
                    diagnosisCount = diagnoses.size();
                }
                case "lines" -> {
                    seen = once(seen, 1 << 9);
                    lines = lines();
                }
                case "encounter" -> {
                    seen = once(seen, 1 << 10);
                    encounter = encounter();
                }
                case "injections" -> {
                    seen = once(seen, 1 << 11);
                    injections = injections();
                }
                case "history" -> {
                    seen = once(seen, 1 << 12);
                    history = history();
                }
                default -> throw GIVE_UP;
            }
        }
        // claimId, payer and lines are required; references are checked once every field is read
        if (claimId == null || payer == null || lines == null || highestPointer > diagnosisCount) {
            throw GIVE_UP;
        }
        for (Integer reference : lineReferences) {
            if (!lineNumbers.contains(reference)) {
                throw GIVE_UP;
            }
        }
        return new Claim(claimId, payer, patient, billingProvider, renderingProvider, supervisingProvider,
                placeOfService, priorAuthorization, diagnoses, lines, encounter, injections, history);
    }

    // ---- the contract's objects

    private Payer payer() throws IOException, GiveUp {
        start();
        String id = null;
        String type = null;
        String jurisdiction = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "id" -> {
                    seen = once(seen, 1);
                    id = nonEmptyText();
                }
                case "type" -> {
                    seen = once(seen, 1 << 1);
                    type = payerType();
                }
                case "jurisdiction" -> {
                    seen = once(seen, 1 << 2);
                    jurisdiction = text();
                }
                default -> throw GIVE_UP;
            }
        }
        if (id == null) {
            throw GIVE_UP;
        }
        return new Payer(id, PayerType.fromKey(type), jurisdiction);
    }

    private Patient patient() throws IOException, GiveUp {
        start();
        String id = null;
        LocalDate birthDate = null;
        String sex = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "id" -> {
                    seen = once(seen, 1);
                    id = text();
                }
                case "birthDate" -> {
                    seen = once(seen, 1 << 1);
                    birthDate = isNull() ? null : date();
                }
                case "sex" -> {
                    seen = once(seen, 1 << 2);
                    sex = oneOf("F", "M", "U");
                }
                default -> throw GIVE_UP;
            }
        }
        return new Patient(id, birthDate, sex);
    }

    /** A provider object, or null for JSON null. */
    private Provider provider() throws IOException, GiveUp {
        if (isNull()) {
            return null;
        }
        start();
        String npi = null;
        String taxonomy = null;
        String name = null;
        int seen = 0;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "npi" -> {
                    seen = once(seen, 1);
                    npi = text();
                }
                case "taxonomy" -> {
                    seen = once(seen, 1 << 1);
                    taxonomy = text();
                }
                case "name" -> {
                    seen = once(seen, 1 << 2);
                    name = text();
                }
                default -> throw GIVE_UP;
            }
        }
        return new Provider(npi, taxonomy, name);
    }

    /** Reads one element of an array, the parser at the element's first token. */
    @FunctionalInterface
    private interface Element<T> {
        T read() throws IOException, GiveUp;
    }

    /** An array of elements (null reads as no elements), each read by {@code element}. */
    private <T> List<T> list(Element<T> element) throws IOException, GiveUp {
        if (isNull()) {
            return List.of();
        }
        startArray();
        List<T> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(element.read());
        }
        return items;
    }

    private List<Diagnosis> diagnoses() throws IOException, GiveUp {
        return list(() -> p.currentToken() == JsonToken.VALUE_STRING ? Diagnosis.icd10(p.getText()) : diagnosisObject());
    }

    private Diagnosis diagnosisObject() throws IOException, GiveUp {
        start();
        String code = null;
        Diagnosis.CodeSystem system = Diagnosis.CodeSystem.ICD10CM;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "code" -> {
                    seen = once(seen, 1);
                    code = nonEmptyText();
                }
                case "system" -> {
                    seen = once(seen, 1 << 1);
                    system = codeSystem();
                }
                default -> throw GIVE_UP;
            }
        }
        if (code == null) {
            throw GIVE_UP;
        }
        return new Diagnosis(code, system);
    }

    private List<ServiceLine> lines() throws IOException, GiveUp {
        startArray();
        List<ServiceLine> lines = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            lines.add(line());
        }
        if (lines.isEmpty() || lines.size() > 50) {
            throw GIVE_UP;
        }
        return lines;
    }

    private ServiceLine line() throws IOException, GiveUp {
        start();
        int number = 0;
        String code = null;
        List<String> modifiers = List.of();
        double units = 0;
        BigDecimal charge = null;
        LocalDate serviceDate = null;
        List<Integer> pointers = List.of();
        Drug drug = null;
        String placeOfService = null;
        Provider renderingProvider = null;
        Provider supervisingProvider = null;
        String description = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "line" -> {
                    seen = once(seen, 1);
                    number = positiveInt();
                }
                case "code" -> {
                    seen = once(seen, 1 << 1);
                    code = nonEmptyText();
                }
                case "modifiers" -> {
                    seen = once(seen, 1 << 2);
                    modifiers = modifiers();
                }
                case "units" -> {
                    seen = once(seen, 1 << 3);
                    units = positiveNumber();
                }
                case "charge" -> {
                    seen = once(seen, 1 << 4);
                    charge = amount();
                }
                case "serviceDate" -> {
                    seen = once(seen, 1 << 5);
                    serviceDate = date();
                }
                case "diagnosisPointers" -> {
                    seen = once(seen, 1 << 6);
                    pointers = pointers();
                }
                case "drug" -> {
                    seen = once(seen, 1 << 7);
                    drug = drug();
                }
                case "placeOfService" -> {
                    seen = once(seen, 1 << 8);
                    placeOfService = text();
                }
                case "renderingProvider" -> {
                    seen = once(seen, 1 << 9);
                    renderingProvider = provider();
                }
                case "supervisingProvider" -> {
                    seen = once(seen, 1 << 10);
                    supervisingProvider = provider();
                }
                case "description" -> {
                    seen = once(seen, 1 << 11);
                    description = text();
                }
                default -> throw GIVE_UP;
            }
        }
        // line, code, units and serviceDate are required; line numbers are unique
        if ((seen & 0b101011) != 0b101011 || lineNumbers.contains(number)) {
            throw GIVE_UP;
        }
        lineNumbers.add(number);
        return new ServiceLine(number, code, modifiers, units, charge, serviceDate, pointers, drug, placeOfService,
                renderingProvider, supervisingProvider, description);
    }

    private List<Integer> pointers() throws IOException, GiveUp {
        if (isNull()) {
            return List.of();
        }
        startArray();
        List<Integer> pointers = new ArrayList<>(2);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int pointer = positiveInt();
            highestPointer = Math.max(highestPointer, pointer);
            pointers.add(pointer);
        }
        if (pointers.isEmpty() || pointers.size() > 4) {
            throw GIVE_UP;
        }
        return pointers;
    }

    private Drug drug() throws IOException, GiveUp {
        if (isNull()) {
            return null;
        }
        start();
        String ndc = null;
        Double quantity = null;
        String unit = null;
        String container = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "ndc" -> {
                    seen = once(seen, 1);
                    ndc = text();
                }
                case "quantity" -> {
                    seen = once(seen, 1 << 1);
                    quantity = isNull() ? null : finiteNumber();
                }
                case "unit" -> {
                    seen = once(seen, 1 << 2);
                    unit = oneOf("F2", "GR", "ME", "ML", "UN");
                }
                case "container" -> {
                    seen = once(seen, 1 << 3);
                    container = oneOf("single-dose", "multi-dose");
                }
                default -> throw GIVE_UP;
            }
        }
        return new Drug(ndc, quantity, unit, container);
    }

    private Encounter encounter() throws IOException, GiveUp {
        if (isNull()) {
            return null;
        }
        start();
        String purpose = null;
        String note = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "purpose" -> {
                    seen = once(seen, 1);
                    purpose = oneOf("injection-only", "evaluation");
                }
                case "note" -> {
                    seen = once(seen, 1 << 1);
                    note = text();
                }
                default -> throw GIVE_UP;
            }
        }
        return new Encounter(purpose, note);
    }

    private List<Injection> injections() throws IOException, GiveUp {
        return list(this::injection);
    }

    private Injection injection() throws IOException, GiveUp {
        start();
        Integer adminLine = null;
        String[] texts = new String[8];
        List<InjectedDrug> drugs = List.of();
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            int slot = switch (name) {
                case "route" -> 0;
                case "site" -> 1;
                case "time" -> 2;
                case "orderedBy" -> 3;
                case "administeredBy" -> 4;
                case "response" -> 5;
                case "necessity" -> 6;
                case "note" -> 7;
                case "adminLine" -> 8;
                case "drugs" -> 9;
                default -> throw GIVE_UP;
            };
            seen = once(seen, 1 << slot);
            if (slot == 8) {
                adminLine = lineReference();
            } else if (slot == 9) {
                drugs = injectedDrugs();
            } else {
                texts[slot] = text();
            }
        }
        return new Injection(adminLine, texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6], drugs,
                texts[7]);
    }

    private List<InjectedDrug> injectedDrugs() throws IOException, GiveUp {
        return list(this::injectedDrug);
    }

    private InjectedDrug injectedDrug() throws IOException, GiveUp {
        start();
        Integer line = null;
        String name = null;
        Dose dose = null;
        int seen = 0;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "line" -> {
                    seen = once(seen, 1);
                    line = lineReference();
                }
                case "name" -> {
                    seen = once(seen, 1 << 1);
                    name = text();
                }
                case "dose" -> {
                    seen = once(seen, 1 << 2);
                    dose = dose();
                }
                default -> throw GIVE_UP;
            }
        }
        return new InjectedDrug(line, name, dose);
    }

    private Dose dose() throws IOException, GiveUp {
        if (isNull()) {
            return null;
        }
        start();
        double value = 0;
        String unit = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "value" -> {
                    seen = once(seen, 1);
                    value = positiveNumber();
                }
                case "unit" -> {
                    seen = once(seen, 1 << 1);
                    unit = text();
                }
                default -> throw GIVE_UP;
            }
        }
        if ((seen & 1) == 0) {
            throw GIVE_UP;
        }
        return new Dose(value, unit);
    }

    private List<HistoryEntry> history() throws IOException, GiveUp {
        return list(this::historyEntry);
    }

    private HistoryEntry historyEntry() throws IOException, GiveUp {
        start();
        String claimId = null;
        LocalDate serviceDate = null;
        String code = null;
        double units = 0;
        List<String> modifiers = List.of();
        List<String> diagnoses = List.of();
        String note = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "claimId" -> {
                    seen = once(seen, 1);
                    claimId = text();
                }
                case "serviceDate" -> {
                    seen = once(seen, 1 << 1);
                    serviceDate = date();
                }
                case "code" -> {
                    seen = once(seen, 1 << 2);
                    code = nonEmptyText();
                }
                case "units" -> {
                    seen = once(seen, 1 << 3);
                    units = positiveNumber();
                }
                case "modifiers" -> {
                    seen = once(seen, 1 << 4);
                    modifiers = modifiers();
                }
                case "diagnoses" -> {
                    seen = once(seen, 1 << 5);
                    diagnoses = texts();
                }
                case "note" -> {
                    seen = once(seen, 1 << 6);
                    note = text();
                }
                default -> throw GIVE_UP;
            }
        }
        // serviceDate, code and units are required
        if ((seen & 0b1110) != 0b1110) {
            throw GIVE_UP;
        }
        return new HistoryEntry(claimId, serviceDate, code, units, modifiers, diagnoses, note);
    }

    private List<String> modifiers() throws IOException, GiveUp {
        if (isNull()) {
            return List.of();
        }
        startArray();
        List<String> modifiers = new ArrayList<>(2);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String m = t == JsonToken.VALUE_STRING ? p.getText() : null;
            if (m == null || m.length() != 2 || !alphanumeric(m.charAt(0)) || !alphanumeric(m.charAt(1))) {
                throw GIVE_UP;
            }
            modifiers.add(m);
        }
        if (modifiers.size() > 4) {
            throw GIVE_UP;
        }
        return modifiers;
    }

    private List<String> texts() throws IOException, GiveUp {
        return list(() -> {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw GIVE_UP;
            }
            return p.getText();
        });
    }

    // ---- values at the current token; each gives up on what the tree reader would report

    private void start() throws GiveUp {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw GIVE_UP;
        }
    }

    private void startArray() throws GiveUp {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw GIVE_UP;
        }
    }

    private boolean isNull() {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }

    /** A field seen twice is a duplicate key, which the tree reader reports. */
    private static int once(int seen, int bit) throws GiveUp {
        if ((seen & bit) != 0) {
            throw GIVE_UP;
        }
        return seen | bit;
    }

    /** A string, or null for JSON null. */
    private String text() throws IOException, GiveUp {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw GIVE_UP;
    }

    private String nonEmptyText() throws IOException, GiveUp {
        String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
        if (text == null || text.isBlank()) {
            throw GIVE_UP;
        }
        return text;
    }

    /** One of the allowed strings, or null for JSON null. */
    private String oneOf(String... allowed) throws IOException, GiveUp {
        String text = text();
        if (text == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(text)) {
                return a;
            }
        }
        throw GIVE_UP;
    }

    private String payerType() throws IOException, GiveUp {
        return oneOf("medicare", "medicaid", "commercial");
    }

    private Diagnosis.CodeSystem codeSystem() throws IOException, GiveUp {
        String label = text();
        if (label == null) {
            return Diagnosis.CodeSystem.ICD10CM;
        }
        for (Diagnosis.CodeSystem s : Diagnosis.CodeSystem.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw GIVE_UP;
    }

    /** A date written yyyy-MM-dd that is a calendar date. */
    private LocalDate date() throws IOException, GiveUp {
        String s = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
        if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw GIVE_UP;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw GIVE_UP;
        }
    }

    private static int digits(String s, int from, int to) throws GiveUp {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw GIVE_UP;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /**
     * A whole number from 1 up written as an integer; anything else (also {@code 2.0}, which the
     * tree reader takes as 2) is left to the tree reader.
     */
    private int positiveInt() throws IOException, GiveUp {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw GIVE_UP;
        }
        int n = p.getIntValue();
        if (n <= 0) {
            throw GIVE_UP;
        }
        return n;
    }

    /** A line number a field refers to, checked against the claim's lines at the end; null for JSON null. */
    private Integer lineReference() throws IOException, GiveUp {
        if (isNull()) {
            return null;
        }
        int n = positiveInt();
        lineReferences.add(n);
        return n;
    }

    /** A finite number, as the tree reader's nodes give it as a double. */
    private double finiteNumber() throws IOException, GiveUp {
        double value = switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> p.getBigIntegerValue().doubleValue();
            };
            // the tree reader keeps decimals as BigDecimal and takes their double value
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue().doubleValue();
            default -> throw GIVE_UP;
        };
        if (!Double.isFinite(value)) {
            throw GIVE_UP;
        }
        return value;
    }

    private double positiveNumber() throws IOException, GiveUp {
        double value = finiteNumber();
        if (!(value > 0)) {
            throw GIVE_UP;
        }
        return value;
    }

    /** An amount, exact as written ({@code 110.00} keeps its scale), or null for JSON null. */
    private BigDecimal amount() throws IOException, GiveUp {
        if (isNull()) {
            return null;
        }
        finiteNumber();
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> BigDecimal.valueOf(p.getIntValue());
                case LONG -> BigDecimal.valueOf(p.getLongValue());
                default -> new BigDecimal(p.getBigIntegerValue());
            };
            default -> p.getDecimalValue();
        };
    }
}
