package dev.ppl.input;

import dev.ppl.claim.ClaimReadResult;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One claim as it came from an input. Reading it may be left to {@link #read()}, so that a batch
 * parses claims on its worker threads rather than on the thread that splits the input.
 *
 * @param source the file it came from as the user named it ({@code claims/a.ndjson}), or {@code -}
 *     for standard input
 * @param number where in the source: the line number for NDJSON, 1 for a file that holds one
 *     claim, the claim's position for formats with several claims per document
 * @param size about how many bytes of the source it took (for progress), 0 when not known
 * @param reader reads the claim; called once, on any thread
 */
public record ClaimRecord(String source, long number, long size, Supplier<ClaimReadResult> reader)
        implements InputRecord {

    public ClaimRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reader, "reader");
    }

    /** A record whose claim was already read (readers that parse a whole document at once). */
    public static ClaimRecord of(String source, long number, long size, ClaimReadResult read) {
        Objects.requireNonNull(read, "read");
        return new ClaimRecord(source, number, size, () -> read);
    }

    /** Reads the claim: the claim, or the field errors that kept it from being read. */
    public ClaimReadResult read() {
        return reader.get();
    }

    /** {@code source:number}, as messages name a record. */
    public String where() {
        return source + ":" + number;
    }
}
