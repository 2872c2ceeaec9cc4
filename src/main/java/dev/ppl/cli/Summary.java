package dev.ppl.cli;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Counts of a batch run, printed to stderr at the end: outcomes, findings by rule and by CARC, errors. */
final class Summary {
    private static final List<String> OUTCOMES = List.of("reject", "deny", "review", "info", "clean");
    /** Malformed records listed by name; the rest are counted. */
    private static final int LISTED = 10;

    private final Map<String, Long> outcomes = new LinkedHashMap<>();
    private final Map<String, Long> rules = new HashMap<>();
    private final Map<String, Long> carcs = new HashMap<>();
    private final List<String> malformedListed = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long records;
    private long files;
    private String lastSource;
    private long malformed;
    private long internal;
    private final List<String> overLimitListed = new ArrayList<>();
    private long overLimit;
    private final List<String> failedFiles = new ArrayList<>();
    private long warnedFiles;
    private final List<String> skipped = new ArrayList<>();

    private final String command;

    Summary() {
        this("ppl eval");
    }

    /** A summary whose first line names {@code command}. */
    Summary(String command) {
        this.command = command;
        OUTCOMES.forEach(o -> outcomes.put(o, 0L));
    }

    /** A record's decision; {@code source} is the file it came from. */
    void decision(String source, Decision d) {
        records++;
        if (!source.equals(lastSource)) {
            files++;
            lastSource = source;
        }
        outcomes.merge(d.outcome(), 1L, Long::sum);
        for (Finding f : d.findings()) {
            rules.merge(f.rule(), 1L, Long::sum);
            if (f.carc() != null) {
                carcs.merge((f.group() == null ? "" : f.group() + "-") + f.carc(), 1L, Long::sum);
            }
        }
    }

    /** A record that could not be read as a claim; {@code first} is its first error, rendered. */
    void malformed(String where, String first) {
        malformed++;
        if (malformedListed.size() < LISTED) {
            malformedListed.add(where + ": " + first);
        }
    }

    /** A claim rejected because its evaluation went over a limit; {@code message} says which. */
    void overLimit(String where, String message) {
        overLimit++;
        if (overLimitListed.size() < LISTED) {
            overLimitListed.add(where + ": " + message);
        }
    }

    long overLimit() {
        return overLimit;
    }

    /** A file record: a file with problems of its own, or one that was skipped. Never a claim. */
    void file(dev.ppl.input.FileRecord file) {
        if (file.skipped()) {
            skipped.add(file.source() + ": " + file.reason());
        } else if (file.failed()) {
            failedFiles.add(file.source() + ": " + file.errors().get(0).render()
                    + (file.errors().size() > 1 ? " (and " + (file.errors().size() - 1) + " more)" : ""));
        } else {
            warnedFiles++;
        }
    }

    long failedFiles() {
        return failedFiles.size();
    }

    /** An evaluation that failed with an internal error. */
    void internal() {
        internal++;
    }

    /** A source that could not be read. */
    void problem(String message) {
        problems.add(message);
    }

    long malformed() {
        return malformed;
    }

    long internalErrors() {
        return internal;
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    void print(PrintWriter err, long nanos) {
        double seconds = nanos / 1e9;
        err.printf(Locale.ROOT, "%s: %d claim%s from %d file%s in %.1f s (%.0f claims/s)%n", command, records,
                records == 1 ? "" : "s", files, files == 1 ? "" : "s", seconds, seconds > 0 ? records / seconds : 0.0);
        List<String> byOutcome = new ArrayList<>();
        outcomes.forEach((o, n) -> {
            if (n > 0) {
                byOutcome.add(o + " " + n);
            }
        });
        err.println("  outcomes: " + (byOutcome.isEmpty() ? "none" : String.join(", ", byOutcome)));
        counts(err, "findings by rule", rules);
        counts(err, "findings by CARC", carcs);
        printErrors(err);
    }

    /** The errors part of the summary: malformed and over-limit claims, bad files, unreadable inputs, skipped files. */
    void printErrors(PrintWriter err) {
        List<String> errors = new ArrayList<>();
        if (malformed > 0) {
            errors.add(malformed + " malformed claim" + (malformed == 1 ? "" : "s"));
        }
        if (overLimit > 0) {
            errors.add(overLimit + " claim" + (overLimit == 1 ? "" : "s") + " over an evaluation limit");
        }
        if (!failedFiles.isEmpty()) {
            errors.add(failedFiles.size() + " file" + (failedFiles.size() == 1 ? "" : "s") + " with file-level errors");
        }
        if (!problems.isEmpty()) {
            errors.add(problems.size() + " unreadable input" + (problems.size() == 1 ? "" : "s"));
        }
        if (internal > 0) {
            errors.add(internal + " internal error" + (internal == 1 ? "" : "s"));
        }
        err.println("  errors: " + (errors.isEmpty() ? "none" : String.join(", ", errors)));
        malformedListed.forEach(m -> err.println("    " + m));
        if (malformed > malformedListed.size()) {
            err.println("    ... and " + (malformed - malformedListed.size()) + " more malformed claims");
        }
        overLimitListed.forEach(m -> err.println("    " + m));
        if (overLimit > overLimitListed.size()) {
            err.println("    ... and " + (overLimit - overLimitListed.size()) + " more claims over an evaluation limit");
        }
        failedFiles.stream().limit(LISTED).forEach(f -> err.println("    " + f));
        if (failedFiles.size() > LISTED) {
            err.println("    ... and " + (failedFiles.size() - LISTED) + " more files with file-level errors");
        }
        problems.forEach(p -> err.println("    " + p));
        if (warnedFiles > 0) {
            err.println("  files with warnings: " + warnedFiles + " (see their file records)");
        }
        if (!skipped.isEmpty()) {
            err.println("  skipped: " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s") + " not read");
            skipped.forEach(f -> err.println("    " + f));
        }
    }

    /** One line per key, most first, then by name; {@code none} when empty. */
    private static void counts(PrintWriter err, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            err.println("  " + title + ": none");
            return;
        }
        err.println("  " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> err.println("    " + e.getKey() + " " + e.getValue()));
    }
}
