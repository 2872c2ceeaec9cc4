package dev.ppl.cli;

import dev.ppl.api.PolicyException;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.explain.Explainer;
import dev.ppl.explain.Explanation;
import dev.ppl.explain.ExplanationJson;
import dev.ppl.explain.ExplanationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

    @Parameters(paramLabel = "CLAIM", arity = "1", description = "a claim JSON file")
    Path claim;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("ppl explain: unknown --format `" + format + "`; use text or json");
            return Main.USAGE;
        }
        String text;
        try {
            text = Files.readString(claim, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("ppl explain: cannot read " + claim + ": " + (Files.exists(claim) ? e.getMessage() : "no such file"));
            return Main.NO_INPUT;
        }
        ClaimReadResult read = ClaimJson.read(text);
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
}
