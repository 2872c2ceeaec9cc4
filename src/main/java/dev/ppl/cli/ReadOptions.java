package dev.ppl.cli;

import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimFormats;
import java.util.List;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How claim files are read, shared by {@code eval}, {@code convert} and {@code explain}: {@code
 * --payers MAPPING} (which PPL payer an X12 or FHIR payer is, over the default Medicare contractors)
 * and {@code --lenient} (retrospective audit: unreadable service lines are reported as not checked
 * instead of failing the claim).
 */
final class ReadOptions {
    @Option(names = "--payers", paramLabel = "MAPPING",
            description = "payer mapping (CSV or JSON) for X12 and FHIR claims, over the default Medicare contractors")
    Path file;

    @Option(names = "--lenient",
            description = "retrospective audit of adjudicated data: judge the readable service lines of an X12 or FHIR "
                    + "claim and report the unreadable ones as not checked (default: strict, any problem rejects the claim)")
    boolean lenient;

    /** Every claim format, read with the mapping and mode asked for. */
    List<ClaimFormat> formats() {
        ReadMode mode = lenient ? ReadMode.LENIENT : ReadMode.STRICT;
        // a mapping file is read now, so that a bad one stops the command before it starts; the
        // shipped mapping cannot be bad, and is parsed only when an X12 or FHIR file is read
        return file == null ? ClaimFormats.all(PayerMapping::defaults, mode) : ClaimFormats.all(mapping(), mode);
    }

    /** The default mapping with the file's rows over it; a {@link CliException} when the file is bad. */
    PayerMapping mapping() {
        if (file == null) {
            return PayerMapping.defaults();
        }
        try {
            return PayerMapping.defaults().overriddenBy(PayerMapping.load(file));
        } catch (IOException e) {
            throw new CliException(Main.NO_INPUT, "ppl: cannot read payer mapping " + file + ": " + IoErrors.describe(e));
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.DATA_ERROR, "ppl: " + e.getMessage());
        }
    }
}
