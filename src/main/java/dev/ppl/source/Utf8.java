package dev.ppl.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict UTF-8 for every text PPL reads (policies, tables, payer mappings, claims): bytes that are not
 * UTF-8 are an error naming the byte, never silently replaced. A byte-order mark at the start is dropped.
 */
public final class Utf8 {
    private Utf8() {}

    /** Bytes that are not UTF-8, and where. */
    public static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;
        private final long offset;
        private final int value;

        Malformed(long offset, int value) {
            super(String.format("byte %d (0x%02X) is not UTF-8", offset, value & 0xFF));
            this.offset = offset;
            this.value = value & 0xFF;
        }

        /** The byte, {@code 0xE9} for instance. */
        public String value() {
            return String.format("0x%02X", value);
        }

        /** The offset of the first byte that is not UTF-8, from the start of the text. */
        public long offset() {
            return offset;
        }
    }

    private static boolean ascii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The text of a file; a file that is not UTF-8 is a {@link Malformed} naming the byte. */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), 0, Integer.MAX_VALUE);
    }

    /** The bytes as text, a leading byte-order mark dropped. */
    public static String decode(byte[] bytes) throws Malformed {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * {@code length} bytes from {@code offset} as text, a leading byte-order mark dropped; offsets in a
     * {@link Malformed} count from {@code offset}.
     */
    public static String decode(byte[] bytes, int offset, int length) throws Malformed {
        length = Math.min(length, bytes.length - offset);
        if (ascii(bytes, offset, length)) {
            // ASCII is the same text in UTF-8 and Latin-1, and has no byte-order mark: one copy
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new Malformed(in.position() - offset, bytes[in.position()]);
        }
        decoder.flush(out);
        out.flip();
        if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }
}
