package dev.ppl.cli;

import dev.ppl.formats.PayerMapping;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --payers MAPPING}: which PPL payer an X12 or FHIR payer is, over the default Medicare contractors. */
final class PayerOptions {
    @Option(names = "--payers", paramLabel = "MAPPING",
            description = "payer mapping (CSV or JSON) for X12 and FHIR claims, over the default Medicare contractors")
    Path file;

    /** The default mapping with the file's rows over it; a {@link CliException} when the file is bad. */
    PayerMapping mapping() {
        if (file == null) {
            return PayerMapping.defaults();
        }
        try {
            return PayerMapping.defaults().overriddenBy(PayerMapping.load(file));
        } catch (IOException e) {
            throw new CliException(Main.NO_INPUT, "ppl: cannot read payer mapping " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.DATA_ERROR, "ppl: " + e.getMessage());
        }
    }
}
