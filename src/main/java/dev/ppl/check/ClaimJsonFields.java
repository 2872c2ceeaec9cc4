package dev.ppl.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of claim JSON, read from its JSON Schema (docs/schema/claim.schema.json, packed in
 * the jar): what a test's {@code with} and {@code without} edits may name.
 */
final class ClaimJsonFields {
    private static final JsonNode SCHEMA = load();

    private ClaimJsonFields() {}

    private static JsonNode load() {
        try (InputStream in = ClaimJsonFields.class.getResourceAsStream("/dev/ppl/schema/claim.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("dev/ppl/schema/claim.schema.json is missing from the jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of the claim. */
    static JsonNode claim() {
        return SCHEMA;
    }

    /** The schema of a service line. */
    static JsonNode line() {
        return SCHEMA.path("$defs").path("serviceLine");
    }

    /** The properties an object of this schema may have (alternatives merged), or null when it is no object. */
    static Map<String, JsonNode> fields(JsonNode schema) {
        JsonNode s = resolve(schema);
        Map<String, JsonNode> out = new TreeMap<>();
        boolean object = false;
        if (s.has("properties")) {
            object = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode alternative : s.path(union)) {
                Map<String, JsonNode> more = fields(alternative);
                if (more != null) {
                    object = true;
                    more.forEach(out::putIfAbsent);
                }
            }
        }
        return object ? out : null;
    }

    /** The schema of a list's elements, or null when it is no list. */
    static JsonNode items(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.has("items")) {
            return s.get("items");
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode alternative : s.path(union)) {
                JsonNode items = items(alternative);
                if (items != null) {
                    return items;
                }
            }
        }
        return null;
    }

    /** What is wrong with a test edit, in words with a help line. */
    record Problem(String message, String help) {}

    private static final java.util.regex.Pattern STEP = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[([0-9]+)])?");

    /**
     * Checks a test edit: {@code path} (dotted, with {@code [i]} steps; empty for a whole line)
     * from the claim or from a line, and the keys of the JSON value put there. Null when it names
     * only fields claim JSON has.
     */
    static Problem check(boolean fromLine, String path, JsonNode value) {
        JsonNode at = fromLine ? line() : claim();
        String where = fromLine ? "a service line" : "the claim";
        if (!path.isEmpty()) {
            for (String part : path.split("\\.")) {
                java.util.regex.Matcher m = STEP.matcher(part.trim());
                if (!m.matches()) {
                    return new Problem("`" + path + "` is not a field path", "write fields joined by dots, e.g. `drug.ndc`");
                }
                Map<String, JsonNode> fields = fields(at);
                if (fields == null) {
                    return new Problem(where + " has no fields, so it has no `" + m.group(1) + "`",
                            "the edit goes one step too far: end the path before `" + m.group(1) + "`");
                }
                JsonNode next = fields.get(m.group(1));
                if (next == null) {
                    return unknown(where, m.group(1), fields);
                }
                if (m.group(2) != null) {
                    next = items(next);
                    if (next == null) {
                        return new Problem("`" + m.group(1) + "` of " + where + " is not a list",
                                "remove `[" + m.group(2) + "]`");
                    }
                }
                where = "`" + m.group(1) + (m.group(2) == null ? "" : "[" + m.group(2) + "]") + "`";
                at = next;
            }
        }
        return value == null ? null : keys(at, value, where);
    }

    /** The keys of objects inside {@code value} checked against the schema they are put at. */
    private static Problem keys(JsonNode schema, JsonNode value, String where) {
        if (value.isObject()) {
            Map<String, JsonNode> fields = fields(schema);
            if (fields == null) {
                return null; // the claim reader says what is wrong with the value when the test runs
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode field = fields.get(e.getKey());
                if (field == null) {
                    return unknown(where, e.getKey(), fields);
                }
                Problem inner = keys(field, e.getValue(), "`" + e.getKey() + "`");
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value.isArray()) {
            JsonNode items = items(schema);
            if (items != null) {
                for (JsonNode element : value) {
                    Problem inner = keys(items, element, where);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
        }
        return null;
    }

    private static Problem unknown(String where, String name, Map<String, JsonNode> fields) {
        return new Problem(where + " has no field `" + name + "` in claim JSON",
                Suggest.help(name, fields.keySet(), "its fields are " + String.join(", ", fields.keySet())));
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s.has("$ref") && hops < 16; hops++) {
            String ref = s.get("$ref").asText();
            s = ref.startsWith("#/") ? SCHEMA.at(ref.substring(1)) : s;
        }
        return s;
    }
}
