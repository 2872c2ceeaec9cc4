package dev.ppl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicyException;
import dev.ppl.audit.Audit;
import dev.ppl.audit.AuditJson;
import dev.ppl.audit.AuditResult;
import dev.ppl.audit.MeasureExplanation;
import dev.ppl.audit.Pseudonyms;
import dev.ppl.audit.Remittances;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.x12.Remittance;
import dev.ppl.formats.x12.RemittanceReader;
import dev.ppl.input.ClaimFormat;
import dev.ppl.report.HtmlReport;
import dev.ppl.input.ClaimFormats;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ppl audit}: the policies' audit measures and rule findings over a corpus of claims.
 * Claims stream through the same reader and worker pool as {@code ppl eval}; the audit keeps
 * bounded state per group, never a claim, and no PHI reaches any output.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Main.USAGE,
        description = {"Audit a corpus of claims: the policies' measures (rates, counts, peer percentiles, flags) and "
                + "their rule findings over time.",
                "CLAIMS are read as by `ppl eval`: claim JSON, NDJSON, X12 837P, FHIR, directories and -.",
                "Patients appear only as keyed hashes (hmac-sha256), as in the decision log; no note text and no "
                        + "finding message about a claim is written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every claim was read", "64:usage error",
                "65:a record is not a valid claim (it is counted and left out) or a policy has errors",
                "66:an input file does not exist or cannot be read", "73:an output file cannot be written"})
final class AuditCommand implements Callable<Integer> {
    /** Environment variable holding the patient key, when no key file is given (shared with the decision log). */
    static final String KEY_ENV = PatientKeys.ENV;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    PolicyOptions policyOptions;

    @Mixin
    BatchOptions batch;

    @Option(names = "--remits", paramLabel = "FILE.835", split = ",",
            description = "X12 835 remittance files to match with the claims (CLP01 = claim id): denial trends and "
                    + "predicted against actual")
    List<Path> remits = new ArrayList<>();

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write the audit as one self-contained HTML report (charts and tables; opens offline)")
    Path html;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Injection billing audit",
            description = "the HTML report's title, e.g. the practice's name")
    String title;

    @Option(names = "--json", description = "print the audit as JSON on standard output instead of the text summary")
    boolean json;

    @Option(names = "--csv", paramLabel = "DIR", description = "also write measures.csv, findings-by-month.csv and rules.csv to DIR")
    Path csv;

    @Option(names = "--explain", paramLabel = "MEASURE",
            description = "instead of the summary, explain one measure (policy/measure or the measure's id): its "
                    + "definition with file:line, the peers and benchmarks, each flag's condition judged on the groups "
                    + "and the claims and lines behind them; the flagged groups, or those --group names; with --json as JSON")
    String explain;

    @Option(names = "--group", paramLabel = "TEXT",
            description = "with --explain: the groups whose key (dimension values joined by commas) starts with TEXT, "
                    + "e.g. an NPI or the first characters of a patient hash")
    String group;

    @Option(names = "--patient-key-file", paramLabel = "FILE",
            description = "secret key for the HMAC-SHA256 of patient ids (at least 16 bytes); default: the environment "
                    + "variable " + KEY_ENV + "; without a key one is drawn for this run, so hashes link only within it")
    Path keyFile;

    @Parameters(paramLabel = "CLAIMS", arity = "1..*",
            description = "claim JSON or NDJSON files, X12 837P files, FHIR files, directories, -")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClaimInputs claimInputs;
        PolicyEngine engine;
        Pseudonyms pseudonyms;
        try {
            claimInputs = batch.claimInputs("audit");
            pseudonyms = pseudonyms();
            PolicyEngine.Builder builder = PolicyEngine.builder();
            policyOptions.sources().forEach(builder::add);
            engine = builder.build();
        } catch (PolicyException e) {
            err.print(e.rendered());
            err.println("ppl audit: the policies have errors; run `ppl check` for details");
            return Main.DATA_ERROR;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        Audit audit = Audit.of(engine.policies(), pseudonyms);
        if (group != null && explain == null) {
            err.println("ppl audit: --group only narrows --explain; add --explain MEASURE");
            return Main.USAGE;
        }
        if (explain != null) {
            List<String> named = audit.measuresNamed(explain);
            if (named.size() != 1) {
                err.println("ppl audit: " + (named.isEmpty() ? "no measure `" + explain + "` in the policies"
                        : "`" + explain + "` names " + named.size() + " measures: " + String.join(", ", named)));
                err.println("help: " + (named.isEmpty() ? dev.ppl.check.Suggest.help(explain, candidates(audit.measureKeys()),
                        "the measures are " + String.join(", ", audit.measureKeys())) : "give the full policy/measure key"));
                return Main.USAGE;
            }
            audit = audit.explaining(named.get(0));
        }
        Audit.Tally tally = audit.tally();
        Summary summary = new Summary("ppl audit");
        int remitDefects = 0;
        if (!remits.isEmpty()) {
            List<Remittance> read = new ArrayList<>();
            for (Path p : remits) {
                try (java.io.InputStream in = Files.newInputStream(p)) {
                    Remittance r = RemittanceReader.read(in, p.toString());
                    read.add(r);
                    for (FieldError e : r.errors()) {
                        err.println(p + ": " + e.render());
                        remitDefects++;
                    }
                    for (Remittance.RemittedClaim c : r.claims()) {
                        for (FieldError e : c.errors()) {
                            err.println(p + ": " + e.render());
                            remitDefects++;
                        }
                    }
                } catch (IOException e) {
                    err.println("ppl audit: cannot read the remittance " + p + ": "
                            + (Files.exists(p) ? IoErrors.describe(e) : "no such file"));
                    return Main.NO_INPUT;
                }
            }
            tally.remittances(Remittances.of(read));
        }
        boolean bar = batch.showProgress();
        long start = System.nanoTime();
        int workers = batch.workers();
        // measures and findings are tallied on the worker that evaluated the claim, one tally per
        // worker, merged at the end; remittances are matched here, in input order
        List<Audit.Tally> perWorker = java.util.Collections.synchronizedList(new ArrayList<>());
        Audit measures = audit;
        ThreadLocal<Audit.Tally> workerTally = ThreadLocal.withInitial(() -> {
            Audit.Tally t = measures.tally();
            perWorker.add(t);
            return t;
        });
        try (Progress shown = bar ? Progress.bar(err, claimInputs.size(inputs)) : Progress.NONE;
                ClaimInput in = claimInputs.open(inputs, main.in, batch.stdinFormat(claimInputs), summary::problem)) {
            new Batch(engine, null, workers, r -> {
                if (r.read().isOk()) {
                    workerTally.get().addMeasured(r.read().claim(), r.decision());
                }
            }).run(in, r -> {
                shown.step(r.record().size());
                if (r.record() instanceof dev.ppl.input.FileRecord file) {
                    summary.file(file); // a file's own problems are not claims
                    return;
                }
                dev.ppl.input.ClaimRecord record = (dev.ppl.input.ClaimRecord) r.record();
                if (r.failure() != null) {
                    summary.internal();
                    tally.addInvalid();
                    return;
                }
                if (!r.read().isOk()) {
                    summary.malformed(record.where(), r.read().errors().get(0).render());
                    tally.addInvalid();
                } else {
                    tally.addRemitted(r.read().claim(), r.decision());
                }
                summary.decision(record.source(), r.decision());
            });
        } catch (IOException e) {
            summary.problem("cannot read the input: " + IoErrors.describe(e));
        }
        // each worker's tally moves into the total and is dropped, so its groups are never held twice
        while (!perWorker.isEmpty()) {
            tally.merge(perWorker.remove(perWorker.size() - 1));
        }
        AuditResult result = tally.result();
        try {
            if (csv != null) {
                Files.createDirectories(csv);
                for (Map.Entry<String, String> f : AuditJson.toCsv(result).entrySet()) {
                    Files.writeString(csv.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
            }
            if (html != null) {
                String from = inputs.size() == 1 ? inputs.get(0) : inputs.size() + " inputs";
                Files.writeString(html, HtmlReport.render(result, title, "Made by ppl audit on "
                        + java.time.LocalDate.now() + " from " + from + (remits.isEmpty() ? "" : " and " + remits.size()
                        + " remittance file" + (remits.size() == 1 ? "" : "s"))), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("ppl audit: cannot write the report: " + IoErrors.describe(e));
            return Main.CANT_CREATE;
        }
        MeasureExplanation explained = explain == null ? null : tally.explain(g -> group == null ? g.flag() != null
                : String.join(",", g.key()).startsWith(group));
        if (explained != null && !json) {
            out.print(AuditExplainText.of(explained, group));
        } else if (json) {
            try {
                // streamed, not built as a tree: a measure grouped by patient and month has a group per visit month
                com.fasterxml.jackson.core.JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
                g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.useDefaultPrettyPrinter();
                if (explained != null) {
                    AuditJson.write(explained, g);
                } else {
                    AuditJson.write(result, g);
                }
                g.flush();
                out.println();
            } catch (IOException e) {
                throw new IllegalStateException("an audit tree always serializes", e);
            }
        } else {
            out.print(AuditText.of(result));
        }
        out.flush();
        summary.print(err, System.nanoTime() - start);
        int code = 0;
        if (summary.malformed() > 0 || remitDefects > 0) {
            code = Main.DATA_ERROR;
        }
        if (summary.hasProblems()) {
            code = Main.NO_INPUT;
        }
        if (summary.internalErrors() > 0) {
            code = Main.SOFTWARE;
        }
        return code;
    }

    /** Measure keys and their bare measure ids, for "did you mean". */
    private static List<String> candidates(List<String> keys) {
        List<String> out = new ArrayList<>(keys);
        keys.forEach(k -> out.add(k.substring(k.lastIndexOf('/') + 1)));
        return out;
    }

    private Pseudonyms pseudonyms() {
        byte[] key = PatientKeys.read(keyFile, "ppl audit", "the patient key");
        return key == null ? Pseudonyms.random() : Pseudonyms.keyed(key);
    }

}
