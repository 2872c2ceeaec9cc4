package dev.ppl.cli;

import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicyException;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl eval}: evaluate claims and print one decision per claim. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate claims against the policies; print one decision per claim.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every claim was read and evaluated", "64:usage error",
                "65:a claim is malformed (its decision is a reject naming the fields) or a policy has errors",
                "66:an input file does not exist"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|text",
            description = "json: the decision JSON (one per line for several claims); text: a summary for people")
    String format;

    @Parameters(paramLabel = "CLAIM", arity = "1..*", description = "claim JSON files")
    List<Path> claims = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("json") && !format.equals("text")) {
            err.println("ppl eval: unknown --format `" + format + "`; use json or text");
            return Main.USAGE;
        }
        PolicyEngine engine;
        try {
            PolicyEngine.Builder builder = PolicyEngine.builder();
            policyOptions.sources().forEach(builder::add);
            engine = builder.build();
        } catch (PolicyException e) {
            err.print(e.rendered());
            err.println("ppl eval: the policies have errors; run `ppl check` for details");
            return Main.DATA_ERROR;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        int code = 0;
        List<Decision> decisions = new ArrayList<>();
        for (Path path : claims) {
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("ppl eval: cannot read " + path + ": " + (Files.exists(path) ? e.getMessage() : "no such file"));
                code = Math.max(code, Main.NO_INPUT);
                continue;
            }
            ClaimReadResult read = ClaimJson.read(text);
            if (!read.isOk()) {
                for (FieldError e : read.errors()) {
                    err.println(path + ": " + e.render());
                }
                code = Math.max(code, Main.DATA_ERROR);
            }
            decisions.add(engine.evaluate(read));
        }
        for (Decision d : decisions) {
            if (format.equals("text")) {
                out.print(text(d));
            } else {
                out.println(decisions.size() == 1 ? DecisionJson.pretty(d) : DecisionJson.compact(d));
            }
        }
        return code;
    }

    /** A decision as a biller reads it. */
    static String text(Decision d) {
        StringBuilder out = new StringBuilder();
        out.append("claim ").append(d.claimId()).append(": ").append(d.outcome().toUpperCase(java.util.Locale.ROOT)).append('\n');
        if (!d.policies().isEmpty()) {
            out.append("  policies: ");
            out.append(String.join(", ", d.policies().stream().map(p -> p.id() + "@" + p.version()).toList())).append('\n');
        }
        for (Finding f : d.findings()) {
            out.append("  ").append(f.line() == null ? "claim " : "line " + f.line()).append("  ")
                    .append(f.severity().toUpperCase(java.util.Locale.ROOT));
            if (f.carc() != null) {
                out.append(' ').append(f.group()).append('-').append(f.carc());
            }
            if (!f.rarc().isEmpty()) {
                out.append(' ').append(String.join(",", f.rarc()));
            }
            out.append("  ").append(f.rule()).append('\n');
            out.append("      ").append(f.message()).append('\n');
            if (f.fix() != null) {
                out.append("      fix: ").append(f.fix()).append('\n');
            }
            if (f.citation() != null) {
                out.append("      source: ").append(f.citation()).append('\n');
            }
        }
        return out.append('\n').toString();
    }
}
