package dev.ppl.cli;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.FileRecord;
import dev.ppl.input.InputRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one whole claim file in any supported format for {@code convert} and {@code explain}, which
 * show the file's own errors and warnings. It reads through the same {@link ClaimInputs} as {@code
 * eval}, so a file is recognized, read and reported the same way by every command.
 */
final class ClaimFiles {
    private final ClaimInputs inputs;

    ClaimFiles(List<ClaimFormat> formats) {
        this.inputs = new ClaimInputs(formats);
    }

    FileReadResult read(Path path) {
        List<ClaimReadResult> claims = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (ClaimInput input = inputs.open(List.of(path.toString()), new ByteArrayInputStream(new byte[0]), null,
                problems::add)) {
            for (InputRecord r = input.next(); r != null; r = input.next()) {
                if (r instanceof ClaimRecord c) {
                    claims.add(c.read());
                } else if (r instanceof FileRecord f) {
                    errors.addAll(f.errors());
                    warnings.addAll(f.warnings());
                }
            }
        } catch (IOException e) {
            problems.add("cannot read " + path + ": " + IoErrors.describe(e));
        }
        if (!problems.isEmpty() && claims.isEmpty() && errors.isEmpty()) {
            throw new CliException(Main.NO_INPUT, "ppl: " + String.join("; ", problems));
        }
        return new FileReadResult(path.toString(), claims, errors, warnings);
    }
}
