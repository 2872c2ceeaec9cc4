package dev.ppl.cli;

/** Ends a command with a message for the user and an exit code; never shown as a stack trace. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }
}
