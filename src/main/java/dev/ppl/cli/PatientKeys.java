package dev.ppl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The secret key for patient-id hashes: from a key file, else the environment, else none. */
final class PatientKeys {
    /** Environment variable holding the key when no key file is given (the decision log's and the audit's). */
    static final String ENV = "PPL_DECISION_LOG_KEY";

    private PatientKeys() {}

    /**
     * Reads the key.
     *
     * @param command {@code ppl eval} or {@code ppl audit}, for messages
     * @return the key bytes (at least 16), or null when neither a file nor the environment gives one
     */
    static byte[] read(Path keyFile, String command, String what) {
        byte[] key = null;
        if (keyFile != null) {
            try {
                key = keyBytes(Files.readAllBytes(keyFile));
            } catch (IOException e) {
                throw new CliException(Main.NO_INPUT, command + ": cannot read the key file " + keyFile + ": "
                        + (Files.exists(keyFile) ? IoErrors.describe(e) : "no such file"));
            }
        } else if (System.getenv(ENV) != null && !System.getenv(ENV).isBlank()) {
            key = System.getenv(ENV).strip().getBytes(StandardCharsets.UTF_8);
        }
        if (key != null && key.length < 16) {
            throw new CliException(Main.USAGE, command + ": " + what + " must have at least 16 bytes, it has " + key.length);
        }
        return key;
    }

    /** A key file's bytes: text keys are trimmed (a trailing newline is not part of the key), binary keys used as they are. */
    static byte[] keyBytes(byte[] file) {
        try {
            return dev.ppl.source.Utf8.decode(file).strip().getBytes(StandardCharsets.UTF_8);
        } catch (dev.ppl.source.Utf8.Malformed binary) {
            return file;
        }
    }
}
