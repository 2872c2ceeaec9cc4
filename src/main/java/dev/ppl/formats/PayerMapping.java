package dev.ppl.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the payer a claim file names (X12 loop 2010BB {@code NM109}/{@code NM103}, a FHIR insurer) into the
 * PPL {@link Payer} that selects policies: PPL payer id, payer type and MAC jurisdiction.
 *
 * <p>A payer is looked up by its payer id first (case-insensitive), then by its name (case-insensitive,
 * runs of spaces count as one). A payer found in neither way is not dropped: {@link #resolve} returns a
 * fallback payer whose id is the file's payer id in lower case (or the name as a slug when there is no id),
 * with the type the caller could infer (X12 {@code SBR09}) and no jurisdiction, and says it was not
 * mapped so the reader can warn. See {@code docs/payer-mapping.md}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PayerMapping {

    /** The CSV header every mapping file starts with. */
    public static final String CSV_HEADER = "payerId,payerName,pplPayerId,type,jurisdiction";

    private static final String DEFAULT_RESOURCE = "payer-mapping-default.csv";
    private static final Set<String> JSON_KEYS =
            Set.of("payerId", "payerName", "pplPayerId", "type", "jurisdiction", "source", "note");

    /**
     * One row of a mapping.
     *
     * @param payerId the payer id as it appears in claim files (X12 {@code NM109} of {@code NM1*PR}), or
     *     null to match by name only
     * @param payerName the payer name as it appears in claim files, or null to match by id only
     * @param pplPayerId the PPL payer id policies select on, e.g. {@code medicare}
     * @param type the payer type, or null when not known
     * @param jurisdiction MAC jurisdiction (e.g. {@code JL}) or state, or null
     */
    public record Entry(String payerId, String payerName, String pplPayerId, PayerType type, String jurisdiction) {

        /** The PPL payer this row maps to. */
        public Payer payer() {
            return new Payer(pplPayerId, type, jurisdiction);
        }
    }

    /**
     * The outcome of a look-up.
     *
     * @param payer the PPL payer: the mapped one, or the fallback when {@code mapped} is false
     * @param mapped whether a mapping row matched
     */
    public record Resolution(Payer payer, boolean mapped) {}

    private static final PayerMapping EMPTY = new PayerMapping(List.of());

    private final List<Entry> entries;
    private final Map<String, Entry> byId;
    private final Map<String, Entry> byName;

    private PayerMapping(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, Entry> ids = new LinkedHashMap<>();
        Map<String, Entry> names = new LinkedHashMap<>();
        for (Entry e : this.entries) {
            if (e.payerId() != null) {
                ids.put(idKey(e.payerId()), e);
            }
            if (e.payerName() != null) {
                names.putIfAbsent(nameKey(e.payerName()), e);
            }
        }
        this.byId = Map.copyOf(ids);
        this.byName = Map.copyOf(names);
    }

    /** A mapping with no rows: every payer resolves to its fallback. */
    public static PayerMapping empty() {
        return EMPTY;
    }

    /** A mapping of the given rows; a later row with the same payer id replaces an earlier one. */
    public static PayerMapping of(List<Entry> entries) {
        return new PayerMapping(entries);
    }

    /**
     * The mapping shipped with PPL ({@code dev/ppl/formats/payer-mapping-default.csv}): Medicare Part B
     * contractor numbers and the national CMS payer, each row sourced in {@code docs/payer-mapping.md}.
     */
    public static PayerMapping defaults() {
        try (InputStream in = PayerMapping.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a mapping file: JSON when the name ends in {@code .json}, CSV otherwise.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException listing every bad row when the content is not a valid mapping
     */
    public static PayerMapping load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".json")
                ? fromJson(text, file.toString())
                : fromCsv(text, file.toString());
    }

    /**
     * Parses CSV: the header {@value #CSV_HEADER}, then one row per payer. Blank lines and lines starting
     * with {@code #} are skipped; fields may be quoted with {@code "} (a quote inside is doubled).
     *
     * @param source the file name, used in error messages
     * @throws IllegalArgumentException listing every bad row ({@code source:line: message})
     */
    public static PayerMapping fromCsv(String text, String source) {
        List<String> problems = new ArrayList<>();
        List<Entry> rows = new ArrayList<>();
        Map<String, Integer> seenIds = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        boolean headerSeen = false;
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            int lineNo = i + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> fields = splitCsv(line);
            if (fields == null) {
                problems.add(source + ":" + lineNo + ": a quoted field is not closed on this line");
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                if (!String.join(",", fields.stream().map(String::strip).toList()).equalsIgnoreCase(CSV_HEADER)) {
                    problems.add(source + ":" + lineNo + ": the first row must be the header `" + CSV_HEADER
                            + "`, found `" + line + "`");
                    break;
                }
                continue;
            }
            if (fields.size() != 5) {
                problems.add(source + ":" + lineNo + ": expected 5 fields (" + CSV_HEADER + "), found "
                        + fields.size());
                continue;
            }
            Entry entry = entry(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4),
                    source + ":" + lineNo, problems);
            if (entry != null) {
                addUnique(entry, lineNo, seenIds, rows, source + ":" + lineNo, problems, "line");
            }
        }
        if (!headerSeen && problems.isEmpty()) {
            problems.add(source + ": the file is empty; expected the header `" + CSV_HEADER + "`");
        }
        return build(rows, problems);
    }

    /**
     * Parses JSON: an array of objects with the keys {@code payerId, payerName, pplPayerId, type,
     * jurisdiction} (and optionally {@code source} or {@code note}, which are ignored).
     *
     * @param source the file name, used in error messages
     * @throws IllegalArgumentException listing every bad entry ({@code source: [index]: message})
     */
    public static PayerMapping fromJson(String text, String source) {
        List<String> problems = new ArrayList<>();
        List<Entry> rows = new ArrayList<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + dev.ppl.claim.ClaimJson.jsonWords(e.getOriginalMessage()));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + ": expected a JSON array of payer objects");
        }
        Map<String, Integer> seenIds = new LinkedHashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode o = root.get(i);
            String where = source + ": [" + i + "]";
            if (!o.isObject()) {
                problems.add(where + ": expected an object");
                continue;
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!JSON_KEYS.contains(key)) {
                    problems.add(where + ": unknown key `" + key + "`; expected " + CSV_HEADER);
                }
            }
            Entry entry = entry(text(o, "payerId"), text(o, "payerName"), text(o, "pplPayerId"), text(o, "type"),
                    text(o, "jurisdiction"), where, problems);
            if (entry != null) {
                addUnique(entry, i, seenIds, rows, where, problems, "entry");
            }
        }
        return build(rows, problems);
    }

    /**
     * This mapping with the rows of {@code overrides} taking precedence: a row of {@code overrides} with the
     * same payer id or name replaces this mapping's row.
     */
    public PayerMapping overriddenBy(PayerMapping overrides) {
        List<Entry> merged = new ArrayList<>();
        for (Entry e : entries) {
            boolean replaced = (e.payerId() != null && overrides.byId.containsKey(idKey(e.payerId())))
                    || (e.payerName() != null && overrides.byName.containsKey(nameKey(e.payerName())));
            if (!replaced) {
                merged.add(e);
            }
        }
        merged.addAll(overrides.entries);
        return new PayerMapping(merged);
    }

    /** The rows, in the order given. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Looks a payer up by id, then by name.
     *
     * @param payerId the payer id from the claim file, or null
     * @param payerName the payer name from the claim file, or null
     * @param typeWhenUnmapped the payer type to use when no row matches (e.g. inferred from X12 {@code
     *     SBR09}), or null
     * @return the mapped payer, or a fallback (id = payer id in lower case, or the name as a slug, or {@code
     *     unknown}; type = {@code typeWhenUnmapped}; no jurisdiction) with {@code mapped} false
     */
    public Resolution resolve(String payerId, String payerName, PayerType typeWhenUnmapped) {
        if (payerId != null && !payerId.isBlank()) {
            Entry e = byId.get(idKey(payerId));
            if (e != null) {
                return new Resolution(e.payer(), true);
            }
        }
        if (payerName != null && !payerName.isBlank()) {
            Entry e = byName.get(nameKey(payerName));
            if (e != null) {
                return new Resolution(e.payer(), true);
            }
        }
        return new Resolution(new Payer(fallbackId(payerId, payerName), typeWhenUnmapped, null), false);
    }

    private static String fallbackId(String payerId, String payerName) {
        if (payerId != null && !payerId.isBlank()) {
            return payerId.strip().toLowerCase(Locale.ROOT);
        }
        if (payerName != null && !payerName.isBlank()) {
            String slug = payerName.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            slug = slug.replaceAll("^-+|-+$", "");
            if (!slug.isEmpty()) {
                return slug;
            }
        }
        return "unknown";
    }

    private static Entry entry(String payerId, String payerName, String pplPayerId, String type,
            String jurisdiction, String where, List<String> problems) {
        payerId = blankToNull(payerId);
        payerName = blankToNull(payerName);
        pplPayerId = blankToNull(pplPayerId);
        type = blankToNull(type);
        jurisdiction = blankToNull(jurisdiction);
        int before = problems.size();
        if (payerId == null && payerName == null) {
            problems.add(where + ": give a payerId, a payerName or both");
        }
        if (pplPayerId == null) {
            problems.add(where + ": pplPayerId is empty; it is the payer key policies select on, e.g. `medicare`");
        }
        PayerType payerType = null;
        if (type != null) {
            payerType = PayerType.fromKey(type.toLowerCase(Locale.ROOT));
            if (payerType == null) {
                problems.add(where + ": type `" + type + "` is not one of medicare, medicaid, commercial");
            }
        }
        return problems.size() > before ? null : new Entry(payerId, payerName, pplPayerId, payerType, jurisdiction);
    }

    private static void addUnique(Entry entry, int index, Map<String, Integer> seenIds, List<Entry> rows,
            String where, List<String> problems, String unit) {
        if (entry.payerId() != null) {
            Integer first = seenIds.putIfAbsent(idKey(entry.payerId()), index);
            if (first != null) {
                problems.add(where + ": payer id `" + entry.payerId() + "` is already mapped on " + unit + " "
                        + first);
                return;
            }
        }
        rows.add(entry);
    }

    private static PayerMapping build(List<Entry> rows, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "payer mapping has " + problems.size() + " problem(s):\n" + String.join("\n", problems));
        }
        return new PayerMapping(rows);
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String idKey(String id) {
        return id.strip().toUpperCase(Locale.ROOT);
    }

    private static String nameKey(String name) {
        return name.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** Splits one CSV line; null when a quoted field is not closed. */
    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                cur.setLength(0);
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cur.toString());
        return out;
    }
}
