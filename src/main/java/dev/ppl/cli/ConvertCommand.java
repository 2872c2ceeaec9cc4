package dev.ppl.cli;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.InputFormat;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.fhir.FhirClaimReader;
import dev.ppl.formats.x12.X12ClaimReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl convert}: show the PPL claim JSON that PPL reads from an X12 837P or FHIR file. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Print the PPL claim JSON read from an X12 837P or FHIR file, so you can check what PPL understood.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every claim was read", "64:usage error", "65:a claim or the file has errors (listed on stderr)",
                "66:the file does not exist"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "an X12 837P file, a FHIR Claim/ExplanationOfBenefit/Bundle, or PPL claim JSON")
    Path file;

    @Option(names = "--to", defaultValue = "json", paramLabel = "json", description = "output format (json)")
    String to;

    @Option(names = "--payers", paramLabel = "MAPPING",
            description = "payer mapping (CSV or JSON) from X12/FHIR payer ids to PPL payers; added over the default Medicare contractors")
    Path payers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!to.equals("json")) {
            err.println("ppl convert: unknown --to `" + to + "`; only json is supported");
            return Main.USAGE;
        }
        try {
            ClaimFiles files = new ClaimFiles(ClaimFiles.mapping(payers));
            FileReadResult result = files.read(file);
            for (FieldError w : result.warnings()) {
                err.println(file + ": warning: " + w.render());
            }
            for (FieldError e : result.errors()) {
                err.println(file + ": " + e.render());
            }
            int code = result.errors().isEmpty() ? 0 : Main.DATA_ERROR;
            for (ClaimReadResult claim : result.claims()) {
                if (claim.isOk()) {
                    out.println(ClaimJson.write(claim.claim()));
                } else {
                    code = Main.DATA_ERROR;
                    for (FieldError e : claim.errors()) {
                        err.println(file + ": claim " + (claim.claimId() == null ? "(no id)" : claim.claimId()) + ": "
                                + e.render());
                    }
                }
            }
            if (result.claims().isEmpty() && result.errors().isEmpty()) {
                err.println(file + ": no claims found");
            }
            return code;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
    }

    /** Reads claim files in any supported format, recognised by content. */
    static final class ClaimFiles {
        private final PayerMapping payers;

        ClaimFiles(PayerMapping payers) {
            this.payers = payers;
        }

        static PayerMapping mapping(Path overrides) {
            if (overrides == null) {
                return PayerMapping.defaults();
            }
            try {
                return PayerMapping.defaults().overriddenBy(PayerMapping.load(overrides));
            } catch (IOException e) {
                throw new CliException(Main.NO_INPUT, "ppl: cannot read payer mapping " + overrides + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.DATA_ERROR, "ppl: " + e.getMessage());
            }
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
                        java.nio.charset.StandardCharsets.UTF_8))), List.of(), List.of());
                case NDJSON, UNKNOWN -> new FileReadResult(name, List.of(), List.of(new FieldError("",
                        "not an X12 837P interchange, a FHIR resource or a PPL claim: the file starts with `"
                                + head(bytes) + "`")), List.of());
            };
        }

        private static String head(byte[] bytes) {
            String s = new String(bytes, 0, Math.min(bytes.length, 24), java.nio.charset.StandardCharsets.UTF_8);
            return s.replaceAll("\\s+", " ").strip();
        }
    }
}
