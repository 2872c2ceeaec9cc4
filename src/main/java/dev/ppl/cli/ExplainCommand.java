package dev.ppl.cli;

import dev.ppl.api.PolicyException;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.explain.Explainer;
import dev.ppl.explain.Explanation;
import dev.ppl.explain.ExplanationJson;
import dev.ppl.explain.ExplanationText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl explain}: why a claim got its decision, rule by rule, in words about its lines. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain a claim's decision rule by rule, in words about the claim's own lines.",
                "For each policy: whether it judged the claim, and why not. For each rule: the lines it checked,",
                "every condition met or not, and the finding it made (or why it was not kept)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the claim was explained", "64:usage error",
                "65:the claim is malformed or a policy has errors", "66:the claim file does not exist"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text: for people; json: the same explanation as a JSON tree")
    String format;

    @Parameters(paramLabel = "CLAIM", arity = "1",
            description = "a claim: claim JSON, an X12 837P file or a FHIR Claim/ExplanationOfBenefit/Bundle")
    Path claim;

    @Option(names = "--claim", paramLabel = "ID", description = "which claim of a file holding several (X12, FHIR Bundle)")
    String claimId;

    @Mixin
    ReadOptions payers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("ppl explain: unknown --format `" + format + "`; use text or json");
            return Main.USAGE;
        }
        ClaimReadResult read;
        try {
            read = pick(new ClaimFiles(payers.formats()).read(claim), err);
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        if (read == null) {
            return Main.USAGE;
        }
        if (read.notCovered() != null) {
            err.println("ppl explain: claim " + read.claimId() + " is not judged: " + read.notCovered());
            return Main.DATA_ERROR;
        }
        for (FieldError e : read.notChecked()) {
            err.println(claim + ": not checked: " + e.render());
        }
        if (!read.isOk()) {
            for (FieldError e : read.errors()) {
                err.println(claim + ": " + e.render());
            }
            err.println("ppl explain: the claim cannot be read, so no rule ran; fix the fields above");
            return Main.DATA_ERROR;
        }
        Explainer explainer;
        try {
            explainer = Explainer.of(policyOptions.sources());
        } catch (PolicyException e) {
            err.print(e.rendered());
            err.println("ppl explain: the policies have errors; run `ppl check` for details");
            return Main.DATA_ERROR;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        Explanation explanation = explainer.explain(read.claim());
        out.print(format.equals("json") ? ExplanationJson.render(explanation) : ExplanationText.render(explanation));
        return 0;
    }

    /** The one claim to explain: the only one in the file, or the one --claim names; null after a usage message. */
    private ClaimReadResult pick(dev.ppl.formats.FileReadResult file, PrintWriter err) {
        for (FieldError e : file.errors()) {
            err.println(claim + ": " + e.render());
        }
        java.util.List<ClaimReadResult> claims = file.claims();
        if (claimId != null) {
            for (ClaimReadResult c : claims) {
                if (claimId.equals(c.claimId())) {
                    return c;
                }
            }
            err.println("ppl explain: " + claim + " has no claim `" + claimId + "`; it holds " + ids(claims));
            return null;
        }
        if (claims.size() == 1) {
            return claims.get(0);
        }
        if (claims.isEmpty()) {
            return ClaimReadResult.failed(null, file.errors().isEmpty()
                    ? java.util.List.of(new FieldError("", "no claim in the file")) : file.errors());
        }
        err.println("ppl explain: " + claim + " holds " + claims.size() + " claims (" + ids(claims)
                + "); pick one with --claim ID");
        return null;
    }

    private static String ids(java.util.List<ClaimReadResult> claims) {
        return claims.isEmpty() ? "no claims" : String.join(", ", claims.stream()
                .map(c -> c.claimId() == null ? "(no id)" : c.claimId()).toList());
    }
}
