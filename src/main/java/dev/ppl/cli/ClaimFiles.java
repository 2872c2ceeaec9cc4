package dev.ppl.cli;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.InputFormat;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.fhir.FhirClaimReader;
import dev.ppl.formats.x12.X12ClaimReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one whole claim file in any supported format, recognised by content, keeping the
 * file's own errors and warnings (for {@code convert} and {@code explain}, which show them;
 * {@code eval} streams through {@link dev.ppl.input.ClaimInputs} instead).
 */
final class ClaimFiles {
    private final PayerMapping payers;

    ClaimFiles(PayerMapping payers) {
        this.payers = payers;
    }

    FileReadResult read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CliException(Main.NO_INPUT, "ppl: cannot read " + path + ": "
                    + (Files.exists(path) ? e.getMessage() : "no such file"));
        }
        return read(bytes, path.toString());
    }

    FileReadResult read(byte[] bytes, String name) {
        return switch (InputFormat.detect(bytes)) {
            case X12 -> new X12ClaimReader(payers).read(new ByteArrayInputStream(bytes), name);
            case FHIR_JSON -> new FhirClaimReader(payers).read(new ByteArrayInputStream(bytes), name);
            case PPL_CLAIM_JSON -> new FileReadResult(name, List.of(ClaimJson.read(new String(bytes,
                    StandardCharsets.UTF_8))), List.of(), List.of());
            case NDJSON, UNKNOWN -> new FileReadResult(name, List.of(), List.of(new FieldError("",
                    "not an X12 837P interchange, a FHIR resource or a PPL claim: the file starts with `"
                            + head(bytes) + "`")), List.of());
        };
    }

    private static String head(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 24), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ").strip();
    }
}
