package dev.ppl.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * A file format claims come in. {@link ClaimInputs} picks one per file by its extension; X12 837P
 * and FHIR readers plug in by implementing this and being added to the list of formats.
 */
public interface ClaimFormat {

    /** Short name, used by {@code --stdin-format}: {@code json}, {@code ndjson}. */
    String name();

    /** File extensions with the dot, lower case: {@code .json}. */
    List<String> extensions();

    /**
     * Reads records from a stream.
     *
     * @param source how records name where they came from (the path as given, or {@code -})
     * @param in the bytes; the returned input closes it
     */
    ClaimInput open(String source, InputStream in) throws IOException;

    /**
     * Whether content that starts with these bytes is in this format: asked, in list order, for
     * standard input and for files whose extension no format names. {@code head} holds at least
     * the first non-blank line, or all of the content when it is shorter, up to 64 KiB. An X12
     * reader would look for {@code ISA}, a FHIR reader for {@code "resourceType"}.
     */
    default boolean recognizes(byte[] head, int length) {
        return false;
    }

    /** Whether a file name has one of this format's extensions. */
    default boolean accepts(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return extensions().stream().anyMatch(lower::endsWith);
    }
}
