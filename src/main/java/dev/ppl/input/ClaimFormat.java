package dev.ppl.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import dev.ppl.formats.InputFormat;

/**
 * A file format claims come in. {@link ClaimInputs} picks one per file by its content, else by its
 * extension; X12 837P and FHIR readers plug in by implementing this and being added to the list of
 * formats.
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
     * Whether this format reads content of the given kind, as {@link InputFormat#detect(java.io.InputStream)}
     * tells it: asked, in list order, for standard input and for every file, before its extension.
     */
    default boolean reads(InputFormat content) {
        return false;
    }

    /** Whether a file name has one of this format's extensions. */
    default boolean accepts(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return extensions().stream().anyMatch(lower::endsWith);
    }
}
