package dev.ppl.cli;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ReadOptions payers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!to.equals("json")) {
            err.println("ppl convert: unknown --to `" + to + "`; only json is supported");
            return Main.USAGE;
        }
        try {
            ClaimFiles files = new ClaimFiles(payers.formats());
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
                    for (FieldError e : claim.notChecked()) {
                        err.println(file + ": claim " + claim.claimId() + ": not read (--lenient): " + e.render());
                    }
                } else if (claim.notCovered() != null) {
                    code = Main.DATA_ERROR;
                    err.println(file + ": claim " + (claim.claimId() == null ? "(no id)" : claim.claimId())
                            + ": not converted: " + claim.notCovered());
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
}
