package dev.ppl.claim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes the claim JSON of the PPL contract ({@code docs/claim-format.md}).
 *
 * <p>Reading never throws for bad input. It returns a {@link ClaimReadResult} with either the
 * claim or every problem found, in document order, each naming the field path, what was there
 * and what was expected: {@code lines[2].diagnosisPointers[0]: points at diagnosis 5 but the
 * claim has 2}.
 *
 * <p>Only the shape is checked. Values that policies judge (an NDC with hyphens, an NPI that
 * fails its check digit, an unknown procedure code) are kept as given. A missing or null
 * optional field means "not documented" and is never an error. Fields the contract does not
 * name are ignored, so claims from newer senders still read.
 *
 * <p>Writing gives the contract's field order and omits nulls and empty lists, so that
 * {@code read(write(claim))} gives back an equal claim.
 */
public final class ClaimJson {

    private static final int MAX_LINES = 50;
    private static final int MAX_MODIFIERS = 4;
    private static final int MAX_POINTERS = 4;
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    private static final List<String> PAYER_TYPES =
            Arrays.stream(PayerType.values()).map(PayerType::key).toList();
    private static final List<String> CODE_SYSTEMS =
            Arrays.stream(Diagnosis.CodeSystem.values()).map(Diagnosis.CodeSystem::label).toList();
    private static final List<String> SEXES = List.of("F", "M", "U");
    private static final List<String> DRUG_UNITS = List.of("F2", "GR", "ME", "ML", "UN");
    private static final List<String> CONTAINERS = List.of("single-dose", "multi-dose");
    private static final List<String> PURPOSES = List.of("injection-only", "evaluation");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MODIFIER = Pattern.compile("[A-Za-z0-9]{2}");
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");
    private static final Pattern NUMBER_VALUE = Pattern.compile("^Value \"([^\"]*)\"");

    // decimals stay exact (a charge of 110.00 keeps its scale); duplicate keys and trailing
    // text are errors rather than silently resolved
    // made at the first claim read through a tree (or written), not when this class loads: a plain
    // claim is read from the tokens, and Jackson's ObjectMapper costs a one-claim run's start
    private static final class Trees {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ClaimJson() {}

    /**
     * Reads a claim from JSON text; malformed JSON gives one error at its {@code line:column}. A
     * plain claim is read straight from the JSON tokens ({@link StreamingClaimReader}); any other
     * is read through a JSON tree, which tells every problem with its path.
     */
    public static ClaimReadResult read(String json) {
        Claim streamed = StreamingClaimReader.read(json);
        return streamed != null ? ClaimReadResult.ok(streamed) : readTree(json);
    }

    /** {@link #read(String)} through the JSON tree only, for tests that compare the two readers. */
    static ClaimReadResult readTree(String json) {
        if (json == null) {
            return read((JsonNode) null);
        }
        JsonNode root;
        try {
            root = Trees.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return ClaimReadResult.failed(null, List.of(syntaxError(e)));
        } catch (NumberFormatException e) {
            // Jackson reports a number it cannot convert (1e999999999999999999) without a location
            Matcher number = NUMBER_VALUE.matcher(String.valueOf(e.getMessage()));
            String what = number.find() ? "the number " + number.group(1) : "a number";
            return ClaimReadResult.failed(null, List.of(new FieldError("", "malformed JSON: " + what + " is out of range")));
        }
        return read(root);
    }

    /** Reads a claim from a JSON tree. */
    public static ClaimReadResult read(JsonNode root) {
        return new Reader().claim(root);
    }

    /** The claim as contract JSON: fields in contract order, nulls and empty lists left out. */
    public static JsonNode toJson(Claim claim) {
        ObjectNode json = NODES.objectNode();
        put(json, "claimId", claim.claimId());
        putObject(json, "payer", claim.payer(), ClaimJson::payerJson);
        putObject(json, "patient", claim.patient(), ClaimJson::patientJson);
        putObject(json, "billingProvider", claim.billingProvider(), ClaimJson::providerJson);
        putObject(json, "renderingProvider", claim.renderingProvider(), ClaimJson::providerJson);
        putObject(json, "supervisingProvider", claim.supervisingProvider(), ClaimJson::providerJson);
        put(json, "placeOfService", claim.placeOfService());
        put(json, "priorAuthorization", claim.priorAuthorization());
        putList(json, "diagnoses", claim.diagnoses(), ClaimJson::diagnosisJson);
        // lines are required: written even when empty, so that the gap shows
        json.set("lines", array(claim.lines(), ClaimJson::lineJson));
        putObject(json, "encounter", claim.encounter(), ClaimJson::encounterJson);
        putList(json, "injections", claim.injections(), ClaimJson::injectionJson);
        putList(json, "history", claim.history(), ClaimJson::historyJson);
        return json;
    }

    /** The claim as pretty-printed contract JSON (two-space indent, {@code \n} line ends). */
    public static String write(Claim claim) {
        try {
            return Trees.PRETTY.writeValueAsString(toJson(claim));
        } catch (JsonProcessingException e) {
            // a tree of plain nodes always serialises
            throw new IllegalStateException("cannot write claim " + claim.claimId(), e);
        }
    }

    private static FieldError syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr();
        return new FieldError(where, "malformed JSON: " + plainWords(e.getOriginalMessage()));
    }

    /** Jackson's parse message without its source dumps and configuration hints. */
    private static String plainWords(String jacksonMessage) {
        if (jacksonMessage.startsWith("Trailing token")) {
            return "more text after the end of the claim object";
        }
        return jsonWords(jacksonMessage);
    }

    /**
     * A JSON parser's message in plain words, without the parser's internals (its {@code [Source: ...]}
     * locations, {@code StreamReadConstraints} names, character codes and feature hints): for every
     * reader of JSON input.
     */
    public static String jsonWords(String jacksonMessage) {
        String words = SOURCE_LOCATION.matcher(String.valueOf(jacksonMessage)).replaceAll("$1:$2");
        words = words.replaceAll(" ?\\(?at \\[Source: [^\\]]*\\]\\)?", "").replaceAll("\\[Source: [^\\]]*\\]", "");
        words = words.replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "");
        words = words.replaceAll("Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)",
                "the JSON is nested $1 levels deep, more than the $2 allowed");
        words = words.replaceAll("String value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)",
                "a string of $1 characters is longer than the $2 allowed");
        words = words.replaceAll("Number value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)",
                "a number of $1 digits is longer than the $2 allowed");
        words = CHARACTER_CODE.matcher(words).replaceAll("");
        int hint = words.indexOf(": enable `");
        if (hint >= 0) {
            words = words.substring(0, hint);
        }
        words = words.strip();
        return words.isEmpty() ? "unreadable" : Character.toLowerCase(words.charAt(0)) + words.substring(1);
    }

    /** Reads one claim, collecting problems; one instance per claim. */
    private static final class Reader {

        private final List<Problem> problems = new ArrayList<>();
        // diagnoses on the claim, or -1 when unreadable (pointers are then not range-checked)
        private int diagnosisCount = -1;
        // line number -> path of the line that has it
        private final Map<Integer, String> lineNumbers = new LinkedHashMap<>();
        // false when some line's number could not be read (references are then not checked)
        private boolean lineNumbersKnown = true;

        ClaimReadResult claim(JsonNode root) {
            if (root == null || root.isMissingNode() || !root.isObject()) {
                String found = root == null || root.isMissingNode() ? "nothing" : describe(root);
                return ClaimReadResult.failed(
                        null, List.of(new FieldError("", "expected a JSON object for the claim, found " + found)));
            }
            FieldPath at = FieldPath.ROOT;
            String claimId = required(root, "claimId", at, "a string", this::nonEmptyText);
            Payer payer = required(root, "payer", at, "an object with the payer's id", this::payer);
            Patient patient = optional(root, "patient", at, this::patient);
            Provider billingProvider = optional(root, "billingProvider", at, this::provider);
            Provider renderingProvider = optional(root, "renderingProvider", at, this::provider);
            Provider supervisingProvider = optional(root, "supervisingProvider", at, this::provider);
            String placeOfService = optional(root, "placeOfService", at, this::text);
            String priorAuthorization = optional(root, "priorAuthorization", at, this::text);
            JsonNode diagnosisArray = root.get("diagnoses");
            diagnosisCount = diagnosisArray == null || diagnosisArray.isNull()
                    ? 0
                    : diagnosisArray.isArray() ? diagnosisArray.size() : -1;
            List<Diagnosis> diagnoses = list(root, "diagnoses", at, 0, UNBOUNDED, "diagnoses", this::diagnosis);
            List<ServiceLine> lines = required(
                    root,
                    "lines",
                    at,
                    "an array of 1 to " + MAX_LINES + " service lines",
                    (value, path) -> array(value, path, 1, MAX_LINES, "service lines", this::line));
            if (lines == null || lines.isEmpty()) {
                // that error is enough: every reference to a line would repeat it
                lines = List.of();
                lineNumbersKnown = false;
            }
            Encounter encounter = optional(root, "encounter", at, this::encounter);
            List<Injection> injections = list(root, "injections", at, 0, UNBOUNDED, "injections", this::injection);
            List<HistoryEntry> history = list(root, "history", at, 0, UNBOUNDED, "history entries", this::historyEntry);

            if (!problems.isEmpty()) {
                String knownId = root.path("claimId").isTextual() ? root.path("claimId").textValue() : null;
                problems.sort((a, b) -> FieldPath.DOCUMENT_ORDER.compare(a.at(), b.at()));
                return ClaimReadResult.failed(knownId, problems.stream().map(Problem::error).toList());
            }
            return ClaimReadResult.ok(new Claim(
                    claimId,
                    payer,
                    patient,
                    billingProvider,
                    renderingProvider,
                    supervisingProvider,
                    placeOfService,
                    priorAuthorization,
                    diagnoses,
                    lines,
                    encounter,
                    injections,
                    history));
        }

        // ---- the contract's objects

        private Payer payer(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object with the payer's id")) {
                return null;
            }
            String id = required(value, "id", at, "a string", this::nonEmptyText);
            String type = optional(value, "type", at, oneOf(PAYER_TYPES));
            String jurisdiction = optional(value, "jurisdiction", at, this::text);
            return new Payer(id, PayerType.fromKey(type), jurisdiction);
        }

        private Patient patient(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object")) {
                return null;
            }
            return new Patient(
                    optional(value, "id", at, this::text),
                    optional(value, "birthDate", at, this::date),
                    optional(value, "sex", at, oneOf(SEXES)));
        }

        private Provider provider(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object with the provider's npi")) {
                return null;
            }
            // the NPI is kept as given: a policy judges its check digit
            return new Provider(optional(value, "npi", at, this::text), optional(value, "taxonomy", at, this::text),
                    optional(value, "name", at, this::text));
        }

        private Diagnosis diagnosis(JsonNode value, FieldPath at) {
            if (value.isTextual()) {
                return Diagnosis.icd10(value.textValue());
            }
            if (!isObject(value, at, "an ICD-10-CM code or an object {code, system}")) {
                return null;
            }
            String code = required(value, "code", at, "a string", this::nonEmptyText);
            String system = optional(value, "system", at, oneOf(CODE_SYSTEMS));
            Diagnosis.CodeSystem codeSystem = Diagnosis.CodeSystem.ICD10CM;
            for (Diagnosis.CodeSystem s : Diagnosis.CodeSystem.values()) {
                if (s.label().equals(system)) {
                    codeSystem = s;
                }
            }
            return code == null ? null : new Diagnosis(code, codeSystem);
        }

        private ServiceLine line(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "a service line object")) {
                lineNumbersKnown = false;
                return null;
            }
            Integer number = required(value, "line", at, "a line number", this::lineNumber);
            if (number == null) {
                lineNumbersKnown = false;
            } else if (lineNumbers.containsKey(number)) {
                problem(at.field(value, "line"),
                        "duplicate line number " + number + " (also " + lineNumbers.get(number) + ")");
            } else {
                lineNumbers.put(number, at.toString());
            }
            String code = required(value, "code", at, "a CPT or HCPCS code", this::nonEmptyText);
            List<String> modifiers = list(value, "modifiers", at, 0, MAX_MODIFIERS, "modifiers", this::modifier);
            Double units = required(value, "units", at, "a number greater than 0", this::positiveNumber);
            BigDecimal charge = optional(value, "charge", at, this::amount);
            LocalDate serviceDate = required(value, "serviceDate", at, "a date as yyyy-MM-dd", this::date);
            List<Integer> pointers =
                    list(value, "diagnosisPointers", at, 1, MAX_POINTERS, "diagnosis pointers", this::pointer);
            Drug drug = optional(value, "drug", at, this::drug);
            String placeOfService = optional(value, "placeOfService", at, this::text);
            Provider renderingProvider = optional(value, "renderingProvider", at, this::provider);
            Provider supervisingProvider = optional(value, "supervisingProvider", at, this::provider);
            String description = optional(value, "description", at, this::text);
            return new ServiceLine(
                    number == null ? 0 : number,
                    code,
                    modifiers,
                    units == null ? 0 : units,
                    charge,
                    serviceDate,
                    pointers,
                    drug,
                    placeOfService,
                    renderingProvider,
                    supervisingProvider,
                    description);
        }

        private Drug drug(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object with ndc, quantity and unit")) {
                return null;
            }
            // the NDC is kept as given, hyphens and all: a policy judges its shape
            return new Drug(
                    optional(value, "ndc", at, this::text),
                    optional(value, "quantity", at, this::number),
                    optional(value, "unit", at, oneOf(DRUG_UNITS)),
                    optional(value, "container", at, oneOf(CONTAINERS)));
        }

        private Encounter encounter(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object")) {
                return null;
            }
            return new Encounter(optional(value, "purpose", at, oneOf(PURPOSES)), optional(value, "note", at, this::text));
        }

        private Injection injection(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an injection object")) {
                return null;
            }
            return new Injection(
                    optional(value, "adminLine", at, this::lineReference),
                    optional(value, "route", at, this::text),
                    optional(value, "site", at, this::text),
                    optional(value, "time", at, this::text),
                    optional(value, "orderedBy", at, this::text),
                    optional(value, "administeredBy", at, this::text),
                    optional(value, "response", at, this::text),
                    optional(value, "necessity", at, this::text),
                    list(value, "drugs", at, 0, UNBOUNDED, "drugs", this::injectedDrug),
                    optional(value, "note", at, this::text));
        }

        private InjectedDrug injectedDrug(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object {line, name, dose}")) {
                return null;
            }
            return new InjectedDrug(
                    optional(value, "line", at, this::lineReference),
                    optional(value, "name", at, this::text),
                    optional(value, "dose", at, this::dose));
        }

        private Dose dose(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "an object {value, unit}")) {
                return null;
            }
            Double amount = required(value, "value", at, "a number greater than 0", this::positiveNumber);
            String unit = optional(value, "unit", at, this::text);
            return amount == null ? null : new Dose(amount, unit);
        }

        private HistoryEntry historyEntry(JsonNode value, FieldPath at) {
            if (!isObject(value, at, "a history entry object")) {
                return null;
            }
            String claimId = optional(value, "claimId", at, this::text);
            LocalDate serviceDate = required(value, "serviceDate", at, "a date as yyyy-MM-dd", this::date);
            String code = required(value, "code", at, "a CPT or HCPCS code", this::nonEmptyText);
            Double units = required(value, "units", at, "a number greater than 0", this::positiveNumber);
            List<String> modifiers = list(value, "modifiers", at, 0, MAX_MODIFIERS, "modifiers", this::modifier);
            List<String> diagnoses = list(value, "diagnoses", at, 0, UNBOUNDED, "diagnosis codes", this::text);
            String note = optional(value, "note", at, this::text);
            return new HistoryEntry(claimId, serviceDate, code, units == null ? 0 : units, modifiers, diagnoses, note);
        }

        // ---- fields and arrays

        /** The field's value, or null when it is absent or null ("not documented"). */
        private <T> T optional(JsonNode object, String name, FieldPath at, BiFunction<JsonNode, FieldPath, T> reader) {
            JsonNode value = object.get(name);
            return value == null || value.isNull() ? null : reader.apply(value, at.field(object, name));
        }

        /** The field's value; absent is an error, and so is null (the reader reports it). */
        private <T> T required(
                JsonNode object, String name, FieldPath at, String expected, BiFunction<JsonNode, FieldPath, T> reader) {
            JsonNode value = object.get(name);
            if (value == null) {
                problem(at.field(object, name), "missing, expected " + expected);
                return null;
            }
            return reader.apply(value, at.field(object, name));
        }

        /** An optional array field; absent or null reads as an empty list. */
        private <T> List<T> list(
                JsonNode object,
                String name,
                FieldPath at,
                int min,
                int max,
                String noun,
                BiFunction<JsonNode, FieldPath, T> element) {
            List<T> items = optional(object, name, at, (value, path) -> array(value, path, min, max, noun, element));
            return items == null ? List.of() : items;
        }

        /** The readable elements of an array, checking its length; null when it is not an array. */
        private <T> List<T> array(
                JsonNode value, FieldPath at, int min, int max, String noun, BiFunction<JsonNode, FieldPath, T> element) {
            if (!value.isArray()) {
                problem(at, "expected an array of " + noun + ", found " + describe(value));
                return null;
            }
            if (value.size() < min || value.size() > max) {
                String range = min == 0 ? "at most " + max : min + " to " + max;
                String found = value.isEmpty() ? "none" : String.valueOf(value.size());
                problem(at, "expected " + range + " " + noun + ", found " + found);
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                T item = element.apply(value.get(i), at.element(i));
                if (item != null) {
                    items.add(item);
                }
            }
            return items;
        }

        private boolean isObject(JsonNode value, FieldPath at, String expected) {
            if (value.isObject()) {
                return true;
            }
            problem(at, "expected " + expected + ", found " + describe(value));
            return false;
        }

        // ---- scalar values; each reports its own problem and then returns null

        private String text(JsonNode value, FieldPath at) {
            if (value.isTextual()) {
                return value.textValue();
            }
            problem(at, "expected a string, found " + describe(value));
            return null;
        }

        private String nonEmptyText(JsonNode value, FieldPath at) {
            if (value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue();
            }
            problem(at, "expected a non-empty string, found " + describe(value));
            return null;
        }

        private BiFunction<JsonNode, FieldPath, String> oneOf(List<String> allowed) {
            return (value, at) -> {
                if (value.isTextual() && allowed.contains(value.textValue())) {
                    return value.textValue();
                }
                problem(at, "expected one of " + String.join(", ", allowed) + ", found " + describe(value));
                return null;
            };
        }

        private LocalDate date(JsonNode value, FieldPath at) {
            if (value.isTextual() && ISO_DATE.matcher(value.textValue()).matches()) {
                try {
                    return LocalDate.parse(value.textValue());
                } catch (DateTimeParseException e) {
                    problem(at, "expected a date as yyyy-MM-dd, found " + describe(value) + ", which is not a calendar date");
                    return null;
                }
            }
            problem(at, "expected a date as yyyy-MM-dd, found " + describe(value));
            return null;
        }

        private String modifier(JsonNode value, FieldPath at) {
            if (value.isTextual() && MODIFIER.matcher(value.textValue()).matches()) {
                return value.textValue();
            }
            problem(at, "expected a two-character modifier, found " + describe(value));
            return null;
        }

        private Double number(JsonNode value, FieldPath at) {
            if (!value.isNumber()) {
                problem(at, "expected a number, found " + describe(value));
                return null;
            }
            if (!Double.isFinite(value.doubleValue())) {
                problem(at, "expected a number, found " + describe(value) + ", which is too large");
                return null;
            }
            return value.doubleValue();
        }

        private Double positiveNumber(JsonNode value, FieldPath at) {
            if (!value.isNumber() || !(value.doubleValue() > 0)) {
                problem(at, "expected a number greater than 0, found " + describe(value));
                return null;
            }
            if (!Double.isFinite(value.doubleValue())) {
                problem(at, "expected a number greater than 0, found " + describe(value) + ", which is too large");
                return null;
            }
            return value.doubleValue();
        }

        private BigDecimal amount(JsonNode value, FieldPath at) {
            // the finiteness check also keeps NaN, which has no decimal value, out
            return number(value, at) == null ? null : value.decimalValue();
        }

        private Integer lineNumber(JsonNode value, FieldPath at) {
            BigInteger n = wholeNumber(value);
            if (n != null && n.signum() > 0 && n.bitLength() < Integer.SIZE) {
                return n.intValue();
            }
            String tooLarge = n != null && n.signum() > 0 ? ", which is too large" : "";
            problem(at, "expected a whole number greater than 0, found " + describe(value) + tooLarge);
            return null;
        }

        private Integer pointer(JsonNode value, FieldPath at) {
            BigInteger n = wholeNumber(value);
            if (n == null) {
                problem(at, "expected a whole number pointing into diagnoses, found " + describe(value));
                return null;
            }
            if (n.signum() <= 0) {
                problem(at, "points at diagnosis " + n + " but diagnoses are numbered from 1");
                return null;
            }
            if (diagnosisCount >= 0 && n.compareTo(BigInteger.valueOf(diagnosisCount)) > 0) {
                problem(at, "points at diagnosis " + n + " but the claim has "
                        + (diagnosisCount == 0 ? "no diagnoses" : diagnosisCount));
                return null;
            }
            // with the diagnoses unreadable the range is unknown; their errors are reported already
            return n.bitLength() < Integer.SIZE ? n.intValue() : null;
        }

        private Integer lineReference(JsonNode value, FieldPath at) {
            BigInteger n = wholeNumber(value);
            if (n == null) {
                problem(at, "expected a line number, found " + describe(value));
                return null;
            }
            boolean fitsInt = n.bitLength() < Integer.SIZE;
            if (lineNumbersKnown && !(fitsInt && lineNumbers.containsKey(n.intValue()))) {
                String known = lineNumbers.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
                problem(at, "points at line " + n + " but the claim has lines " + known);
                return null;
            }
            // with some line numbers unreadable the reference is not checked; their errors are reported already
            return fitsInt ? n.intValue() : null;
        }

        private void problem(FieldPath at, String message) {
            problems.add(new Problem(at, message));
        }
    }

    private record Problem(FieldPath at, String message) {
        FieldError error() {
            return new FieldError(at.toString(), message);
        }
    }

    /**
     * The value as a whole number, or null. As in JSON Schema, {@code 2.0} is the whole number 2.
     */
    private static BigInteger wholeNumber(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        // the finiteness check keeps NaN (no decimal value) and 1e999999999 (no small integer) out
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            return null;
        }
        BigDecimal decimal = value.decimalValue();
        return decimal.stripTrailingZeros().scale() <= 0 ? decimal.toBigIntegerExact() : null;
    }

    /** What the sender wrote, for messages: a scalar as JSON (shortened), a container by kind. */
    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> TextNode.valueOf(shorten(value.textValue())).toString();
            case NUMBER, BOOLEAN, NULL -> shorten(value.toString());
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case MISSING -> "nothing";
            case BINARY -> "binary data";
            case POJO -> "a Java object";
        };
    }

    private static String shorten(String text) {
        int limit = 40;
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit - 3)) + "...";
    }

    // ---- writing

    private static ObjectNode payerJson(Payer payer) {
        ObjectNode json = NODES.objectNode();
        put(json, "id", payer.id());
        put(json, "type", payer.type() == null ? null : payer.type().key());
        put(json, "jurisdiction", payer.jurisdiction());
        return json;
    }

    private static ObjectNode patientJson(Patient patient) {
        ObjectNode json = NODES.objectNode();
        put(json, "id", patient.id());
        put(json, "birthDate", patient.birthDate());
        put(json, "sex", patient.sex());
        return json;
    }

    private static ObjectNode providerJson(Provider provider) {
        ObjectNode json = NODES.objectNode();
        put(json, "npi", provider.npi());
        put(json, "taxonomy", provider.taxonomy());
        put(json, "name", provider.name());
        return json;
    }

    private static JsonNode diagnosisJson(Diagnosis diagnosis) {
        if (diagnosis.system() == Diagnosis.CodeSystem.ICD10CM) {
            return NODES.textNode(diagnosis.code());
        }
        ObjectNode json = NODES.objectNode();
        put(json, "code", diagnosis.code());
        put(json, "system", diagnosis.system() == null ? null : diagnosis.system().label());
        return json;
    }

    private static ObjectNode lineJson(ServiceLine line) {
        ObjectNode json = NODES.objectNode();
        json.put("line", line.line());
        put(json, "code", line.code());
        put(json, "description", line.description());
        putList(json, "modifiers", line.modifiers(), NODES::textNode);
        json.set("units", number(line.units()));
        if (line.charge() != null) {
            json.set("charge", NODES.numberNode(line.charge()));
        }
        put(json, "serviceDate", line.serviceDate());
        putList(json, "diagnosisPointers", line.diagnosisPointers(), NODES::numberNode);
        putObject(json, "drug", line.drug(), ClaimJson::drugJson);
        put(json, "placeOfService", line.placeOfService());
        putObject(json, "renderingProvider", line.renderingProvider(), ClaimJson::providerJson);
        putObject(json, "supervisingProvider", line.supervisingProvider(), ClaimJson::providerJson);
        return json;
    }

    private static ObjectNode drugJson(Drug drug) {
        ObjectNode json = NODES.objectNode();
        put(json, "ndc", drug.ndc());
        if (drug.quantity() != null) {
            json.set("quantity", number(drug.quantity()));
        }
        put(json, "unit", drug.unit());
        put(json, "container", drug.container());
        return json;
    }

    private static ObjectNode encounterJson(Encounter encounter) {
        ObjectNode json = NODES.objectNode();
        put(json, "purpose", encounter.purpose());
        put(json, "note", encounter.note());
        return json;
    }

    private static ObjectNode injectionJson(Injection injection) {
        ObjectNode json = NODES.objectNode();
        put(json, "adminLine", injection.adminLine());
        put(json, "route", injection.route());
        put(json, "site", injection.site());
        put(json, "time", injection.time());
        put(json, "orderedBy", injection.orderedBy());
        put(json, "administeredBy", injection.administeredBy());
        put(json, "response", injection.response());
        put(json, "necessity", injection.necessity());
        putList(json, "drugs", injection.drugs(), ClaimJson::injectedDrugJson);
        put(json, "note", injection.note());
        return json;
    }

    private static ObjectNode injectedDrugJson(InjectedDrug drug) {
        ObjectNode json = NODES.objectNode();
        put(json, "line", drug.line());
        put(json, "name", drug.name());
        putObject(json, "dose", drug.dose(), dose -> {
            ObjectNode d = NODES.objectNode();
            d.set("value", number(dose.value()));
            put(d, "unit", dose.unit());
            return d;
        });
        return json;
    }

    private static ObjectNode historyJson(HistoryEntry entry) {
        ObjectNode json = NODES.objectNode();
        put(json, "claimId", entry.claimId());
        put(json, "serviceDate", entry.serviceDate());
        put(json, "code", entry.code());
        json.set("units", number(entry.units()));
        putList(json, "modifiers", entry.modifiers(), NODES::textNode);
        putList(json, "diagnoses", entry.diagnoses(), NODES::textNode);
        put(json, "note", entry.note());
        return json;
    }

    /** Whole amounts as integers ({@code 1}, not {@code 1.0}), as a person would write them. */
    private static JsonNode number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? LongNode.valueOf((long) value)
                : DoubleNode.valueOf(value);
    }

    private static void put(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void put(ObjectNode json, String name, Integer value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void put(ObjectNode json, String name, LocalDate value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }

    private static <T> void putObject(ObjectNode json, String name, T value, Function<T, ? extends JsonNode> toJson) {
        if (value != null) {
            json.set(name, toJson.apply(value));
        }
    }

    private static <T> void putList(ObjectNode json, String name, List<T> values, Function<T, JsonNode> toJson) {
        if (!values.isEmpty()) {
            json.set(name, array(values, toJson));
        }
    }

    private static <T> ArrayNode array(List<T> values, Function<T, ? extends JsonNode> toJson) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(toJson.apply(v)));
        return array;
    }
}
