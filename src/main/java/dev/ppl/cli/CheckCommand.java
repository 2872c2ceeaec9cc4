package dev.ppl.cli;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl check}: parse and check policies, report every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check policy files and report every error and warning with file:line:col and a fix.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors", "65:a policy has errors (or warnings, with --strict)", "66:a path does not exist"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "policy files or directories; default: the bundled library")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strict", description = "treat warnings as errors")
    boolean strict;

    @Override
    public Integer call() {
        try {
            List<PolicySource> sources = new ArrayList<>();
            if (paths.isEmpty()) {
                sources.addAll(PolicySource.bundled());
            }
            for (Path p : paths) {
                sources.addAll(PolicyOptions.load(p));
            }
            Diagnostics diagnostics = new Diagnostics();
            PolicySet set = PolicySet.compile(sources, diagnostics);
            var out = spec.commandLine().getOut();
            int errors = 0;
            int warnings = 0;
            for (Diagnostic d : diagnostics.all()) {
                Diagnostic shown = strict ? d.asError() : d;
                out.print(shown.render());
                out.println();
                if (d.isError()) {
                    errors++;
                } else {
                    warnings++;
                }
            }
            out.printf("checked %d file%s, %d polic%s: %d error%s, %d warning%s%n", sources.size(), sources.size() == 1 ? "" : "s",
                    set.entries().size(), set.entries().size() == 1 ? "y" : "ies", diagnostics.errorCount(),
                    diagnostics.errorCount() == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
            return errors > 0 || (strict && warnings > 0) ? Main.DATA_ERROR : 0;
        } catch (CliException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return e.exitCode;
        }
    }
}
