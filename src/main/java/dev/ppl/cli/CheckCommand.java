package dev.ppl.cli;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.lint.Linter;
import dev.ppl.lint.Sarif;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl check}: parse, check and lint policies, report every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check policy files and report every error and warning with file:line:col and a fix.",
                "Warnings (PPL09xx) point at policies that check but are probably not what was meant;",
                "every code is explained in docs/diagnostics.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors", "64:usage error", "65:a policy has errors (or warnings, with --strict)",
                "66:a path does not exist"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "policy files or directories; default: the bundled library")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strict", description = "treat warnings as errors")
    boolean strict;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|sarif",
            description = "text: diagnostics with source lines for people; sarif: a SARIF 2.1.0 log for code-scanning tools")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("sarif")) {
            err.println("ppl check: unknown --format `" + format + "`; use text or sarif");
            return Main.USAGE;
        }
        try {
            List<PolicySource> sources = new ArrayList<>();
            if (paths.isEmpty()) {
                sources.addAll(PolicySource.bundled());
            }
            for (Path p : paths) {
                List<PolicySource> found = PolicyOptions.load(p);
                if (found.isEmpty()) {
                    // a check of nothing must not pass: a mistyped folder would look clean
                    err.println("ppl check: " + p + " holds no policy files (.ppl); nothing was checked");
                    return Main.NO_INPUT;
                }
                sources.addAll(found);
            }
            Diagnostics diagnostics = new Diagnostics();
            PolicySet set = PolicySet.compile(sources, diagnostics);
            Linter.lint(set, diagnostics);
            List<Diagnostic> shown = new ArrayList<>();
            for (Diagnostic d : diagnostics.all()) {
                shown.add(strict ? d.asError() : d);
            }
            long errors = shown.stream().filter(Diagnostic::isError).count();
            long warnings = shown.size() - errors;
            if (format.equals("sarif")) {
                out.print(Sarif.write(shown, new Main.Version().getVersion()[0].replaceFirst("^ppl ", "")));
            } else {
                for (Diagnostic d : shown) {
                    out.print(d.render());
                    out.println();
                }
                int policies = set.entries().size();
                out.printf("checked %d file%s, %d polic%s: %d error%s, %d warning%s%n", sources.size(),
                        sources.size() == 1 ? "" : "s", policies, policies == 1 ? "y" : "ies", errors, errors == 1 ? "" : "s",
                        warnings, warnings == 1 ? "" : "s");
            }
            return errors > 0 ? Main.DATA_ERROR : 0;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
    }
}
