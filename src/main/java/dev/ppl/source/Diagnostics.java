package dev.ppl.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one phase over one or more files, up to a limit of errors. */
public final class Diagnostics {
    public static final int ERROR_LIMIT = 50;

    private final List<Diagnostic> items = new ArrayList<>();
    private int errors;

    public void error(String code, SourceFile source, Span span, String message, String help) {
        if (errors < ERROR_LIMIT) {
            items.add(new Diagnostic(Diagnostic.Level.ERROR, code, source, span, message, help));
        }
        errors++;
    }

    public void warning(String code, SourceFile source, Span span, String message, String help) {
        items.add(new Diagnostic(Diagnostic.Level.WARNING, code, source, span, message, help));
    }

    public void add(Diagnostic d) {
        if (d.isError()) {
            error(d.code(), d.source(), d.span(), d.message(), d.help());
        } else {
            items.add(d);
        }
    }

    public void addAll(Diagnostics other) {
        other.items.forEach(this::add);
        errors += Math.max(0, other.errors - other.items.stream().filter(Diagnostic::isError).count());
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public int errorCount() {
        return errors;
    }

    /** Diagnostics sorted by file, then position. */
    public List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing((Diagnostic d) -> d.source().path())
                .thenComparingInt(d -> d.span().start())
                .thenComparing(Diagnostic::code));
        return sorted;
    }

    /** Everything rendered, with a count line when errors went over the limit. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : all()) {
            out.append(d.render()).append('\n');
        }
        if (errors > ERROR_LIMIT) {
            out.append("... and ").append(errors - ERROR_LIMIT).append(" more errors\n");
        }
        return out.toString();
    }
}
