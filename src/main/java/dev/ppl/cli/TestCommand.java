package dev.ppl.cli;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostics;
import dev.ppl.testing.PolicyTests;
import dev.ppl.testing.TestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl test}: run the tests written in policy files. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the tests written beside the rules in policy files.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all tests passed", "1:a test failed", "65:a policy has errors", "66:a path does not exist"})
final class TestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "policy files or directories; default: the bundled library")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PolicySource> sources = new ArrayList<>();
        try {
            if (paths.isEmpty()) {
                sources.addAll(PolicySource.bundled());
            }
            for (Path p : paths) {
                sources.addAll(PolicyOptions.load(p));
            }
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        if (diagnostics.hasErrors()) {
            err.print(diagnostics.render());
            err.println("ppl test: the policies have errors; fix them first");
            return Main.DATA_ERROR;
        }
        List<TestResult> results = PolicyTests.run(set, sources);
        int failed = 0;
        for (TestResult r : results) {
            out.println((r.passed() ? "ok    " : "FAIL  ") + r.policy() + "  " + r.name() + "  (" + r.location() + ")");
            if (!r.passed()) {
                failed++;
                r.failures().forEach(f -> out.println("        " + f));
            }
        }
        out.printf("%d test%s, %d passed, %d failed%n", results.size(), results.size() == 1 ? "" : "s",
                results.size() - failed, failed);
        return failed > 0 ? 1 : 0;
    }
}
