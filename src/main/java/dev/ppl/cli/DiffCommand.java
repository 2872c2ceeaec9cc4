package dev.ppl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicyException;
import dev.ppl.api.PolicySet;
import dev.ppl.diff.ClaimChange;
import dev.ppl.diff.DiffTally;
import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.FileRecord;
import dev.ppl.report.DiffReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ppl diff}: what-if replay of a policy change. Every claim is read once and judged by the
 * old and the new policies; the claims whose decision changed are printed as they come (in input
 * order), and the counts go to stderr at the end. Memory stays constant in the number of claims:
 * only the counters of {@link DiffTally} grow, with the number of rules, CARCs and transitions.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Main.USAGE,
        description = {"What-if replay of a policy change: judge the claims with the old and the new policies and show "
                + "every claim whose decision changes, with the findings added and removed and the rule responsible.",
                "OLD and NEW are policy directories (or files), or git revisions of the policy directory --policies DIR "
                        + "(read with the git program). CLAIMS are read as `ppl eval` reads them: claim JSON, NDJSON, "
                        + "X12 837P, FHIR, directories and -.",
                "The changed claims go to standard output (text, or one JSON object per line with --format json); the "
                        + "counts by outcome change, rule and CARC and the charges moved go to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every claim was compared, and no --fail-if option was met",
                "1:every claim was compared, and a --fail-if option was met (the change is over the limit)",
                "64:usage error",
                "65:the old or new policies have errors, a claim is malformed or went over an evaluation limit, or a file "
                        + "has file-level errors (those claims were not compared)",
                "66:an input file cannot be read, or OLD or NEW is neither a policy directory nor a git revision",
                "70:internal error (a bug; please report it)", "73:the HTML report cannot be created",
                "74:writing standard output or the HTML report failed"})
final class DiffCommand implements Callable<Integer> {
    /** Exit code when a --fail-if gate is met; 1, like diff(1) when the inputs differ. */
    static final int GATE = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--from", required = true, paramLabel = "OLD",
            description = "the policies before the change: a directory or file, or a git revision (HEAD~1, main, a tag) "
                    + "of the policy directory --policies DIR")
    String from;

    @Option(names = "--to", paramLabel = "NEW",
            description = "the policies after the change, as for --from; default: the policy directory --policies DIR "
                    + "as it is on disk (the work tree)")
    String to;

    @Option(names = {"-p", "--policies"}, paramLabel = "DIR", defaultValue = ".",
            description = "the policy directory inside a git work tree that revisions are read from, and the default "
                    + "--to; default: the current directory")
    Path policies;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default): each changed claim for people; json: one JSON object per changed claim "
                    + "(docs/schema/diff.schema.json), one per line")
    String format;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write a self-contained HTML report of the change to FILE")
    Path html;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Policy change: what-if replay",
            description = "the HTML report's title")
    String title;

    @Option(names = "--fail-if-changed-over", paramLabel = "N",
            description = "exit 1 when more than N claims change their decision (0: when any does)")
    Long failIfChangedOver;

    @Option(names = "--fail-if-clean-becomes-deny",
            description = "exit 1 when a claim that was paid (clean, or info findings only) becomes deny or reject")
    boolean failIfCleanBecomesDeny;

    @Mixin
    BatchOptions batch;

    @Parameters(paramLabel = "CLAIMS", arity = "1..*",
            description = "claim JSON or NDJSON files, X12 837P files, FHIR Claim/ExplanationOfBenefit/Bundle files, directories, -")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClaimInputs claimInputs;
        try {
            claimInputs = batch.claimInputs("diff");
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        String usage = usage();
        if (usage != null) {
            err.println("ppl diff: " + usage);
            return Main.USAGE;
        }
        PolicyRevision old = null;
        PolicyRevision now = null;
        try {
            old = PolicyRevision.resolve(from, policies, "--from");
            now = to == null ? PolicyRevision.onDisk(policies) : PolicyRevision.resolve(to, policies, "--to");
            PolicyEngine before = engine(old, "--from", err);
            PolicyEngine after = engine(now, "--to", err);
            if (before == null || after == null) {
                return Main.DATA_ERROR;
            }
            DiffReport report = null;
            if (html != null) {
                try {
                    report = DiffReport.create(html);
                } catch (IOException e) {
                    err.println("ppl diff: cannot create the HTML report " + html + ": " + IoErrors.describe(e));
                    return Main.CANT_CREATE;
                }
            }
            try {
                return run(claimInputs, before, after, old, now, report, out, err);
            } finally {
                if (report != null) {
                    report.close();
                }
            }
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        } finally {
            if (old != null) {
                old.close();
            }
            if (now != null) {
                now.close();
            }
        }
    }

    /** What is wrong with the options, or null. */
    private String usage() {
        if (!format.equals("json") && !format.equals("text")) {
            return "unknown --format `" + format + "`; use text or json";
        }
        if (failIfChangedOver != null && failIfChangedOver < 0) {
            return "--fail-if-changed-over must be 0 or more, not " + failIfChangedOver;
        }
        return null;
    }

    /** The engine of one side, or null after printing its policies' errors. */
    private static PolicyEngine engine(PolicyRevision side, String option, PrintWriter err) {
        try {
            PolicyEngine.Builder builder = PolicyEngine.builder();
            side.sources.forEach(builder::add);
            return builder.build();
        } catch (PolicyException e) {
            err.print(e.rendered());
            err.println("ppl diff: the policies of " + option + " " + side.label + " have errors; nothing was compared");
            return null;
        }
    }

    private int run(ClaimInputs claimInputs, PolicyEngine before, PolicyEngine after, PolicyRevision old,
            PolicyRevision now, DiffReport report, PrintWriter out, PrintWriter err) {
        Summary errors = new Summary("ppl diff");
        DiffTally tally = new DiffTally();
        boolean bar = batch.showProgress();
        ClaimFormat stdin = batch.stdinFormat(claimInputs);
        long start = System.nanoTime();
        int workers = batch.workers();
        long[] written = {0};
        try (Progress shown = bar ? Progress.bar(err, claimInputs.size(inputs)) : Progress.NONE;
                ClaimInput in = claimInputs.open(inputs, main.in, stdin, errors::problem)) {
            new Batch(after, before, workers).run(in, result -> {
                shown.step(result.record().size());
                if (!comparable(result, errors)) {
                    return;
                }
                ClaimRecord record = (ClaimRecord) result.record();
                ClaimChange change = ClaimChange.of(record.source(), record.number(), result.read().claim(),
                        result.baseline(), result.decision());
                tally.compared(change);
                if (change == null) {
                    return;
                }
                out.print(format.equals("json") ? json(change) : text(change));
                if (report != null) {
                    try {
                        report.add(change);
                    } catch (IOException e) {
                        throw new ReportFailed(e);
                    }
                }
                if (++written[0] % 256 == 0 && out.checkError()) {
                    throw new OutputFailed();
                }
            });
        } catch (IOException e) {
            errors.problem("cannot read the input: " + IoErrors.describe(e));
        } catch (OutputFailed e) {
            err.println("ppl diff: cannot write to standard output: " + outputFailure() + "; stopped");
            return Main.IO_ERROR;
        } catch (ReportFailed e) {
            err.println("ppl diff: cannot write the HTML report " + html + ": " + e.getCause().getMessage());
            return Main.IO_ERROR;
        }
        if (out.checkError()) {
            err.println("ppl diff: cannot write to standard output: " + outputFailure());
            return Main.IO_ERROR;
        }
        printSummary(err, tally, errors, old, now, before, after, System.nanoTime() - start);
        if (report != null) {
            try {
                report.finish(tally, new DiffReport.About(title, old.label, now.label, String.join(" ", inputs),
                        "generated " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))
                                + " by ppl diff"));
                err.println("  report: " + html);
            } catch (IOException e) {
                err.println("ppl diff: cannot write the HTML report " + html + ": " + IoErrors.describe(e));
                return Main.IO_ERROR;
            }
        }
        int code = 0;
        if (errors.malformed() > 0 || errors.overLimit() > 0 || errors.failedFiles() > 0) {
            code = Main.DATA_ERROR;
        }
        if (errors.hasProblems()) {
            code = Main.NO_INPUT;
        }
        if (errors.internalErrors() > 0) {
            code = Main.SOFTWARE;
        }
        List<String> gates = new ArrayList<>();
        if (failIfChangedOver != null && tally.changed() > failIfChangedOver) {
            gates.add("--fail-if-changed-over " + failIfChangedOver + ": " + tally.changed() + " claim"
                    + (tally.changed() == 1 ? "" : "s") + " changed");
        }
        if (failIfCleanBecomesDeny && tally.cleanToDeny() > 0) {
            gates.add("--fail-if-clean-becomes-deny: " + tally.cleanToDeny() + " paid claim"
                    + (tally.cleanToDeny() == 1 ? " becomes" : "s become") + " deny or reject");
        }
        gates.forEach(g -> err.println("ppl diff: failed " + g));
        if (code == 0 && !gates.isEmpty()) {
            code = GATE;
        }
        return code;
    }

    /**
     * Whether a result is a claim both sides judged; a file record, an internal error or a
     * malformed claim is counted in {@code errors} instead. A claim over an evaluation limit on
     * either side is compared, and counted as an error too.
     */
    private static boolean comparable(Batch.Result r, Summary errors) {
        if (r.record() instanceof FileRecord file) {
            errors.file(file);
            return false;
        }
        ClaimRecord record = (ClaimRecord) r.record();
        if (r.failure() != null) {
            errors.internal();
            return false;
        }
        if (r.read().isFailed()) {
            errors.malformed(record.where(), r.read().errors().get(0).render());
            return false;
        }
        Finding limit = overLimit(r.decision()) != null ? overLimit(r.decision()) : overLimit(r.baseline());
        if (limit != null) {
            errors.overLimit(record.where(), limit.message());
        }
        return true;
    }

    private static Finding overLimit(Decision d) {
        return d.findings().size() == 1 && d.findings().get(0).rule().equals(PolicySet.EVALUATION_LIMIT)
                ? d.findings().get(0) : null;
    }

    private static String json(ClaimChange c) {
        try {
            return JSON.writeValueAsString(c.toJson()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change always serializes", e);
        }
    }

    /** A changed claim as people read it. */
    static String text(ClaimChange c) {
        StringBuilder s = new StringBuilder();
        s.append("claim ").append(c.claimId()).append(": ").append(c.before().toUpperCase(Locale.ROOT)).append(" -> ")
                .append(c.after().toUpperCase(Locale.ROOT)).append('\n');
        s.append("  input: ").append(c.file()).append(" record ").append(c.record()).append('\n');
        for (Finding f : c.added()) {
            finding(s, '+', f);
        }
        for (Finding f : c.removed()) {
            finding(s, '-', f);
        }
        if (!c.linesMoved().isEmpty()) {
            s.append("  charges moved: ").append(money(c.dollarsMoved())).append(" (line")
                    .append(c.linesMoved().size() == 1 ? " " : "s ")
                    .append(String.join(", ", c.linesMoved().stream().map(String::valueOf).toList())).append(")\n");
        }
        return s.append('\n').toString();
    }

    private static void finding(StringBuilder s, char sign, Finding f) {
        s.append("  ").append(sign).append(' ').append(f.line() == null ? "claim " : "line " + f.line()).append("  ")
                .append(f.severity().toUpperCase(Locale.ROOT));
        if (ClaimChange.carcOf(f) != null) {
            s.append(' ').append(ClaimChange.carcOf(f));
        }
        if (!f.rarc().isEmpty()) {
            s.append(' ').append(String.join(",", f.rarc()));
        }
        s.append("  ").append(f.rule());
        if (f.source() != null) {
            s.append("  (").append(f.source()).append(')');
        }
        s.append('\n').append("      ").append(f.message()).append('\n');
    }

    static String money(BigDecimal v) {
        return String.format(Locale.US, "$%,.2f", v);
    }

    private void printSummary(PrintWriter err, DiffTally t, Summary errors, PolicyRevision old, PolicyRevision now,
            PolicyEngine before, PolicyEngine after, long nanos) {
        double seconds = nanos / 1e9;
        err.printf(Locale.ROOT, "ppl diff: %d claim%s compared in %.1f s; %d decision%s changed%s%n", t.compared(),
                t.compared() == 1 ? "" : "s", seconds, t.changed(), t.changed() == 1 ? "" : "s",
                t.compared() == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100d * t.changed() / t.compared()));
        err.println("  from: " + old.label + " (" + versions(before) + ")");
        err.println("  to:   " + now.label + " (" + versions(after) + ")");
        if (t.changed() > 0) {
            err.println("  outcome changes:");
            for (Map.Entry<String, Long> e : t.transitions()) {
                err.println("    " + e.getKey().replace("->", " -> ") + " " + e.getValue());
            }
            deltas(err, "findings by rule (added, removed)", t.rules());
            deltas(err, "findings by CARC (added, removed)", t.carcs());
            err.println("  charges moved: " + money(t.dollarsMoved()) + " on " + t.linesMoved() + " line"
                    + (t.linesMoved() == 1 ? "" : "s") + " whose outcome changed");
            if (t.cleanToDeny() > 0) {
                err.println("  paid claims now denied: " + t.cleanToDeny() + " (clean or info before, deny or reject now)");
            }
        }
        errors.printErrors(err);
    }

    private static String versions(PolicyEngine e) {
        int n = e.policies().entries().size();
        return n + " policy version" + (n == 1 ? "" : "s");
    }

    private static void deltas(PrintWriter err, String title, List<Map.Entry<String, DiffTally.Delta>> rows) {
        if (rows.isEmpty()) {
            err.println("  " + title + ": none");
            return;
        }
        err.println("  " + title + ":");
        for (Map.Entry<String, DiffTally.Delta> e : rows) {
            err.println("    " + e.getKey() + " +" + e.getValue().added() + " -" + e.getValue().removed());
        }
    }

    private String outputFailure() {
        return main.stdout != null ? main.stdout.failureText() : "the output was closed or could not be written";
    }

    /** Stops the run when standard output is gone. */
    private static final class OutputFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailed() {
            super("the output failed", null, false, false);
        }
    }

    /** Stops the run when the HTML report cannot be written. */
    private static final class ReportFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReportFailed(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
