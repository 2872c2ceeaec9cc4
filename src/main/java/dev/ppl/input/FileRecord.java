package dev.ppl.input;

import dev.ppl.claim.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * What an input stream says about a whole file rather than one claim. It is never a claim: it is not
 * evaluated, carries no CARC and is not counted as a claim.
 *
 * <ul>
 *   <li>A file that was read but has problems of its own: an X12 envelope that cannot be read, control
 *       counts that do not match, a transaction set that is not an 837P (an 835, a 999), a FHIR resource
 *       that is not a claim. The claims it did hold follow as {@link ClaimRecord}s. {@code errors} or
 *       {@code warnings} is not empty.
 *   <li>A file that was not read at all ({@code skipped}): in a directory walk, a hidden file or one whose
 *       content is not a claim format; {@code reason} says why.
 * </ul>
 *
 * @param source the file as the user named it or as found in a directory walk
 * @param format the claim format it was read in ({@code x12}, {@code fhir}...), or null when skipped
 * @param skipped whether the file was left unread
 * @param reason why it was skipped, in words; null when it was read
 * @param errors problems that kept the file, or part of it, from being read as claims
 * @param warnings notes that did not stop a claim from being read, e.g. a payer read with a fallback id
 */
public record FileRecord(String source, String format, boolean skipped, String reason, List<FieldError> errors,
        List<FieldError> warnings) implements InputRecord {

    public FileRecord {
        Objects.requireNonNull(source, "source");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (skipped != (reason != null)) {
            throw new IllegalArgumentException("a skipped file has a reason, a read file none");
        }
    }

    /** A file that was not read, and why. */
    public static FileRecord skipped(String source, String reason) {
        return new FileRecord(source, null, true, reason, List.of(), List.of());
    }

    /** A file that was read in {@code format} and has file-level problems or notes. */
    public static FileRecord read(String source, String format, List<FieldError> errors, List<FieldError> warnings) {
        return new FileRecord(source, format, false, null, errors, warnings);
    }

    /** A file that could not be read as any claim format (errors say why). */
    public static FileRecord unreadable(String source, String message) {
        return new FileRecord(source, null, false, null, List.of(new FieldError("", message)), List.of());
    }

    @Override
    public long size() {
        return 0;
    }

    /**
     * The line {@code ppl eval} writes for this file in a batch ({@code
     * docs/schema/file-record.schema.json}): kind, file, format, status, errors and warnings.
     */
    public String toJsonLine() {
        com.fasterxml.jackson.databind.node.ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        node.put("kind", "file");
        node.put("file", source);
        if (format != null) {
            node.put("format", format);
        } else {
            node.putNull("format");
        }
        node.put("status", failed() ? "error" : "warning");
        com.fasterxml.jackson.databind.node.ArrayNode e = node.putArray("errors");
        errors.forEach(x -> e.addObject().put("path", x.path()).put("message", x.message()));
        com.fasterxml.jackson.databind.node.ArrayNode w = node.putArray("warnings");
        warnings.forEach(x -> w.addObject().put("path", x.path()).put("message", x.message()));
        return node.toString();
    }

    /** Whether it has errors: some or all of the file could not be read as claims. */
    public boolean failed() {
        return !errors.isEmpty();
    }
}
