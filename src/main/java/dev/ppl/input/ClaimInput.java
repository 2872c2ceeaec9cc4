package dev.ppl.input;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of claim records, read one at a time so that a batch of any size runs in constant
 * memory. Not thread-safe: one thread takes the records, others may {@link ClaimRecord#read()
 * read} them.
 *
 * <p>Every claim-shaped piece of input must give a {@link ClaimRecord}, even when it cannot be read
 * as a claim: a malformed NDJSON line is a record whose {@link ClaimRecord#read()} returns the
 * errors. What belongs to a whole file (an envelope error, an 835 where claims were expected) is a
 * {@link FileRecord}, never a claim. Only a source that cannot be read at all (a missing file, an
 * I/O error) throws.
 */
public interface ClaimInput extends Closeable {

    /**
     * The next record, or null at the end.
     *
     * @throws IOException when the source cannot be read further; the records before it stand
     */
    InputRecord next() throws IOException;
}
