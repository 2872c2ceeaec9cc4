package dev.ppl.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The claim input formats PPL reads, told apart by content (never by file name).
 *
 * <p>JSON is told apart by the top-level keys of its first value, all of them and in any order (JSON
 * key order is not significant, and real FHIR feeds put {@code resourceType} last), read with Jackson's
 * streaming parser: nothing is kept but the keys, so a bundle of any size is scanned in constant memory.
 */
public enum InputFormat {
    /** An X12 interchange: the content starts with {@code ISA} after optional whitespace or a byte-order mark. */
    X12,
    /** A FHIR R4 resource or Bundle: a JSON object whose top-level {@code resourceType} is a string. */
    FHIR_JSON,
    /** Newline-delimited FHIR resources: several JSON objects, one per line, the first a FHIR resource. */
    FHIR_NDJSON,
    /**
     * PPL's own claim JSON: an object with {@code claimId} or {@code lines} (and no {@code resourceType}), or
     * an array whose first element is such an object.
     */
    PPL_CLAIM_JSON,
    /** Newline-delimited PPL claims: several JSON objects, one per line, the first not a FHIR resource. */
    NDJSON,
    /** None of the above. */
    UNKNOWN;

    private static final JsonFactory JSON = JsonFactory.builder()
            // detection only skips over values: any depth is fine, and deep input must not fail detection
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    /** Whether content of this format is a file of several records, one per line. */
    public boolean lineDelimited() {
        return this == NDJSON || this == FHIR_NDJSON;
    }

    /**
     * Tells the format of {@code content}. A prefix of a file gives the same answer as the whole file
     * whenever the prefix holds every top-level key of the first JSON value; use {@link #detect(InputStream)}
     * on the whole content when that cannot be known.
     *
     * @param content the file's bytes; null counts as empty
     * @return the format, {@link #UNKNOWN} when the content is empty or matches none
     */
    public static InputFormat detect(byte[] content) {
        if (content == null) {
            return UNKNOWN;
        }
        try {
            return detect(new ByteArrayInputStream(content));
        } catch (IOException e) {
            return UNKNOWN; // a byte array cannot fail to be read
        }
    }

    /**
     * Tells the format of the content of {@code in}, reading only as far as needed: the first bytes of X12,
     * the first JSON value and the start of the next one (so one line of NDJSON, but the whole of a single
     * JSON document). The stream is not closed.
     *
     * @throws IOException when the stream cannot be read
     */
    public static InputFormat detect(InputStream in) throws IOException {
        byte[] head = in.readNBytes(3);
        int start = 0;
        if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        int first = -1;
        for (int i = start; i < head.length; i++) {
            if (!isWhitespace(head[i])) {
                first = i;
                break;
            }
        }
        int b;
        StringBuilder seen = new StringBuilder();
        if (first >= 0) {
            for (int i = first; i < head.length; i++) {
                seen.append((char) (head[i] & 0xFF));
            }
        } else {
            while ((b = in.read()) >= 0 && isWhitespace((byte) b)) {
                // skip leading whitespace
            }
            if (b < 0) {
                return UNKNOWN;
            }
            seen.append((char) b);
        }
        char c = seen.charAt(0);
        if (c == 'I') {
            while (seen.length() < 3 && (b = in.read()) >= 0) {
                seen.append((char) b);
            }
            return seen.toString().startsWith("ISA") ? X12 : UNKNOWN;
        }
        if (c != '{' && c != '[') {
            return UNKNOWN;
        }
        byte[] prefix = seen.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        InputStream rest = new java.io.SequenceInputStream(new ByteArrayInputStream(prefix), nonClosing(in));
        try (JsonParser p = JSON.createParser(rest)) {
            return classifyJson(p);
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f';
    }

    private static InputFormat classifyJson(JsonParser p) {
        JsonToken t;
        try {
            t = p.nextToken();
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
        if (t == JsonToken.START_ARRAY) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return UNKNOWN;
                }
            } catch (IOException | RuntimeException e) {
                return UNKNOWN;
            }
            return classifyObject(p) == PPL_CLAIM_JSON ? PPL_CLAIM_JSON : UNKNOWN;
        }
        if (t != JsonToken.START_OBJECT) {
            return UNKNOWN;
        }
        InputFormat kind = classifyObject(p);
        if (kind == UNKNOWN || p.currentToken() != JsonToken.END_OBJECT) {
            return kind;
        }
        try {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                return kind == FHIR_JSON ? FHIR_NDJSON : NDJSON;
            }
        } catch (IOException | RuntimeException e) {
            // something after the first value that is not JSON: the reader reports it
        }
        return kind;
    }

    /**
     * Reads every top-level key of the object the parser is at, skipping the values; leaves the parser at
     * its end. Content that ends or breaks inside the object is decided on the keys seen so far.
     */
    private static InputFormat classifyObject(JsonParser p) {
        boolean fhir = false;
        boolean ppl = false;
        try {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("resourceType".equals(name) && value == JsonToken.VALUE_STRING) {
                    fhir = true;
                } else if ("claimId".equals(name) || "lines".equals(name)) {
                    ppl = true;
                }
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // content that ends or breaks inside the object: decide on the keys seen so far
        }
        return fhir ? FHIR_JSON : ppl ? PPL_CLAIM_JSON : UNKNOWN;
    }
}
