package dev.ppl.cli;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostics;
import dev.ppl.testing.Coverage;
import dev.ppl.testing.JUnitReport;
import dev.ppl.testing.PolicyTests;
import dev.ppl.testing.TestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.xml.stream.XMLStreamException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl test}: run the tests written in policy files and report rule coverage. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the tests written beside the rules in policy files and report rule coverage.",
                "A rule is covered when one test's claim makes it fire and another's keeps it silent."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all tests passed (and coverage is at least --coverage-min)",
                "1:a test failed, or coverage is below --coverage-min", "64:usage error", "65:a policy has errors",
                "66:a path does not exist", "73:the --junit file cannot be written"})
final class TestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "policy files or directories; default: the bundled library")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--coverage-min", paramLabel = "PERCENT",
            description = "fail when fewer than PERCENT of the rule outcomes (fired / silent) are covered")
    Double coverageMin;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the results as JUnit XML for CI")
    Path junit;

    @Option(names = {"-v", "--verbose"}, description = "list every rule's coverage, not only the rules missing an outcome")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (coverageMin != null && (coverageMin < 0 || coverageMin > 100)) {
            err.println("ppl test: --coverage-min is a percentage from 0 to 100, not " + coverageMin);
            return Main.USAGE;
        }
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
        Coverage coverage = Coverage.of(set, results);
        out.print(report(coverage, verbose));
        if (junit != null) {
            try (Writer w = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
                JUnitReport.write(results, coverage, w);
            } catch (IOException | XMLStreamException e) {
                err.println("ppl test: cannot write " + junit + ": "
                        + (e instanceof IOException io ? IoErrors.describe(io) : e.getMessage()));
                return Main.CANT_CREATE;
            }
        }
        boolean lowCoverage = coverageMin != null && coverage.percent() + 1e-9 < coverageMin;
        if (lowCoverage) {
            err.printf(Locale.ROOT, "ppl test: rule coverage %s is below --coverage-min %s%n", percent(coverage.percent()),
                    percent(coverageMin));
        }
        return failed > 0 || lowCoverage ? 1 : 0;
    }

    /** The coverage report: a total, then per policy the rules that miss an outcome (every rule with -v). */
    static String report(Coverage coverage, boolean verbose) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "rule coverage %s (%d of %d outcomes: each rule should fire in one test "
                + "and stay silent in another)%n", percent(coverage.percent()), coverage.covered(), coverage.outcomes()));
        for (Coverage.PolicyCoverage p : coverage.policies()) {
            double percent = p.outcomes() == 0 ? 100 : 100.0 * p.covered() / p.outcomes();
            out.append(String.format(Locale.ROOT, "  %-5s %s  (%s)%n", percent(percent), p.policy(), p.source()));
            int width = p.rules().stream().mapToInt(r -> r.rule().length()).max().orElse(0);
            for (Coverage.RuleCoverage r : p.rules()) {
                if (r.full() && !verbose) {
                    continue;
                }
                String status = r.full() ? "covered"
                        : r.fired() == 0 && r.silent() == 0 ? "never judged: no test's claim reaches this policy"
                        : r.fired() == 0 ? "never fired" : "never silent";
                out.append(String.format(Locale.ROOT, "        %-" + width + "s  fired in %d, silent in %d  %s%n", r.rule(),
                        r.fired(), r.silent(), status));
            }
        }
        return out.toString();
    }

    private static String percent(double p) {
        return p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
