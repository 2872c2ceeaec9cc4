package dev.ppl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.DecisionLog;
import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyCache;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicyException;
import dev.ppl.api.PolicySet;
import dev.ppl.claim.FieldError;
import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimFormats;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimInputs;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.FileRecord;
import dev.ppl.input.InputRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ppl eval}: evaluate claims and print one decision per claim.
 *
 * <p>One claim JSON file gives one indented decision, as it always has. Anything else (several
 * files, NDJSON, directories, {@code -}) is a batch: records stream through a bounded queue to
 * worker threads, one compact decision per input record comes out in input order, each naming
 * its {@code input} file and record, and a summary goes to stderr.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Main.USAGE,
        description = {"Evaluate claims against the policies; print one decision per claim.",
                "CLAIMS are files (claim JSON, NDJSON, X12 837P, FHIR; recognized by content, whatever their name), "
                        + "directories (every file in path order; files in no claim format are skipped and named) "
                        + "and - for standard input.",
                "One claim file gives one indented decision. Otherwise every input record gives one line of "
                        + "output, in input order, and a summary goes to stderr; a malformed record gives a reject "
                        + "decision naming its file, record number and fields."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every claim was read and evaluated", "64:usage error",
                "65:a claim is malformed (its decision is a reject naming the fields), a claim went over an evaluation "
                        + "limit (its decision is a reject naming the limit), a file has file-level errors (a file record "
                        + "names them) or a policy has errors",
                "66:an input file does not exist, cannot be read or holds no claim", "70:internal error (a bug; please report it)",
                "73:the decision log cannot be created", "74:writing the decision log or standard output failed"})
final class EvalCommand implements Callable<Integer> {
    /** Environment variable holding the decision log's patient key, when no key file is given. */
    static final String KEY_ENV = PatientKeys.ENV;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|text",
            description = "json: the decision JSON (one line per claim in a batch); text: a summary for people")
    String format = "json"; // defaults as in the annotations: EvalArguments builds the command without picocli

    @Mixin
    BatchOptions batch;

    @Option(names = "--decision-log", paramLabel = "FILE",
            description = "append one JSON line per decision to FILE (no PHI unless --decision-log-include says so)")
    Path decisionLog;

    @Option(names = "--decision-log-key-file", paramLabel = "FILE",
            description = "secret key for the HMAC-SHA256 of patient ids in the decision log (at least 16 bytes); "
                    + "default: the environment variable " + KEY_ENV + "; without a key patient ids are left out")
    Path keyFile;

    @Option(names = "--decision-log-include", paramLabel = "WHAT", split = ",",
            description = "also log, comma separated: messages, patient-id, claim (each may carry PHI)")
    List<String> include = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the decisions to FILE instead of standard output: to FILE.partial while the run goes on, "
                    + "renamed to FILE once every record is written, so FILE is never incomplete")
    Path output;

    @Option(names = "--resume",
            description = "continue an interrupted run of the same command (needs --output): keep the complete records "
                    + "of FILE.partial, checked against the inputs, drop a torn last line, and evaluate from the next "
                    + "input record on; the result is the file an uninterrupted run writes")
    boolean resume;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "evaluation steps one claim may take before it is rejected (evaluation-limit); default: "
                    + EvaluationLimits.DEFAULT_MAX_STEPS)
    long maxSteps = EvaluationLimits.DEFAULT_MAX_STEPS;

    @Option(names = "--max-history", paramLabel = "N",
            description = "history entries a claim may carry; a claim with more is rejected; default: "
                    + EvaluationLimits.DEFAULT_MAX_HISTORY_ENTRIES)
    int maxHistory = EvaluationLimits.DEFAULT_MAX_HISTORY_ENTRIES;

    @Option(names = "--max-text-length", paramLabel = "N",
            description = "characters of a note that text functions such as similarity() read; default: "
                    + EvaluationLimits.DEFAULT_MAX_TEXT_LENGTH)
    int maxTextLength = EvaluationLimits.DEFAULT_MAX_TEXT_LENGTH;

    @Option(names = "--claim-timeout", paramLabel = "TIME",
            description = "wall-clock time one claim's evaluation may take, e.g. 500ms, 2s, 1m; default: none "
                    + "(--max-steps bounds the work the same way on every run)")
    String claimTimeout;

    @Option(names = "--history-from-corpus",
            description = "give each claim the service lines of the same patient's earlier claims in the inputs as its "
                    + "history (within --history-window), after the history it carries; reads the inputs twice")
    boolean historyFromCorpus;

    @Option(names = "--history-window", paramLabel = "DAYS", defaultValue = "365d",
            description = "with --history-from-corpus: how far back an earlier claim counts, in days, e.g. 365d "
                    + "(default) or 90d")
    String historyWindow = "365d";

    @Parameters(paramLabel = "CLAIMS", arity = "1..*",
            description = "claim JSON or NDJSON files, X12 837P files, FHIR Claim/ExplanationOfBenefit/Bundle files, directories, -")
    List<String> inputs = new ArrayList<>();

    /** Records emitted when a batch stopped because its output failed, or 0. */
    private long emittedBeforeFailure;
    /** Whether a batch stopped because writing its output failed. */
    private boolean outputFailed;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Runs the command with its options set, writing to {@code out} and {@code err}; returns the
     * exit code. {@link EvalArguments} calls it without picocli.
     */
    int run(PrintWriter out, PrintWriter err) {
        ClaimInputs claimInputs;
        try {
            claimInputs = batch.claimInputs("eval");
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        String usage = usage();
        if (usage != null) {
            err.println("ppl eval: " + usage);
            return Main.USAGE;
        }
        PolicyEngine engine;
        try {
            PolicyEngine.Builder builder = PolicyEngine.builder().limits(limits());
            PolicyCache cache = PolicyOptions.cache();
            if (cache != null) {
                builder.cache(cache);
            }
            policyOptions.addTo(builder);
            engine = builder.build();
        } catch (PolicyException e) {
            err.print(e.rendered());
            err.println("ppl eval: the policies have errors; run `ppl check` for details");
            return Main.DATA_ERROR;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        if (output != null) {
            output = OutputFile.resolveLink(output);
        }
        if (resume && output != null && OutputFile.isSpecial(output)) {
            err.println("ppl eval: --resume needs --output to name a regular file; " + output
                    + " is a device or pipe, which keeps nothing to resume from");
            return Main.USAGE;
        }
        if (resume && output != null && Files.exists(output) && !Files.exists(OutputFile.partialOf(output))) {
            err.println("ppl eval: " + output + " is complete; nothing to resume (remove it to run again)");
            return 0;
        }
        DecisionLog log;
        try {
            log = openLog();
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        OutputFile file = null;
        OutputFile.Kept kept = null;
        if (output != null) {
            Path partial = OutputFile.partialOf(output);
            try {
                if (resume && Files.exists(partial)) {
                    kept = OutputFile.scan(partial);
                    file = OutputFile.resume(output, kept.bytes());
                } else {
                    file = OutputFile.create(output);
                }
            } catch (IOException e) {
                err.println("ppl eval: cannot create the output file " + partial + ": " + reason(e));
                closeQuietly(log);
                return Main.CANT_CREATE;
            }
            out = file.writer();
        }
        int code;
        try {
            code = single(claimInputs) ? single(claimInputs, engine, log, out, err)
                    : batch(claimInputs, engine, log, out, err, file, kept);
        } finally {
            if (log != null) {
                try {
                    log.close();
                } catch (IOException e) {
                    err.println("ppl eval: cannot finish the decision log " + decisionLog + ": " + IoErrors.describe(e));
                    code = Main.IO_ERROR;
                }
            }
        }
        String where = file == null ? "standard output" : file.partial().toString();
        if (out.checkError() || outputFailed) { // flushes: the last decisions must reach their destination too
            err.println(writeFailure(where, file, emittedBeforeFailure));
            code = Main.IO_ERROR;
        }
        if (file != null) {
            if (code == Main.IO_ERROR || code == Main.USAGE) {
                file.abandon(); // kept for --resume, or as it was when it did not match the inputs
            } else {
                try {
                    file.complete();
                } catch (IOException e) {
                    err.println("ppl eval: cannot finish the output file " + output + ": " + reason(e)
                            + "; the records written are in " + file.partial());
                    code = Main.IO_ERROR;
                }
            }
        }
        if (log != null && log.failures() > 0) {
            err.println("ppl eval: " + log.failures() + " decision" + (log.failures() == 1 ? "" : "s")
                    + " could not be written to the decision log " + decisionLog);
            code = Math.max(code, Main.IO_ERROR);
        }
        return code;
    }

    /** What is wrong with the options, or null. */
    private String usage() {
        if (!format.equals("json") && !format.equals("text")) {
            return "unknown --format `" + format + "`; use json or text";
        }
        if (resume && output == null) {
            return "--resume needs --output FILE: it continues the FILE.partial an interrupted run left";
        }
        if (resume && !format.equals("json")) {
            return "--resume needs --format json: it counts the records of FILE.partial, one line each";
        }
        if (maxSteps <= 0 || maxHistory < 0 || maxTextLength <= 0) {
            return "--max-steps and --max-text-length must be at least 1, --max-history at least 0";
        }
        if (historyWindowDays(historyWindow) < 0) {
            return "--history-window `" + historyWindow + "` is not a number of days; write e.g. 365d or 90d";
        }
        if (historyFromCorpus && inputs.contains("-")) {
            return "--history-from-corpus reads the inputs twice, which standard input cannot be; save it to a file";
        }
        if (claimTimeout != null && timeout(claimTimeout) == null) {
            return "--claim-timeout `" + claimTimeout + "` is not a time; write e.g. 500ms, 2s or 1m";
        }
        for (String what : include) {
            if (detail(what) == null) {
                return "unknown --decision-log-include `" + what + "`; use messages, patient-id or claim";
            }
        }
        if (decisionLog == null && (keyFile != null || !include.isEmpty())) {
            return "--decision-log-key-file and --decision-log-include need --decision-log FILE";
        }
        return null;
    }

    private EvaluationLimits limits() {
        return new EvaluationLimits(maxSteps, maxHistory, maxTextLength, claimTimeout == null ? null : timeout(claimTimeout));
    }

    /** {@code 365d} or {@code 365} as a number of days, or -1. */
    static int historyWindowDays(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})d?").matcher(text.trim());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m} as a positive duration, or null. */
    static Duration timeout(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static DecisionLog.Detail detail(String what) {
        return switch (what.trim().toLowerCase(Locale.ROOT)) {
            case "messages" -> DecisionLog.Detail.MESSAGES;
            case "patient-id" -> DecisionLog.Detail.PATIENT_ID;
            case "claim" -> DecisionLog.Detail.CLAIM;
            default -> null;
        };
    }

    private DecisionLog openLog() {
        if (decisionLog == null) {
            return null;
        }
        // buffered: the batch flushes the log before each chunk of output (Chunk), so a decision in the
        // output is in the log, at one write per chunk instead of one per record
        DecisionLog.Builder builder = DecisionLog.builder().durability(DecisionLog.Durability.BUFFERED);
        include.forEach(w -> builder.include(detail(w)));
        byte[] key = PatientKeys.read(keyFile, "ppl eval", "the decision log key");
        if (key != null) {
            builder.patientKey(key);
        }
        try {
            return builder.open(decisionLog);
        } catch (IOException e) {
            throw new CliException(Main.CANT_CREATE, "ppl eval: cannot open the decision log " + decisionLog + ": "
                    + IoErrors.describe(e));
        }
    }

    /**
     * The key in a key file: a text key without the whitespace around it (a trailing newline), or the
     * bytes as they are when they are not UTF-8 text (a binary key from {@code head -c 32 /dev/urandom}).
     */
    /** One claim JSON file: the behaviour the command has always had. */
    private boolean single(ClaimInputs claimInputs) {
        if (resume || historyFromCorpus || inputs.size() != 1 || inputs.get(0).equals("-")) {
            return false;
        }
        Path p = Path.of(inputs.get(0));
        if (Files.isDirectory(p)) {
            return false;
        }
        if (!Files.exists(p)) {
            return true; // a missing file is reported as a single claim file always was
        }
        return claimInputs.formatOfFile(p) == ClaimFormats.JSON;
    }

    private int single(ClaimInputs claimInputs, PolicyEngine engine, DecisionLog log, PrintWriter out, PrintWriter err) {
        String path = inputs.get(0);
        List<String> problems = new ArrayList<>();
        ClaimRecord record;
        try (ClaimInput input = claimInputs.open(inputs, main.in, null, problems::add)) {
            record = input.next() instanceof ClaimRecord c ? c : null;
        } catch (IOException e) {
            problems.add("cannot read " + path + ": " + IoErrors.describe(e));
            record = null;
        }
        if (record == null) {
            problems.forEach(p -> err.println("ppl eval: " + p));
            return Main.NO_INPUT;
        }
        var read = record.read();
        int code = 0;
        if (read.isFailed()) {
            for (FieldError e : read.errors()) {
                err.println(path + ": " + e.render());
            }
            code = Main.DATA_ERROR;
        }
        Decision d = engine.evaluate(read);
        if (overLimit(d) != null) {
            err.println(path + ": " + overLimit(d).message());
            code = Main.DATA_ERROR;
        }
        if (log != null) {
            log.write(read, d, engine.policies());
            log.flush(); // in the log before it is in the output
        }
        if (format.equals("text")) {
            out.print(text(d, null));
        } else {
            out.println(DecisionJson.pretty(d));
        }
        return code;
    }

    private int batch(ClaimInputs claimInputs, PolicyEngine engine, DecisionLog log, PrintWriter out, PrintWriter err,
            OutputFile file, OutputFile.Kept kept) {
        Main.quietLibraryLogs(); // a batch may read X12
        Summary summary = new Summary();
        boolean bar = batch.showProgress();
        ClaimFormat stdin = batch.stdinFormat(claimInputs);
        long start = System.nanoTime();
        int workers = batch.workers();
        try (Progress shown = bar ? Progress.bar(err, claimInputs.size(inputs)) : Progress.NONE;
                ClaimInput opened = claimInputs.open(inputs, main.in, stdin, summary::problem);
                ClaimInput input = historyFromCorpus ? corpusHistory(claimInputs, stdin, workers).withHistory(opened)
                        : opened) {
            if (kept != null) {
                String mismatch = skipKept(input, file.partial(), kept.records(), shown);
                if (mismatch != null) {
                    err.println("ppl eval: " + file.partial() + " does not match the inputs: " + mismatch
                            + "; run without --resume to start over");
                    return Main.USAGE;
                }
                err.println("ppl eval: resumed after " + kept.records() + " record" + (kept.records() == 1 ? "" : "s")
                        + " in " + file.partial() + (kept.tornBytes() == 0 ? ""
                                : "; dropped an incomplete last line of " + kept.tornBytes() + " bytes"));
            }
            Chunk chunk = new Chunk(out, file != null ? file.stream() : main != null ? main.stdout : null, log);
            // each decision's line is rendered on the worker that evaluated it; this thread only writes
            new Batch(engine, null, workers, null, this::render).run(input, result -> {
                shown.step(result.record().size());
                emit(result, engine, log, summary, chunk);
                chunk.added();
            });
            chunk.write();
        } catch (IOException e) {
            summary.problem("cannot read the input: " + IoErrors.describe(e));
        } catch (OutputFailed e) {
            emittedBeforeFailure = e.emitted;
            outputFailed = true;
            return Main.IO_ERROR; // call() names the failure
        }
        if (out.checkError()) {
            return Main.IO_ERROR;
        }
        summary.print(err, System.nanoTime() - start);
        int code = 0;
        if (summary.malformed() > 0 || summary.overLimit() > 0 || summary.failedFiles() > 0) {
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

    /** The first pass of --history-from-corpus: every claim of the inputs as history (problems are told by the second). */
    private HistoryIndex corpusHistory(ClaimInputs claimInputs, ClaimFormat stdin, int workers) throws IOException {
        try (ClaimInput all = claimInputs.open(inputs, main.in, stdin, problem -> {})) {
            return HistoryIndex.build(all, workers, historyWindowDays(historyWindow));
        }
    }

    /**
     * Reads past the input records an interrupted run already wrote, checking that the k-th line
     * of the partial file names the k-th input record (its file and record number).
     *
     * @return what does not match, or null
     */
    private static String skipKept(ClaimInput input, Path partial, long records, Progress shown) throws IOException {
        ObjectMapper mapper = new ObjectMapper(); // made here, not at class load: a one-claim run never needs it
        try (java.io.BufferedReader lines = Files.newBufferedReader(partial, StandardCharsets.UTF_8)) {
            for (long k = 1; k <= records; k++) {
                String line = lines.readLine();
                String file;
                long number;
                boolean fileRecord;
                try {
                    com.fasterxml.jackson.databind.JsonNode json = mapper.readTree(line);
                    fileRecord = "file".equals(json.path("kind").asText(null));
                    com.fasterxml.jackson.databind.JsonNode in = json.path("input");
                    file = fileRecord ? json.path("file").asText(null) : in.path("file").asText(null);
                    number = fileRecord ? 0 : in.path("record").asLong(-1);
                } catch (JsonProcessingException e) {
                    return "line " + k + " is not a decision record";
                }
                if (file == null || number < 0) {
                    return "line " + k + " is not a decision record of a batch (it names no input file and record)";
                }
                InputRecord r = input.next();
                while (r instanceof FileRecord f && f.skipped()) {
                    r = input.next(); // skipped files give no line
                }
                if (r == null) {
                    return "it has " + records + " records, the inputs only " + (k - 1);
                }
                long rNumber = r instanceof ClaimRecord c ? c.number() : 0;
                if (!r.source().equals(file) || rNumber != number || (r instanceof FileRecord) != fileRecord) {
                    return "line " + k + " is the " + (fileRecord ? "file record of " + file : "decision for " + file
                            + " record " + number) + ", the input's record " + k + " is " + (r instanceof FileRecord
                                    ? "the file record of " + r.source() : r.source() + " record " + rNumber);
                }
                shown.step(r.size());
            }
        }
        return null;
    }

    /**
     * Decisions on their way out, a few hundred at a time, as UTF-8 bytes: their decision-log records
     * are flushed first, so every decision a reader sees in the output is in the decision log; then
     * the whole lines are written and flushed, and a write error stops the batch.
     */
    private static final class Chunk {
        private static final int RECORDS = 256;
        private final PrintWriter out;
        /** The bytes under {@code out}, written to directly; null when {@code out} is all there is (tests). */
        private final OutputStream stream;
        private final DecisionLog log;
        private byte[] bytes = new byte[1 << 17];
        private int size;
        private int records;
        private long written;

        Chunk(PrintWriter out, OutputStream stream, DecisionLog log) {
            this.out = out;
            this.stream = stream;
            this.log = log;
            out.flush(); // anything written to out before goes first
        }

        void add(byte[] line) {
            if (size + line.length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + line.length));
            }
            System.arraycopy(line, 0, bytes, size, line.length);
            size += line.length;
        }

        void add(String text) {
            add(text.getBytes(StandardCharsets.UTF_8));
        }

        void added() {
            if (++records >= RECORDS || size >= 1 << 16) {
                write();
            }
        }

        /** Writes the chunk and flushes; stops the batch when the output is gone (`| head`, a full disk). */
        void write() {
            if (log != null) {
                log.flush();
            }
            if (stream != null) {
                try {
                    stream.write(bytes, 0, size);
                    stream.flush();
                } catch (IOException e) {
                    throw new OutputFailed(written); // the stream keeps the cause for the message
                }
            } else {
                out.write(new String(bytes, 0, size, StandardCharsets.UTF_8));
                if (out.checkError()) {
                    throw new OutputFailed(written);
                }
            }
            size = 0;
            if (bytes.length > 1 << 20) {
                bytes = new byte[1 << 17]; // a chunk of huge lines does not keep its buffer
            }
            written += records;
            records = 0;
        }
    }

    private void emit(Batch.Result r, PolicyEngine engine, DecisionLog log, Summary summary, Chunk out) {
        if (r.record() instanceof FileRecord file) {
            summary.file(file);
            if (!file.skipped()) {
                out.add(format.equals("text") ? text(file) : FileRecords.json(file) + "\n");
            }
            return;
        }
        ClaimRecord record = (ClaimRecord) r.record();
        Decision d = r.decision();
        if (r.failure() != null) {
            summary.internal();
            String claimId = r.read() != null && r.read().claimId() != null ? r.read().claimId() : "(unknown)";
            d = new Decision(claimId, "reject", List.of(), List.of(new Finding("internal-error", "ppl", "reject", null,
                    null, null, List.of(), "internal error while evaluating this claim: " + r.failure()
                            + " (please report this with the input that caused it)", null, null, null)));
        } else {
            if (r.read().isFailed()) {
                summary.malformed(record.where(), r.read().errors().get(0).render());
            } else if (overLimit(d) != null) {
                summary.overLimit(record.where(), overLimit(d).message());
            }
            if (log != null) {
                log.write(r.read(), d, engine.policies());
            }
        }
        summary.decision(record.source(), d);
        if (r.failure() == null && r.output() != null) {
            out.add(r.output());
        } else {
            out.add(line(d, record));
        }
    }

    /** A claim's output in UTF-8, made on the worker thread that evaluated it. */
    private byte[] render(Batch.Result r) {
        ClaimRecord record = (ClaimRecord) r.record();
        return format.equals("text") ? text(r.decision(), record).getBytes(StandardCharsets.UTF_8)
                : DecisionJson.compactLineBytes(r.decision(), record.source(), record.number());
    }

    /** A claim's output: its decision line (JSON), or its decision as people read it (text). */
    private String line(Decision d, ClaimRecord record) {
        return format.equals("text") ? text(d, record)
                : DecisionJson.compactLine(d, record.source(), record.number()) + "\n";
    }

    /** The finding of a claim rejected for going over an evaluation limit, or null. */
    private static Finding overLimit(Decision d) {
        return d.findings().size() == 1 && d.findings().get(0).rule().equals(PolicySet.EVALUATION_LIMIT)
                ? d.findings().get(0) : null;
    }

    /** Stops a batch whose output is gone. */
    private static final class OutputFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long emitted;

        OutputFailed(long emitted) {
            super("the output failed", null, false, false);
            this.emitted = emitted;
        }
    }

    /** The message for a failed write of the decisions, with its cause when known. */
    private String writeFailure(String where, OutputFile file, long stoppedAfter) {
        String why = file != null ? file.failureText()
                : main.stdout != null ? main.stdout.failureText() : "the output was closed or could not be written";
        return "ppl eval: cannot write the decisions to " + where + ": " + why + "; "
                + (stoppedAfter > 0 ? "stopped after " + stoppedAfter + " records; " : "")
                + (file == null || file.direct() ? "the output is incomplete"
                        : "its complete records are kept: free space and run the same command with --resume");
    }

    /** An I/O error in words: the file and what went wrong, no exception class names. */
    private static String reason(IOException e) {
        return IoErrors.describe(e);
    }

    private static void closeQuietly(DecisionLog log) {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // the command already failed for another reason
            }
        }
    }

    /** A file record as people read it. */
    static String text(FileRecord file) {
        StringBuilder out = new StringBuilder();
        out.append("file ").append(file.source()).append(": ").append(file.failed() ? "ERROR" : "WARNING");
        if (file.format() != null) {
            out.append(" (read as ").append(file.format()).append(')');
        }
        out.append('\n');
        file.errors().forEach(e -> out.append("  error: ").append(e.render()).append('\n'));
        file.warnings().forEach(e -> out.append("  warning: ").append(e.render()).append('\n'));
        return out.append('\n').toString();
    }

    /** A decision as a biller reads it; {@code record} names the input in a batch. */
    static String text(Decision d, ClaimRecord record) {
        StringBuilder out = new StringBuilder();
        out.append("claim ").append(d.claimId()).append(": ").append(d.outcome().toUpperCase(Locale.ROOT)).append('\n');
        if (record != null) {
            out.append("  input: ").append(record.source()).append(" record ").append(record.number()).append('\n');
        }
        if (!d.policies().isEmpty()) {
            out.append("  policies: ");
            out.append(String.join(", ", d.policies().stream().map(p -> p.id() + "@" + p.version()).toList())).append('\n');
        }
        for (Finding f : d.findings()) {
            out.append("  ").append(f.line() == null ? "claim " : "line " + f.line()).append("  ")
                    .append(f.severity().toUpperCase(Locale.ROOT));
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
