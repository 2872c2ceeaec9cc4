package dev.ppl.input;

/**
 * One record of a claim input stream: a {@link ClaimRecord} for each claim-shaped piece of input, or a
 * {@link FileRecord} for what belongs to a file rather than to one claim (an envelope that cannot be read,
 * an X12 835 where claims were expected, a file skipped in a directory walk).
 */
public sealed interface InputRecord permits ClaimRecord, FileRecord {

    /** Where it came from as the user named it ({@code claims/a.ndjson}), or {@code -} for standard input. */
    String source();

    /** About how many bytes of the source it took (for progress), 0 when not known. */
    long size();
}
