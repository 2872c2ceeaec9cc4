package dev.ppl.spark;

/**
 * A PPL job that cannot start: policies with errors (the message holds PPL's diagnostics, as {@code
 * ppl check} prints them), an input that does not exist, an option out of range. Thrown on the
 * driver, before any task runs.
 */
public final class PplSparkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PplSparkException(String message) {
        super(message);
    }

    public PplSparkException(String message, Throwable cause) {
        super(message, cause);
    }
}
