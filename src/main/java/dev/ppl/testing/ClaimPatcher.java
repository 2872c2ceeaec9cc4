package dev.ppl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.ast.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies a test's {@code with}/{@code without} edits to a claim's JSON tree. */
final class ClaimPatcher {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[([0-9]+)])?");

    private ClaimPatcher() {}

    /** Applies the patch; returns an error message, or null when it applied. */
    static String apply(ObjectNode claim, TestCase.Patch patch) {
        JsonNode value;
        try {
            value = patch.json() == null ? null : MAPPER.readTree(patch.json());
        } catch (Exception e) {
            return "the value `" + patch.json() + "` is not JSON";
        }
        ObjectNode root = claim;
        if (patch.line() != null && patch.path().isEmpty() && value != null) {
            return setLine(claim, patch.line(), value);
        }
        if (patch.line() != null) {
            JsonNode lines = claim.get("lines");
            int index = -1;
            if (lines instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).path("line").asInt(-1) == patch.line()) {
                        index = i;
                    }
                }
            }
            if (index < 0) {
                return "the claim has no line " + patch.line();
            }
            if (patch.path().isEmpty()) {
                ((ArrayNode) lines).remove(index);
                return null;
            }
            root = (ObjectNode) lines.get(index);
        }
        List<String[]> steps = new ArrayList<>();
        for (String part : patch.path().split("\\.")) {
            Matcher m = STEP.matcher(part.trim());
            if (!m.matches()) {
                return "`" + patch.path() + "` is not a field path";
            }
            steps.add(new String[] {m.group(1), m.group(2)});
        }
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            String[] step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (!(node instanceof ObjectNode obj)) {
                return "`" + patch.path() + "`: `" + step[0] + "` is not inside an object";
            }
            if (step[1] == null) {
                if (last) {
                    if (value == null) {
                        obj.remove(step[0]);
                    } else {
                        obj.set(step[0], value);
                    }
                    return null;
                }
                JsonNode next = obj.get(step[0]);
                if (next == null || next.isNull()) {
                    next = obj.putObject(step[0]);
                }
                node = next;
            } else {
                JsonNode array = obj.get(step[0]);
                // an index past int (a test naming line 2147483649) is simply no element of the array
                int index = step[1].length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(step[1]);
                if (!(array instanceof ArrayNode a) || index >= a.size()) {
                    return "`" + patch.path() + "`: `" + step[0] + "` has no element " + step[1];
                }
                if (last) {
                    if (value == null) {
                        a.remove(index);
                    } else {
                        a.set(index, value);
                    }
                    return null;
                }
                node = a.get(index);
            }
        }
        return null;
    }

    /** {@code with line N = {...}}: replaces line N, or adds it when the claim has none. */
    private static String setLine(ObjectNode claim, int number, JsonNode value) {
        if (!(value instanceof ObjectNode line)) {
            return "a line is a JSON object such as {\"code\": \"J3420\", \"units\": 1, ...}";
        }
        JsonNode given = line.get("line");
        if (given != null && given.asInt(-1) != number) {
            return "the line's own \"line\" is " + given + ", not " + number;
        }
        line.put("line", number);
        JsonNode lines = claim.get("lines");
        ArrayNode array = lines instanceof ArrayNode a ? a : claim.putArray("lines");
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).path("line").asInt(-1) == number) {
                array.set(i, line);
                return null;
            }
        }
        array.add(line);
        return null;
    }

    static ObjectNode parse(String json) throws Exception {
        JsonNode node = MAPPER.readTree(json);
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("the claim is not a JSON object");
        }
        return obj;
    }
}
