package dev.ppl.formats.x12;

import dev.ppl.claim.FieldError;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Feeds the segments of an X12 byte stream to a {@link Handler}, using StAEDI for the tokenizing (the
 * separators come from the ISA header, so any delimiters work) and for the envelope checks (ISA/IEA,
 * GS/GE, ST/SE counts and control numbers). Problems with the envelope become file-level errors in words;
 * an interchange that cannot be read further ends the stream with an error naming the byte offset.
 */
final class SegmentSource {

    /** Receives the segments in file order. */
    interface Handler {
        void segment(Segment segment);

        /**
         * Called once at the end.
         *
         * @param complete false when reading stopped at a defect before the end of the input
         * @param byteOffset where reading stopped
         * @param endOfInput whether reading stopped because the input ended (rather than at a defect)
         */
        void end(boolean complete, long byteOffset, boolean endOfInput);
    }

    /** X12 header field widths, ISA01..ISA16. */
    private static final int[] ISA_WIDTHS = {2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

    static final int ISA_LENGTH = 106;
    private static final int MAX_FILE_ERRORS = 50;

    private final byte[] data;
    private final int start;
    private final Handler handler;
    private final List<FieldError> errors;
    private int suppressed;

    // position bookkeeping
    private int interchange;
    private int segmentNumber;
    private SegmentBuilder current;
    private String lastTag = "";
    /** The byte where a segment with no readable identifier starts, once one is found; else -1. */
    private long badSegmentStart = -1;
    private int tooManyElements;

    // envelope bookkeeping for count and reference messages
    private int segmentsInTransaction;
    private int transactionsInGroup;
    private int groupsInInterchange;
    private String isa13 = "";
    private String gs06 = "";
    private String st02 = "";

    private SegmentSource(byte[] data, int start, Handler handler, List<FieldError> errors) {
        this.data = data;
        this.start = start;
        this.handler = handler;
        this.errors = errors;
    }

    /**
     * Reads {@code data} from {@code start} (the byte where {@code ISA} begins), calling the handler per
     * segment and adding file-level problems to {@code errors}.
     */
    static void read(byte[] data, int start, Handler handler, List<FieldError> errors) {
        new SegmentSource(data, start, handler, errors).run();
    }

    /**
     * Checks the fixed-width ISA header at {@code start}; returns a problem in words, or null when the header
     * is well formed. X12 takes the element separator from byte 3 of ISA, the component separator from ISA16
     * and the segment terminator from the byte after it, so a header of the wrong width breaks everything.
     */
    static String checkIsaHeader(byte[] data, int start) {
        if (data.length - start < ISA_LENGTH) {
            return "the interchange header ISA is cut short: it has " + (data.length - start)
                    + " bytes, an ISA header is " + ISA_LENGTH + " bytes long";
        }
        String isa = new String(data, start, ISA_LENGTH, StandardCharsets.ISO_8859_1);
        char sep = isa.charAt(3);
        if (Character.isLetterOrDigit(sep) || sep == ' ') {
            return "byte " + (start + 3) + " of the interchange header should be the element separator, found `"
                    + sep + "`";
        }
        int pos = 4;
        for (int i = 0; i < ISA_WIDTHS.length; i++) {
            int end = pos + ISA_WIDTHS[i];
            int actualEnd = isa.indexOf(sep, pos);
            String name = String.format("ISA%02d", i + 1);
            if (i < ISA_WIDTHS.length - 1) {
                if (actualEnd != end) {
                    String value = actualEnd < 0 ? isa.substring(pos) : isa.substring(pos, actualEnd);
                    return name + " `" + show(value) + "` has " + value.length() + " characters" + spaces(value)
                            + "; " + name + " is fixed at " + ISA_WIDTHS[i] + ", padded with spaces (the header is"
                            + " fixed-width: the separators are read from fixed positions)";
                }
            }
            pos = end + 1;
        }
        char component = isa.charAt(104);
        char terminator = isa.charAt(105);
        char repetition = isa.charAt(82);
        if (component == sep || terminator == sep || terminator == component) {
            return "the interchange header declares the same character for two separators: element `" + sep
                    + "`, component (ISA16) `" + component + "`, segment terminator `" + printable(terminator) + "`";
        }
        if (Character.isLetterOrDigit(terminator)) {
            return "the segment terminator (the byte after ISA16) is `" + terminator
                    + "`, a letter or digit; the header is probably not 106 bytes long";
        }
        if (repetition == sep || repetition == terminator) {
            return "the repetition separator ISA11 `" + repetition + "` is the same as another separator";
        }
        return null;
    }

    /** How many spaces a fixed-width value holds, in words, so a message shows what cannot be seen. */
    private static String spaces(String value) {
        int trailing = value.length() - value.stripTrailing().length();
        int leading = value.length() - value.stripLeading().length();
        if (value.isBlank()) {
            return value.isEmpty() ? "" : " (all spaces)";
        }
        String t = trailing == 0 ? "" : trailing + " trailing space" + (trailing == 1 ? "" : "s");
        String l = leading == 0 ? "" : leading + " leading space" + (leading == 1 ? "" : "s");
        return t.isEmpty() && l.isEmpty() ? "" : " (" + (l.isEmpty() ? t : t.isEmpty() ? l : l + ", " + t) + ")";
    }

    private void run() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        EDIStreamReader reader = null;
        boolean complete = true;
        int lastOffset = 0;
        try {
            reader = factory.createEDIStreamReader(new ByteArrayInputStream(data, start, data.length - start));
            while (true) {
                EDIStreamEvent event;
                try {
                    if (!reader.hasNext()) {
                        break;
                    }
                    event = reader.next();
                } catch (EDIStreamException e) {
                    complete = false;
                    if (current != null && tooManyElements > 0) {
                        add(tooManyElementsError(current.tag, current.number, current.elements.size()));
                    }
                    Location at = e.getLocation() != null ? e.getLocation() : reader.getLocation();
                    int offset = at != null && at.getCharacterOffset() >= 0 ? at.getCharacterOffset() : lastOffset;
                    lastOffset = offset;
                    long bytes = byteOffset(offset);
                    String reason = describeBreak(e, bytes);
                    if (badSegmentStart >= 0) {
                        bytes = badSegmentStart; // name where the bad segment starts, not where the tokenizer stopped
                    }
                    add(new FieldError("byte " + bytes, "the interchange cannot be read past byte " + bytes + ": "
                            + reason));
                    break;
                }
                Location location = reader.getLocation();
                if (location != null && location.getCharacterOffset() >= 0) {
                    lastOffset = location.getCharacterOffset();
                }
                handle(event, reader);
            }
        } catch (RuntimeException e) {
            // StAEDI is expected to report bad data through events and EDIStreamException; anything else
            // is reported rather than thrown so one unreadable file cannot stop a batch
            complete = false;
            add(new FieldError("byte " + byteOffset(lastOffset),
                    "the interchange cannot be read past this point (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException | RuntimeException ignored) {
                    // nothing to release beyond the in-memory stream
                }
            }
        }
        if (suppressed > 0) {
            errors.add(new FieldError("", suppressed + " more envelope problem(s) not listed"));
        }
        long stop = badSegmentStart >= 0 ? badSegmentStart : byteOffset(lastOffset);
        handler.end(complete, stop, stop >= data.length);
    }

    private void handle(EDIStreamEvent event, EDIStreamReader reader) {
        Location location = reader.getLocation();
        switch (event) {
            case START_INTERCHANGE -> {
                interchange++;
                segmentNumber = 0;
                groupsInInterchange = 0;
            }
            case START_GROUP -> {
                groupsInInterchange++;
                transactionsInGroup = 0;
            }
            case START_TRANSACTION -> {
                transactionsInGroup++;
                segmentsInTransaction = 0;
            }
            case START_SEGMENT -> {
                segmentNumber++;
                String tag = reader.getText();
                if ("ST".equals(tag)) {
                    segmentsInTransaction = 0;
                }
                segmentsInTransaction++;
                current = new SegmentBuilder(tag, segmentNumber, interchange);
                lastTag = tag;
                tooManyElements = 0;
            }
            case ELEMENT_DATA -> {
                if (current != null) {
                    current.add(location.getElementPosition(), location.getComponentPosition(),
                            location.getElementOccurrence(), reader.getText());
                }
            }
            case END_SEGMENT -> {
                if (current != null) {
                    Segment segment = current.build();
                    current = null;
                    remember(segment);
                    if (tooManyElements > 0) {
                        add(tooManyElementsError(segment.tag(), segment.number(), segment.elements().size()));
                    }
                    handler.segment(segment);
                }
            }
            case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> envelopeError(event, reader);
            default -> {
                // loops and composites need no bookkeeping here: components carry their positions
            }
        }
    }

    private void remember(Segment segment) {
        switch (segment.tag()) {
            case "ISA" -> isa13 = segment.element(13);
            case "GS" -> gs06 = segment.element(6);
            case "ST" -> st02 = segment.element(2);
            default -> {
                // other segments carry no control numbers
            }
        }
    }

    private void envelopeError(EDIStreamEvent event, EDIStreamReader reader) {
        EDIStreamValidationError type = reader.getErrorType();
        Location location = reader.getLocation();
        String text = reader.hasText() ? show(reader.getText()) : "";
        if (event == EDIStreamEvent.SEGMENT_ERROR) {
            // reported before the segment it is about starts
            String tag = location.getSegmentTag() == null ? "?" : location.getSegmentTag();
            int number = current != null ? current.number : segmentNumber + 1;
            String message = switch (type) {
                case MANDATORY_SEGMENT_MISSING -> "a required `" + text + "` segment is missing before this "
                        + tag + (text.equals("SE") ? ": the transaction set has no SE trailer" : "");
                case UNEXPECTED_SEGMENT, SEGMENT_NOT_IN_PROPER_SEQUENCE, SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET ->
                        "segment `" + tag + "` is not expected here in the envelope";
                case UNRECOGNIZED_SEGMENT_ID -> "`" + text + "` is not a segment id";
                default -> "envelope problem: " + words(type) + (text.isEmpty() ? "" : " (`" + text + "`)");
            };
            add(new FieldError(where(tag, number), message));
            return;
        }
        if (current == null) {
            return;
        }
        if (type == EDIStreamValidationError.TOO_MANY_DATA_ELEMENTS) {
            tooManyElements++;
            return;
        }
        int element = location.getElementPosition();
        int component = location.getComponentPosition();
        String name = current.tag + String.format("%02d", Math.max(element, 0))
                + (component > 0 ? "-" + component : "");
        String message = switch (type) {
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> countMessage(current.tag, name, text);
            case CONTROL_REFERENCE_MISMATCH -> referenceMessage(current.tag, name, text);
            case REQUIRED_DATA_ELEMENT_MISSING -> "required element " + name + " is missing";
            case DATA_ELEMENT_TOO_LONG -> name + " `" + text + "` is longer than " + name + " allows";
            case DATA_ELEMENT_TOO_SHORT -> name + " `" + text + "` is shorter than " + name + " allows";
            case INVALID_CHARACTER_DATA -> name + " `" + text + "` has characters " + name + " does not allow";
            case INVALID_CODE_VALUE -> name + " `" + text + "` is not one of the codes " + name + " allows";
            case INVALID_DATE -> name + " `" + text + "` is not a valid date";
            case INVALID_TIME -> name + " `" + text + "` is not a valid time";
            default -> name + ": " + words(type) + (text.isEmpty() ? "" : " (`" + text + "`)");
        };
        add(new FieldError(where(current.tag, current.number) + ", " + name, message));
    }

    private FieldError tooManyElementsError(String tag, int number, int elements) {
        return new FieldError(where(tag, number), tag + " has " + elements + " elements, more than a " + tag
                + " segment holds; the segment terminator declared in ISA (the byte after ISA16) is probably not the"
                + " one the file uses");
    }

    /** A value as shown in a message: control characters escaped, long values cut. */
    static String show(String value) {
        return show(value, 40);
    }

    /** {@code value} with control characters escaped, cut after {@code max} characters. */
    static String show(String value, int max) {
        String v = value.length() > max ? value.substring(0, max) + "..." : value;
        return v.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
                .replaceAll("[\\p{Cntrl}\\x{80}-\\x{9F}]", "?");
    }

    private String countMessage(String tag, String name, String text) {
        return switch (tag) {
            case "SE" -> name + " says the transaction set has " + text + " segments, but it has "
                    + segmentsInTransaction + " from ST to SE";
            case "GE" -> name + " says the functional group has " + text + " transaction set(s), but it has "
                    + transactionsInGroup;
            case "IEA" -> name + " says the interchange has " + text + " functional group(s), but it has "
                    + groupsInInterchange;
            default -> name + " `" + text + "` does not match the actual count";
        };
    }

    private String referenceMessage(String tag, String name, String text) {
        return switch (tag) {
            case "SE" -> name + " `" + text + "` does not match ST02 `" + st02 + "`";
            case "GE" -> name + " `" + text + "` does not match GS06 `" + gs06 + "`";
            case "IEA" -> name + " `" + text + "` does not match ISA13 `" + isa13 + "`";
            default -> name + " `" + text + "` does not match its header's control number";
        };
    }

    private String where(String tag, int number) {
        return (interchange > 1 ? "interchange " + interchange + ", " : "") + "segment " + number + " " + tag;
    }

    private String describeBreak(EDIStreamException e, long bytes) {
        String raw = e.getMessage() == null ? "" : e.getMessage();
        String reason;
        if (raw.contains("EDIE005") || raw.contains("end of stream")) {
            reason = "the input ends in the middle of the interchange (no IEA trailer"
                    + (raw.contains(" in segment ") ? ", last segment unfinished" : "") + ")";
        } else if (raw.contains("X12 header") || raw.contains("INITIAL") || raw.contains("HEADER")) {
            reason = "an interchange header ISA here cannot be read (" + strip(raw) + ")";
        } else if (raw.contains("Error parsing input")) {
            reason = "the bytes here are not valid text (UTF-8): X12 files hold ASCII characters";
        } else {
            String segment = badSegment(bytes);
            reason = segment != null ? segment : raw.contains("Invalid processing state")
                    ? "unexpected " + unexpected(raw) + "after " + lastSegment()
                    : strip(raw);
        }
        return reason;
    }

    /**
     * Names a segment whose identifier cannot be read, from the bytes themselves (StAEDI says only which
     * state its tokenizer was in): the segment from the last terminator before {@code at}. Null when the
     * identifier there looks right, so the problem is something else.
     */
    private String badSegment(long at) {
        if (data.length - start < ISA_LENGTH || at > data.length || at <= start) {
            return null;
        }
        byte elementSeparator = data[start + 3];
        byte terminator = data[start + ISA_LENGTH - 1];
        int from = (int) at - 1; // StAEDI's offset is just past the character it could not take
        while (from > start && data[from - 1] != terminator) {
            from--;
        }
        if (from <= start) {
            return null;
        }
        while (from < data.length && (data[from] == '\r' || data[from] == '\n')) {
            from++;
        }
        int to = from;
        while (to < data.length && data[to] != terminator) {
            to++;
        }
        String text = new String(data, from, to - from, StandardCharsets.ISO_8859_1);
        int tagEnd = text.indexOf((char) (elementSeparator & 0xFF));
        String tag = tagEnd < 0 ? text : text.substring(0, tagEnd);
        String which = "segment " + (segmentNumber + 1) + " (after " + lastSegment() + ")";
        badSegmentStart = from;
        if (text.isEmpty()) {
            return which + " is empty: two segment terminators `" + printable((char) (terminator & 0xFF))
                    + "` in a row, a segment with no identifier";
        }
        if (tag.isEmpty()) {
            return which + " has no identifier: it starts with the element separator, `" + show(text) + "`; a"
                    + " segment starts with its 2- or 3-character identifier, e.g. `REF`";
        }
        if (!tag.matches("[A-Z][A-Z0-9]{1,2}")) {
            return which + " has no valid identifier: `" + show(tag) + "` is not a segment identifier (2 or 3 capital"
                    + " letters or digits, e.g. `REF`)";
        }
        badSegmentStart = -1;
        return null;
    }

    private String lastSegment() {
        return segmentNumber == 0 ? "the start of the interchange" : "segment " + segmentNumber + " " + lastTag;
    }

    /** The character StAEDI's message names ({@code input: 'x'}), in words. */
    private static String unexpected(String raw) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("input: '(.)'").matcher(raw);
        return m.find() ? "`" + show(m.group(1)) + "` " : "character ";
    }

    private static String strip(String raw) {
        return raw.replaceFirst("^EDIE\\d+ - ", "").replaceAll("[\\p{Cntrl}]", " ");
    }

    private static String words(EDIStreamValidationError type) {
        return type == null ? "invalid" : type.name().toLowerCase().replace('_', ' ');
    }

    private static String printable(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.valueOf(c);
        };
    }

    private void add(FieldError error) {
        if (errors.size() < MAX_FILE_ERRORS) {
            errors.add(error);
        } else {
            suppressed++;
        }
    }

    /**
     * The byte offset of StAEDI's character offset {@code chars} (counted from {@code start}): StAEDI decodes
     * UTF-8 and counts characters, which differ from bytes only for non-ASCII text.
     */
    private long byteOffset(int chars) {
        int i = start;
        int counted = 0;
        while (i < data.length && counted < chars) {
            int b = data[i] & 0xFF;
            int len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            counted += len == 4 ? 2 : 1;
            i += len;
        }
        return Math.min(i, data.length);
    }

    /** Collects one segment's elements from StAEDI's element events. */
    private static final class SegmentBuilder {
        final String tag;
        final int number;
        final int interchange;
        final List<List<String>> elements = new ArrayList<>();
        /** Element position to how many times it was sent, for the elements sent more than once. */
        final SortedMap<Integer, Integer> repeated = new TreeMap<>();

        SegmentBuilder(String tag, int number, int interchange) {
            this.tag = tag;
            this.number = number;
            this.interchange = interchange;
        }

        void add(int element, int component, int occurrence, String text) {
            if (element < 1) {
                return;
            }
            if (occurrence > 1) {
                repeated.merge(element, occurrence, Math::max);
                return;
            }
            while (elements.size() < element) {
                elements.add(new ArrayList<>());
            }
            List<String> components = elements.get(element - 1);
            int index = component < 1 ? 1 : component;
            while (components.size() < index) {
                components.add("");
            }
            components.set(index - 1, text == null ? "" : text);
        }

        Segment build() {
            List<Segment.Repeated> repeats = new ArrayList<>();
            repeated.forEach((element, occurrences) -> repeats.add(new Segment.Repeated(element, occurrences)));
            return new Segment(tag, number, interchange, elements, repeats);
        }
    }
}
