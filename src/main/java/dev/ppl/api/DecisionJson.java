package dev.ppl.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes decisions in the contract's JSON shape, with a stable field order. */
public final class DecisionJson {
    /**
     * Writes the decision text straight from the decision, without an ObjectMapper: making
     * Jackson's ObjectMapper cost a one-claim {@code ppl eval} more of its start than writing
     * the decision; the text is byte for byte the tree's ({@code DecisionJsonLineTest}).
     */
    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * Writes UTF-8 straight to bytes; a character outside the Basic Multilingual Plane (a pair of
     * surrogates) as its four UTF-8 bytes, as the text encoded does, rather than as two escapes.
     */
    private static final JsonFactory UTF8 = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** Each thread's buffer for {@link #compactLineBytes}, reused from line to line. */
    private static final ThreadLocal<Bytes> LINE = ThreadLocal.withInitial(Bytes::new);

    private DecisionJson() {}

    public static ObjectNode toJson(Decision d) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("claimId", d.claimId());
        root.put("outcome", d.outcome());
        addPolicies(root, d.policies());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            addFinding(findings, f, true);
        }
        return root;
    }

    /** One finding in the contract's shape (decision.schema.json#/$defs/finding), with its source. */
    public static ObjectNode toJson(Finding f) {
        return addFinding(JsonNodeFactory.instance.arrayNode(), f, true);
    }

    /** {@code "policies": [{id, version, digest}, ...]}. */
    static void addPolicies(ObjectNode parent, java.util.List<Decision.PolicyRef> refs) {
        ArrayNode policies = parent.putArray("policies");
        for (Decision.PolicyRef p : refs) {
            policies.addObject().put("id", p.id()).put("version", p.version()).put("digest", p.digest());
        }
    }

    /**
     * One finding in the contract's field order; without {@code text} the message, fix and
     * citation are left out (they may quote the claim, so the decision log omits them by default).
     */
    static ObjectNode addFinding(ArrayNode findings, Finding f, boolean text) {
        ObjectNode o = findings.addObject();
        o.put("rule", f.rule());
        o.put("policy", f.policy());
        o.put("severity", f.severity());
        if (f.line() == null) {
            o.putNull("line");
        } else {
            o.put("line", f.line());
        }
        o.put("group", f.group());
        o.put("carc", f.carc());
        ArrayNode rarc = o.putArray("rarc");
        f.rarc().forEach(rarc::add);
        if (text) {
            o.put("message", f.message());
            o.put("fix", f.fix());
            o.put("citation", f.citation());
            if (f.source() != null) {
                o.put("source", f.source());
            }
        }
        return o;
    }

    /**
     * {@code ppl eval}'s NDJSON line for a decision: the compact decision with {@code "input":
     * {"file": ..., "record": ...}} last, no line end. Written straight to text, without building
     * the tree of {@link #toJson(Decision)}; the text is byte for byte the tree's.
     */
    public static String compactLine(Decision d, String file, long record) {
        return write(d, false, true, file, record);
    }

    /**
     * {@link #compactLine}'s text and a line end, as UTF-8 bytes: what {@code ppl eval} writes for
     * a claim, written straight to bytes rather than to characters that are then encoded. The bytes
     * are those of the text encoded as UTF-8, also for a string holding a lone surrogate (which the
     * encoder writes as {@code ?}).
     */
    public static byte[] compactLineBytes(Decision d, String file, long record) {
        Bytes out = LINE.get();
        out.reset();
        try (JsonGenerator g = UTF8.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            write(g, d, true, file, record, true);
        } catch (LoneSurrogate e) {
            return (compactLine(d, file, record) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
        }
        out.write('\n');
        byte[] line = out.toByteArray();
        if (out.capacity() > 1 << 20) {
            LINE.remove(); // a huge decision does not keep its buffer
        }
        return line;
    }

    /**
     * The decision as text: indented as Jackson's default pretty printer does it, or compact;
     * with {@code input}, {@code "input": {"file": ..., "record": ...}} last.
     */
    private static String write(Decision d, boolean pretty, boolean input, String file, long record) {
        java.io.StringWriter out = new java.io.StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, d, input, file, record, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** The decision's fields; with {@code bytes}, a {@link LoneSurrogate} when a string holds one. */
    private static void write(JsonGenerator g, Decision d, boolean input, String file, long record, boolean bytes)
            throws java.io.IOException {
        g.writeStartObject();
        text(g, "claimId", d.claimId(), bytes);
        text(g, "outcome", d.outcome(), bytes);
        g.writeArrayFieldStart("policies");
        for (Decision.PolicyRef p : d.policies()) {
            g.writeStartObject();
            text(g, "id", p.id(), bytes);
            text(g, "version", p.version(), bytes);
            text(g, "digest", p.digest(), bytes);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (Finding f : d.findings()) {
            g.writeStartObject();
            text(g, "rule", f.rule(), bytes);
            text(g, "policy", f.policy(), bytes);
            text(g, "severity", f.severity(), bytes);
            g.writeFieldName("line");
            if (f.line() == null) {
                g.writeNull();
            } else {
                g.writeNumber(f.line());
            }
            text(g, "group", f.group(), bytes);
            text(g, "carc", f.carc(), bytes);
            g.writeArrayFieldStart("rarc");
            for (String r : f.rarc()) {
                if (r == null) {
                    g.writeNull();
                } else {
                    if (bytes) {
                        checkSurrogates(r);
                    }
                    g.writeString(r);
                }
            }
            g.writeEndArray();
            text(g, "message", f.message(), bytes);
            text(g, "fix", f.fix(), bytes);
            text(g, "citation", f.citation(), bytes);
            if (f.source() != null) {
                text(g, "source", f.source(), bytes);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (input) {
            g.writeObjectFieldStart("input");
            text(g, "file", file, bytes);
            g.writeNumberField("record", record);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String name, String value, boolean bytes) throws java.io.IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            if (bytes) {
                checkSurrogates(value);
            }
            g.writeString(value);
        }
    }

    /**
     * Throws {@link LoneSurrogate} when {@code s} holds a surrogate that is not half of a pair: the
     * UTF-8 generator escapes it as {@code \\uD800} where the text encoded has {@code ?}.
     */
    private static void checkSurrogates(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw LoneSurrogate.INSTANCE;
                }
            }
        }
    }

    /** A string of the decision holds a lone surrogate: its line is written as text, then encoded. */
    private static final class LoneSurrogate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final LoneSurrogate INSTANCE = new LoneSurrogate();

        private LoneSurrogate() {
            super("a lone surrogate", null, false, false);
        }
    }

    /** A byte buffer without {@link java.io.ByteArrayOutputStream}'s locks. */
    private static final class Bytes extends java.io.OutputStream {
        private byte[] buf = new byte[4096];
        private int count;

        void reset() {
            count = 0;
        }

        int capacity() {
            return buf.length;
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }

    /** One line of JSON (for NDJSON output and logs). */
    public static String compact(Decision d) {
        return write(d, false, false, null, 0);
    }

    /** Indented JSON for people. */
    public static String pretty(Decision d) {
        return write(d, true, false, null, 0);
    }
}
