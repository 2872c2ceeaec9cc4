package dev.ppl.claim;

/**
 * A problem with one field of a claim as read from JSON, X12 or FHIR.
 *
 * @param path where the problem is: a JSON field path such as {@code lines[2].diagnosisPointers[0]},
 *     or for X12 a segment position, loop and element
 * @param message what is wrong, in words: what was there and what was expected
 */
public record FieldError(String path, String message) {

    /** {@code path: message}. */
    public String render() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
