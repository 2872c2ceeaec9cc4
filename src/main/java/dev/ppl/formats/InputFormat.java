package dev.ppl.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** The claim input formats PPL reads, told apart by content (never by file name). */
public enum InputFormat {
    /** An X12 interchange: the content starts with {@code ISA} after optional whitespace or a byte-order mark. */
    X12,
    /** A FHIR R4 resource or Bundle: a JSON object whose {@code resourceType} is a string. */
    FHIR_JSON,
    /**
     * PPL's own claim JSON: an object with {@code claimId} or {@code lines}, or an array whose first element
     * is such an object.
     */
    PPL_CLAIM_JSON,
    /** Newline-delimited JSON: several JSON objects, one per line (PPL claims or FHIR resources). */
    NDJSON,
    /** None of the above. */
    UNKNOWN;

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Tells the format of {@code content} from its first bytes. Only as much of the content is read as is
     * needed (the top-level keys of the first JSON value and the start of its second line), so a prefix of
     * a large file works too.
     *
     * @param content the file's bytes, or a prefix of them; null counts as empty
     * @return the format, {@link #UNKNOWN} when the content is empty or matches none
     */
    public static InputFormat detect(byte[] content) {
        if (content == null) {
            return UNKNOWN;
        }
        int start = skipBomAndWhitespace(content);
        if (start >= content.length) {
            return UNKNOWN;
        }
        if (content.length - start >= 3
                && content[start] == 'I'
                && content[start + 1] == 'S'
                && content[start + 2] == 'A') {
            return X12;
        }
        byte first = content[start];
        if (first != '{' && first != '[') {
            return UNKNOWN;
        }
        if (first == '{' && looksLikeNdjson(content, start)) {
            return NDJSON;
        }
        return classifyJson(content, start);
    }

    /** Index of the first byte after a UTF-8 byte-order mark and ASCII whitespace. */
    static int skipBomAndWhitespace(byte[] content) {
        int i = 0;
        if (content.length >= 3
                && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < content.length && isWhitespace(content[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f';
    }

    /** The first line is a complete JSON object and a later non-blank line starts another object. */
    private static boolean looksLikeNdjson(byte[] content, int start) {
        int end = start;
        while (end < content.length && content[end] != '\n') {
            end++;
        }
        if (end >= content.length) {
            return false;
        }
        if (!isCompleteObject(content, start, end - start)) {
            return false;
        }
        int next = end + 1;
        while (next < content.length && isWhitespace(content[next])) {
            next++;
        }
        return next < content.length && content[next] == '{';
    }

    private static boolean isCompleteObject(byte[] content, int offset, int length) {
        try (JsonParser p = JSON.createParser(content, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static InputFormat classifyJson(byte[] content, int start) {
        try (JsonParser p = JSON.createParser(content, start, content.length - start)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return UNKNOWN;
                }
                return classifyObject(p) == PPL_CLAIM_JSON ? PPL_CLAIM_JSON : UNKNOWN;
            }
            return t == JsonToken.START_OBJECT ? classifyObject(p) : UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Reads the top-level keys of the object the parser is at; stops as soon as one decides. */
    private static InputFormat classifyObject(JsonParser p) throws IOException {
        boolean pplKey = false;
        try {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("resourceType".equals(name) && value == JsonToken.VALUE_STRING) {
                    return FHIR_JSON;
                }
                if ("claimId".equals(name) || "lines".equals(name)) {
                    pplKey = true;
                }
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // a prefix that ends inside the object: decide on the keys seen so far
        }
        return pplKey ? PPL_CLAIM_JSON : UNKNOWN;
    }
}
